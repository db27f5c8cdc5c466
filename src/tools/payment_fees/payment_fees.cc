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

}  // namespace luckyhub::payment_fees
