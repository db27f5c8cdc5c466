// The Gamma-Gamma model of spend per order (Fader, Hardie & Lee 2005, "RFM and
// CLV: using iso-value curves"): a customer's orders are Gamma(p, ν) with
// ν ~ Gamma(q, v) across customers, independent of how often they buy. Fitted
// on customers with x > 0 repeat purchases, m the mean of those purchases:
//   LL = lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln v + (px−1) ln m + px ln x − (px+q) ln(xm+v)
// The conditional expected spend per order of a customer (x, m):
//   E[M | x, m] = p (v + x m) / (p x + q − 1)
// a weighted mean of the population's p v / (q − 1) and the customer's own m
// (x = 0 gives the population mean). REQUIRES q > 1 for the expectation.
//
// Lifetime value, as lifetimes' and pymc-marketing's customer_lifetime_value:
// the expected spend times the expected purchases per month (30 days, or
// 30/7 weeks), discounted monthly:
//   CLV = Σ_{k=1..months} E[M] (E[Y(k·30)] − E[Y((k−1)·30)]) / (1+d)^k
// which for d = 0 is E[M] · E[Y(months·30)].
#pragma once

#include <vector>

#include "domain/bgnbd.h"
#include "domain/clv_fit.h"

namespace luckyhub::gamma_gamma {

struct Params {
  double p = 0, q = 0, v = 0;
};

struct Spend {
  double x = 0;  // repeat purchases, > 0
  double m = 0;  // their mean value, > 0
  double weight = 1;
};

// ln L of one customer; gradient (3 entries, by ln p, ln q, ln v) when non-null.
double log_likelihood(const Params& p, const Spend& s, double gradient[3] = nullptr);

using Fit = clv::ModelFit<Params>;

// REQUIRES: every x > 0 and m > 0 (callers keep customers with repeat
// purchases of positive value). Throws Error when there is nothing to fit.
Fit fit(const std::vector<Spend>& spends);

double expected_spend(const Params& p, double x, double m);

// CLV over `months` months for one customer; `days_per_unit` is 1 for
// histories in days, 7 in weeks. monthly_discount d >= 0.
double lifetime_value(const bgnbd::Params& model, const bgnbd::History& h, double expected_spend_per_order,
                      int months, double monthly_discount, double days_per_unit);

}  // namespace luckyhub::gamma_gamma
