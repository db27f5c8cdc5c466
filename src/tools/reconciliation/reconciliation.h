// Tool 7, Daily Revenue Reconciliation (id "reconciliation"): the three
// systems that hold revenue — orders (t_order.pay_money), payments
// (t_trade.amount, cents) and accounting (t_acc_income_bill) — matched per
// New York business day, order by order and bill by bill, for one tenant and
// currency at a time (USD production by default; NZD test data separately).
//
// Matching rules (tolerance: `tolerance_cents`, 1 by default):
//  - an order paid in the window (rules::paid_order) must have successful
//    payment trades (rules::successful_payment) of its tenant and currency whose
//    amounts add up to its pay_money: else order_without_trade or amount_mismatch;
//  - a successful payment trade must belong to an order of its tenant and
//    currency: else trade_without_order (no such order) or currency_leak (the
//    order is another tenant's or currency's);
//  - income bills summarise successful trades per (shop, business day, hour,
//    channel, bill type): a trade group without a bill is missing_income_bill,
//    a second bill for a group is duplicate_income_bill, a bill whose amount
//    differs from its trades is income_bill_mismatch, a bill with no trades
//    behind it is income_bill_without_trades;
//  - a t_channel_fee row of the window (by fee_date) whose trade_no has no
//    successful payment trade of its tenant and currency is
//    fee_without_payment (the fee still counts at Stripe; the payment is gone);
//  - a day whose totals differ past the tolerance while none of its orders or
//    groups breaks lists every order and group of it whose amounts differ at
//    all, as small_differences: the differences that add up.
//
// The cost side (USD production only: cost bills are booked for LKUS in USD),
// from t_acc_cost_bill, per business day (biz_date), posted bills (status 20)
// only; a day whose bills are all pending (10) is awaiting posting, not a
// break, and reversed bills (30) do not count:
//  - processing fees: the day's t_channel_fee fees whose payment exists (the
//    fees_daily set) against its fee bills (cost_type 3): none posted while
//    there are fees is fee_bill_missing, two or more is duplicate_fee_bill,
//    one whose amount differs past the tolerance is fee_bill_mismatch;
//  - delivery commissions: the day's paid delivery orders (t_order.channel 3,
//    by the New York day of pay_time) × the contract rate, rounded to the
//    cent, against its commission bills (cost_type 9): commission_bill_missing,
//    duplicate_commission_bill, commission_bill_mismatch alike;
//  - a cost bill of the window whose tenant is not LKUS or whose currency is
//    not USD is stray_cost_bill, one row one finding, its reason naming each
//    rule it breaks.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/payment_fees.h"
#include "tools/window.h"
#include "warehouse/warehouse.h"

namespace luckyhub::reconciliation {

struct Discrepancy {
  std::string kind;
  std::string day;  // New York business day
  int64_t shop_id = 0;
  int64_t hour = -1;        // New York hour, for income-bill groups
  int64_t channel_id = 0;   // for income-bill groups
  std::string order_no;
  int64_t order_id = 0;      // 0 when none
  std::string trade_ids;     // comma-separated t_trade ids
  std::string bill_ids;      // comma-separated t_acc_income_bill ids
  std::string fee_ids;       // t_channel_fee ids (fee_without_payment)
  std::string trade_no;      // the trade number a fee row names (fee_without_payment)
  std::string cost_bill_ids; // t_acc_cost_bill ids (the cost side)
  std::string reason;        // what a stray cost bill breaks
  int64_t expected_cents = 0;
  int64_t actual_cents = 0;
  bool actual_missing = false;  // nothing on the actual side (no payment, no bill): null, not 0
};

struct DayTotals {
  std::string day;
  int64_t orders_cents = 0;
  int64_t payments_cents = 0;
  int64_t accounting_cents = 0;
  int64_t refunds_cents = 0;             // refund trades
  int64_t accounting_refunds_cents = 0;  // refund bills (as a positive amount)
  int64_t orders = 0;
  int64_t breaks = 0;
  // The cost side: fees of the day's payments (by fee_date), its posted fee
  // bills (count and sum) and pending ones; delivery sales, the commission
  // they owe at the contract rate, its posted and pending commission bills.
  int64_t fees_cents = 0;
  int64_t fee_bills = 0, fees_booked_cents = 0, fee_bills_pending = 0;
  int64_t delivery_cents = 0, commission_due_cents = 0;
  int64_t commission_bills = 0, commission_booked_cents = 0, commission_bills_pending = 0;
};

// The fees of the payments that exist per fee_date and channel: fee rows and
// their total_fee.
struct FeeChannelDay {
  std::string day;
  int64_t channel_id = 0, rows = 0, fee_cents = 0;
};

// The delivery platforms' contract rate, parts per million (22%).
inline constexpr int64_t kCommissionRateE6 = 220000;

struct Reconciliation {
  std::vector<DayTotals> days;
  std::vector<Discrepancy> discrepancies;
  // Successful payments per New York month and channel with their fees (from
  // the same scan of the trades).
  std::vector<fees::ChannelMonth> months;
  std::vector<FeeChannelDay> fee_channels;  // by day, then channel
};

// Whether a day reconciles: the three systems' totals (and refunds) agree
// within the tolerance and no order, trade or bill of it broke a rule.
bool day_matches(const DayTotals& day, int64_t tolerance_cents);

// `also`: other queries of the report, run in the same batch as the
// reconciliation's own (Warehouse::query_all); their results go to `also_results`.
Reconciliation reconcile(Warehouse& warehouse, const Window& window, const std::string& currency,
                         int64_t tolerance_cents, const std::vector<Query>& also = {},
                         std::vector<ResultSet>* also_results = nullptr,
                         int64_t commission_rate_e6 = kCommissionRateE6);

// The cost side alone, for the home tile: its queries (fees per day and
// channel, orders per day with delivery sales, the cost bills, the stray cost
// bills), to run in the caller's batch, and the breaks their results give,
// as reconcile() lists them. USD only: no queries, no breaks otherwise.
std::vector<Query> cost_side_queries(Warehouse& warehouse, const Window& window, const std::string& currency);
std::vector<Discrepancy> cost_side_breaks(const std::vector<ResultSet>& results, const Window& window,
                                          const std::string& currency, int64_t tolerance_cents,
                                          int64_t commission_rate_e6 = kCommissionRateE6);

}  // namespace luckyhub::reconciliation
