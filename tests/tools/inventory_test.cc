// inventory on a hand-made warehouse (demand, lead time, the reorder point
// and the day's order, worked out by hand below), its parameters, and on the
// shared simulation: the planted stock-outs found, and nothing else.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>

#include "core/error.h"
#include "support/shared_sim.h"
#include "support/panel_columns.h"
#include "support/tiny_warehouse.h"
#include "tools/inventory/inventory_thresholds.h"
#include "tools/registry.h"

namespace luckyhub {
namespace {

using testing::TinyWarehouse;

// As of 2026-01-20 (demand over the 14 days 6..19 January), shop 1 uses goods
// 5 on four days: 10, 20, 10 and 16 units: d̄ = 56 / 14 = 4, σ (sample, the
// ten other days 0) = √(632 / 13) = 6.972473. Its purchase order of 2 January
// arrived in two shipments, on the 6th and the 8th: L = (4 + 6) / 2 = 5 days.
// At a 95% cycle service level z = 1.644854, SS = zσ√5 = 25.644789,
// r = 4 × 5 + SS = 45.644789. On hand 12 + 3 = 15 ≤ r: order up to the
// demand over L + Q's 7 days (12 days) + SS: 48 + SS − 15 = 58.644789 from the
// mean demand, or 60 + SS − 15 = 70.644789 from a forecast of 5 a day.
class InventoryTest : public ::testing::Test {
 protected:
  void build(bool forecast_covers_horizon) {
    wh_ = std::make_unique<TinyWarehouse>("2026-01-01", "2026-01-20");
    change("t_shop_goods_stock_change_thu", 1, "LKUS", 1, -8000, "2026-01-01");  // before the demand window
    change("t_shop_goods_stock_change_tue", 2, "LKUS", 1, -10000, "2026-01-06");
    change("t_shop_goods_stock_change_thu", 3, "LKUS", 1, -20000, "2026-01-08");
    change("t_shop_goods_stock_change_mon", 4, "LKUS", 1, -10000, "2026-01-12");
    change("t_shop_goods_stock_change_mon", 5, "LKUS", 1, -16000, "2026-01-19");
    change("t_shop_goods_stock_change_mon", 6, "LKUS", 3, -2000, "2026-01-19");  // written off
    change("t_shop_goods_stock_change_mon", 7, "LKUS", 2, 40000, "2026-01-19");  // a receipt: not demand
    change("t_shop_goods_stock_change_mon", 8, "LKNZ", 1, -99000, "2026-01-19");  // the test tenant
    batch(1, 12000);
    batch(2, 3000);
    wh_->add("luckyus_scm_commodity", "t_mdm_goods",
             {{"id", int64_t{5}}, {"tenant", "LKUS"}, {"goods_no", "G000005"}, {"goods_name", "Whole Milk 1gal"},
              {"goods_category", "dairy"}, {"unit", "gal"}, {"shelf_life_days", int64_t{12}}});
    wh_->add("luckyus_scm_purchase", "t_purchase_order",
             {{"id", int64_t{1}}, {"tenant", "LKUS"}, {"order_date", "2026-01-02"}, {"status", int64_t{50}}});
    wh_->add("luckyus_scm_purchase", "t_purchase_order_item",
             {{"id", int64_t{1}}, {"tenant", "LKUS"}, {"po_id", int64_t{1}}, {"goods_id", int64_t{5}}});
    ship(1, "2026-01-06");
    ship(2, "2026-01-08");
    // Two runs: the later one (5 a day) is the one that counts.
    const int days = forecast_covers_horizon ? 12 : 3;
    for (int i = 0; i < days; ++i) {
      const std::string day = "2026-01-" + std::to_string(20 + i);  // 20..31
      predict(2 * i + 1, day, 9000, "2026-01-18 07:30:00");
      predict(2 * i + 2, day, 5000, "2026-01-19 07:30:00");
    }
    warehouse_ = wh_->open();
  }

  void change(const std::string& table, int64_t id, const std::string& tenant, int64_t type, int64_t qty_milli,
              const std::string& day) {
    wh_->add("luckyus_scm_shopstock", table,
             {{"id", id}, {"tenant", tenant}, {"shop_id", int64_t{1}}, {"goods_id", int64_t{5}}, {"change_type", type},
              {"change_qty", qty_milli}, {"before_qty", int64_t{0}}, {"after_qty", int64_t{0}}, {"biz_date", day},
              {"create_time", day + " 15:00:00"}, {"update_time", day + " 15:00:00"}});
  }
  void batch(int64_t id, int64_t qty_milli) {
    wh_->add("luckyus_scm_shopstock", "t_shop_goods_stock",
             {{"id", id}, {"tenant", "LKUS"}, {"shop_id", int64_t{1}}, {"goods_id", int64_t{5}}, {"stock_qty", qty_milli},
              {"safety_stock", int64_t{6000}}, {"status", int64_t{1}}});
  }
  void ship(int64_t id, const std::string& arrived) {
    wh_->add("luckyus_scm_purchase", "t_ship_order",
             {{"id", id}, {"tenant", "LKUS"}, {"po_id", int64_t{1}}, {"arrival_date", arrived}, {"status", int64_t{40}}});
  }
  void predict(int64_t id, const std::string& day, int64_t qty_milli, const std::string& made) {
    wh_->add("luckyus_ireplenishment", "wh_goods_daily_demand_pred",
             {{"id", id}, {"tenant", "LKUS"}, {"warehouse_id", int64_t{1}}, {"shop_id", int64_t{1}},
              {"goods_id", int64_t{5}}, {"pred_date", day}, {"predict_qty", qty_milli}, {"model_version", "lgbm_v3.2"},
              {"create_time", made}, {"update_time", made}});
  }

  Report run(std::map<std::string, std::string> params = {}) {
    return run_tool(ToolRegistry::instance().get("inventory"), *warehouse_, params);
  }

  std::unique_ptr<TinyWarehouse> wh_;
  std::unique_ptr<Warehouse> warehouse_;
};

double number(const Cell& c) { return std::get<double>(c); }

TEST_F(InventoryTest, ReorderPointAndOrderFromTheMeanDemand) {
  build(false);
  const Report r = run();
  const auto& rows = r.panel("reorder")->table.rows;
  ASSERT_EQ(rows.size(), 1u);
  const auto& row = rows[0];
  EXPECT_EQ(std::get<std::string>(row[1]), "Whole Milk 1gal");
  EXPECT_DOUBLE_EQ(number(row[3]), 15);          // on hand
  EXPECT_DOUBLE_EQ(number(row[4]), 4);           // d̄
  EXPECT_NEAR(number(row[5]), 6.972473, 5e-4);   // σ
  EXPECT_DOUBLE_EQ(number(row[6]), 3.75);        // days of supply
  EXPECT_DOUBLE_EQ(number(row[7]), 5);           // lead time
  EXPECT_NEAR(number(row[8]), 1.644854, 5e-4);   // z
  EXPECT_NEAR(number(row[9]), 25.644789, 5e-4);  // safety stock
  EXPECT_NEAR(number(row[10]), 45.644789, 5e-4); // reorder point
  EXPECT_DOUBLE_EQ(number(row[11]), 28);         // Q = 7 days of d̄
  EXPECT_NEAR(number(row[12]), 58.644789, 5e-4);
  EXPECT_EQ(std::get<std::string>(row[13]), "mean demand");
  EXPECT_TRUE(r.panel("stockout_alerts")->alerts.empty());  // 15 on hand is 3.75 days
}

TEST_F(InventoryTest, OrderFromTheLatestForecastWhenItCoversTheHorizon) {
  build(true);
  const Report r = run();
  const auto& row = r.panel("reorder")->table.rows.at(0);
  EXPECT_NEAR(number(row[12]), 70.644789, 5e-4);
  EXPECT_EQ(std::get<std::string>(row[13]), "forecast");
}

TEST_F(InventoryTest, WriteOffsRiskAndFillRate) {
  build(false);
  // Write-offs over the whole window: 2 of 64 consumed + 2.
  const Report r = run();
  const auto& w = r.panel("write_offs")->table.rows.at(0);
  EXPECT_DOUBLE_EQ(number(w[3]), 2);
  EXPECT_DOUBLE_EQ(number(w[4]), 64);
  EXPECT_NEAR(number(w[5]), 2.0 / 66, 5e-4);
  // Under 4 days of supply is at risk: 15 < 4 × 4.
  EXPECT_EQ(run({{"risk_days", "4"}}).panel("stockout_alerts")->alerts.size(), 1u);
  // A 95% fill rate with Q = 28: β(z) = 1 − σ√5·G(z)/28 = 0.95 at G(z) =
  // 0.05 × 28 / 15.590924 = 0.0897958, z = 0.960368 (solved apart, in
  // Python's statistics.NormalDist), so r = 20 + 0.960368 × 15.590924 = 34.973025.
  const Report fill = run({{"service_target", "fill_rate"}});
  const auto& f = fill.panel("reorder")->table.rows.at(0);
  EXPECT_NEAR(number(f[8]), 0.960368, 5e-4);
  EXPECT_NEAR(number(f[10]), 34.973025, 5e-4);
}

// The stock grid's row of shop 1's goods 5, by column name.
Cell stock_cell(const Report& r, const std::string& column) {
  const Panel& p = *r.panel("stock");
  EXPECT_EQ(p.table.rows.size(), 1u);
  return p.table.rows.at(0).at(testing::column(p, column));
}

// 15 on hand at d̄ = 4 is 3.75 days of supply: fine by the default threshold
// of 3 days, under the 5 days entered for the goods (a planner's own).
TEST_F(InventoryTest, ASkuFineByTheDefaultIsUnderItsOwnThreshold) {
  build(false);
  const Report before = run();
  EXPECT_EQ(std::get<std::string>(stock_cell(before, "goods_no")), "G000005");
  EXPECT_EQ(std::get<std::string>(stock_cell(before, "category")), "dairy");
  EXPECT_EQ(std::get<std::string>(stock_cell(before, "unit")), "gal");
  EXPECT_EQ(std::get<int64_t>(stock_cell(before, "shelf_life_days")), 12);
  EXPECT_DOUBLE_EQ(number(stock_cell(before, "days_of_supply")), 3.75);
  EXPECT_DOUBLE_EQ(number(stock_cell(before, "threshold_days")), 3);
  EXPECT_EQ(std::get<std::string>(stock_cell(before, "threshold_from")), "default");
  EXPECT_EQ(std::get<std::string>(stock_cell(before, "below_threshold")), "no");
  EXPECT_TRUE(before.panel("low_supply_alerts")->alerts.empty());

  inventory::save_thresholds(*warehouse_, inventory::parse_thresholds(*warehouse_, "goods_id,days_of_supply\n5,5\n", "t.csv"));
  const Report after = run();
  EXPECT_DOUBLE_EQ(number(stock_cell(after, "threshold_days")), 5);
  EXPECT_EQ(std::get<std::string>(stock_cell(after, "threshold_from")), "goods");
  EXPECT_EQ(std::get<std::string>(stock_cell(after, "below_threshold")), "yes");
  ASSERT_EQ(after.panel("low_supply_alerts")->alerts.size(), 1u);
  EXPECT_EQ(after.panel("low_supply_alerts")->alerts[0].title, "Shop 1: Whole Milk 1gal has 3.8 days of supply");

  // A later entry of 0 gives the goods back to the default, which the report's parameter sets.
  inventory::save_thresholds(*warehouse_, inventory::parse_thresholds(*warehouse_, "goods_id,days_of_supply\n5,0\n", "t.csv"));
  EXPECT_TRUE(run().panel("low_supply_alerts")->alerts.empty());
  EXPECT_EQ(run({{"supply_days", "3.8"}}).panel("low_supply_alerts")->alerts.size(), 1u);
}

TEST_F(InventoryTest, ABadThresholdFileIsRefusedWholeWithItsLine) {
  build(false);
  for (const auto& [text, message] : std::vector<std::pair<std::string, std::string>>{
           {"goods,days\n5,5\n", "t.csv:1: the header must be goods_id,days_of_supply"},
           {"goods_id,days_of_supply\n5,5\n99,5\n", "t.csv:3: goods_id '99' is not a goods of t_mdm_goods"},
           {"goods_id,days_of_supply\n5,366\n", "t.csv:2: days_of_supply '366' is not a number of days from 0 to 365 with at most one decimal"},
           {"goods_id,days_of_supply\n5,2.25\n", "t.csv:2: days_of_supply '2.25' is not a number of days from 0 to 365 with at most one decimal"},
           {"goods_id,days_of_supply\n5,-1\n", "t.csv:2: days_of_supply '-1' is not a number of days from 0 to 365 with at most one decimal"},
           {"goods_id,days_of_supply\n5,5\n5,6\n", "t.csv:3: goods 5 appears twice"},
           {"goods_id,days_of_supply\n", "t.csv: no rows after the header"}}) {
    try {
      inventory::parse_thresholds(*warehouse_, text, "t.csv");
      ADD_FAILURE() << "accepted: " << text;
    } catch (const Error& e) {
      EXPECT_EQ(std::string(e.what()), message);
    }
  }
  EXPECT_TRUE(inventory::read_thresholds(*warehouse_).empty());
  EXPECT_THROW(run({{"supply_days", "0"}}), Error);
}

TEST_F(InventoryTest, BadParametersAreRefused) {
  build(false);
  for (const auto& [name, value] : std::vector<std::pair<std::string, std::string>>{
           {"demand_days", "3"}, {"service_level", "1"}, {"service_level", "x"}, {"service_target", "both"},
           {"order_days", "0"}, {"risk_days", "-1"}, {"overstock_days", "0"}}) {
    EXPECT_THROW(run({{name, value}}), Error) << name << "=" << value;
  }
}

TEST(InventoryCli, BadParameterIsOneErrorLine) {
  std::string err;
  const int rc = testing::run_luckyhub(
      "report inventory --warehouse " + testing::shared_sim().warehouse_path + " --param service_level=2", nullptr, &err);
  EXPECT_NE(rc, 0);
  EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << err;
  EXPECT_NE(err.find("service_level"), std::string::npos) << err;
}

TEST(InventoryCli, ABadThresholdsFileIsOneErrorLineAndWritesNothing) {
  const std::string file = testing::temp_dir() + "/thresholds.csv";
  std::ofstream(file) << "goods_id,days_of_supply\n5,5\n6,five\n";
  std::string err;
  const int rc = testing::run_luckyhub(
      "inventory-thresholds " + file + " --warehouse " + testing::shared_sim().warehouse_path, nullptr, &err);
  EXPECT_NE(rc, 0);
  EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << err;
  EXPECT_NE(err.find(file + ":3: days_of_supply 'five'"), std::string::npos) << err;
  EXPECT_TRUE(inventory::read_thresholds(*testing::open_shared_warehouse()).empty());
}

TEST(InventoryGroundTruth, FindsExactlyThePlantedStockOuts) {
  std::set<std::string> planted, found;
  for (const auto& item : testing::shared_sim().truth["anomalies"]["stockout_risk"]["items"])
    planted.insert("Shop " + std::to_string(item["shop_id"].get<int64_t>()) + ": " + item["goods_name"].get<std::string>());
  ASSERT_GE(planted.size(), 3u);
  auto wh = testing::open_shared_warehouse();
  const Report r = run_tool(ToolRegistry::instance().get("inventory"), *wh, {});
  for (const Alert& a : r.panel("stockout_alerts")->alerts) found.insert(a.title.substr(0, a.title.find(" runs out")));
  EXPECT_EQ(found, planted);  // precision and recall 1.0
}

}  // namespace
}  // namespace luckyhub
