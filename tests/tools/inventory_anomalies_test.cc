// inventory's consumption anomalies on a hand-made warehouse (each excess
// worked out by hand below) and on the shared simulation: the planted
// anomalies' movements found, and nothing else.
#include <gtest/gtest.h>

#include <set>

#include "support/shared_sim.h"
#include "support/tiny_warehouse.h"
#include "tools/registry.h"

namespace luckyhub {
namespace {

using testing::TinyWarehouse;

// Shop 1, 1..10 January 2026 (as of the 11th). Quantities in units (the
// tables hold milli-units).
//
// Milk (goods 5, litres, shelf life 10 days): a latte (spu 10, 16 oz hot)
// takes 0.25 l; one order of 4 lattes a day uses 1 l, and 1 l is consumed
// every day. On the 7th an extra 5 l leave (movement 107): consumed 6, sales
// explain 1, excess 5. Typical day: (10 + 5) / 10 = 1.5 l.
// 20 l arrive on the 1st, 10 l on the 10th. Write-offs: 3 l on the 9th, when
// the day starts with 20 − 8 − 5 = 7 l, none of it arrived in the last
// ⌈10 × 0.5⌉ = 5 days: all 7 could have expired, the 3 are explained. On the
// 10th 8 l (movement 110) when the day starts with 7 − 1 − 3 = 3 l: 3
// explained, excess 5. On hand at the end: 20 + 10 − 10 − 5 − 3 − 8 = 4 l.
//
// Paper bags (goods 6, pieces, no recipe, never expire): one per order a day,
// ten more bags one by one on the 8th, and one movement of 12 bags on the
// 5th (movement 205). Typical day: (10 + 10 + 12) / 10 = 3.2. The 5th:
// 13 − 3.2 = 9.8 over a typical day in a single movement of 12; the 8th:
// 11 − 3.2 = 7.8, but one bag at a time.
//
// With anomaly_days = 2 (thresholds 3 l and 6.4 bags): movements 107, 110
// and 205; the 8th's bags pass the day's threshold but no single movement
// does. With the default 3 (4.5 l, 9.6 bags): the same three.
class InventoryAnomaliesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    wh_ = std::make_unique<TinyWarehouse>("2026-01-01", "2026-01-11");
    goods(5, "Whole Milk", "l", 10);
    goods(6, "Paper Bag", "pcs", 0);
    wh_->add("luckyus_scm_commodity", "t_formula_spu",
             {{"id", int64_t{1}}, {"spu_id", int64_t{10}}, {"cup_size", int64_t{2}}, {"temperature", int64_t{1}},
              {"goods_id", int64_t{5}}, {"dosage", int64_t{250}}, {"status", int64_t{1}}});
    wh_->add("luckyus_scm_commodity", "t_formula_spu",  // an old version: not used
             {{"id", int64_t{2}}, {"spu_id", int64_t{10}}, {"cup_size", int64_t{2}}, {"temperature", int64_t{1}},
              {"goods_id", int64_t{5}}, {"dosage", int64_t{300}}, {"status", int64_t{0}}});
    int64_t bag_id = 300;
    for (int d = 1; d <= 10; ++d) {
      const std::string day = "2026-01-" + std::string(d < 10 ? "0" : "") + std::to_string(d);
      wh_->add("luckyus_sales_order", "t_order",
               {{"id", int64_t{d}}, {"tenant", "LKUS"}, {"shop_id", int64_t{1}}, {"status", int64_t{40}},
                {"pay_time", day + " 17:00:00"}});
      wh_->add("luckyus_sales_order", "t_order_item",
               {{"id", int64_t{d}}, {"order_id", int64_t{d}}, {"spu_id", int64_t{10}}, {"cup_size", int64_t{2}},
                {"temperature", int64_t{1}}, {"quantity", int64_t{4}}});
      change(100 + d, 5, 1, -1000, day);
      change(bag_id++, 6, 1, -1000, day);
    }
    change(107 + 1000, 5, 1, -5000, "2026-01-07");  // id 1107: the theft
    change(90, 5, 2, 20000, "2026-01-01");
    change(91, 5, 2, 10000, "2026-01-10");
    change(92, 5, 3, -3000, "2026-01-09");
    change(1110, 5, 3, -8000, "2026-01-10");
    for (int i = 0; i < 10; ++i) change(bag_id++, 6, 1, -1000, "2026-01-08");
    change(1205, 6, 1, -12000, "2026-01-05");
    wh_->add("luckyus_scm_shopstock", "t_shop_goods_stock",
             {{"id", int64_t{1}}, {"tenant", "LKUS"}, {"shop_id", int64_t{1}}, {"goods_id", int64_t{5}},
              {"stock_qty", int64_t{4000}}, {"status", int64_t{1}}});
    wh_->add("luckyus_scm_shopstock", "t_shop_goods_stock",
             {{"id", int64_t{2}}, {"tenant", "LKUS"}, {"shop_id", int64_t{1}}, {"goods_id", int64_t{6}},
              {"stock_qty", int64_t{68000}}, {"status", int64_t{1}}});
    wh_->add("luckyus_scm_shopstock", "t_shop_goods_stock_change_mon",  // stock before the data: bags
             {{"id", int64_t{1}}, {"tenant", "LKUS"}, {"shop_id", int64_t{1}}, {"goods_id", int64_t{6}},
              {"change_type", int64_t{2}}, {"change_qty", int64_t{100000}}, {"biz_date", "2025-12-29"}});
    // The other panels' sources: a purchase order delivered on the 1st, a past forecast.
    wh_->add("luckyus_scm_purchase", "t_purchase_order",
             {{"id", int64_t{1}}, {"tenant", "LKUS"}, {"order_date", "2025-12-29"}, {"status", int64_t{50}}});
    wh_->add("luckyus_scm_purchase", "t_purchase_order_item",
             {{"id", int64_t{1}}, {"tenant", "LKUS"}, {"po_id", int64_t{1}}, {"goods_id", int64_t{5}}});
    wh_->add("luckyus_scm_purchase", "t_ship_order",
             {{"id", int64_t{1}}, {"tenant", "LKUS"}, {"po_id", int64_t{1}}, {"arrival_date", "2026-01-01"},
              {"status", int64_t{40}}});
    wh_->add("luckyus_ireplenishment", "wh_goods_daily_demand_pred",
             {{"id", int64_t{1}}, {"tenant", "LKUS"}, {"shop_id", int64_t{1}}, {"goods_id", int64_t{5}},
              {"pred_date", "2026-01-05"}, {"predict_qty", int64_t{1000}}, {"create_time", "2026-01-04 07:30:00"}});
    warehouse_ = wh_->open();
  }

  void goods(int64_t id, const std::string& name, const std::string& unit, int64_t shelf_life) {
    wh_->add("luckyus_scm_commodity", "t_mdm_goods",
             {{"id", id}, {"goods_name", name}, {"goods_category", "test"}, {"unit", unit},
              {"shelf_life_days", shelf_life}});
  }
  // A movement in the weekday table of `day` (2026-01-05 is a Monday).
  void change(int64_t id, int64_t goods, int64_t type, int64_t qty_milli, const std::string& day) {
    static const char* kTables[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    const int weekday = (std::stoi(day.substr(8)) - 5 + 7 * 10) % 7;
    wh_->add("luckyus_scm_shopstock", std::string("t_shop_goods_stock_change_") + kTables[weekday],
             {{"id", id}, {"tenant", "LKUS"}, {"shop_id", int64_t{1}}, {"goods_id", goods}, {"change_type", type},
              {"change_qty", qty_milli}, {"before_qty", int64_t{0}}, {"after_qty", int64_t{0}}, {"biz_date", day},
              {"ref_no", "REF" + std::to_string(id)}, {"create_time", day + " 20:00:00"}});
  }

  const Panel& anomalies(std::map<std::string, std::string> params) {
    report_ = run_tool(ToolRegistry::instance().get("inventory"), *warehouse_, params);
    return *report_.panel("consumption_anomalies");
  }

  std::unique_ptr<TinyWarehouse> wh_;
  std::unique_ptr<Warehouse> warehouse_;
  Report report_;
};

int64_t movement(const std::vector<Cell>& row) { return std::get<int64_t>(row[10]); }
double number(const Cell& c) { return std::get<double>(c); }

TEST_F(InventoryAnomaliesTest, SalesAndStockAgeExplainAllButThreeMovements) {
  for (const char* days : {"2", "3"}) {
    SCOPED_TRACE(days);
    const Panel& p = anomalies({{"anomaly_days", days}});
    ASSERT_EQ(p.table.rows.size(), 3u);
    // By day: the bags of the 5th, the milk of the 7th, the write-off of the 10th.
    EXPECT_EQ(movement(p.table.rows[0]), 1205);
    EXPECT_EQ(std::get<std::string>(p.table.rows[0][4]), "usage beyond a typical day");
    EXPECT_NEAR(number(p.table.rows[0][8]), 9.8, 1e-9);  // excess: 13 − 3.2

    EXPECT_EQ(movement(p.table.rows[1]), 1107);
    EXPECT_EQ(std::get<std::string>(p.table.rows[1][4]), "usage beyond sales");
    EXPECT_NEAR(number(p.table.rows[1][5]), 6, 1e-9);  // consumed
    EXPECT_NEAR(number(p.table.rows[1][6]), 1, 1e-9);  // 4 lattes × 0.25 l
    EXPECT_EQ(std::get<int64_t>(p.table.rows[1][7]), 4);
    EXPECT_NEAR(number(p.table.rows[1][9]), 5 / 1.5, 1e-3);  // in typical days
    EXPECT_EQ(std::get<std::string>(p.table.rows[1][12]), "REF1107");

    EXPECT_EQ(movement(p.table.rows[2]), 1110);
    EXPECT_EQ(std::get<std::string>(p.table.rows[2][4]), "write-off beyond expirable stock");
    EXPECT_NEAR(number(p.table.rows[2][6]), 3, 1e-9);  // could have expired
    EXPECT_NEAR(number(p.table.rows[2][8]), 5, 1e-9);
  }
}

TEST_F(InventoryAnomaliesTest, FourTypicalDaysAreMoreThanAnyExcess) {
  // Thresholds 6 l (excesses of 5 l) and 12.8 bags (9.8).
  EXPECT_TRUE(anomalies({{"anomaly_days", "4"}}).table.rows.empty());
}

TEST(InventoryAnomaliesGroundTruth, FindsExactlyThePlantedMovements) {
  std::set<int64_t> planted, found;
  for (const auto& id : testing::shared_sim().truth["anomalies"]["consumption_anomaly"]["ids"])
    planted.insert(id.get<int64_t>());
  ASSERT_GE(planted.size(), 6u);
  auto wh = testing::open_shared_warehouse();
  const Report r = run_tool(ToolRegistry::instance().get("inventory"), *wh, {});
  for (const auto& row : r.panel("consumption_anomalies")->table.rows) found.insert(movement(row));
  EXPECT_EQ(found, planted);  // precision and recall 1.0
}

}  // namespace
}  // namespace luckyhub
