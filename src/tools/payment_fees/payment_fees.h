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
#include <optional>
#include <string>
#include <vector>

#include "domain/payment_fees.h"
#include "report/report.h"
#include "tools/window.h"
#include "warehouse/warehouse.h"

namespace luckyhub::payment_fees {

// The yearly saving of moving `share` of `from`'s transactions to `to`:
// both channels' fee models applied to the moved transactions, scaled from
// the window to 365 days. Negative when `to` is dearer.
int64_t annual_saving_cents(const fees::ChannelCost& from, const fees::ChannelCost& to,
                            double share, int window_days);

// The incentive what-if: a discount of `discount_cents` per transaction on
// `target` moves `share` of each costly source channel's transactions to it.
// A source is costly when moving its average transaction to the target saves
// fees under both fitted fee models (fees_saved > 0 at share 1). The discount
// is paid on the switched transactions only, or (`on_all`) on every target
// transaction, the ones it already had included. Figures are per year:
// the window's counts x 365 / window_days, rounded to cents at the end, and
// net = fees_saved - discount_paid.
struct Incentive {
  std::vector<int64_t> sources;       // the costly source channels, by id
  int64_t source_transactions = 0;    // theirs, in the window
  int64_t switched_per_year = 0;      // transactions moved, per year
  int64_t fees_saved = 0, discount_paid = 0, net = 0;  // cents per year
  // The smallest share at which net >= 0; 0 when any share pays (discount on
  // switched only and each switch saves more than it costs); none when no
  // share up to 100% pays, or no channel is costlier than the target.
  std::optional<double> break_even_share;
};
Incentive incentive(const std::vector<fees::ChannelCost>& channels, const fees::ChannelCost& target,
                    int64_t discount_cents, double share, bool on_all, int window_days);

// Who can switch: the users who paid with a channel while another channel,
// cheaper for those very payments, is bound to them (t_user_channel, their
// tenant's rows, status 1 bound): a prompt at checkout could move them
// without onboarding. A (user, channel paid) pair is switchable when some
// other bound channel b with payments in the window (so a fitted fee model)
// gives n x (fixed_paid - fixed_b) + amount x (percent_paid - percent_b) > 0
// for the user's n payments of `amount` on it; the saving is the largest
// such value, rounded to the cent per user. Figures cover the window.
struct Switcher {
  std::string user_no;
  int64_t channels = 0;  // channels paid with that a bound one beats
  std::string could_use;  // the bound channels that beat them, by name, joined by ", "
  int64_t transactions = 0, fee_cents = 0, saving_cents = 0;
};
struct Switchers {
  int64_t users = 0, transactions = 0, fee_cents = 0, saving_cents = 0;
  std::vector<Switcher> top;  // the largest savings first, then user_no
};
Switchers switchers(Warehouse& warehouse, const Window& window, const std::string& currency,
                    const std::vector<fees::ChannelCost>& channels, size_t top);

// The traffic light of an effective rate: green under 2.5%, red from 3%.
Status rate_status(double rate);

}  // namespace luckyhub::payment_fees
