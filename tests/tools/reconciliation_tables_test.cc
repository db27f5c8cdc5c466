// The reconciliation's day totals from its derived tables
// (reconciliation_tables.h) built by a load and kept by a sync: an order
// added and a failed payment that succeeds later show in the day's totals,
// and the stored rows stay what their SELECTs give.
#include <gtest/gtest.h>

#include "support/derived_checks.h"
#include "support/tiny_warehouse.h"
#include "tools/reconciliation/reconciliation.h"
#include "tools/reconciliation/reconciliation_tables.h"
#include "warehouse/schema.h"
#include "warehouse/updater.h"

namespace luckyhub {
namespace {

using testing::TinyWarehouse;
using testing::upsert_row;

const Window kDay{Date::parse("2026-01-05"), Date::parse("2026-01-06")};

std::map<std::string, SqlValue> order_row(int64_t id, int64_t cents, int64_t channel, const std::string& pay_time) {
  return {{"id", id}, {"tenant", "LKUS"}, {"order_no", "O" + std::to_string(id)}, {"shop_id", int64_t{1}},
          {"channel", channel}, {"currency_code", "USD"}, {"status", int64_t{40}}, {"pay_money", cents},
          {"pay_time", pay_time}};
}

// A payment trade of O1; trade_status 20 succeeded, 30 failed (no pay_time).
std::map<std::string, SqlValue> trade_row(int64_t id, int64_t status) {
  std::map<std::string, SqlValue> row = {
      {"id", id},           {"tenant", "LKUS"},           {"trade_no", "T" + std::to_string(id)},
      {"order_no", "O1"},   {"shop_id", int64_t{1}},      {"channel_id", int64_t{53}},
      {"trade_type", int64_t{1}}, {"trade_status", status}, {"amount", int64_t{400}},
      {"currency_code", "USD"}};
  if (status == 20) row["pay_time"] = "2026-01-05 15:00:00";
  return row;
}

std::map<std::string, SqlValue> fee_row(int64_t id, int64_t cents) {
  return {{"id", id},           {"tenant", "LKUS"},     {"trade_no", "T" + std::to_string(id)},
          {"channel_id", int64_t{53}}, {"currency_code", "USD"}, {"amount", int64_t{400}},
          {"total_fee", cents}, {"fee_date", "2026-01-05"}};
}

void expect_current(Warehouse& wh) {
  for (std::string_view name : {reconciliation::kOrderDays, reconciliation::kFeeDays}) {
    EXPECT_TRUE(derived_current(wh, name)) << name;
    EXPECT_EQ(testing::derived_difference(wh, DerivedTableRegistry::instance().get(name)), "") << name;
  }
}

TEST(ReconciliationTables, ASyncKeepsTheDayTotalsCurrent) {
  TinyWarehouse tiny("2026-01-05", "2026-01-06");
  tiny.add("luckyus_sales_order", "t_order", order_row(1, 400, 1, "2026-01-05 15:00:00"));
  tiny.add("luckyus_sales_payment", "t_trade", trade_row(1, 20));
  tiny.add("luckyus_sales_payment", "t_channel_fee", fee_row(1, 8));
  tiny.add("luckyus_sales_payment", "t_trade", trade_row(98, 30));  // failed: its fee is not counted
  tiny.add("luckyus_sales_payment", "t_channel_fee", fee_row(98, 5));
  // The report reads the income and cost bills too: one of each.
  tiny.add("luckyus_ifiaccounting", "t_acc_income_bill",
           {{"id", int64_t{1}}, {"tenant", "LKUS"}, {"bill_no", "B1"}, {"shop_id", int64_t{1}},
            {"biz_date", "2026-01-05"}, {"biz_hour", int64_t{10}}, {"bill_type", int64_t{1}},
            {"channel_id", int64_t{53}}, {"amount", int64_t{400}}, {"currency_code", "USD"},
            {"sales_source", int64_t{1}}, {"status", int64_t{20}}});
  tiny.add("luckyus_ifiaccounting", "t_acc_cost_bill",
           {{"id", int64_t{1}}, {"tenant", "LKUS"}, {"bill_no", "C1"}, {"biz_date", "2026-01-05"},
            {"cost_type", int64_t{3}}, {"amount", int64_t{8}}, {"currency_code", "USD"}, {"status", int64_t{20}}});
  {
    const std::unique_ptr<Warehouse> wh = tiny.open();
    expect_current(*wh);
    const auto r = reconciliation::reconcile(*wh, kDay, "USD", 1);
    ASSERT_EQ(r.days.size(), 1u);
    EXPECT_EQ(r.days[0].orders, 1);
    EXPECT_EQ(r.days[0].orders_cents, 400);
    EXPECT_EQ(r.days[0].delivery_cents, 0);
    EXPECT_EQ(r.days[0].payments_cents, 400);
    EXPECT_EQ(r.days[0].fees_cents, 8);
  }
  // A sync: a delivery order (channel 3) of $3.00 arrives, and T98 succeeds.
  auto updater = open_updater(tiny.path());
  updater->begin();
  upsert_row(*updater, "luckyus_sales_order", "t_order", order_row(2, 300, 3, "2026-01-05 16:00:00"));
  upsert_row(*updater, "luckyus_sales_payment", "t_trade", trade_row(98, 20));
  updater->commit();
  updater->finish(/*analyze=*/false);
  updater.reset();

  const std::unique_ptr<Warehouse> wh = open_warehouse(tiny.path());
  expect_current(*wh);
  const auto r = reconciliation::reconcile(*wh, kDay, "USD", 1);
  ASSERT_EQ(r.days.size(), 1u);
  EXPECT_EQ(r.days[0].orders, 2);
  EXPECT_EQ(r.days[0].orders_cents, 700);
  EXPECT_EQ(r.days[0].delivery_cents, 300);
  EXPECT_EQ(r.days[0].payments_cents, 800);  // T1 and T98
  EXPECT_EQ(r.days[0].fees_cents, 13);       // 8 + 5: T98's fee now has its payment
}

}  // namespace
}  // namespace luckyhub
