// Customers' purchase clocks (`luckyhub simulate --purchase-clocks`): who
// buys the calibrated paid USD orders, and when, follows the BG/NBD model
// (Fader, Hardie & Lee 2005) — the model customer-360 fits. Order volumes per
// store and day stay as demand.cc plans them; only the choice of customer
// changes (purchase_clocks.cc). Off by default: the other tools' planted
// ground truth (campaigns, menu, inventory, recommendations) was tuned on the
// habit draw's customers and moves when the clocks choose them.
//
// Every ordering customer (not a QA account, not one of the 30% who never
// order) gets a personal daily purchase rate λ ~ Gamma(r, α) and a drop-out
// chance p ~ Beta(a, b). Their first purchase fills a store's orders that no
// repeat purchase takes, in registration order; after it they buy as a
// Poisson process of rate λ (gaps Exp(1/λ) days on a weekday-paced clock),
// and after each repeat purchase they drop out for good with chance p. The
// manifest's figure `bgnbd_generating` holds r, α, a, b, the counts of
// purchases that had to move (carried to a later day for want of orders,
// brought forward, or drawn by the old habit for want of due customers) and
// the drop-out chances' lean per registration source.
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

#include <nlohmann/json.hpp>

#include "simulate/context.h"

namespace luckyhub::sim {

// The generating parameters, in days (the unit customer-360 fits in).
struct BgNbdGenerating {
  double r = 0.55, alpha = 22.0;  // λ ~ Gamma(shape r, rate α): mean r/α per day
  double a = 0.75, b = 3.2;        // p ~ Beta(a, b)
};

class PurchaseClocks {
 public:
  // Draws every customer's rate and drop-out chance from its own streams.
  // `days` are the plan's New York business days [start, end).
  PurchaseClocks(SimContext& ctx, const std::vector<Date>& days);

  // Call before the first order of day `day_index`: moves the repeat
  // purchases due that day into their stores' queues.
  void start_day(size_t day_index);

  // The customer of a paid USD order at production store `store` created at
  // `t`: the oldest repeat purchase due there, else the next registered
  // customer of the store who has not yet bought (else of any store), else a
  // repeat purchase due there within the next week, brought forward; else
  // `fallback` (the old habit-weighted draw), whose purchase is then booked
  // on their clock.
  int32_t take(int store, Timestamp t, int32_t fallback);

  // Records the generating parameters and the move counts in the manifest.
  void record(Truth& truth) const;

 private:
  struct Clock {
    double rate = 0;      // λ, purchases per day while alive
    double dropout = 0;   // p
    bool in_model = false;
    bool active = false;  // made the first purchase
    bool alive = true;
    uint32_t generation = 0;  // bumps when a fallback purchase replaces the scheduled one
  };
  struct Due {
    int32_t customer;
    uint32_t generation;
    int32_t day;  // index of the day it fell due
  };

  void purchased(int32_t customer, size_t day_index, bool repeat);
  void schedule(int32_t customer, size_t day_index, double within_day);

  SimContext& ctx_;
  const std::vector<Date>& days_;
  BgNbdGenerating g_;
  Rng rng_;  // gaps, drop-outs, away stores
  std::vector<Clock> clocks_;
  std::vector<std::vector<std::vector<Due>>> due_;  // [store][day]
  std::vector<std::deque<Due>> pending_;                           // per store
  std::vector<std::vector<int32_t>> first_queue_;                  // per store, by registration
  std::vector<size_t> first_head_;
  std::vector<double> store_weight_;
  std::vector<double> pace_;  // the clocks' time at each day's start (weekday_pace summed)
  nlohmann::json dropout_by_origin_ = nlohmann::json::array();
  size_t today_ = 0;
  int64_t repeats_ = 0, firsts_ = 0, carried_ = 0, pulled_ = 0, fallbacks_ = 0, dropped_ = 0;
};

}  // namespace luckyhub::sim
