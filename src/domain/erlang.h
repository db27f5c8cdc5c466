// Queueing models that turn a demand into a number of staff: Erlang C (M/M/n,
// customers wait as long as it takes) and Erlang A (M/M/n+M, Palm's model:
// customers walk away after an exponential patience). Used by the staffing
// tool (per store and hour) and by `luckyhub model erlang`.
//
// Inputs are rates and times in one unit (arrivals per hour and seconds are
// converted by the caller's Demand): offered load A = rate x AHT in Erlangs.
//
// Erlang C for n agents, computed through Erlang B's stable recursion
//   B(0) = 1,  B(k) = A B(k-1) / (k + A B(k-1))
//   P(wait) = C = n B(n) / (n - A (1 - B(n)))             (n > A; else 1)
//   SL(t)   = 1 - C exp(-(n - A) t / AHT)                 answered within t
//   ASA     = C AHT / (n - A)                             mean wait, all customers
//   occupancy = A / n
//
// Erlang A (patience mean 1/θ): the birth-death chain of the number in the
// system (arrivals λ, departures min(k,n)μ + max(k-n,0)θ) is solved exactly
// (truncated where its mass is below 1e-16). An arrival finding j customers
// queued ahead moves up at rate nμ + iθ from position i and leaves at θ:
//   P(abandon)      = Σ_j π(n+j) (1 - Π_{i=0..j} (nμ+iθ)/(nμ+(i+1)θ))
//   SL(t)           = P(answered within t) over all arrivals (abandoning ones
//                     count as not answered), by uniformisation of that walk
//   ASA             = mean wait of the answered (0 for those served at once)
//   occupancy       = λ (1 - P(abandon)) AHT / n
//
// A requirement is the fewest agents n meeting the service level at the
// target time and occupancy ≤ max occupancy (Erlang C: n > A), and
// positions = ceil(n / (1 - shrinkage)). Its fractional value interpolates
// the service level linearly between n-1 and n agents (and the occupancy
// bound A / max occupancy), so a plan can sum fractions before rounding once.
// REQUIRES: rate >= 0, aht > 0, 0 < service_level < 1, 0 <= shrinkage < 1,
// 0 < max_occupancy <= 1, patience > 0 when set; checked by validate().
#pragma once

#include <optional>
#include <string>

namespace luckyhub::erlang {

struct Demand {
  double rate_per_hour = 0;  // arrivals per hour
  double aht_s = 0;          // average handling time, seconds
  std::optional<double> patience_s;  // mean patience, seconds: Erlang A when set

  double load_erlangs() const { return rate_per_hour * aht_s / 3600.0; }
};

struct Target {
  double answer_s = 20;       // target answer time, seconds
  double service_level = 0.8; // share answered within answer_s
  double max_occupancy = 1;   // occupancy cap, (0, 1]
  double shrinkage = 0;       // share of paid time not on the floor, [0, 1)
};

// The queue with a given number of agents.
struct Performance {
  int agents = 0;
  double service_level = 0;  // answered within the target time
  double p_wait = 0;         // an arrival waits at all
  double asa_s = 0;
  double occupancy = 0;
  std::optional<double> p_abandon;  // Erlang A only
};

struct Requirement {
  Performance at;            // the performance with `at.agents` agents
  int positions = 0;         // agents / (1 - shrinkage), rounded up
  double fractional_agents = 0;     // see the header's comment
  double fractional_positions = 0;  // fractional_agents / (1 - shrinkage)
};

// Throws Error naming the first bad value.
void validate(const Demand& demand, const Target& target);

// Erlang C or A (demand.patience_s) with `agents` agents and target time answer_s.
Performance performance(const Demand& demand, int agents, double answer_s);

// The fewest agents meeting the target; 0 agents (everything 0/1) when the rate is 0.
Requirement required(const Demand& demand, const Target& target);

}  // namespace luckyhub::erlang
