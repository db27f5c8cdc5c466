// The menu tool on a tiny warehouse: costs, margins, the matrix and
// parameter validation.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "report/render.h"
#include "support/tiny_warehouse.h"
#include "tools/registry.h"

namespace luckyhub {
namespace {

using testing::TinyWarehouse;

class MenuToolTest : public ::testing::Test {
 protected:
  void SetUp() override {
    wh_ = std::make_unique<TinyWarehouse>("2026-01-01", "2026-03-01");
    product(1, "Latte", 450);
    product(2, "Mocha", 500);
    product(3, "Tea", 400);
    // Goods 10 costs $20 for 2 purchase units of 1000 g: 1 cent a gram.
    wh_->add("luckyus_scm_commodity", "t_mdm_goods", {{"id", int64_t{10}}, {"unit_ratio", int64_t{1000000}}});
    wh_->add("luckyus_scm_purchase", "t_purchase_order_item",
             {{"id", int64_t{1}}, {"tenant", "LKUS"}, {"goods_id", int64_t{10}}, {"quantity", int64_t{2000}},
              {"amount", int64_t{2000}}});
    wh_->add("luckyus_scm_commodity", "t_mdm_goods", {{"id", int64_t{11}}, {"unit_ratio", int64_t{1000}}});
    recipe(1, 1, 10, 100000);  // Latte v1: 100 g, obsolete below
    recipe(1, 2, 10, 150000);  // Latte v2: 150 g = $1.50
    recipe(2, 1, 10, 100000);  // Mocha: $1.00
    recipe(3, 1, 11, 5000);    // Tea: goods 11 never purchased: unknown
    order(1, 40, "2026-01-10 15:00:00", 1, 3, 400);   // 3 Lattes at $4.00
    order(2, 40, "2026-01-11 15:00:00", 2, 1, 500);   // 1 Mocha at $5.00
    order(3, 50, "2026-01-11 15:00:00", 2, 9, 500);   // cancelled: ignored
    order(4, 40, "2026-01-12 15:00:00", 3, 2, 400);   // 2 Teas
    // The Lattes' ticket: made in 100 s, 200 s, and one left open 2,000 s.
    wh_->add("luckyus_opproduction", "t_production",
             {{"id", int64_t{1}}, {"tenant", "LKUS"}, {"accept_time", "2026-01-10 15:00:10"}});
    item(1, "2026-01-10 15:01:50");
    item(2, "2026-01-10 15:03:30");
    item(3, "2026-01-10 15:33:30");
    more();
    warehouse_ = wh_->open();
  }
  virtual void more() {}

  void product(int64_t id, const std::string& name, int64_t price) {
    wh_->add("luckyus_scm_commodity", "t_commodity_base_info",
             {{"id", id}, {"tenant", "LKUS"}, {"commodity_name", name}, {"category", "Classic Drinks"},
              {"default_price", price}, {"status", int64_t{1}}});
  }
  void recipe(int64_t spu, int64_t version, int64_t goods, int64_t dosage_e3) {
    static int64_t id = 0;
    wh_->add("luckyus_scm_commodity", "t_formula_spu",
             {{"id", ++id}, {"tenant", "LKUS"}, {"spu_id", spu}, {"cup_size", int64_t{2}}, {"temperature", int64_t{1}},
              {"version", version}, {"status", int64_t{version == 1 && spu == 1 ? 0 : 1}}, {"goods_id", goods},
              {"dosage", dosage_e3}});
  }
  // Paid at `pay_time` (UTC; 15:00 in January is 10:00 in New York, the
  // morning), through `channel` (2: the iOS app).
  void order(int64_t id, int64_t status, const std::string& pay_time, int64_t spu, int64_t quantity, int64_t price,
             int64_t channel = 2) {
    wh_->add("luckyus_sales_order", "t_order",
             {{"id", id}, {"tenant", "LKUS"}, {"currency_code", "USD"}, {"shop_id", int64_t{1}},
              {"status", status}, {"pay_time", pay_time}, {"channel", channel}});
    wh_->add("luckyus_sales_order", "t_order_item",
             {{"id", id * 10}, {"tenant", "LKUS"}, {"order_id", id}, {"spu_id", spu}, {"spu_name", "x"},
              {"category", "Classic Drinks"}, {"cup_size", int64_t{2}}, {"temperature", int64_t{1}},
              {"quantity", quantity}, {"origin_price", price + 50}, {"sale_price", price},
              {"pay_money", price * quantity}});
  }

  void item(int64_t id, const std::string& done) {
    wh_->add("luckyus_opproduction", "t_commodity",
             {{"id", id}, {"tenant", "LKUS"}, {"production_id", int64_t{1}}, {"shop_id", int64_t{1}},
              {"commodity_id", int64_t{1}}, {"status", int64_t{30}}, {"done_time", done}});
  }

  std::unique_ptr<TinyWarehouse> wh_;
  std::unique_ptr<Warehouse> warehouse_;
};

const std::vector<Cell>& row_of(const Panel& p, int64_t spu) {
  for (const auto& row : p.table.rows) {
    if (std::get<int64_t>(row[0]) == spu) return row;
  }
  throw std::runtime_error("no row " + std::to_string(spu));
}

// The matrix's classes by product id.
std::map<int64_t, std::string> r_items(const Report& r) {
  std::map<int64_t, std::string> out;
  for (const auto& row : r.panel("matrix_items")->table.rows) out[std::get<int64_t>(row[0])] = std::get<std::string>(row[3]);
  return out;
}

TEST_F(MenuToolTest, ScorecardCostsTheActiveRecipeAndSaysWhenACostIsUnknown) {
  const Report r = run_tool(ToolRegistry::instance().get("menu"), *warehouse_, {});
  const Panel& p = *r.panel("scorecard");
  const auto& latte = row_of(p, 1);
  EXPECT_EQ(std::get<int64_t>(latte[3]), 3);       // units
  EXPECT_EQ(std::get<int64_t>(latte[4]), 1200);    // revenue
  EXPECT_DOUBLE_EQ(std::get<double>(latte[10]), 150.0);  // version 2: 150 g at 1 cent
  EXPECT_DOUBLE_EQ(std::get<double>(latte[11]), 250.0);  // $4.00 - $1.50
  EXPECT_EQ(std::get<std::string>(latte[12]), "known");
  const auto& tea = row_of(p, 3);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(tea[11]));
  EXPECT_EQ(std::get<std::string>(tea[12]), "unknown");
  EXPECT_EQ(std::get<int64_t>(row_of(p, 2)[3]), 1);  // the cancelled order left out
  // Production: nearest rank of {100, 200}; the 2,000 s item counted apart.
  EXPECT_DOUBLE_EQ(std::get<double>(latte[13]), 100.0);
  EXPECT_DOUBLE_EQ(std::get<double>(latte[14]), 200.0);
  EXPECT_EQ(std::get<int64_t>(latte[15]), 1);
}

TEST_F(MenuToolTest, MatrixClassifiesKnownMarginsAgainstTheCategory) {
  const Report r = run_tool(ToolRegistry::instance().get("menu"), *warehouse_, {});
  // Latte 3 units x 250, Mocha 1 x 400: average 1150 / 4 = 287.5; cut 0.70 / 2.
  const Panel& math = *r.panel("matrix_thresholds");
  ASSERT_EQ(math.table.rows.size(), 1u);
  EXPECT_DOUBLE_EQ(std::get<double>(math.table.rows[0][5]), 287.5);
  EXPECT_DOUBLE_EQ(std::get<double>(math.table.rows[0][3]), 0.35);
  const Panel& items = *r.panel("matrix_items");
  EXPECT_EQ(std::get<std::string>(row_of(items, 1)[3]), "Plowhorse");
  EXPECT_EQ(std::get<std::string>(row_of(items, 2)[3]), "Puzzle");
  // No price change anywhere: no elasticity.
  for (const auto& row : r.panel("elasticity")->table.rows) EXPECT_TRUE(std::holds_alternative<std::monostate>(row[5]));
}

TEST_F(MenuToolTest, RejectsBadParameters) {
  const Tool& tool = ToolRegistry::instance().get("menu");
  EXPECT_THROW(run_tool(tool, *warehouse_, {{"category", "Soup"}}), Error);
  EXPECT_THROW(run_tool(tool, *warehouse_, {{"store", "-1"}}), Error);
  EXPECT_THROW(run_tool(tool, *warehouse_, {{"from", "2026-02-01"}, {"to", "2026-01-01"}}), Error);
  EXPECT_NO_THROW(run_tool(tool, *warehouse_, {{"store", "1"}, {"category", "Classic Drinks"}}));
}

// The category heat map's sparklines in the report JSON: each category's
// 30-day rolling average of units per day, over the window's days (fewer at
// its start). Classic Drinks sold 3 on Jan 10, 1 on Jan 11 and 2 on Jan 12.
TEST_F(MenuToolTest, CategoryHeatMapCarriesEachCategorysRollingAverage) {
  const Report r = run_tool(ToolRegistry::instance().get("menu"), *warehouse_, {});
  const nlohmann::json all = nlohmann::json::parse(render_json(r));
  nlohmann::json heat;
  for (const auto& p : all.at("panels")) {
    if (p.at("id") == "category_weeks") heat = p;
  }
  ASSERT_TRUE(heat.contains("sparklines"));
  EXPECT_EQ(heat.at("y"), nlohmann::json::array({"Classic Drinks"}));
  const auto& lines = heat.at("sparklines");
  ASSERT_EQ(lines.at("x").size(), 59u);  // 2026-01-01 .. 2026-02-28
  EXPECT_EQ(lines.at("x")[0], "2026-01-01");
  EXPECT_EQ(lines.at("x")[58], "2026-02-28");
  ASSERT_EQ(lines.at("series").size(), 1u);
  EXPECT_EQ(lines.at("series")[0].at("label"), "Classic Drinks");
  const auto& v = lines.at("series")[0].at("values");
  ASSERT_EQ(v.size(), 59u);
  EXPECT_DOUBLE_EQ(v[8].get<double>(), 0.0);        // Jan 9
  EXPECT_DOUBLE_EQ(v[9].get<double>(), 3.0 / 10);   // Jan 10: 3 over the window's first 10 days
  EXPECT_DOUBLE_EQ(v[10].get<double>(), 4.0 / 11);
  EXPECT_DOUBLE_EQ(v[11].get<double>(), 6.0 / 12);
  EXPECT_DOUBLE_EQ(v[29].get<double>(), 6.0 / 30);  // Jan 30
  EXPECT_DOUBLE_EQ(v[38].get<double>(), 6.0 / 30);  // Feb 8: Jan 10 .. Feb 8
  EXPECT_DOUBLE_EQ(v[39].get<double>(), 3.0 / 30);  // Feb 9: Jan 10 has left
  EXPECT_DOUBLE_EQ(v[40].get<double>(), 2.0 / 30);
  EXPECT_DOUBLE_EQ(v[41].get<double>(), 0.0);
}

// The product page of the Latte: 3 units on Jan 10 at store 1 (of the store's
// 6), listed at $4.50; made in 100 s and 200 s (the 2,000 s item apart).
TEST_F(MenuToolTest, ProductPageShowsOneProductsDaysStoresPricesAndProduction) {
  const Tool& tool = ToolRegistry::instance().get("menu");
  const Report r = run_tool(tool, *warehouse_, {{"product", "1"}});
  const Panel& days = *r.panel("product_days");
  ASSERT_EQ(days.series.x.size(), 59u);
  EXPECT_EQ(days.series.x[9], "2026-01-10");
  EXPECT_EQ(std::get<int64_t>(days.series.series[0].values[9]), 3);
  EXPECT_EQ(std::get<int64_t>(days.series.series[0].values[10]), 0);
  EXPECT_DOUBLE_EQ(std::get<double>(days.series.series[1].values[9]), 3.0 / 10);
  ASSERT_EQ(days.series.series.size(), 2u);
  const Panel& stores = *r.panel("product_stores");
  ASSERT_EQ(stores.table.rows.size(), 1u);
  EXPECT_EQ(stores.table.rows[0], (std::vector<Cell>{int64_t{1}, int64_t{3}, 0.5, 450.0, int64_t{0}}));
  const Panel& prices = *r.panel("product_prices");
  EXPECT_DOUBLE_EQ(std::get<double>(prices.series.series[0].values[9]), 450.0);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(prices.series.series[0].values[10]));
  const Panel& production = *r.panel("product_production");
  ASSERT_EQ(production.distribution.groups.size(), 1u);
  const DistributionGroup& g = production.distribution.groups[0];
  EXPECT_EQ(g.label, "Latte");
  EXPECT_EQ(g.n, 2);
  EXPECT_EQ(g.min, 100);
  EXPECT_EQ(g.median, 100);
  EXPECT_EQ(g.p95, 200);
  EXPECT_EQ(g.max, 200);
  EXPECT_DOUBLE_EQ(g.mean, 150);
  // Without the parameter, no product page; an unknown or negative product is refused.
  EXPECT_EQ(run_tool(tool, *warehouse_, {}).panel("product_days"), nullptr);
  EXPECT_THROW(run_tool(tool, *warehouse_, {{"product", "99"}}), Error);
  EXPECT_THROW(run_tool(tool, *warehouse_, {{"product", "-1"}}), Error);
  EXPECT_THROW(run_tool(tool, *warehouse_, {{"product", "latte"}}), Error);
}

// The same warehouse with sales at other hours and through other channels.
class MenuSliceTest : public MenuToolTest {
 protected:
  void more() override {
    order(5, 40, "2026-01-13 17:30:00", 2, 4, 500, 3);  // 12:30 New York, midday; delivery: 4 Mochas
    order(6, 40, "2026-01-14 23:00:00", 1, 1, 400);     // 18:00, evening; iOS: 1 Latte
    order(7, 40, "2026-01-15 16:00:00", 3, 1, 400, 9);  // 11:00 sharp: midday; kiosk: 1 Tea
    order(8, 40, "2026-01-15 15:59:59", 3, 5, 400, 9);  // 10:59:59: morning; kiosk: 5 Teas
  }

  Report run(const std::map<std::string, std::string>& params) {
    return run_tool(ToolRegistry::instance().get("menu"), *warehouse_, params);
  }
  static int64_t units(const Report& r, int64_t spu) { return std::get<int64_t>(row_of(*r.panel("scorecard"), spu)[3]); }
  static double average_margin(const Report& r) {
    const Panel& math = *r.panel("matrix_thresholds");
    EXPECT_EQ(math.table.rows.size(), 1u);
    return std::get<double>(math.table.rows.at(0)[5]);
  }
};

TEST_F(MenuSliceTest, DaypartKeepsTheSalesPaidInItsHours) {
  const Report morning = run({{"daypart", "morning"}});
  EXPECT_EQ(units(morning, 1), 3);
  EXPECT_EQ(units(morning, 2), 1);
  EXPECT_EQ(units(morning, 3), 2 + 5);  // 10:59:59 is still the morning
  EXPECT_DOUBLE_EQ(average_margin(morning), 287.5);  // (3 x 250 + 1 x 400) / 4
  const Report midday = run({{"daypart", "midday"}});
  EXPECT_EQ(units(midday, 1), 0);
  EXPECT_EQ(units(midday, 2), 4);
  EXPECT_EQ(units(midday, 3), 1);  // 11:00 sharp is midday
  // Only the Mocha has a known margin at midday: one item, cut 0.70, a Star.
  EXPECT_EQ(r_items(midday), (std::map<int64_t, std::string>{{2, "Star"}}));
  EXPECT_EQ(units(run({{"daypart", "afternoon"}}), 2), 0);
  EXPECT_EQ(units(run({{"daypart", "evening"}}), 1), 1);
}

TEST_F(MenuSliceTest, ChannelKeepsTheSalesOrderedThroughIt) {
  const Report ios = run({{"channel", "ios"}});
  EXPECT_EQ(units(ios, 1), 4);
  EXPECT_EQ(units(ios, 2), 1);
  EXPECT_EQ(units(ios, 3), 2);
  EXPECT_DOUBLE_EQ(average_margin(ios), 280.0);  // (4 x 250 + 1 x 400) / 5
  EXPECT_EQ(r_items(ios), (std::map<int64_t, std::string>{{1, "Plowhorse"}, {2, "Puzzle"}}));
  const Report delivery = run({{"channel", "delivery"}});
  EXPECT_EQ(units(delivery, 1), 0);
  EXPECT_EQ(units(delivery, 2), 4);
  EXPECT_EQ(units(run({{"channel", "kiosk"}}), 3), 6);
  EXPECT_EQ(units(run({{"channel", "web"}}), 1), 0);
  // Both at once: the iOS evening.
  const Report both = run({{"daypart", "evening"}, {"channel", "ios"}});
  EXPECT_EQ(units(both, 1), 1);
  EXPECT_EQ(units(both, 2), 0);
  // Every hour and channel: (4 x 250 + 5 x 400) / 9.
  EXPECT_DOUBLE_EQ(average_margin(run({})), 3000.0 / 9);
}

TEST_F(MenuSliceTest, RejectsAnUnknownDaypartOrChannel) {
  EXPECT_THROW(run({{"daypart", "night"}}), Error);
  EXPECT_THROW(run({{"daypart", "1"}}), Error);
  EXPECT_THROW(run({{"channel", "fax"}}), Error);
  EXPECT_THROW(run({{"channel", "2"}}), Error);
}

}  // namespace
}  // namespace luckyhub
