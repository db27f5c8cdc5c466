#include "tools/reconciliation/reconciliation.h"

#include <gtest/gtest.h>

#include <map>

#include "support/tiny_warehouse.h"
#include "tools/registry.h"

namespace luckyhub {
namespace {

using testing::TinyWarehouse;

// Day 2026-01-05 (New York), store 1, channel 53, hour 10 (15:xx UTC):
//  O1 $4.00 paid by T1                       - clean
//  O2 $5.00 paid by T2 $3.00 + T3 $2.00      - clean split tender
//  O3 $6.00, no trade                        - order_without_trade
//  O4 $7.00 paid by T4 $7.50                 - amount_mismatch
//  T5 $1.00 for an order that does not exist - trade_without_order
//  T6 $2.00 LKUS/USD for the NZD order O6    - currency_leak
//  O8 $2.50 (app) and O9 $1.50 (delivery) in hour 12: one bill per sales source, clean
// Bills: hour 10 channel 53 booked twice (duplicate); hour 11 (T7 for O7) has no bill.
class ReconciliationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    wh_ = std::make_unique<TinyWarehouse>("2026-01-05", "2026-01-06");
    order(1, "LKUS", "USD", 400, "2026-01-05 15:00:00");
    order(2, "LKUS", "USD", 500, "2026-01-05 15:01:00");
    order(3, "LKUS", "USD", 600, "2026-01-05 15:02:00");
    order(4, "LKUS", "USD", 700, "2026-01-05 15:03:00");
    order(6, "LKNZ", "NZD", 200, "2026-01-05 15:04:00");
    order(7, "LKUS", "USD", 300, "2026-01-05 16:00:00");
    order(8, "LKUS", "USD", 250, "2026-01-05 17:00:00");
    order(9, "LKUS", "USD", 150, "2026-01-05 17:10:00");
    trade(1, "O1", 400, "2026-01-05 15:00:00");
    trade(2, "O2", 300, "2026-01-05 15:01:00");
    trade(3, "O2", 200, "2026-01-05 15:01:00");
    trade(4, "O4", 750, "2026-01-05 15:03:00");
    trade(5, "O5", 100, "2026-01-05 15:05:00");
    trade(6, "O6", 200, "2026-01-05 15:04:00");
    trade(7, "O7", 300, "2026-01-05 16:00:00");
    trade(8, "O8", 250, "2026-01-05 17:00:00");
    trade(9, "O9", 150, "2026-01-05 17:10:00");
    // Hour 10 trades: 400 + 300 + 200 + 750 + 100 + 200 = 1950, booked twice.
    bill(1, 10, 1950);
    bill(2, 10, 1950);
    bill(3, 12, 250, 1);
    bill(4, 12, 150, 2);
    // The day's fees (each trade's cents / 50): 8+6+4+15+2+4+6+5+3, booked.
    cost_bill(1, "2026-01-05", 3, 53);
    warehouse_ = wh_->open();
  }

  void order(int64_t id, const std::string& tenant, const std::string& currency, int64_t cents,
             const std::string& pay_time) {
    wh_->add("luckyus_sales_order", "t_order",
             {{"id", id}, {"tenant", tenant}, {"order_no", "O" + std::to_string(id)}, {"shop_id", int64_t{1}},
              {"currency_code", currency}, {"status", int64_t{40}}, {"pay_money", cents}, {"pay_time", pay_time}});
  }
  void trade(int64_t id, const std::string& order_no, int64_t cents, const std::string& pay_time) {
    wh_->add("luckyus_sales_payment", "t_trade",
             {{"id", id}, {"tenant", "LKUS"}, {"trade_no", "T" + std::to_string(id)}, {"order_no", order_no},
              {"shop_id", int64_t{1}}, {"channel_id", int64_t{53}}, {"trade_type", int64_t{1}},
              {"trade_status", int64_t{20}}, {"amount", cents}, {"currency_code", "USD"}, {"pay_time", pay_time}});
    wh_->add("luckyus_sales_payment", "t_channel_fee",
             {{"id", id}, {"tenant", "LKUS"}, {"trade_no", "T" + std::to_string(id)}, {"channel_id", int64_t{53}},
              {"currency_code", "USD"}, {"amount", cents}, {"total_fee", cents / 50}, {"fee_date", "2026-01-05"}});
  }
  void bill(int64_t id, int64_t hour, int64_t cents, int64_t source = 1) {
    wh_->add("luckyus_ifiaccounting", "t_acc_income_bill",
             {{"id", id}, {"tenant", "LKUS"}, {"bill_no", "B" + std::to_string(id)}, {"shop_id", int64_t{1}},
              {"biz_date", "2026-01-05"}, {"biz_hour", hour}, {"bill_type", int64_t{1}}, {"channel_id", int64_t{53}},
              {"amount", cents}, {"currency_code", "USD"}, {"sales_source", source}, {"status", int64_t{20}}});
  }

  // A company-level cost bill (fees: cost_type 3; commissions: 9), posted
  // (status 20) unless told, of LKUS in USD unless told.
  void cost_bill(int64_t id, const std::string& day, int64_t type, int64_t cents, int64_t status = 20,
                 const std::string& tenant = "LKUS", const std::string& currency = "USD") {
    wh_->add("luckyus_ifiaccounting", "t_acc_cost_bill",
             {{"id", id}, {"tenant", tenant}, {"bill_no", "C" + std::to_string(id)}, {"biz_date", day},
              {"cost_type", type}, {"amount", cents}, {"currency_code", currency}, {"status", status}});
  }

  std::unique_ptr<TinyWarehouse> wh_;
  std::unique_ptr<Warehouse> warehouse_;
};

TEST_F(ReconciliationTest, FindsEveryKindOfBreakAndNothingElse) {
  const auto r = reconciliation::reconcile(*warehouse_, {Date::parse("2026-01-05"), Date::parse("2026-01-06")},
                                           "USD", 1);
  std::map<std::string, std::vector<const reconciliation::Discrepancy*>> by_kind;
  for (const auto& x : r.discrepancies) by_kind[x.kind].push_back(&x);
  ASSERT_EQ(r.discrepancies.size(), 6u);
  ASSERT_EQ(by_kind["order_without_trade"].size(), 1u);
  EXPECT_EQ(by_kind["order_without_trade"][0]->order_id, 3);
  ASSERT_EQ(by_kind["amount_mismatch"].size(), 1u);
  EXPECT_EQ(by_kind["amount_mismatch"][0]->order_id, 4);
  EXPECT_EQ(by_kind["amount_mismatch"][0]->actual_cents - by_kind["amount_mismatch"][0]->expected_cents, 50);
  ASSERT_EQ(by_kind["trade_without_order"].size(), 1u);
  EXPECT_EQ(by_kind["trade_without_order"][0]->trade_ids, "5");
  ASSERT_EQ(by_kind["currency_leak"].size(), 1u);
  EXPECT_EQ(by_kind["currency_leak"][0]->trade_ids, "6");
  EXPECT_EQ(by_kind["currency_leak"][0]->order_id, 6);
  ASSERT_EQ(by_kind["duplicate_income_bill"].size(), 1u);
  EXPECT_EQ(by_kind["duplicate_income_bill"][0]->bill_ids, "2");
  ASSERT_EQ(by_kind["missing_income_bill"].size(), 1u);
  EXPECT_EQ(by_kind["missing_income_bill"][0]->trade_ids, "7");
  EXPECT_EQ(by_kind["missing_income_bill"][0]->day, "2026-01-05");
  EXPECT_TRUE(by_kind["missing_income_bill"][0]->actual_missing);  // the page shows no bill, not $0.00
}

TEST_F(ReconciliationTest, DayTotalsAreExactToTheCent) {
  const auto r = reconciliation::reconcile(*warehouse_, {Date::parse("2026-01-05"), Date::parse("2026-01-06")},
                                           "USD", 1);
  ASSERT_EQ(r.days.size(), 1u);
  EXPECT_EQ(r.days[0].orders_cents, 400 + 500 + 600 + 700 + 300 + 250 + 150);
  EXPECT_EQ(r.days[0].payments_cents, 400 + 300 + 200 + 750 + 100 + 200 + 300 + 250 + 150);
  EXPECT_EQ(r.days[0].accounting_cents, 3900 + 400);
  EXPECT_EQ(r.days[0].breaks, 6);
}

TEST_F(ReconciliationTest, NzdIsReconciledSeparately) {
  const auto r = reconciliation::reconcile(*warehouse_, {Date::parse("2026-01-05"), Date::parse("2026-01-06")},
                                           "NZD", 1);
  ASSERT_EQ(r.days.size(), 1u);
  EXPECT_EQ(r.days[0].orders_cents, 200);
  EXPECT_EQ(r.days[0].payments_cents, 0);  // its payment was booked as USD: the leak
}

TEST_F(ReconciliationTest, ReportDrillsDownToADay) {
  const Report report = run_tool(ToolRegistry::instance().get("reconciliation"), *warehouse_,
                                 {{"day", "2026-01-05"}});
  EXPECT_EQ(report.panel("discrepancies")->table.rows.size(), 6u);
  EXPECT_EQ(std::get<std::string>(report.panel("daily")->table.rows[0][1]), "MISMATCH");
}

}  // namespace
// Orphan trades (no order of their tenant and currency), day 2026-01-05:
//  T21 $3.00 LKUS/USD for O10, an LKUS order in EUR   - currency_leak (order 10)
//  T22 $1.00 and T23 $1.50 for O12, which no order has - trade_without_order, each
//  T24 $2.00 + T25 $3.00 pay the USD order O11 $5.00  - clean
class ReconciliationOrphansTest : public ReconciliationTest {
 protected:
  void SetUp() override {
    wh_ = std::make_unique<TinyWarehouse>("2026-01-05", "2026-01-06");
    order(10, "LKUS", "EUR", 300, "2026-01-05 15:00:00");
    order(11, "LKUS", "USD", 500, "2026-01-05 15:10:00");
    trade(21, "O10", 300, "2026-01-05 15:00:00");
    trade(22, "O12", 100, "2026-01-05 15:20:00");
    trade(23, "O12", 150, "2026-01-05 15:21:00");
    trade(24, "O11", 200, "2026-01-05 15:10:00");
    trade(25, "O11", 300, "2026-01-05 15:10:00");
    bill(1, 10, 300 + 100 + 150 + 200 + 300);
    cost_bill(1, "2026-01-05", 3, 6 + 2 + 3 + 4 + 6);
    warehouse_ = wh_->open();
  }
};

TEST_F(ReconciliationOrphansTest, EachOrphanTradeOnceWithTheOrderItsNumberNames) {
  const auto r = reconciliation::reconcile(*warehouse_, {Date::parse("2026-01-05"), Date::parse("2026-01-06")},
                                           "USD", 1);
  ASSERT_EQ(r.discrepancies.size(), 3u);
  EXPECT_EQ(r.discrepancies[0].kind, "currency_leak");
  EXPECT_EQ(r.discrepancies[0].trade_ids, "21");
  EXPECT_EQ(r.discrepancies[0].order_no, "O10");
  EXPECT_EQ(r.discrepancies[0].order_id, 10);
  EXPECT_EQ(r.discrepancies[0].actual_cents, 300);
  for (size_t i : {1, 2}) {
    EXPECT_EQ(r.discrepancies[i].kind, "trade_without_order");
    EXPECT_EQ(r.discrepancies[i].order_no, "O12");
    EXPECT_EQ(r.discrepancies[i].order_id, 0);
    EXPECT_EQ(r.discrepancies[i].day, "2026-01-05");
  }
  EXPECT_EQ(r.discrepancies[1].trade_ids, "22");
  EXPECT_EQ(r.discrepancies[2].trade_ids, "23");
  EXPECT_EQ(r.discrepancies[2].actual_cents, 150);
}

}  // namespace luckyhub

namespace luckyhub {
namespace {

// The index of a table column by id (-1 when missing).
int column(const Panel& p, const std::string& id) {
  for (size_t i = 0; i < p.table.columns.size(); ++i) {
    if (p.table.columns[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

// An order without any payment: its actual amount is missing (null), not 0;
// an order paid the wrong amount keeps what was paid.
TEST_F(ReconciliationTest, AnOrderWithoutPaymentHasNoActualAmount) {
  const Report report = run_tool(ToolRegistry::instance().get("reconciliation"), *warehouse_, {});
  const Panel& t = *report.panel("discrepancies");
  const int kind = column(t, "kind"), actual = column(t, "actual_cents"), difference = column(t, "difference_cents");
  ASSERT_GE(kind, 0);
  ASSERT_GE(actual, 0);
  int seen = 0;
  for (const auto& row : t.table.rows) {
    if (std::get<std::string>(row[kind]) == "order_without_trade") {
      EXPECT_TRUE(std::holds_alternative<std::monostate>(row[actual]));
      EXPECT_EQ(std::get<int64_t>(row[difference]), -600);  // the whole $6.00 is short
      ++seen;
    }
    if (std::get<std::string>(row[kind]) == "amount_mismatch") {
      EXPECT_EQ(std::get<int64_t>(row[actual]), 750);
      ++seen;
    }
  }
  EXPECT_EQ(seen, 2);
}

// Day 2026-01-05, tolerance 1 cent: every order and bill group is within it,
// but the day is not.
//  O1 $4.00 paid $4.01, O2 $5.00 paid $5.01 (hour 10, booked 902 = the trades)
//  O3 $3.00 paid $3.00 (hour 11, booked 300)
//  O4 $2.50 paid $2.50 (hour 12, booked 251: a cent over)
// Orders 1,450, payments 1,452, accounting 1,453: orders - payments is 2 cents.
class ReconciliationSmallDifferencesTest : public ReconciliationTest {
 protected:
  void SetUp() override {
    wh_ = std::make_unique<TinyWarehouse>("2026-01-05", "2026-01-06");
    order(1, "LKUS", "USD", 400, "2026-01-05 15:00:00");
    order(2, "LKUS", "USD", 500, "2026-01-05 15:01:00");
    order(3, "LKUS", "USD", 300, "2026-01-05 16:00:00");
    order(4, "LKUS", "USD", 250, "2026-01-05 17:00:00");
    trade(1, "O1", 401, "2026-01-05 15:00:00");
    trade(2, "O2", 501, "2026-01-05 15:01:00");
    trade(3, "O3", 300, "2026-01-05 16:00:00");
    trade(4, "O4", 250, "2026-01-05 17:00:00");
    bill(1, 10, 902);
    bill(2, 11, 300);
    bill(3, 12, 251);
    cost_bill(1, "2026-01-05", 3, 8 + 10 + 6 + 5);
    warehouse_ = wh_->open();
  }
};

TEST_F(ReconciliationSmallDifferencesTest, AMismatchDayListsTheDifferencesThatAddUp) {
  const auto r = reconciliation::reconcile(*warehouse_, {Date::parse("2026-01-05"), Date::parse("2026-01-06")},
                                           "USD", 1);
  ASSERT_EQ(r.days.size(), 1u);
  EXPECT_EQ(r.days[0].orders_cents, 1450);
  EXPECT_EQ(r.days[0].payments_cents, 1452);
  ASSERT_EQ(r.discrepancies.size(), 3u);
  for (const auto& x : r.discrepancies) EXPECT_EQ(x.kind, "small_differences");
  EXPECT_EQ(r.discrepancies[0].order_id, 1);
  EXPECT_EQ(r.discrepancies[0].expected_cents, 400);
  EXPECT_EQ(r.discrepancies[0].actual_cents, 401);
  EXPECT_EQ(r.discrepancies[1].order_id, 2);
  EXPECT_EQ(r.discrepancies[1].actual_cents - r.discrepancies[1].expected_cents, 1);
  EXPECT_EQ(r.discrepancies[2].hour, 12);
  EXPECT_EQ(r.discrepancies[2].trade_ids, "4");
  EXPECT_EQ(r.discrepancies[2].bill_ids, "3");
  EXPECT_EQ(r.discrepancies[2].expected_cents, 250);
  EXPECT_EQ(r.discrepancies[2].actual_cents, 251);
  EXPECT_EQ(r.days[0].breaks, 3);

  const Report report = run_tool(ToolRegistry::instance().get("reconciliation"), *warehouse_,
                                 {{"day", "2026-01-05"}});
  EXPECT_EQ(std::get<std::string>(report.panel("daily")->table.rows[0][1]), "MISMATCH");
  EXPECT_EQ(report.panel("discrepancies")->table.rows.size(), 3u);  // never empty for a MISMATCH day
  for (const KpiTile& k : report.panel("summary")->kpis) {
    if (k.id == "days_matched") {
      EXPECT_EQ(k.note, "of 1 business day");
    }
  }
}

TEST_F(ReconciliationSmallDifferencesTest, AWiderToleranceMatchesTheDayAndListsNothing) {
  const auto r = reconciliation::reconcile(*warehouse_, {Date::parse("2026-01-05"), Date::parse("2026-01-06")},
                                           "USD", 2);
  EXPECT_TRUE(r.discrepancies.empty());
}

// Fee rows whose payment is gone, day 2026-01-05, channel 53:
//  O1 $4.00 paid by T1, its fee 8 cents                 - clean
//  fee row 99 for T99, which no trade has, 7 cents      - fee_without_payment
//  fee row 98 for T98, a failed payment, 5 cents        - fee_without_payment
class ReconciliationFeesTest : public ReconciliationTest {
 protected:
  void SetUp() override {
    wh_ = std::make_unique<TinyWarehouse>("2026-01-05", "2026-01-06");
    order(1, "LKUS", "USD", 400, "2026-01-05 15:00:00");
    trade(1, "O1", 400, "2026-01-05 15:00:00");
    bill(1, 10, 400);
    cost_bill(1, "2026-01-05", 3, 8);
    wh_->add("luckyus_sales_payment", "t_trade",
             {{"id", int64_t{98}}, {"tenant", "LKUS"}, {"trade_no", "T98"}, {"order_no", "O1"},
              {"shop_id", int64_t{1}}, {"channel_id", int64_t{53}}, {"trade_type", int64_t{1}},
              {"trade_status", int64_t{30}}, {"amount", int64_t{400}}, {"currency_code", "USD"}});
    for (const auto& [id, fee] : {std::pair<int64_t, int64_t>{99, 7}, {98, 5}}) {
      wh_->add("luckyus_sales_payment", "t_channel_fee",
               {{"id", id}, {"tenant", "LKUS"}, {"trade_no", "T" + std::to_string(id)},
                {"channel_id", int64_t{53}}, {"currency_code", "USD"}, {"amount", int64_t{400}},
                {"total_fee", fee}, {"fee_date", "2026-01-05"}});
    }
    // payment-fees reads the bound payment methods too.
    wh_->add("luckyus_sales_payment", "t_user_channel",
             {{"id", int64_t{1}}, {"tenant", "LKUS"}, {"user_no", "U1"}, {"channel_id", int64_t{3}},
              {"is_default", int64_t{1}}, {"status", int64_t{1}}, {"bind_time", "2025-12-01 10:00:00"}});
    warehouse_ = wh_->open();
  }
};

TEST_F(ReconciliationFeesTest, AFeeWhosePaymentIsGoneIsFlaggedAndNotCounted) {
  const auto r = reconciliation::reconcile(*warehouse_, {Date::parse("2026-01-05"), Date::parse("2026-01-06")},
                                           "USD", 1);
  ASSERT_EQ(r.discrepancies.size(), 2u);
  for (const auto& x : r.discrepancies) {
    EXPECT_EQ(x.kind, "fee_without_payment");
    EXPECT_EQ(x.day, "2026-01-05");
    EXPECT_EQ(x.channel_id, 53);
  }
  EXPECT_EQ(r.discrepancies[0].fee_ids, "98");
  EXPECT_EQ(r.discrepancies[0].trade_no, "T98");
  EXPECT_EQ(r.discrepancies[0].actual_cents, 5);
  EXPECT_EQ(r.discrepancies[1].fee_ids, "99");
  EXPECT_EQ(r.discrepancies[1].actual_cents, 7);

  // The day's fees are the 8 cents of the payment that exists, as payment-fees counts them.
  const Report report = run_tool(ToolRegistry::instance().get("reconciliation"), *warehouse_, {});
  const Panel* fees = report.panel("fees_daily");
  ASSERT_NE(fees, nullptr);
  ASSERT_EQ(fees->series.series.size(), 1u);
  EXPECT_EQ(std::get<int64_t>(fees->series.series[0].values.at(0)), 8);
  // The legend names the channel as the schema does, with its id.
  EXPECT_EQ(fees->series.series[0].label, "Apple Pay (53)");
  const Report payment_fees = run_tool(ToolRegistry::instance().get("payment-fees"), *warehouse_, {});
  for (const KpiTile& k : payment_fees.panel("summary")->kpis) {
    if (k.id == "fees") {
      EXPECT_EQ(std::get<int64_t>(k.value), 8);
    }
  }
}

}  // namespace
}  // namespace luckyhub
