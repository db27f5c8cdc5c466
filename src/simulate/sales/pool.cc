// The calibrated trade pool and its targets (see pool.h).
#include "simulate/sales/pool.h"

namespace luckyhub::sim {

// docs/simulator/calibration.md, payments table, in kChannels order (catalog.cc).
const ChannelTarget kChannelTargets[11] = {
    {53, 205988, 91723200}, {6, 168286, 75316500}, {51, 30901, 15392700}, {3, 27301, 13636300},
    {1, 29163, 10071000},   {52, 17829, 8299200},  {5, 12232, 5707800},   {91, 12682, 5687500},
    {54, 1737, 1168800},    {55, 198, 89200},      {92, 5, 18800},
};

ChannelTargets channel_targets(const SimContext& ctx) {
  std::vector<double> tw, rw;
  for (const ChannelTarget& t : kChannelTargets) {
    tw.push_back(static_cast<double>(t.trades));
    rw.push_back(static_cast<double>(t.revenue_cents));
  }
  ChannelTargets out;
  out.total_trades = ctx.scaled(506322);
  out.total_revenue = ctx.scaled(227111000);
  out.trades = apportion(out.total_trades, tw);
  out.revenue = apportion(out.total_revenue, rw);
  return out;
}

bool in_pool(const PlannedOrder& o) {
  if (!o.paid()) return false;
  if (o.nz) return (o.flags & kCurrencyLeak) != 0;
  return (o.flags & kNoTrade) == 0;
}

int pool_trades(const PlannedOrder& o) {
  if (!in_pool(o)) return 0;
  return 1 + (o.balance_cents > 0 ? 1 : 0) + (o.tip_cents > 0 ? 1 : 0);
}

int64_t main_trade_cents(const PlannedOrder& o) {
  return static_cast<int64_t>(o.pay_cents) - o.balance_cents - o.tip_cents + o.mismatch_cents;
}

int64_t count_pool_trades(const SalesPlan& plan) {
  int64_t n = 0;
  for (const PlannedOrder& o : plan.orders) n += pool_trades(o);
  return n;
}

int64_t pool_revenue(const SalesPlan& plan) {
  int64_t sum = 0;
  for (const PlannedOrder& o : plan.orders) {
    if (in_pool(o)) sum += main_trade_cents(o) + o.balance_cents + o.tip_cents;
  }
  return sum;
}

}  // namespace luckyhub::sim
