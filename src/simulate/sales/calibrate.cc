// Step 2 of the order generator: the money of every order, calibrated on the
// whole plan. (1) The Iced Coconut Latte's promoted app price is tuned so its
// average paid unit price is $3.22. (2) Split tender (stored balance + a
// card) and post-order tips are the orders paid with two trades: their
// numbers are chosen so the successful USD payment trades come out exact.
// (3) Daily deals on other drinks are tuned so the USD trade revenue lands
// on the calibrated total. Everything is deterministic.
#include <algorithm>
#include <cmath>

#include "core/log.h"
#include "core/money.h"
#include "simulate/sales/pool.h"

namespace luckyhub::sim {
namespace {

constexpr int64_t kIclAveragePaidCents = 322;
constexpr int64_t kSplitTenderOrders = 10500;

bool plain_usd(const PlannedOrder& o) { return !o.nz && o.flags == 0 && o.currency == 0 && o.paid(); }

int find_icl(const SalesWorld& sales) {
  for (size_t i = 0; i < sales.products.size(); ++i) {
    if (sales.products[i].name == "Iced Coconut Latte") return static_cast<int>(i);
  }
  return -1;
}

// Sets the ICL lines' app price so that their average paid unit price is the
// catalog's $3.22: a mix of $2.99 happy-hour and $3.45 everyday prices, then
// an even shift of the lines without a coupon.
void calibrate_icl(SimContext& ctx, SalesPlan& plan) {
  const int icl = find_icl(ctx.world.sales);
  Rng rng = ctx.rng("sales/calibrate/icl");
  int64_t paid = 0, units = 0, free_units = 0;
  std::vector<PlannedLine*> free_lines;
  for (PlannedOrder& o : plan.orders) {
    if (o.nz || o.currency != 0 || !o.paid()) continue;
    for (uint32_t i = 0; i < o.line_count; ++i) {
      PlannedLine& l = plan.lines[o.line_begin + i];
      if (l.product != icl) continue;
      if (l.coupon_unit_cents == 0) {
        const double u = rng.uniform();
        l.sale_cents = u < 0.3 ? 299 : (u < 0.95 ? 345 : l.origin_cents);
        free_lines.push_back(&l);
        free_units += l.quantity;
      }
      paid += static_cast<int64_t>(l.sale_cents) * l.quantity;
      units += l.quantity;
    }
  }
  if (free_units == 0) return;
  int64_t delta = kIclAveragePaidCents * units - paid;  // cents to add over free lines
  const int64_t per_unit = delta / free_units;
  for (PlannedLine* l : free_lines) {
    const int32_t before = l->sale_cents;
    l->sale_cents = static_cast<int32_t>(std::clamp<int64_t>(l->sale_cents + per_unit, 99, l->origin_cents));
    delta -= static_cast<int64_t>(l->sale_cents - before) * l->quantity;
  }
  for (PlannedLine* l : free_lines) {  // the remainder, a cent per unit
    if (delta == 0) break;
    const int step = delta > 0 ? 1 : -1;
    if (l->sale_cents + step < 99 || l->sale_cents + step > l->origin_cents) continue;
    l->sale_cents += step;
    delta -= step * l->quantity;
  }
}

// Picks n distinct candidates, weighted, without replacement (Efraimidis-Spirakis).
std::vector<size_t> weighted_pick(Rng& rng, const std::vector<size_t>& candidates,
                                  const std::vector<double>& weights, int64_t n) {
  std::vector<std::pair<double, size_t>> keyed;
  keyed.reserve(candidates.size());
  for (size_t i = 0; i < candidates.size(); ++i) {
    const double u = std::max(rng.uniform(), 1e-300);
    keyed.emplace_back(std::log(u) / weights[i], candidates[i]);
  }
  n = std::clamp<int64_t>(n, 0, static_cast<int64_t>(keyed.size()));
  std::partial_sort(keyed.begin(), keyed.begin() + n, keyed.end(),
                    [](const auto& a, const auto& b) { return a.first > b.first || (a.first == b.first && a.second < b.second); });
  std::vector<size_t> out;
  for (int64_t i = 0; i < n; ++i) out.push_back(keyed[i].second);
  std::sort(out.begin(), out.end());
  return out;
}

void choose_split_and_tips(SimContext& ctx, SalesPlan& plan, const ChannelTargets& targets) {
  Rng rng = ctx.rng("sales/calibrate/split-tips");
  std::vector<size_t> candidates;
  std::vector<double> ones;
  for (size_t i = 0; i < plan.orders.size(); ++i) {
    const PlannedOrder& o = plan.orders[i];
    if (plain_usd(o) && o.status == 40 && o.pay_cents >= 300) {
      candidates.push_back(i);
      ones.push_back(1.0);
    }
  }
  const int64_t n_split = std::min(ctx.scaled(kSplitTenderOrders), targets.trades[kBalanceIndex]);
  // The balance part of a split order is what the balance still held: a
  // random share of the order, scaled so that the balance channel's revenue
  // (these parts plus its whole payments at an average ticket) meets its target.
  const std::vector<size_t> split = weighted_pick(rng, candidates, ones, n_split);
  std::vector<double> part(split.size());
  double drawn = 0;
  for (size_t k = 0; k < split.size(); ++k) {
    part[k] = plan.orders[split[k]].pay_cents * rng.uniform(0.2, 0.8);
    drawn += part[k];
  }
  const double average_ticket = static_cast<double>(targets.total_revenue) / std::max<int64_t>(1, targets.total_trades);
  const double budget = targets.revenue[kBalanceIndex] -
                        average_ticket * static_cast<double>(targets.trades[kBalanceIndex] - n_split);
  const double stretch = drawn > 0 && budget > 0 ? budget / drawn : 1.0;
  for (size_t k = 0; k < split.size(); ++k) {
    PlannedOrder& o = plan.orders[split[k]];
    const int64_t most = std::max<int64_t>(100, o.pay_cents - 50);  // the card pays at least 50 cents
    o.balance_cents = static_cast<int32_t>(std::clamp<int64_t>(std::llround(part[k] * stretch), 100, most));
  }
  // Tips: every order paid with two trades that is not split tender.
  const int64_t tips = targets.total_trades - count_pool_trades(plan);
  candidates.clear();
  std::vector<double> weights;
  for (size_t i = 0; i < plan.orders.size(); ++i) {
    const PlannedOrder& o = plan.orders[i];
    if (plain_usd(o) && o.status == 40 && o.balance_cents == 0) {
      candidates.push_back(i);
      weights.push_back(o.channel == 3 ? 25.0 : 1.0);
    }
  }
  for (size_t i : weighted_pick(rng, candidates, weights, tips)) {
    PlannedOrder& o = plan.orders[i];
    if (o.channel == 3) {
      const int64_t items = o.pay_cents - o.tax_cents - o.delivery_fee_cents;
      o.tip_cents = static_cast<int32_t>(std::max<int64_t>(100, items * 15 / 100 / 25 * 25));
      o.tip_delay_s = static_cast<int32_t>(rng.range(1500, 3300));
    } else {
      o.tip_cents = static_cast<int32_t>(50 * rng.range(1, 4));
      o.tip_delay_s = static_cast<int32_t>(rng.range(240, 1800));
    }
    compute_money(plan, o);
  }
  log::debug("sales: ", n_split, " split-tender orders, ", tips, " tipped orders");
}

// Tunes the daily deals (activity discount) on drinks other than the ICL,
// on plain single-trade USD orders, until the pool revenue is on target.
void calibrate_revenue(SimContext& ctx, SalesPlan& plan, const ChannelTargets& targets) {
  const int icl = find_icl(ctx.world.sales);
  Rng rng = ctx.rng("sales/calibrate/revenue");
  std::vector<size_t> eligible;
  for (size_t i = 0; i < plan.orders.size(); ++i) {
    const PlannedOrder& o = plan.orders[i];
    if (plain_usd(o) && o.balance_cents == 0 && o.coupon_template < 0) eligible.push_back(i);
  }
  for (size_t i = eligible.size(); i > 1; --i) std::swap(eligible[i - 1], eligible[rng.range(0, i - 1)]);
  for (int round = 0; round < 4; ++round) {
    const int64_t gap = targets.total_revenue - pool_revenue(plan);  // + means too little revenue
    int64_t pretax = gap * 100000 / (100000 + kIncomeTaxRateE5);
    log::debug("sales: revenue calibration round ", round, " gap ", gap, " cents");
    if (std::llabs(gap) <= 1) break;
    for (size_t i : eligible) {
      if (pretax == 0) break;
      PlannedOrder& o = plan.orders[i];
      bool touched = false;
      for (uint32_t k = 0; k < o.line_count && pretax != 0; ++k) {
        PlannedLine& l = plan.lines[o.line_begin + k];
        if (l.product == icl || l.origin_cents < 445 || l.tax_flag != kTaxOk) continue;
        const int32_t floor_cents = std::max(l.origin_cents * 55 / 100, kDealFloorCents);
        int64_t step = std::clamp<int64_t>(pretax / l.quantity, -60, 60);
        if (step == 0) step = pretax > 0 ? 1 : -1;
        const int32_t after = static_cast<int32_t>(std::clamp<int64_t>(l.sale_cents + step, floor_cents, l.origin_cents));
        if (after == l.sale_cents) continue;
        pretax -= static_cast<int64_t>(after - l.sale_cents) * l.quantity;
        l.sale_cents = after;
        touched = true;
      }
      if (touched) compute_money(plan, o);
    }
  }
}

}  // namespace

void compute_money(SalesPlan& plan, PlannedOrder& o) {
  // US prices are before sales tax, which is added; New Zealand prices include
  // 15% GST, which is the price x 3/23 and adds nothing.
  int64_t origin = 0, items = 0, tax = 0, coupon = 0;
  for (uint32_t i = 0; i < o.line_count; ++i) {
    PlannedLine& l = plan.lines[o.line_begin + i];
    const int64_t pay = static_cast<int64_t>(l.sale_cents) * l.quantity;
    const int64_t due = o.nz ? mul_div_round(pay, 3, 23) : mul_div_round(pay, l.tax_rate_e5, 100000);
    switch (l.tax_flag) {
      case kTaxMissing: l.tax_cents = 0; break;
      case kTaxWrongAmount: l.tax_cents = static_cast<int32_t>(std::max<int64_t>(1, due + l.tax_delta)); break;
      default: l.tax_cents = static_cast<int32_t>(due); break;
    }
    origin += static_cast<int64_t>(l.origin_cents) * l.quantity;
    items += pay;
    tax += l.tax_cents;
    coupon += static_cast<int64_t>(l.coupon_unit_cents) * l.quantity;
  }
  o.origin_cents = static_cast<int32_t>(origin);
  o.coupon_cents = static_cast<int32_t>(coupon);
  o.activity_cents = static_cast<int32_t>(origin - items - coupon);
  o.tax_cents = static_cast<int32_t>(tax);
  o.pay_cents = static_cast<int32_t>(items + (o.nz ? 0 : tax) + o.delivery_fee_cents + o.tip_cents);
}

void calibrate_money(SimContext& ctx, SalesPlan& plan) {
  calibrate_icl(ctx, plan);
  for (PlannedOrder& o : plan.orders) compute_money(plan, o);
  const ChannelTargets targets = channel_targets(ctx);
  choose_split_and_tips(ctx, plan, targets);
  calibrate_revenue(ctx, plan, targets);
}

}  // namespace luckyhub::sim
