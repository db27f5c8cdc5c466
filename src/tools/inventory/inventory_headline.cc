// The home tile of inventory: the SKU-stores at risk of a stock-out today and
// the share of goods written off, equal to the summary tiles of the report
// run with its defaults (risk_days 1, demand_days 14, the whole history).
//
// Computed from three small aggregates, by the report's rules (inventory.h):
// at risk when on hand < 1 day of the mean daily consumption over the 14 days
// before as-of (fewer for a store open fewer days, counted from its first
// consumption); written off = Σ written_off / Σ (consumed + written_off).
#include <algorithm>
#include <map>
#include <set>

#include "core/error.h"
#include "domain/stock_movements.h"
#include "tools/inventory/inventory.h"
#include "tools/registry.h"
#include "warehouse/derived_table.h"

namespace luckyhub::inventory {
namespace {

constexpr int kDemandDays = 14;  // the report's default demand_days
constexpr double kRiskDays = 1;  // and risk_days

Headline compute_headline(Warehouse& wh) {
  const std::string as_of_text = wh.meta("as_of");
  if (as_of_text.empty()) throw Error("warehouse " + wh.location() + " records no as-of date");
  const bool movements = std::any_of(stock::kWeekdayTables.begin(), stock::kWeekdayTables.end(),
                                     [&](std::string_view t) { return wh.has_table(t); });
  if (!movements || !wh.has_table("scm_shopstock__t_shop_goods_stock") || !wh.has_table("scm_commodity__t_mdm_goods"))
    return {.covers = "As of " + as_of_text, .note = "no store stock in this warehouse"};
  const Date as_of = Date::parse(as_of_text), from = as_of - kDemandDays;
  Query recent = derived_from(wh, stock::kGoodsDay);
  recent.sql = "SELECT shop_id, goods_id, SUM(consumed) AS consumed FROM " + recent.sql +
               " d WHERE biz_date >= ? AND biz_date < ? AND consume_rows > 0 GROUP BY shop_id, goods_id";
  recent.params.insert(recent.params.end(), {from.str(), as_of.str()});
  Query totals = derived_from(wh, stock::kGoodsDay);
  totals.sql = "SELECT shop_id, goods_id, " + wh.dialect().date_text("MIN(CASE WHEN consume_rows > 0 THEN biz_date END)") +
               " AS first_day, SUM(consumed) AS consumed, SUM(written_off) AS written_off FROM " + totals.sql +
               " d WHERE biz_date < ? GROUP BY shop_id, goods_id";
  totals.params.push_back(as_of.str());
  const std::vector<ResultSet> r =
      wh.query_all({on_hand_query(), recent, totals, {"SELECT id FROM scm_commodity__t_mdm_goods", {}}});

  std::map<std::pair<int64_t, int64_t>, int64_t> on_hand;
  for (const Row row : r[0]) on_hand[{row.integer("shop_id"), row.integer("goods_id")}] = row.integer("on_hand");
  std::set<int64_t> goods;
  for (const Row row : r[3]) goods.insert(row.integer("id"));
  std::map<int64_t, Date> first;  // shop -> its first day of consumption
  int64_t consumed = 0, written_off = 0;
  for (const Row row : r[2]) {
    if (!row.is_null("first_day")) {
      const Date day = Date::parse(row.text("first_day"));
      const auto [it, added] = first.emplace(row.integer("shop_id"), day);
      if (!added) it->second = std::min(it->second, day);
    }
    if (!goods.count(row.integer("goods_id"))) continue;
    consumed += row.integer("consumed"), written_off += row.integer("written_off");
  }
  std::map<int64_t, int> days;  // shop -> days its demand is over
  for (const auto& [shop, day] : first) days[shop] = std::min(kDemandDays, as_of - std::max(from, day));
  int64_t at_risk = 0;
  for (const Row row : r[1]) {
    const int64_t shop = row.integer("shop_id"), g = row.integer("goods_id");
    const auto d = days.find(shop);
    if (!goods.count(g) || d == days.end() || d->second <= 0) continue;
    const double mean = static_cast<double>(row.integer("consumed")) / 1000.0 / d->second;
    const auto oh = on_hand.find({shop, g});
    at_risk += mean > 0 && static_cast<double>(oh == on_hand.end() ? 0 : oh->second) / 1000.0 < kRiskDays * mean;
  }
  Headline h{.covers = "As of " + as_of_text};
  h.figures = {{{"at_risk", "At risk of stock-out", at_risk, ValueType::kInt, "", "",
                 at_risk > 0 ? Status::kRed : Status::kGreen, "on hand under 1 day of supply"},
                "summary",
                {}}};
  if (consumed + written_off > 0)
    h.figures.push_back({{"write_off_share", "Written off", Cell{write_off_share(written_off, consumed)}, ValueType::kRate},
                         "summary",
                         {}});
  return h;
}

const HeadlineRegistration kHeadline("inventory", &compute_headline);

}  // namespace
}  // namespace luckyhub::inventory
