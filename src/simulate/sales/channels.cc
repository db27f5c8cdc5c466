// Which payment channel pays each order. Customers mostly pay with their
// preferred method; a deterministic quota draw makes the calibrated pool
// (pool.h) hit every channel's transaction count exactly and its revenue
// closely: each unit (an order's card charge, with its tip charge if any)
// draws a channel with probability
//   preference x share of the channel's quota still open x amount tilt,
// where the tilt leans channels that still need larger (smaller) tickets
// towards larger (smaller) amounts. Gift cards (a handful of trades of large
// office orders) are placed first, by amount.
#include <algorithm>
#include <cmath>

#include "core/log.h"
#include "simulate/sales/pool.h"

namespace luckyhub::sim {
namespace {

struct Unit {
  size_t order;
  int trades;
  int64_t cents;
  bool split;
};

}  // namespace

void assign_payment_channels(SimContext& ctx, SalesPlan& plan) {
  const SalesWorld& sales = ctx.world.sales;
  const size_t nc = sales.channels.size();
  const ChannelTargets targets = channel_targets(ctx);
  Rng rng = ctx.rng("sales/channels");
  std::vector<double> share(nc);
  for (size_t c = 0; c < nc; ++c) share[c] = sales.channels[c].share;

  std::vector<int64_t> rem_n = targets.trades, rem_sum = targets.revenue;
  std::vector<Unit> units;
  for (size_t i = 0; i < plan.orders.size(); ++i) {
    PlannedOrder& o = plan.orders[i];
    if (!in_pool(o)) {
      // Outside the pool: the customer's own method (or any, for test accounts).
      const int pref = sales.customers[o.customer].preferred_channel;
      o.pay_channel = static_cast<int8_t>(rng.chance(0.85) ? pref : rng.weighted(share));
      continue;
    }
    if (o.balance_cents > 0) {
      rem_n[kBalanceIndex] -= 1;
      rem_sum[kBalanceIndex] -= o.balance_cents;
    }
    units.push_back({i, o.tip_cents > 0 ? 2 : 1, main_trade_cents(o) + o.tip_cents, o.balance_cents > 0});
  }

  // Gift cards: the units closest to the amount the channel still needs.
  std::vector<bool> taken(units.size(), false);
  while (rem_n[kGiftCardIndex] > 0) {
    const int64_t want = rem_sum[kGiftCardIndex] / rem_n[kGiftCardIndex];
    size_t best = units.size();
    for (size_t u = 0; u < units.size(); ++u) {
      if (taken[u] || units[u].trades != 1 || units[u].split) continue;
      if (best == units.size() || std::llabs(units[u].cents - want) < std::llabs(units[best].cents - want)) best = u;
    }
    if (best == units.size()) break;
    taken[best] = true;
    plan.orders[units[best].order].pay_channel = kGiftCardIndex;
    rem_n[kGiftCardIndex] -= 1;
    rem_sum[kGiftCardIndex] -= units[best].cents;
  }

  // Two-trade units first, then split tender (which cannot use 91), then the rest.
  std::vector<size_t> order;
  for (int pass = 0; pass < 3; ++pass) {
    const size_t first = order.size();
    for (size_t u = 0; u < units.size(); ++u) {
      if (taken[u]) continue;
      const int kind = units[u].trades == 2 ? 0 : (units[u].split ? 1 : 2);
      if (kind == pass) order.push_back(u);
    }
    for (size_t i = order.size(); i > first + 1; --i) std::swap(order[i - 1], order[first + rng.range(0, i - 1 - first)]);
  }
  double var = 0, mean = 0;
  for (const Unit& u : units) mean += static_cast<double>(u.cents) / u.trades;
  mean /= std::max<size_t>(1, units.size());
  for (const Unit& u : units) var += std::pow(static_cast<double>(u.cents) / u.trades - mean, 2);
  var = std::max(1.0, var / std::max<size_t>(1, units.size()));

  std::vector<double> w(nc);
  for (size_t u : order) {
    const Unit& unit = units[u];
    PlannedOrder& o = plan.orders[unit.order];
    int64_t all_n = 0, all_sum = 0;
    for (size_t c = 0; c < nc; ++c) {
      if (c == kGiftCardIndex || rem_n[c] <= 0) continue;
      all_n += rem_n[c];
      all_sum += rem_sum[c];
    }
    const double m = all_n > 0 ? static_cast<double>(all_sum) / all_n : mean;
    const double a = static_cast<double>(unit.cents) / unit.trades;
    const int pref = o.nz ? -1 : sales.customers[o.customer].preferred_channel;
    double total = 0;
    for (size_t c = 0; c < nc; ++c) {
      w[c] = 0;
      if (c == kGiftCardIndex || rem_n[c] < unit.trades) continue;
      if (unit.split && c == kBalanceIndex) continue;
      const double need = static_cast<double>(rem_sum[c]) / rem_n[c];
      const double tilt = std::exp(std::clamp((a - m) * (need - m) / var, -5.0, 5.0));
      const double base = (static_cast<int>(c) == pref ? 0.8 : 0.0) + 0.2 * share[c] + 1e-6;
      w[c] = base * static_cast<double>(rem_n[c]) / std::max<int64_t>(1, targets.trades[c]) * tilt;
      total += w[c];
    }
    size_t pick;
    if (total > 0) {
      pick = rng.weighted(w);
    } else {  // quotas exhausted for this kind of unit: the channel with most room
      pick = static_cast<size_t>(std::max_element(rem_n.begin(), rem_n.end() - 1) - rem_n.begin());
    }
    o.pay_channel = static_cast<int8_t>(pick);
    rem_n[pick] -= unit.trades;
    rem_sum[pick] -= unit.cents;
  }
  for (size_t c = 0; c < nc; ++c) {
    log::debug("sales: channel ", sales.channels[c].channel_id, " trades off by ", rem_n[c], ", revenue off by ",
               rem_sum[c], " cents of ", targets.revenue[c]);
  }
}

}  // namespace luckyhub::sim
