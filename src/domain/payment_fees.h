// What a payment costs per Stripe channel, shared by the tools that report it
// — payment-fees (Tool 8) prices each channel and the what-if of steering
// payments between them, reconciliation (Tool 7) charts the monthly rate —
// and by calibration, which checks the simulated channels against
// docs/simulator/calibration.md, so that what the tools report is what is calibrated.
//
// Payments are successful payment trades (rules::successful_payment) of one
// tenant and currency (USD production by default: NZD is test data and only
// reported when asked for), paid in the window. Fees come from t_channel_fee,
// joined by trade_no (the wide table kTradeFees). Each channel's fee structure
// (fixed cents + percent of amount) is estimated by least squares over its fee
// rows, so that a what-if can apply a channel's structure to other payments.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/sql_result.h"
#include "report/report.h"
#include "tools/window.h"
#include "warehouse/warehouse.h"

namespace luckyhub::fees {

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
// the trades with their fees, kTradeFees) that the channel costs and the
// monthly trend both use.
struct ChannelMonth {
  std::string month;  // 'YYYY-MM'
  int64_t channel_id = 0;
  int64_t transactions = 0, revenue_cents = 0, fee_cents = 0;
  double sum_amount_squared = 0, sum_amount_fee = 0;  // for the fee model's fit
};
std::vector<ChannelMonth> channel_months(Warehouse& warehouse, const Window& window,
                                         const std::string& currency);
// The same as a query and the reading of its result, for a tool that runs it
// in a batch with its own queries (Warehouse::query_all).
Query channel_months_query(Warehouse& warehouse, const Window& window,
                           const std::string& currency);
std::vector<ChannelMonth> channel_months(const ResultSet& result);

// Per-channel costs of the payments, with each channel's fitted fee model,
// sorted by revenue descending.
std::vector<ChannelCost> channel_costs(const std::vector<ChannelMonth>& months);
std::vector<ChannelCost> channel_costs(Warehouse& warehouse, const Window& window,
                                       const std::string& currency);

// The effective rate per New York month, all channels and each of `channels`.
Panel monthly_rate_panel(const std::vector<ChannelMonth>& months,
                         const std::vector<ChannelCost>& channels);

}  // namespace luckyhub::fees
