// forecast-accuracy on a hand-made warehouse (exact metrics, baselines, lead
// times, the bias verdict), its parameters, and on the shared simulation:
// the planted biased store and category found, and nothing else.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "core/error.h"
#include "support/shared_sim.h"
#include "support/tiny_warehouse.h"
#include "tools/registry.h"

namespace luckyhub {
namespace {

using testing::TinyWarehouse;

class ForecastAccuracyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    wh_ = std::make_unique<TinyWarehouse>("2026-01-01", "2026-01-20");
    // Shop 1 consumes 10 units of goods 5 on Monday 5 January and 12 on
    // Monday the 12th; nothing on the 13th. A receipt and the test tenant's
    // use do not count.
    consume("t_shop_goods_stock_change_mon", 1, "LKUS", 1, -10000, "2026-01-05");
    consume("t_shop_goods_stock_change_mon", 2, "LKUS", 1, -12000, "2026-01-12");
    consume("t_shop_goods_stock_change_mon", 3, "LKUS", 2, 50000, "2026-01-12");
    consume("t_shop_goods_stock_change_tue", 4, "LKNZ", 1, -7000, "2026-01-13");
    wh_->add("luckyus_scm_commodity", "t_mdm_goods",
             {{"id", int64_t{5}}, {"goods_name", "Whole Milk 1gal"}, {"goods_category", "dairy"}});
    // A bakery goods in the week before: 4 consumed on Tuesday the 6th, 6 predicted.
    consume("t_shop_goods_stock_change_tue", 5, "LKUS", 1, -4000, "2026-01-06", 6);
    wh_->add("luckyus_scm_commodity", "t_mdm_goods",
             {{"id", int64_t{6}}, {"goods_name", "Croissant"}, {"goods_category", "bakery"}});
    predict(5, "LKUS", "2026-01-06", 6000, "2026-01-05 07:30:00", 6);
    // Predictions for the 12th (runs on the 11th and the 5th: leads 1 and 7)
    // and the 13th (run on the 11th: lead 2); the test tenant's is ignored.
    predict(1, "LKUS", "2026-01-12", 11000, "2026-01-11 07:30:00");
    predict(2, "LKUS", "2026-01-12", 15000, "2026-01-05 07:30:00");
    predict(3, "LKUS", "2026-01-13", 2000, "2026-01-11 07:30:00");
    predict(4, "LKNZ", "2026-01-13", 9000, "2026-01-11 07:30:00");
    // Two paid orders on the 12th (one paid at 23:30 New York time, 04:30 UTC
    // the next day) and a cancelled one; the night-before forecast says 3.
    order(1, 20, "2026-01-12 15:00:00");
    order(2, 40, "2026-01-13 04:30:00");
    order(3, 50, "2026-01-12 16:00:00");
    wh_->add("luckyus_ireplenishment", "t_order_predict_alg_v2",
             {{"id", int64_t{1}}, {"tenant", "LKUS"}, {"shop_id", int64_t{1}}, {"pred_date", "2026-01-12"},
              {"pred_hour", int64_t{10}}, {"lead_days", int64_t{1}}, {"predict_order_cnt", int64_t{3}},
              {"predict_cup_cnt", int64_t{4}}, {"alg_version", "v2.4.1"}, {"create_time", "2026-01-11 08:00:00"},
              {"update_time", "2026-01-11 08:00:00"}});
    warehouse_ = wh_->open();
  }

  void consume(const std::string& table, int64_t id, const std::string& tenant, int64_t type, int64_t qty_milli,
               const std::string& day, int64_t goods = 5) {
    wh_->add("luckyus_scm_shopstock", table,
             {{"id", id}, {"tenant", tenant}, {"shop_id", int64_t{1}}, {"goods_id", goods}, {"change_type", type},
              {"change_qty", qty_milli}, {"before_qty", int64_t{0}}, {"after_qty", int64_t{0}}, {"biz_date", day},
              {"create_time", day + " 15:00:00"}, {"update_time", day + " 15:00:00"}});
  }

  void order(int64_t id, int64_t status, const std::string& paid) {
    wh_->add("luckyus_sales_order", "t_order",
             {{"id", id}, {"tenant", "LKUS"}, {"order_no", "O" + std::to_string(id)}, {"shop_id", int64_t{1}},
              {"currency_code", "USD"}, {"status", status}, {"pay_money", int64_t{449}}, {"pay_time", paid}});
  }

  void predict(int64_t id, const std::string& tenant, const std::string& day, int64_t qty_milli,
               const std::string& made, int64_t goods = 5) {
    wh_->add("luckyus_ireplenishment", "wh_goods_daily_demand_pred",
             {{"id", id}, {"tenant", tenant}, {"warehouse_id", int64_t{1}}, {"shop_id", int64_t{1}},
              {"goods_id", goods}, {"pred_date", day}, {"predict_qty", qty_milli}, {"model_version", "lgbm_v3.2"},
              {"create_time", made}, {"update_time", made}});
  }

  Report run(std::map<std::string, std::string> params = {{"from", "2026-01-12"}, {"to", "2026-01-14"}}) {
    return run_tool(ToolRegistry::instance().get("forecast-accuracy"), *warehouse_, params);
  }

  std::unique_ptr<TinyWarehouse> wh_;
  std::unique_ptr<Warehouse> warehouse_;
};

const KpiTile& tile(const Report& r, const std::string& id) {
  for (const KpiTile& k : r.panel("summary")->kpis)
    if (k.id == id) return k;
  throw std::runtime_error("no tile " + id);
}

double number(const Cell& c) { return std::get<double>(c); }

// Pairs (actual, predicted): (12, 11), (12, 15), (0, 2).
TEST_F(ForecastAccuracyTest, ScoresEveryPairWithZeroActualsExplicit) {
  const Report r = run();
  EXPECT_EQ(std::get<int64_t>(tile(r, "pairs").value), 3);
  EXPECT_NEAR(number(tile(r, "wape").value), 6.0 / 24, 1e-12);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(tile(r, "mape").value));
  EXPECT_NE(tile(r, "mape").note.find("1 of 3 actuals are zero"), std::string::npos);
  // 2·1/23 + 2·3/27 + 2·2/2, each in whole millionths.
  EXPECT_NEAR(number(tile(r, "smape").value), (0.086956 + 0.222222 + 2.0) / 3, 1e-12);
  EXPECT_NEAR(number(tile(r, "bias").value), 4.0 / 24, 1e-12);
  EXPECT_NEAR(number(tile(r, "hit_rate_20").value), 1.0 / 3, 1e-12);
}

// Last week: 10 for the 12th, 0 for the 13th: |12−10| twice and 0, MAE 4/3
// against the system's 2.
TEST_F(ForecastAccuracyTest, BaselinesOnTheSamePairs) {
  const Report r = run();
  EXPECT_NEAR(number(tile(r, "mase").value), 2.0 / (4.0 / 3), 1e-12);
  const Panel& b = *r.panel("baselines");
  ASSERT_EQ(b.table.rows.size(), 3u);
  EXPECT_NEAR(number(b.table.rows[1][7]), 4.0 / 3, 1e-12);  // last week's MAE
  // Trailing mean: 10/7 for the 12th, 12/7 for the 13th.
  EXPECT_NEAR(number(b.table.rows[2][7]), (2 * (12 - 10.0 / 7) + 12.0 / 7) / 3, 1e-12);
  EXPECT_NE(b.description.find("does not beat last week's actuals: its MAE is 50.0% higher"), std::string::npos)
      << b.description;
}

TEST_F(ForecastAccuracyTest, LeadTimesAndTheBiasVerdict) {
  const Report r = run();
  const auto& leads = r.panel("leads")->table.rows;
  ASSERT_EQ(leads.size(), 3u);
  EXPECT_EQ(std::get<std::string>(leads[0][0]), "1 day");
  EXPECT_EQ(std::get<std::string>(leads[1][0]), "2 days");
  EXPECT_EQ(std::get<std::string>(leads[2][0]), "7 days");
  const auto& stores = r.panel("stores")->table.rows;
  ASSERT_EQ(stores.size(), 1u);
  EXPECT_NEAR(number(stores[0][9]), 4.0 / 24, 1e-12);
  EXPECT_EQ(std::get<std::string>(stores[0][10]), "yes");
  // Dairy's only SKU-store is in the biased store: no verdict on the category.
  const auto& categories = r.panel("categories")->table.rows;
  ASSERT_EQ(categories.size(), 1u);
  EXPECT_EQ(std::get<std::string>(categories[0][10]), "no");
  EXPECT_EQ(r.panel("bias_alerts")->alerts.size(), 1u);
  // A higher threshold flags nothing.
  EXPECT_TRUE(run({{"from", "2026-01-12"}, {"to", "2026-01-14"}, {"bias_threshold", "0.2"}})
                  .panel("bias_alerts")->alerts.empty());
}

// The heat map by category and week: bakery |6 − 4| / 4 in the week of the
// 5th; dairy (|11 − 12| + |15 − 12| + |2 − 0|) / 24 in the week of the 12th;
// nothing where a category had no pairs.
TEST_F(ForecastAccuracyTest, CategoryByWeekHeatmapInPercent) {
  const Report r = run({{"from", "2026-01-05"}, {"to", "2026-01-14"}});
  const HeatmapData& h = r.panel("category_weeks")->heatmap;
  EXPECT_EQ(h.x, (std::vector<std::string>{"2026-01-05", "2026-01-12"}));
  EXPECT_EQ(h.y, (std::vector<std::string>{"bakery", "dairy"}));
  ASSERT_EQ(h.values.size(), 2u);
  EXPECT_DOUBLE_EQ(number(h.values[0][0]), 50.0);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(h.values[0][1]));
  EXPECT_TRUE(std::holds_alternative<std::monostate>(h.values[1][0]));
  EXPECT_DOUBLE_EQ(number(h.values[1][1]), 25.0);
  // The window of the other tests holds one category and one week.
  EXPECT_EQ(run().panel("category_weeks")->heatmap.y, (std::vector<std::string>{"dairy"}));
}

TEST_F(ForecastAccuracyTest, OrderForecastsPerStoreAndDay) {
  const Report r = run();
  const auto& stores = r.panel("order_stores")->table.rows;
  ASSERT_EQ(stores.size(), 1u);
  EXPECT_EQ(std::get<int64_t>(stores[0][1]), 1);
  EXPECT_NEAR(number(stores[0][4]), 0.5, 1e-12);  // WAPE |3 − 2| / 2
  EXPECT_NEAR(number(stores[0][5]), 0.5, 1e-12);  // bias
  EXPECT_EQ(std::get<std::string>(stores[0][10]), "yes");
  const auto& chart = r.panel("orders_shop_1")->series;
  ASSERT_EQ(chart.x.size(), 1u);
  EXPECT_EQ(std::get<int64_t>(chart.series[0].values[0]), 2);
  EXPECT_EQ(std::get<int64_t>(chart.series[1].values[0]), 3);
}

TEST_F(ForecastAccuracyTest, BadParametersAreRefused) {
  for (const auto& [name, value] : std::vector<std::pair<std::string, std::string>>{
           {"bias_threshold", "0"}, {"bias_threshold", "x"}, {"worst", "0"}, {"worst", "2.5"}}) {
    EXPECT_THROW(run({{name, value}}), Error) << name << "=" << value;
  }
}

TEST(ForecastAccuracyCli, BadParameterIsOneErrorLine) {
  std::string err;
  const int rc = testing::run_luckyhub(
      "report forecast-accuracy --warehouse " + testing::shared_sim().warehouse_path + " --param worst=0", nullptr, &err);
  EXPECT_NE(rc, 0);
  EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << err;
  EXPECT_NE(err.find("worst"), std::string::npos) << err;
}

TEST(ForecastAccuracyGroundTruth, FindsExactlyThePlantedBiases) {
  const auto& items = testing::shared_sim().truth["anomalies"]["forecast_bias"]["items"];
  std::set<std::string> planted, found;
  for (const auto& item : items) {
    if (item["table"] != "luckyus_ireplenishment.wh_goods_daily_demand_pred") continue;
    if (item.contains("shop_id")) planted.insert("Store Shop " + std::to_string(item["shop_id"].get<int64_t>()));
    if (item.contains("goods_category")) planted.insert("Category " + item["goods_category"].get<std::string>());
  }
  ASSERT_EQ(planted.size(), 2u);
  auto wh = testing::open_shared_warehouse();
  const Report r = run_tool(ToolRegistry::instance().get("forecast-accuracy"), *wh, {});
  for (const Alert& a : r.panel("bias_alerts")->alerts) {
    const size_t cut = a.title.find(" over-forecast") != std::string::npos ? a.title.find(" over-forecast")
                                                                          : a.title.find(" under-forecast");
    found.insert(a.title.substr(0, cut));
  }
  EXPECT_EQ(found, planted);  // precision and recall 1.0
  // The order forecasts: the planted store alone flagged.
  std::set<std::string> planted_orders, found_orders;
  for (const auto& item : items)
    if (item["table"] == "luckyus_ireplenishment.t_order_predict_alg_v2")
      planted_orders.insert(std::to_string(item["shop_id"].get<int64_t>()));
  ASSERT_EQ(planted_orders.size(), 1u);
  for (const auto& row : r.panel("order_stores")->table.rows)
    if (std::get<std::string>(row.back()) == "yes") found_orders.insert(std::get<std::string>(row[0]));
  EXPECT_EQ(found_orders, planted_orders);
}

}  // namespace
}  // namespace luckyhub
