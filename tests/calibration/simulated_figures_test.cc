// The simulator's figures at the shared simulation's scale (0.02), counted
// here with plain SQL and judged against the catalog's figures written here,
// independently of src/calibration (which `luckyhub calibration` uses at
// scale 1, with tolerances that widen at small scales).
//
// Each figure is checked where the scale leaves enough rows for its
// tolerance to mean something: a scaled volume of thousands of rows within
// 3% (a Poisson count of 5,000 varies by 1.4%), shares of thousands of
// orders within a few standard deviations; owned counts exactly. Payment
// channels are allocated their trades (catalog x scale), so their counts are
// checked to two trades, and their revenue within 5% where a channel has 30
// trades or more.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>

#include "support/shared_sim.h"

namespace luckyhub {
namespace {

class SimulatedFigures : public ::testing::Test {
 protected:
  void SetUp() override {
    wh_ = testing::open_shared_warehouse();
    scale_ = testing::shared_sim().scale;
    ASSERT_DOUBLE_EQ(scale_, 0.02) << "the tolerances below are chosen for scale 0.02";
  }
  double number(const std::string& sql) { return wh_->query(sql).double_at(0, 0); }
  int64_t count(const std::string& table, const std::string& where = "") {
    return wh_->query("SELECT COUNT(*) FROM " + table + (where.empty() ? "" : " WHERE " + where)).int_at(0, 0);
  }
  std::unique_ptr<Warehouse> wh_;
  double scale_ = 0;
};

const char* kPaidUsd = "tenant = 'LKUS' AND currency_code = 'USD' AND status IN (20, 30, 40, 60)";

TEST_F(SimulatedFigures, ScaledVolumesWithinThreePercent) {
  const std::map<std::string, double> at_scale_1 = {
      {"sales_order__t_order", 516000},
      {"sales_order__t_order_item", 602000},
      {"sales_crm__t_user", 275000},
      {"sales_crm__t_user_profile", 193000},
      {"sales_crm__t_user_history", 498000},
      {"isales_cdp__t_user_state", 980000},
      {"isales_cdp__t_realtime_user_group_log", 2300000},
      {"isales_cdp__t_user_event_track", 168000},
      {"sales_marketing__t_coupon_record", 2600000},
      {"sales_marketing__t_user_group_label", 3900000},
      {"sales_marketing__t_market_activity_partake", 514000},
      {"isalesdatamarketing__t_user_hit_experiment_record", 6400000},
      {"opproduction__t_production", 502000},
      {"opproduction__t_commodity", 567000},
      {"iot_platform__t_cup_order_info", 587000},
  };
  for (const auto& [table, rows] : at_scale_1) {
    const double expected = rows * scale_;
    ASSERT_GE(expected, 3000) << table << ": too few rows at this scale for 3% to mean something";
    EXPECT_NEAR(static_cast<double>(count(table)), expected, 0.03 * expected) << table;
  }
  // Paid orders are planned exactly: USD production and the NZ test tenant.
  EXPECT_EQ(count("sales_order__t_order", kPaidUsd), std::llround(466252 * scale_));
  EXPECT_EQ(count("sales_order__t_order", "tenant = 'LKNZ' AND currency_code = 'NZD' AND status IN (20, 30, 40, 60)"),
            std::llround(21245 * scale_));
  EXPECT_EQ(count("sales_marketing__t_coupon_record_expired"), std::llround(37000000 * scale_));
}

TEST_F(SimulatedFigures, OwnedCountsAreExact) {
  EXPECT_EQ(count("opshop__t_shop_info", "tenant = 'LKUS' AND status IN (2, 3)"), 10);  // open or closed for now
  EXPECT_EQ(number("SELECT COUNT(DISTINCT category) FROM scm_commodity__t_commodity_base_info"), 8);
  EXPECT_EQ(count("sales_marketing__t_coupon_template"), 1262);
  EXPECT_EQ(count("iot_platform__t_device"), 216);
  EXPECT_EQ(count("iot_platform__t_device", "brand = 'Schaerer'"), 216);
  EXPECT_EQ(number("SELECT COUNT(DISTINCT machine_type) FROM iot_platform__t_device"), 14);
  EXPECT_EQ(count("iot_platform__t_coffee_formula"), 217);
  EXPECT_EQ(count("scm_commodity__t_mdm_goods"), 1448);
  EXPECT_EQ(count("fi_tax__t_tax_invoice") + count("fi_tax__t_tax_invoice_item") + count("fi_tax__t_tax_declaration"), 0);
}

TEST_F(SimulatedFigures, OrderChannelSharesWithinFourStandardDeviations) {
  const double paid = static_cast<double>(count("sales_order__t_order", kPaidUsd));
  ASSERT_GT(paid, 5000);
  // iOS 80%, Android 14%, delivery 5% of paid USD orders.
  for (const auto& [channel, share] : std::map<int, double>{{2, 0.80}, {1, 0.14}, {3, 0.05}}) {
    const double n = static_cast<double>(
        count("sales_order__t_order", std::string(kPaidUsd) + " AND channel = " + std::to_string(channel)));
    const double sd = std::sqrt(paid * share * (1 - share));
    EXPECT_NEAR(n, paid * share, 4 * sd) << "channel " << channel;
  }
}

TEST_F(SimulatedFigures, PaymentChannelsTradesAndRevenue) {
  // The catalog's payment channels: successful USD payment transactions and
  // revenue in dollars, at scale 1.
  struct Channel {
    int id;
    double transactions, revenue_dollars;
  };
  const Channel catalog[] = {
      {53, 205988, 917232}, {6, 168286, 753165}, {51, 30901, 153927}, {3, 27301, 136363},
      {1, 29163, 100710},   {52, 17829, 82992},  {5, 12232, 57078},   {91, 12682, 56875},
      {54, 1737, 11688},    {55, 198, 892},      {92, 5, 188},
  };
  const ResultSet r = wh_->query(
      "SELECT channel_id, COUNT(*), SUM(amount) FROM sales_payment__t_trade WHERE tenant = 'LKUS' AND "
      "currency_code = 'USD' AND trade_type = 1 AND trade_status = 20 GROUP BY channel_id");
  std::map<int64_t, std::pair<int64_t, int64_t>> measured;
  for (size_t i = 0; i < r.size(); ++i) measured[r.int_at(i, 0)] = {r.int_at(i, 1), r.int_at(i, 2)};
  int revenue_checked = 0;
  for (const Channel& c : catalog) {
    const double trades = c.transactions * scale_;
    const auto [n, cents] = measured[c.id];
    measured.erase(c.id);
    EXPECT_NEAR(static_cast<double>(n), trades, 2.0) << "channel " << c.id;
    if (trades < 30) continue;  // 4 trades of channel 55 vary by far more than 5%
    ++revenue_checked;
    const double expected_cents = c.revenue_dollars * 100 * scale_;
    EXPECT_NEAR(static_cast<double>(cents), expected_cents, 0.05 * expected_cents) << "channel " << c.id;
  }
  EXPECT_EQ(revenue_checked, 9);
  EXPECT_TRUE(measured.empty()) << "a payment channel the catalog does not list: " << measured.begin()->first;
}

}  // namespace
}  // namespace luckyhub
