// The menu tool against the simulator's manifest on the shared small
// simulation: every planted price change counted, every planted elasticity
// inside its reported interval, no estimate where nothing was planted, every
// planted popularity move found.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/calendar.h"

#include "support/panel_columns.h"
#include "support/shared_sim.h"
#include "tools/registry.h"

namespace luckyhub {
namespace {

using nlohmann::json;

const Report& menu_report() {
  static const Report report = [] {
    auto wh = testing::open_shared_warehouse();
    return run_tool(ToolRegistry::instance().get("menu"), *wh, {});
  }();
  return report;
}

const json& items_of(const std::string& kind) {
  return testing::shared_sim().truth.at("anomalies").at(kind).at("items");
}

using testing::column;

TEST(MenuGroundTruth, PlantedElasticitiesLieInsideTheirIntervals) {
  std::map<int64_t, double> planted;
  std::map<int64_t, int64_t> changes;
  // A planted raise is counted where the data shows it: a base-size line
  // (medium cup, or food) at the old list price before the day and one at
  // the new price from the day on, at that store (a small simulation's store
  // may sell none before).
  auto wh = testing::open_shared_warehouse();
  auto sold_at = [&](const json& item, const char* price, const char* when) {
    return wh->query("SELECT COUNT(*) AS n FROM sales_order__t_order_item i JOIN sales_order__t_order o ON o.id = i.order_id"
                     " WHERE o.shop_id = ? AND i.spu_id = ? AND (i.cup_size = 2 OR i.category = 'Food')"
                     " AND i.origin_price = ? AND o.pay_time " + std::string(when) + " ?",
                     {item.at("shop_id").get<int64_t>(), item.at("spu_id").get<int64_t>(), item.at(price).get<int64_t>(),
                      item.at("date").get<std::string>()})
               .row(0)
               .integer("n") > 0;
  };
  size_t hidden = 0;
  for (const json& item : items_of("menu_price_change")) {
    planted[item.at("spu_id").get<int64_t>()] = item.at("elasticity").get<double>();
    const bool shown = sold_at(item, "from_cents", "<") && sold_at(item, "to_cents", ">=");
    changes[item.at("spu_id").get<int64_t>()] += shown;
    hidden += !shown;
  }
  EXPECT_LE(hidden, 2u);  // nearly every raise shows in the data
  ASSERT_FALSE(planted.empty());
  const Panel& p = *menu_report().panel("elasticity");
  const size_t id = column(p, "spu_id"), n = column(p, "price_changes"), e = column(p, "elasticity"),
               low = column(p, "low"), high = column(p, "high");
  std::set<int64_t> estimated;
  for (const auto& row : p.table.rows) {
    const int64_t spu = std::get<int64_t>(row[id]);
    const auto it = planted.find(spu);
    if (it == planted.end()) {
      // Nothing planted: no price change, no number.
      EXPECT_EQ(std::get<int64_t>(row[n]), 0) << spu;
      EXPECT_TRUE(std::holds_alternative<std::monostate>(row[e])) << spu;
      continue;
    }
    estimated.insert(spu);
    EXPECT_EQ(std::get<int64_t>(row[n]), changes[spu]) << spu;
    ASSERT_TRUE(std::holds_alternative<double>(row[e])) << spu;
    EXPECT_LE(std::get<double>(row[low]), it->second) << spu << " estimate " << std::get<double>(row[e]);
    EXPECT_GE(std::get<double>(row[high]), it->second) << spu << " estimate " << std::get<double>(row[e]);
  }
  EXPECT_EQ(estimated.size(), planted.size());
}

TEST(MenuGroundTruth, PlantedPopularityMovesAreFound) {
  const Panel& p = *menu_report().panel("moves");
  const size_t id = column(p, "spu_id"), before = column(p, "before"), after = column(p, "after");
  std::map<int64_t, std::pair<std::string, std::string>> moves;
  for (const auto& row : p.table.rows) {
    moves[std::get<int64_t>(row[id])] = {std::get<std::string>(row[before]), std::get<std::string>(row[after])};
  }
  const auto popular = [](const std::string& c) { return c == "Star" || c == "Plowhorse"; };
  ASSERT_FALSE(items_of("menu_quadrant_move").empty());
  for (const json& item : items_of("menu_quadrant_move")) {
    const int64_t spu = item.at("spu_id").get<int64_t>();
    ASSERT_TRUE(moves.count(spu)) << "planted move of " << spu << " not found";
    const bool up = item.at("popularity").get<std::string>() == "up";
    EXPECT_EQ(popular(moves[spu].first), !up) << spu;
    EXPECT_EQ(popular(moves[spu].second), up) << spu;
  }
}

// The scorecard's production percentiles of the best seller against a direct
// computation from the source rows: every finished item's seconds from its
// ticket's acceptance, outliers over 30 minutes apart, nearest rank.
TEST(MenuGroundTruth, ProductionPercentilesEqualADirectComputation) {
  const Panel& p = *menu_report().panel("scorecard");
  const size_t id = column(p, "spu_id"), units = column(p, "units"), p50 = column(p, "production_p50_s"),
               p95 = column(p, "production_p95_s"), outliers = column(p, "production_outliers");
  const auto best = std::max_element(p.table.rows.begin(), p.table.rows.end(), [&](const auto& a, const auto& b) {
    return std::get<int64_t>(a[units]) < std::get<int64_t>(b[units]);
  });
  const int64_t spu = std::get<int64_t>((*best)[id]);
  auto wh = testing::open_shared_warehouse();
  const ResultSet r = wh->query(
      "SELECT p.accept_time AS accept_time, c.done_time AS done_time FROM opproduction__t_commodity c"
      " JOIN opproduction__t_production p ON p.id = c.production_id"
      " WHERE c.commodity_id = ? AND c.tenant = 'LKUS' AND c.status = 30 AND c.done_time IS NOT NULL",
      {spu});
  std::vector<int64_t> times;
  int64_t over = 0;
  for (const Row row : r) {
    const int64_t s = Timestamp::parse(row.text("done_time")) - Timestamp::parse(row.text("accept_time"));
    if (s > 30 * 60) ++over;
    else times.push_back(s);
  }
  ASSERT_GT(times.size(), 100u);
  std::sort(times.begin(), times.end());
  const auto rank = [&](double q) { return times[static_cast<size_t>(std::ceil(q * static_cast<double>(times.size()))) - 1]; };
  EXPECT_EQ(std::get<double>((*best)[p50]), static_cast<double>(rank(0.5)));
  EXPECT_EQ(std::get<double>((*best)[p95]), static_cast<double>(rank(0.95)));
  EXPECT_EQ(std::get<int64_t>((*best)[outliers]), over);
}

// The planted seasonal products (an iced drink that keeps 15% of its orders
// in winter, a hot one 15% in summer) are flagged with their season; every
// other flag follows the customers' planted taste for iced drinks in summer
// and hot ones in winter (customer_taste), or is a product the quadrant moves
// reshaped in the last month; food is never flagged otherwise. The planted
// products' season units equal a direct count from the order items.
TEST(MenuGroundTruth, PlantedSeasonalProductsAreFound) {
  const Panel& p = *menu_report().panel("seasonality");
  const size_t id = column(p, "spu_id"), season = column(p, "season"), summer_units = column(p, "summer_units"),
               winter_units = column(p, "winter_units");
  std::map<int64_t, const std::vector<Cell>*> rows;
  for (const auto& row : p.table.rows) rows[std::get<int64_t>(row[id])] = &row;
  auto wh = testing::open_shared_warehouse();
  std::map<int64_t, int64_t> temperature;
  for (const Row row : wh->query("SELECT id, default_temperature FROM scm_commodity__t_commodity_base_info WHERE tenant = 'LKUS'", {})) {
    temperature[row.integer("id")] = row.integer("default_temperature");
  }
  std::set<int64_t> planted, moved;
  ASSERT_EQ(items_of("menu_seasonal").size(), 4u);
  for (const json& item : items_of("menu_seasonal")) {
    const int64_t spu = item.at("spu_id").get<int64_t>();
    planted.insert(spu);
    ASSERT_TRUE(rows.count(spu)) << spu;
    EXPECT_EQ(std::get<std::string>((*rows[spu])[season]), item.at("season").get<std::string>()) << spu;
    // Units on summer and winter days between its first and last sale, counted directly.
    std::map<Date, int64_t> days;
    for (const Row row : wh->query("SELECT i.quantity AS units, o.pay_time AS pay_time FROM sales_order__t_order_item i"
                                   " JOIN sales_order__t_order o ON o.id = i.order_id WHERE i.spu_id = ? AND o.tenant = 'LKUS'"
                                   " AND o.currency_code = 'USD' AND o.pay_time IS NOT NULL AND o.status IN (20, 30, 40, 60)",
                                   {spu})) {
      days[new_york_date(Timestamp::parse(row.text("pay_time")))] += row.integer("units");
    }
    int64_t summer = 0, winter = 0;
    for (const auto& [day, units] : days) {
      summer += day.month() >= 6 && day.month() <= 8 ? units : 0;
      winter += day.month() == 12 || day.month() <= 2 ? units : 0;
    }
    EXPECT_EQ(std::get<int64_t>((*rows[spu])[summer_units]), summer) << spu;
    EXPECT_EQ(std::get<int64_t>((*rows[spu])[winter_units]), winter) << spu;
  }
  for (const json& item : items_of("menu_quadrant_move")) moved.insert(item.at("spu_id").get<int64_t>());
  int natural = 0;
  for (const auto& [spu, row] : rows) {
    const std::string flag = std::get<std::string>((*row)[season]);
    if (planted.count(spu) || moved.count(spu) || (flag != "summer" && flag != "winter")) continue;
    ++natural;
    EXPECT_EQ(temperature[spu], flag == "summer" ? 2 : 1) << spu << " flagged " << flag;
  }
  std::printf("planted seasonal products found: %zu; flagged by the taste shift alone: %d\n", planted.size(), natural);
}

// Iced and hot shares by month against a direct count of the items' serving
// temperatures; the planted taste (iced drinks favoured in June-August, hot
// ones in December-February) shows in every summer month above every winter
// month.
TEST(MenuGroundTruth, IcedShareByMonthEqualsADirectCount) {
  const Panel& p = *menu_report().panel("temperature_months");
  auto wh = testing::open_shared_warehouse();
  std::map<std::string, std::pair<int64_t, int64_t>> months;
  for (const Row row : wh->query("SELECT i.quantity AS units, i.temperature AS temperature, o.pay_time AS pay_time"
                                 " FROM sales_order__t_order_item i JOIN sales_order__t_order o ON o.id = i.order_id"
                                 " WHERE o.tenant = 'LKUS' AND o.currency_code = 'USD' AND o.pay_time IS NOT NULL"
                                 " AND o.status IN (20, 30, 40, 60) AND i.temperature IN (1, 2)",
                                 {})) {
    auto& m = months[new_york_date(Timestamp::parse(row.text("pay_time"))).month_str()];
    (row.integer("temperature") == 2 ? m.first : m.second) += row.integer("units");
  }
  ASSERT_EQ(p.series.x.size(), months.size());
  double lowest_summer = 1, highest_winter = 0;
  size_t i = 0;
  for (const auto& [month, m] : months) {
    EXPECT_EQ(p.series.x[i], month);
    const double iced = static_cast<double>(m.first) / static_cast<double>(m.first + m.second);
    EXPECT_DOUBLE_EQ(std::get<double>(p.series.series[0].values[i]), iced) << month;
    EXPECT_DOUBLE_EQ(std::get<double>(p.series.series[1].values[i]), 1 - iced) << month;
    const int mm = std::stoi(month.substr(5));
    if (mm >= 7 && mm <= 8) lowest_summer = std::min(lowest_summer, iced);  // (June: one day at the start)
    if (mm == 12 || mm <= 2) highest_winter = std::max(highest_winter, iced);
    ++i;
  }
  EXPECT_GT(lowest_summer, highest_winter);
}

// The product page of a product with planted price raises: its units per
// store and day against a direct count from the order items, its stores'
// price changes adding up to the elasticity table's count (itself checked
// against the manifest), its production time equal to the scorecard's.
TEST(MenuGroundTruth, ProductPageEqualsADirectComputation) {
  const int64_t spu = items_of("menu_price_change").at(0).at("spu_id").get<int64_t>();
  auto wh = testing::open_shared_warehouse();
  const Report r = run_tool(ToolRegistry::instance().get("menu"), *wh, {{"product", std::to_string(spu)}});
  std::map<int64_t, int64_t> by_store;
  std::map<std::string, int64_t> by_day;
  for (const Row row : wh->query("SELECT o.shop_id AS shop, i.quantity AS units, o.pay_time AS pay_time"
                                 " FROM sales_order__t_order_item i JOIN sales_order__t_order o ON o.id = i.order_id"
                                 " WHERE i.spu_id = ? AND o.tenant = 'LKUS' AND o.currency_code = 'USD'"
                                 " AND o.pay_time IS NOT NULL AND o.status IN (20, 30, 40, 60)",
                                 {spu})) {
    by_store[row.integer("shop")] += row.integer("units");
    by_day[new_york_date(Timestamp::parse(row.text("pay_time"))).str()] += row.integer("units");
  }
  const Panel& stores = *r.panel("product_stores");
  const size_t store = column(stores, "store_id"), units = column(stores, "units"), changes = column(stores, "price_changes");
  std::map<int64_t, int64_t> shown;
  int64_t shown_changes = 0;
  for (const auto& row : stores.table.rows) {
    shown[std::get<int64_t>(row[store])] = std::get<int64_t>(row[units]);
    shown_changes += std::get<int64_t>(row[changes]);
  }
  EXPECT_EQ(shown, by_store);
  const Panel& elasticity = *r.panel("elasticity");
  for (const auto& row : elasticity.table.rows) {
    if (std::get<int64_t>(row[column(elasticity, "spu_id")]) == spu) {
      EXPECT_EQ(shown_changes, std::get<int64_t>(row[column(elasticity, "price_changes")]));
      EXPECT_GT(shown_changes, 0);
    }
  }
  const Panel& days = *r.panel("product_days");
  for (size_t i = 0; i < days.series.x.size(); ++i) {
    const auto it = by_day.find(days.series.x[i]);
    EXPECT_EQ(std::get<int64_t>(days.series.series[0].values[i]), it == by_day.end() ? 0 : it->second) << days.series.x[i];
  }
  const Panel& card = *r.panel("scorecard");
  for (const auto& row : card.table.rows) {
    if (std::get<int64_t>(row[column(card, "spu_id")]) != spu) continue;
    const DistributionGroup& g = r.panel("product_production")->distribution.groups.at(0);
    EXPECT_EQ(g.median, std::get<double>(row[column(card, "production_p50_s")]));
    EXPECT_EQ(g.p95, std::get<double>(row[column(card, "production_p95_s")]));
  }
}

// The matrix of one daypart and one channel against a direct computation
// from the order items: units and revenue per product from the paid orders
// of that slice (the daypart from the New York hour of payment), each
// category's shares, cut and weighted average margin, and so each product's
// class.
TEST(MenuGroundTruth, DaypartAndChannelMatricesEqualADirectComputation) {
  auto wh = testing::open_shared_warehouse();
  struct Line {
    int64_t spu, units, cents, channel;
    int hour;
  };
  std::vector<Line> lines;
  for (const Row row : wh->query("SELECT i.spu_id AS spu, i.quantity AS units, i.pay_money AS cents, o.channel AS channel,"
                                 " o.pay_time AS pay_time FROM sales_order__t_order_item i"
                                 " JOIN sales_order__t_order o ON o.id = i.order_id WHERE o.tenant = 'LKUS'"
                                 " AND o.currency_code = 'USD' AND o.pay_time IS NOT NULL AND o.status IN (20, 30, 40, 60)",
                                 {})) {
    lines.push_back({row.integer("spu"), row.integer("units"), row.integer("cents"), row.integer("channel"),
                     new_york_hour(Timestamp::parse(row.text("pay_time")))});
  }
  const auto daypart = [](int hour) { return hour < 11 ? "morning" : hour < 14 ? "midday" : hour < 17 ? "afternoon" : "evening"; };
  const std::map<std::string, int64_t> channels = {{"ios", 2}, {"delivery", 3}};
  int64_t all_units = 0;
  for (const Line& l : lines) all_units += l.units;
  for (const std::map<std::string, std::string>& params :
       {std::map<std::string, std::string>{{"daypart", "morning"}}, {{"daypart", "evening"}}, {{"channel", "delivery"}},
        {{"daypart", "midday"}, {"channel", "ios"}}}) {
    SCOPED_TRACE(params.begin()->second);
    std::map<int64_t, std::pair<int64_t, int64_t>> direct;  // spu -> units, cents
    int64_t slice_units = 0;
    for (const Line& l : lines) {
      if (params.count("daypart") && params.at("daypart") != daypart(l.hour)) continue;
      if (params.count("channel") && channels.at(params.at("channel")) != l.channel) continue;
      direct[l.spu].first += l.units;
      direct[l.spu].second += l.cents;
      slice_units += l.units;
    }
    ASSERT_GT(slice_units, 100);
    ASSERT_LT(slice_units, all_units);
    const Report r = run_tool(ToolRegistry::instance().get("menu"), *wh, params);
    // The scorecard: every product's units and revenue.
    const Panel& card = *r.panel("scorecard");
    const size_t id = column(card, "spu_id"), units = column(card, "units"), revenue = column(card, "revenue_cents"),
                 margin = column(card, "margin_cents"), category = column(card, "category");
    std::map<std::string, std::vector<std::pair<int64_t, double>>> known;  // category -> (spu, margin)
    for (const auto& row : card.table.rows) {
      const int64_t spu = std::get<int64_t>(row[id]);
      EXPECT_EQ(std::get<int64_t>(row[units]), direct[spu].first) << spu;
      EXPECT_EQ(std::get<int64_t>(row[revenue]), direct[spu].second) << spu;
      if (direct[spu].first > 0 && std::holds_alternative<double>(row[margin])) {
        known[std::get<std::string>(row[category])].push_back({spu, std::get<double>(row[margin])});
      }
    }
    // The classes, from the direct units and the scorecard's margins.
    std::map<int64_t, std::string> expected;
    for (const auto& [name, items] : known) {
      int64_t sold = 0;
      double margin_sold = 0;
      for (const auto& [spu, m] : items) sold += direct[spu].first, margin_sold += static_cast<double>(direct[spu].first) * m;
      const double cut = 0.70 / static_cast<double>(items.size()), average = margin_sold / static_cast<double>(sold);
      for (const auto& [spu, m] : items) {
        const bool popular = static_cast<double>(direct[spu].first) / static_cast<double>(sold) >= cut;
        const bool profitable = m >= average;
        expected[spu] = popular ? (profitable ? "Star" : "Plowhorse") : (profitable ? "Puzzle" : "Dog");
      }
    }
    const Panel& items = *r.panel("matrix_items");
    const size_t item_id = column(items, "spu_id"), cls = column(items, "class");
    std::map<int64_t, std::string> got;
    for (const auto& row : items.table.rows) got[std::get<int64_t>(row[item_id])] = std::get<std::string>(row[cls]);
    EXPECT_GT(expected.size(), 20u);
    EXPECT_EQ(got, expected);
  }
}

}  // namespace
}  // namespace luckyhub
