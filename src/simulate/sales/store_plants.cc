// The stores tool's plants in the demand plan (store_plants.h).
#include "simulate/sales/store_plants.h"

#include <algorithm>
#include <map>
#include <string>

namespace luckyhub::sim {
namespace {

constexpr int kVictim = 2;  // US0003 Herald Square
constexpr int kOpener = 6;  // US0007 Garment District
constexpr int kClosedStore = 0;  // US0001 Broadway & 8th St
const Date kClosedDays[] = {Date::from_ymd(2026, 1, 13), Date::from_ymd(2026, 1, 21), Date::from_ymd(2026, 1, 28),
                            Date::from_ymd(2026, 2, 4)};

bool has_stores(const World& world) { return world.sales.stores.size() > kOpener + 1; }

bool closed(const World& world, int s, Date d) {
  return s == kClosedStore && d >= world.sales.stores[s].opened &&
         std::find(std::begin(kClosedDays), std::end(kClosedDays), d) != std::end(kClosedDays);
}

// One item per city with kiosks.
void record_location_type(SimContext& ctx) {
  std::map<std::string, nlohmann::json> kiosks;
  for (const Store& s : ctx.world.sales.stores) {
    if (!s.test_store && s.shop_type == kKioskType) kiosks[s.city].push_back(s.shop_id);
  }
  for (const auto& [city, shop_ids] : kiosks) {
    ctx.truth.add_item("store_location_type", {{"city", city},
                                               {"shop_type", kKioskType},
                                               {"max_weight", kKioskMaxWeight},
                                               {"shop_ids", shop_ids}});
  }
}

}  // namespace

double store_plant_factor(const World& world, int s, Date d) {
  if (!has_stores(world)) return 1.0;
  if (closed(world, s, d)) return 0.0;
  if (s == kVictim && d >= world.sales.stores[kOpener].opened) return 1.0 - kCannibalDrop;
  return 1.0;
}

void plant_location_type(SalesWorld& sales) {
  for (Store& s : sales.stores) {
    if (s.test_store || s.shop_type == kFlagshipType) continue;
    s.shop_type = s.demand_weight <= kKioskMaxWeight ? kKioskType : 1;
  }
}

void record_store_plants(SimContext& ctx) {
  ctx.truth.describe("store_cannibalisation", "luckyus_sales_order.t_order",
                     "a store whose demand drops by `drop` from the day a store opens nearby; items {opened_shop_id, "
                     "shop_id, opened, drop}");
  ctx.truth.describe("store_closed_day", "luckyus_opshop.t_shop_opening_time",
                     "a scheduled open day on which the store did not open (no order, no production ticket); items "
                     "{shop_id, day}");
  ctx.truth.describe(
      "store_location_type", "luckyus_opshop.t_shop_info",
      "the stores given one location type (city, shop_type) for selling least (a demand weight "
      "of at most `max_weight`): low against every store, as usual against each other; only the "
      "label is planted; items {city, shop_type, max_weight, shop_ids}");
  const World& world = ctx.world;
  if (!has_stores(world)) return;
  record_location_type(ctx);
  const Store& opener = world.sales.stores[kOpener];
  if (opener.opened > world.start && opener.opened < world.end) {
    ctx.truth.add_item("store_cannibalisation", {{"opened_shop_id", opener.shop_id},
                                                 {"shop_id", world.sales.stores[kVictim].shop_id},
                                                 {"opened", opener.opened.str()},
                                                 {"drop", kCannibalDrop}});
  }
  for (const Date d : kClosedDays) {
    if (d >= world.start && d < world.end && closed(world, kClosedStore, d)) {
      ctx.truth.add_item("store_closed_day",
                         {{"shop_id", world.sales.stores[kClosedStore].shop_id}, {"day", d.str()}});
    }
  }
}

}  // namespace luckyhub::sim
