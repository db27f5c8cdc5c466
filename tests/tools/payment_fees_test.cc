#include "tools/payment_fees/payment_fees.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "report/render.h"
#include "support/tiny_warehouse.h"
#include "tools/registry.h"

namespace luckyhub {
namespace {

using testing::TinyWarehouse;

// Two channels with exactly linear fee structures, plus rows that must not
// count: a failed payment, a refund, NZD test data, a USD-tenant trade in NZD,
// and a payment before the window.
class PaymentFeesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    wh_ = std::make_unique<TinyWarehouse>("2026-01-01", "2026-01-11");
    for (int i = 0; i < 40; ++i) {
      const int64_t apple = 300 + 50 * i;   // fee 5 + 2%
      add_trade(53, apple, 5 + apple / 50, "2026-01-05 15:00:00");
      const int64_t debit = 400 + 100 * i;  // fee 2 + 1%
      add_trade(3, debit, 2 + debit / 100, "2026-01-06 15:00:00");
    }
    add_trade(53, 999, 99, "2026-01-05 15:00:00", "LKUS", "USD", 1, 30);  // failed
    add_trade(53, 999, 99, "2026-01-05 15:00:00", "LKUS", "USD", 2, 20);  // refund
    add_trade(53, 999, 99, "2026-01-05 15:00:00", "LKNZ", "NZD");         // test tenant
    add_trade(53, 999, 99, "2026-01-05 15:00:00", "LKUS", "NZD");         // currency leak
    add_trade(53, 999, 99, "2026-01-01 04:59:59");  // Dec 31 in New York: before the window
    warehouse_ = wh_->open();
  }

  void add_trade(int64_t channel, int64_t amount, int64_t fee, const std::string& pay_time,
                 const std::string& tenant = "LKUS", const std::string& currency = "USD",
                 int64_t type = 1, int64_t status = 20) {
    const std::string trade_no = "T" + std::to_string(++next_);
    wh_->add("luckyus_sales_payment", "t_trade",
             {{"id", next_}, {"tenant", tenant}, {"trade_no", trade_no}, {"order_no", "O" + trade_no},
              {"channel_id", channel}, {"trade_type", type}, {"trade_status", status},
              {"amount", amount}, {"currency_code", currency}, {"pay_time", pay_time}});
    wh_->add("luckyus_sales_payment", "t_channel_fee",
             {{"id", next_}, {"tenant", tenant}, {"trade_no", trade_no}, {"channel_id", channel},
              {"currency_code", currency}, {"amount", amount}, {"transaction_fee", fee},
              {"merchant_service_fee", int64_t{0}}, {"total_fee", fee}});
  }

  Report run(const std::map<std::string, std::string>& params = {}) {
    return run_tool(ToolRegistry::instance().get("payment-fees"), *warehouse_, params);
  }

  std::unique_ptr<TinyWarehouse> wh_;
  std::unique_ptr<Warehouse> warehouse_;
  int64_t next_ = 0;
};

TEST_F(PaymentFeesTest, ChannelTableHasHandComputedValues) {
  const Report report = run();
  const Panel* table = report.panel("channels");
  ASSERT_NE(table, nullptr);
  const std::vector<std::string> leading = {"channel_id", "transactions", "revenue_cents",
                                            "fee_cents", "effective_rate", "cost_rank"};
  std::vector<std::string> ids;
  for (const Column& c : table->table.columns) ids.push_back(c.id);
  for (const std::string& id : leading) {
    EXPECT_NE(std::find(ids.begin(), ids.end(), id), ids.end()) << id;
  }
  ASSERT_EQ(table->table.rows.size(), 2u);
  // Sorted by revenue: debit (94,000 cents) before Apple Pay (51,000 cents).
  const auto& debit = table->table.rows[0];
  const auto& apple = table->table.rows[1];
  EXPECT_EQ(std::get<int64_t>(debit[0]), 3);
  EXPECT_EQ(std::get<std::string>(debit[1]), "debit card");
  EXPECT_EQ(std::get<int64_t>(debit[2]), 40);
  EXPECT_EQ(std::get<int64_t>(debit[3]), 94000);
  EXPECT_EQ(std::get<int64_t>(debit[4]), 1020);
  EXPECT_DOUBLE_EQ(std::get<double>(debit[5]), 1020.0 / 94000.0);
  EXPECT_EQ(std::get<int64_t>(debit[6]), 2);
  EXPECT_EQ(std::get<int64_t>(apple[0]), 53);
  EXPECT_EQ(std::get<int64_t>(apple[2]), 40);
  EXPECT_EQ(std::get<int64_t>(apple[3]), 51000);
  EXPECT_EQ(std::get<int64_t>(apple[4]), 1220);
  EXPECT_EQ(std::get<int64_t>(apple[6]), 1);
  // The fitted fee models recover fixed + percent.
  EXPECT_NEAR(std::get<double>(apple[8]), 5.0, 1e-6);
  EXPECT_NEAR(std::get<double>(apple[9]), 0.02, 1e-9);
  EXPECT_NEAR(std::get<double>(debit[8]), 2.0, 1e-6);
  EXPECT_NEAR(std::get<double>(debit[9]), 0.01, 1e-9);
}

TEST_F(PaymentFeesTest, SummaryAnnualisesOverTheWindow) {
  const Report report = run();
  const Panel* summary = report.panel("summary");
  ASSERT_NE(summary, nullptr);
  std::map<std::string, int64_t> tiles;
  for (const KpiTile& k : summary->kpis) {
    if (const auto* v = std::get_if<int64_t>(&k.value)) tiles[k.id] = *v;
  }
  EXPECT_EQ(tiles["fees"], 2240);
  EXPECT_EQ(tiles["revenue"], 145000);
  EXPECT_EQ(tiles["annual_fees"], 81760);  // 2240 x 36.5
  EXPECT_EQ(report.as_of, "2026-01-11");
}

TEST_F(PaymentFeesTest, WhatIfAppliesBothFeeModelsToTheShiftedPayments) {
  // 20% of Apple Pay: 8 payments, $102.00. Now 8 x 5 + 2% = 244 cents; on debit
  // 8 x 2 + 1% = 118 cents; 126 cents saved in 10 days = 4,599 cents a year.
  const Report report = run({{"shift_from", "53"}, {"shift_to", "3"}, {"shift_share", "0.2"}});
  const Panel* what_if = report.panel("what_if");
  ASSERT_NE(what_if, nullptr);
  bool found = false;
  for (const KpiTile& k : what_if->kpis) {
    if (k.id == "annual_saving") {
      EXPECT_EQ(std::get<int64_t>(k.value), 4599);
      found = true;
    }
  }
  EXPECT_TRUE(found);
}

TEST_F(PaymentFeesTest, NzdIsReportedOnlyWhenAskedFor) {
  const Report report = run({{"currency", "NZD"}});
  const Panel* table = report.panel("channels");
  ASSERT_EQ(table->table.rows.size(), 1u);
  EXPECT_EQ(std::get<int64_t>(table->table.rows[0][3]), 999);
}

TEST_F(PaymentFeesTest, WhatIfOnAnIdleChannelExplainsInsteadOfFailing) {
  const Report report = run({{"shift_from", "777"}});
  const Panel* what_if = report.panel("what_if");
  ASSERT_NE(what_if, nullptr);
  EXPECT_EQ(what_if->kind, PanelKind::kText);
  EXPECT_NE(what_if->text.find("777"), std::string::npos);
}

TEST_F(PaymentFeesTest, MonthlyTrendHasOnePointPerMonth) {
  const Report report = run();
  const Panel* trend = report.panel("monthly_rate");
  ASSERT_NE(trend, nullptr);
  EXPECT_EQ(trend->series.x, std::vector<std::string>{"2026-01"});
  EXPECT_DOUBLE_EQ(std::get<double>(trend->series.series[0].values[0]), 2240.0 / 145000.0);
}

TEST_F(PaymentFeesTest, RejectsBadParameters) {
  EXPECT_THROW(run({{"bogus", "1"}}), Error);
  EXPECT_THROW(run({{"shift_share", "1.5"}}), Error);
  EXPECT_THROW(run({{"from", "2026-02-30"}}), Error);
  EXPECT_THROW(run({{"currency", "EUR"}}), Error);
}

}  // namespace
}  // namespace luckyhub
