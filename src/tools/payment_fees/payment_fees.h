// Tool 8, Payment Channel Cost Optimizer (id "payment-fees"): what each
// Stripe payment channel costs, how its rate moves month by month, and what
// steering customers between channels would save a year.
//
// The channels' costs and fee models are the domain's (domain/payment_fees.h,
// shared with reconciliation and calibration); what is the tool's own is the
// what-if: a shift applies the destination channel's fee structure to the
// shifted transactions' real amounts.
#pragma once

#include <cstdint>

#include "domain/payment_fees.h"
#include "report/report.h"

namespace luckyhub::payment_fees {

// The yearly saving of moving `share` of `from`'s transactions to `to`:
// both channels' fee models applied to the moved transactions, scaled from
// the window to 365 days. Negative when `to` is dearer.
int64_t annual_saving_cents(const fees::ChannelCost& from, const fees::ChannelCost& to,
                            double share, int window_days);

// The traffic light of an effective rate: green under 2.5%, red from 3%.
Status rate_status(double rate);

}  // namespace luckyhub::payment_fees
