// The stores against peers of their location type on the shared simulation:
// the planted location effect (the kiosks sell less than their weight says)
// shows as exactly those stores gaining against their location peers what
// they lose against every store, and a store's location index is what the
// raw orders give, computed here.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "core/calendar.h"
#include "support/panel_columns.h"
#include "support/shared_sim.h"
#include "tools/registry.h"

namespace luckyhub {
namespace {

using testing::column;

const Report& stores_report() {
  static const Report report = [] {
    auto wh = testing::open_shared_warehouse();
    return run_tool(ToolRegistry::instance().get("stores"), *wh, {});
  }();
  return report;
}

std::optional<double> rate(const Cell& c) {
  if (std::holds_alternative<double>(c)) return std::get<double>(c);
  return std::nullopt;
}

TEST(StoresLocationGroundTruth, ThePlantedLocationTypeAloneGainsAgainstItsPeers) {
  const auto& items = testing::shared_sim().truth["anomalies"]["store_location_effect"]["items"];
  ASSERT_EQ(items.size(), 1u);
  std::set<int64_t> planted;
  for (const auto& id : items[0]["shop_ids"]) planted.insert(id.get<int64_t>());
  const Panel& p = *stores_report().panel("location_peers");
  std::set<int64_t> gaining, comparable;
  for (const auto& row : p.table.rows) {
    const int64_t shop = std::get<int64_t>(row[column(p, "store_id")]);
    const auto all = rate(row[column(p, "index_all")]), location = rate(row[column(p, "index_location")]);
    if (!all || !location) continue;
    if (planted.count(shop)) comparable.insert(shop);
    if (*location - *all >= 0.2) gaining.insert(shop);
    if (planted.count(shop)) EXPECT_LT(*all, 0.75) << shop;  // red against every store
  }
  ASSERT_FALSE(comparable.empty());
  EXPECT_EQ(gaining, comparable);  // precision and recall 1.0
}

// Every store's location index from the paid orders: for each day of the
// window since its opening, the mean of its location peers' orders on their
// day of the same week since opening and weekday (before as-of).
TEST(StoresLocationGroundTruth, LocationIndexEqualsTheRawOrders) {
  auto wh = testing::open_shared_warehouse();
  const Date as_of = Date::parse(wh->meta("as_of")), from = as_of - 28;
  struct Shop {
    Date opened;
    std::string location;
  };
  std::map<int64_t, Shop> shops;
  for (const Row row : wh->query("SELECT id, open_date, shop_type, city FROM opshop__t_shop_info WHERE tenant = 'LKUS'"
                                 " AND open_date < ?", {as_of.str()}))
    shops[row.integer("id")] = {Date::parse(row.text("open_date").substr(0, 10)),
                                row.text("city") + "/" + std::to_string(row.integer("shop_type"))};
  std::map<std::pair<int64_t, int32_t>, int64_t> orders;
  for (const Row row : wh->query("SELECT shop_id, create_time FROM sales_order__t_order WHERE tenant = 'LKUS'"
                                 " AND status IN (20, 30, 40, 60)"))
    ++orders[{row.integer("shop_id"), new_york_date(Timestamp::parse(row.text("create_time"))).days}];
  auto on = [&](int64_t shop, Date d) {
    const auto it = orders.find({shop, d.days});
    return it == orders.end() ? 0.0 : static_cast<double>(it->second);
  };
  const Panel& p = *stores_report().panel("location_peers");
  int checked = 0;
  for (const auto& row : p.table.rows) {
    const int64_t shop = std::get<int64_t>(row[column(p, "store_id")]);
    const Shop& s = shops.at(shop);
    double actual = 0, expected = 0;
    for (Date day = std::max(from, s.opened); day < as_of; ++day) {
      const int week = (day - s.opened) / 7;
      double sum = 0;
      int peers = 0;
      for (const auto& [other, o] : shops) {
        if (other == shop || o.location != s.location) continue;
        const Date start = o.opened + 7 * week;
        const Date d = start + ((day.weekday() - start.weekday() + 7) % 7);
        if (d >= as_of) continue;
        sum += on(other, d), ++peers;
      }
      if (!peers) continue;
      actual += on(shop, day), expected += sum / peers;
    }
    const auto location = rate(row[column(p, "index_location")]);
    if (expected <= 0) {
      EXPECT_FALSE(location) << shop;
      continue;
    }
    ASSERT_TRUE(location) << shop;
    EXPECT_NEAR(*location, actual / expected, 0.000051) << shop;  // the rate cell rounds to 1e-4
    ++checked;
  }
  EXPECT_GT(checked, 3);
}

}  // namespace
}  // namespace luckyhub
