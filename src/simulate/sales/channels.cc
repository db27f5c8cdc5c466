// Which payment channel pays each order. Customers mostly pay with their
// preferred method; a deterministic quota draw makes the calibrated pool
// (pool.h) hit every channel's transaction count exactly and its revenue
// closely: each unit (an order's card charge, with its tip charge if any)
// draws a channel with probability
//   preference x share of the channel's quota still open x amount tilt,
// where the tilt leans channels that still need larger (smaller) tickets
// towards larger (smaller) amounts. Gift cards (a handful of trades of large
// office orders) are placed first, by amount. The draw leaves a channel's
// revenue a few percent off where preferences pull against the tilt, so a
// last pass swaps single-trade units between the channel furthest over its
// revenue and the one furthest under it: counts stay exact, and each swap
// moves no more than both still need, so the error only shrinks.
#include <algorithm>
#include <cmath>
#include <map>

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

// Swaps single-trade units between channels until every channel's revenue is
// within 0.1% of its target (or no swap helps). Balance (91) never takes a
// split-tender unit; gift cards (92) were placed exactly and are left alone.
void repair_revenue(const std::vector<Unit>& units, const std::vector<bool>& taken, std::vector<int64_t>& rem_sum,
                    const std::vector<int64_t>& target, SalesPlan& plan) {
  const size_t nc = rem_sum.size();
  // Per channel, its movable units by amount; split ones apart (they cannot go to 91).
  std::vector<std::multimap<int64_t, size_t>> whole(nc), split(nc);
  for (size_t u = 0; u < units.size(); ++u) {
    if (taken[u] || units[u].trades != 1) continue;
    const size_t c = static_cast<size_t>(plan.orders[units[u].order].pay_channel);
    (units[u].split ? split : whole)[c].emplace(units[u].cents, u);
  }
  auto off = [&](size_t c) { return static_cast<double>(rem_sum[c]) / std::max<int64_t>(1, target[c]); };
  for (size_t step = 0; step < units.size(); ++step) {
    size_t over = nc, under = nc;  // rem_sum < 0: more revenue than the target
    for (size_t c = 0; c < nc; ++c) {
      if (c == static_cast<size_t>(kGiftCardIndex)) continue;
      if (over == nc || off(c) < off(over)) over = c;
      if (under == nc || off(c) > off(under)) under = c;
    }
    if (over == nc || std::max(-off(over), off(under)) < 0.001) return;
    const int64_t excess = std::min(-rem_sum[over], rem_sum[under]);
    if (excess <= 0) return;
    // The smallest unit of the channel under target goes over; the unit coming
    // back is the largest that moves no more than `excess`.
    bool moved = false;
    for (auto* pool : {&whole, &split}) {
      if (pool == &split && (under == static_cast<size_t>(kBalanceIndex) || over == static_cast<size_t>(kBalanceIndex)))
        continue;
      auto& from_under = (*pool)[under];
      auto& from_over = (*pool)[over];
      if (from_under.empty() || from_over.empty()) continue;
      const auto small = from_under.begin();
      auto big = from_over.upper_bound(small->first + excess);
      if (big == from_over.begin()) continue;
      --big;
      if (big->first <= small->first) continue;
      const int64_t d = big->first - small->first;
      rem_sum[over] += d;
      rem_sum[under] -= d;
      plan.orders[units[big->second].order].pay_channel = static_cast<int8_t>(under);
      plan.orders[units[small->second].order].pay_channel = static_cast<int8_t>(over);
      from_under.emplace(big->first, big->second);
      from_over.emplace(small->first, small->second);
      from_under.erase(small);
      from_over.erase(big);
      moved = true;
      break;
    }
    if (!moved) return;  // no swap brings both closer
  }
}

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
  repair_revenue(units, taken, rem_sum, targets.revenue, plan);
  for (size_t c = 0; c < nc; ++c) {
    log::debug("sales: channel ", sales.channels[c].channel_id, " trades off by ", rem_n[c], ", revenue off by ",
               rem_sum[c], " cents of ", targets.revenue[c]);
  }
}

}  // namespace luckyhub::sim
