#include "tools/payment_fees/payment_fees.h"

#include <cmath>

namespace luckyhub::payment_fees {

int64_t annual_saving_cents(const fees::ChannelCost& from, const fees::ChannelCost& to,
                            double share, int window_days) {
  if (window_days <= 0) return 0;
  const double moved_n = share * static_cast<double>(from.transactions);
  const double moved_amount = share * static_cast<double>(from.revenue_cents);
  const double fee_now = moved_n * from.model.fixed_cents + moved_amount * from.model.percent;
  const double fee_then = moved_n * to.model.fixed_cents + moved_amount * to.model.percent;
  return std::llround((fee_now - fee_then) * 365.0 / window_days);
}

Incentive incentive(const std::vector<fees::ChannelCost>& channels, const fees::ChannelCost& target,
                    int64_t discount_cents, double share, bool on_all, int window_days) {
  Incentive out;
  if (window_days <= 0) return out;
  const double year = 365.0 / window_days;
  double full_saving = 0;  // in the window, every source transaction moved
  for (const fees::ChannelCost& c : channels) {
    if (c.channel_id == target.channel_id || c.transactions == 0) continue;
    const double n = static_cast<double>(c.transactions), amount = static_cast<double>(c.revenue_cents);
    const double saving = n * (c.model.fixed_cents - target.model.fixed_cents) +
                          amount * (c.model.percent - target.model.percent);
    if (saving <= 0) continue;
    out.sources.push_back(c.channel_id);
    out.source_transactions += c.transactions;
    full_saving += saving;
  }
  const double d = static_cast<double>(discount_cents);
  const double switched = share * static_cast<double>(out.source_transactions);
  const double paid_on = switched + (on_all ? static_cast<double>(target.transactions) : 0.0);
  out.switched_per_year = std::llround(switched * year);
  out.fees_saved = std::llround(share * full_saving * year);
  out.discount_paid = std::llround(d * paid_on * year);
  out.net = out.fees_saved - out.discount_paid;
  // net(s) = s x (full_saving - d x sources) - (on_all ? d x target : 0), in the window.
  const double slope = full_saving - d * static_cast<double>(out.source_transactions);
  const double fixed = on_all ? d * static_cast<double>(target.transactions) : 0.0;
  if (out.sources.empty()) {
    // nothing to switch: no share pays
  } else if (fixed <= 0 && slope >= 0) {
    out.break_even_share = 0.0;
  } else if (slope > 0 && fixed / slope <= 1.0) {
    out.break_even_share = fixed / slope;
  }
  return out;
}

}  // namespace luckyhub::payment_fees
