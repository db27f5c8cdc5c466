// The calibrated trade pool: successful payment trades (trade_type 1,
// trade_status 20) of tenant 'LKUS' — exactly what the payment-fees tool
// counts — and its per-channel targets at the run's scale (pool.cc).
#pragma once

#include <cstdint>
#include <vector>

#include "simulate/sales/sales_internal.h"

namespace luckyhub::sim {

inline constexpr int kBalanceIndex = 7;   // channel 91 in kChannels order
inline constexpr int kGiftCardIndex = 10; // channel 92

struct ChannelTargets {
  std::vector<int64_t> trades;   // per channel index
  std::vector<int64_t> revenue;  // cents
  int64_t total_trades = 0;
  int64_t total_revenue = 0;
};

ChannelTargets channel_targets(const SimContext& ctx);

// Does the order put trades in the pool, and how many / how much.
bool in_pool(const PlannedOrder& o);
int pool_trades(const PlannedOrder& o);
int64_t main_trade_cents(const PlannedOrder& o);  // the card/wallet charge (pay - balance - tip, + mismatch)
int64_t count_pool_trades(const SalesPlan& plan);
int64_t pool_revenue(const SalesPlan& plan);

}  // namespace luckyhub::sim
