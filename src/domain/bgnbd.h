// The BG/NBD model of repeat buying (Fader, Hardie & Lee 2005, "Counting your
// customers the easy way"): while alive a customer buys as a Poisson process
// of rate λ ~ Gamma(r, α); after each purchase they drop out with chance
// p ~ Beta(a, b). A customer's history is (x, t_x, T): x repeat purchases
// (purchase days after the first), the last at t_x, observed for T since the
// first — in one time unit (days or weeks) for every customer.
//
// Per customer, with the terms kept in logs (Hardie's note 027, solution 2,
// so that x = 200 neither overflows nor loses digits):
//   A1 = lnΓ(r+x) − lnΓ(r) + r ln α
//   A2 = lnΓ(a+b) + lnΓ(b+x) − lnΓ(b) − lnΓ(a+b+x)
//   A3 = −(r+x) ln(α+T)
//   A4 = ln a − ln(b+x−1) − (r+x) ln(α+t_x)          (x > 0 only)
//   LL = A1 + A2 + ln(e^A3 + [x>0] e^A4)
// Scoring, in closed form:
//   P(alive)  = 1 / (1 + [x>0] a/(b+x−1) ((α+T)/(α+t_x))^(r+x))
//   E[Y(t)]   = (a+b+x−1)/(a−1) (1 − (1−z)^(a−1) ₂F₁(a+b−1−r, a−1; a+b+x−1; z)) · P(alive),
//               z = t/(α+T+t)
// the paper's ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; z) rewritten by
// Euler's transformation, whose series has no large terms (a ≠ 1).
#pragma once

#include <vector>

#include "domain/clv_fit.h"

namespace luckyhub::bgnbd {

struct Params {
  double r = 0, alpha = 0, a = 0, b = 0;
};

// One customer's repeat-purchase history; weight counts identical customers.
struct History {
  double x = 0;    // repeat purchases (frequency)
  double t_x = 0;  // time of the last purchase since the first (recency)
  double T = 0;    // time observed since the first purchase
  double weight = 1;
};

// ln L of one history. With gradient non-null, fills the four derivatives
// with respect to (ln r, ln α, ln a, ln b).
double log_likelihood(const Params& p, const History& h, double gradient[4] = nullptr);

// Σ weight · ln L over histories, the same sum as log_likelihood() over each,
// computing the terms of x alone once per run of equal x (sort by x for
// speed); gradient as log_likelihood()'s, summed.
double total_log_likelihood(const Params& p, const std::vector<History>& histories, double gradient[4] = nullptr);

using Fit = clv::ModelFit<Params>;

// Maximum likelihood over the histories (identical ones grouped), from
// several starts (clv::maximise). REQUIRES: histories non-empty, 0 <= t_x <= T,
// T > 0 for some. Throws Error when there is nothing to fit.
Fit fit(const std::vector<History>& histories);

double p_alive(const Params& p, const History& h);
// Expected purchases in the next t (the history's time unit).
double expected_purchases(const Params& p, const History& h, double t);

// Gauss's hypergeometric ₂F₁(a, b; c; z) by its series, for 0 <= z < 1 and
// c > 0. Throws Error if 100000 terms do not reach a relative 1e-15.
double hyp2f1(double a, double b, double c, double z);

}  // namespace luckyhub::bgnbd
