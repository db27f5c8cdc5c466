// Tool 8, Payment Channel Cost Optimizer (id "payment-fees"): what each
// Stripe payment channel costs, how its rate moves month by month, and what
// steering customers between channels would save a year.
//
// Transactions are successful payment trades (trade_type 1, trade_status 20)
// of one tenant and currency (USD production by default: NZD is test data and
// only reported when asked for). Fees come from t_channel_fee, joined by
// trade_no. Each channel's fee structure (fixed cents + percent of amount) is
// estimated by least squares over its fee rows, so a what-if applies the
// destination channel's structure to the shifted transactions' real amounts.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "report/report.h"
#include "tools/window.h"
#include "warehouse/warehouse.h"

namespace luckyhub::payment_fees {

struct FeeModel {
  double fixed_cents = 0;  // per transaction
  double percent = 0;      // of the amount, 0.0175 = 1.75%
};

struct ChannelCost {
  int64_t channel_id = 0;
  std::string name;
  int64_t transactions = 0;
  int64_t revenue_cents = 0;
  int64_t fee_cents = 0;
  double effective_rate = 0;  // fee / revenue
  int cost_rank = 0;          // 1 = highest effective rate
  FeeModel model;
};

// Payments and their fees per New York month and channel: the one scan (of
// the trades with their fees, kTradeFees) that both the channel costs and the
// monthly trend use.
struct ChannelMonth {
  std::string month;  // 'YYYY-MM'
  int64_t channel_id = 0;
  int64_t transactions = 0, revenue_cents = 0, fee_cents = 0;
  double sum_amount_squared = 0, sum_amount_fee = 0;  // for the fee model's fit
};
std::vector<ChannelMonth> channel_months(Warehouse& warehouse, const Window& window, const std::string& currency);
// The same as a query and the reading of its result, to run in a batch
// (Warehouse::query_all).
Query channel_months_query(Warehouse& warehouse, const Window& window, const std::string& currency);
std::vector<ChannelMonth> channel_months(const ResultSet& result);

// Per-channel costs of payments in the window, sorted by revenue descending.
std::vector<ChannelCost> channel_costs(const std::vector<ChannelMonth>& months);
std::vector<ChannelCost> channel_costs(Warehouse& warehouse, const Window& window,
                                       const std::string& currency);

// The yearly saving of moving `share` of `from`'s transactions to `to`:
// both channels' fee models applied to the moved transactions, scaled from
// the window to 365 days. Negative when `to` is dearer.
int64_t annual_saving_cents(const ChannelCost& from, const ChannelCost& to, double share,
                            int window_days);

// The effective rate per New York month, all channels and each of `channels`.
Panel monthly_rate_panel(const std::vector<ChannelMonth>& months, const std::vector<ChannelCost>& channels);

}  // namespace luckyhub::payment_fees
