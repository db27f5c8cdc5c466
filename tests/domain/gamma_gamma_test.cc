// Gamma-Gamma: the conditional expected spend by hand at the CDNOW estimates
// (p 6.25, q 3.74, v 15.44), the gradient against finite differences, a fit
// on spends drawn from known parameters, and lifetime value as expected spend
// times expected purchases (undiscounted) or their monthly discounted sum.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "core/error.h"
#include "domain/gamma_gamma.h"

namespace luckyhub {
namespace {

using gamma_gamma::Params;
using gamma_gamma::Spend;

const Params kCdnow{.p = 6.25, .q = 3.74, .v = 15.44};

TEST(GammaGamma, ConditionalExpectedSpend) {
  // x 0: the population mean p v / (q − 1) = 96.5 / 2.74.
  EXPECT_NEAR(gamma_gamma::expected_spend(kCdnow, 0, 0), 35.218978, 5e-7);
  // x 2, m $20: 6.25 (15.44 + 40) / (12.5 + 2.74) = 346.5 / 15.24.
  EXPECT_NEAR(gamma_gamma::expected_spend(kCdnow, 2, 20), 22.736220, 5e-7);
  // Many purchases: the customer's own mean dominates.
  EXPECT_NEAR(gamma_gamma::expected_spend(kCdnow, 1000, 20), 20, 0.02);
}

TEST(GammaGamma, GradientMatchesFiniteDifferences) {
  for (const Spend s : {Spend{.x = 1, .m = 12.5}, Spend{.x = 7, .m = 40}}) {
    double gradient[3];
    gamma_gamma::log_likelihood(kCdnow, s, gradient);
    for (int k = 0; k < 3; ++k) {
      auto shifted = [&](double by) {
        double theta[3] = {std::log(kCdnow.p), std::log(kCdnow.q), std::log(kCdnow.v)};
        theta[k] += by;
        return gamma_gamma::log_likelihood({std::exp(theta[0]), std::exp(theta[1]), std::exp(theta[2])}, s);
      };
      EXPECT_NEAR(gradient[k], (shifted(1e-6) - shifted(-1e-6)) / 2e-6, 1e-6) << "parameter " << k;
    }
  }
}

TEST(GammaGamma, FitRecoversGeneratingParametersWithinStandardErrors) {
  std::mt19937_64 rng(40);
  std::vector<Spend> spends;
  for (int i = 0; i < 20000; ++i) {
    const double nu = std::gamma_distribution<double>(kCdnow.q, 1 / kCdnow.v)(rng);
    const int x = 1 + i % 6;
    double sum = 0;
    for (int k = 0; k < x; ++k) sum += std::gamma_distribution<double>(kCdnow.p, 1 / nu)(rng);
    spends.push_back({.x = static_cast<double>(x), .m = sum / x});
  }
  const gamma_gamma::Fit fit = gamma_gamma::fit(spends);
  EXPECT_TRUE(fit.converged);
  EXPECT_EQ(fit.customers, 20000);
  EXPECT_NEAR(fit.params.p, kCdnow.p, 3 * fit.standard_errors.p);
  EXPECT_NEAR(fit.params.q, kCdnow.q, 3 * fit.standard_errors.q);
  EXPECT_NEAR(fit.params.v, kCdnow.v, 3 * fit.standard_errors.v);
}

TEST(GammaGamma, RefusesCustomersWithoutRepeatPurchases) {
  EXPECT_THROW(gamma_gamma::fit({{.x = 0, .m = 10}}), Error);
  EXPECT_THROW(gamma_gamma::fit({}), Error);
}

TEST(GammaGamma, LifetimeValue) {
  const bgnbd::Params model{.r = 0.5, .alpha = 10, .a = 0.7, .b = 3};
  const bgnbd::History h{.x = 5, .t_x = 80, .T = 100};
  // Undiscounted: spend × E[Y(360 days)].
  EXPECT_NEAR(gamma_gamma::lifetime_value(model, h, 4.5, 12, 0, 1),
              4.5 * bgnbd::expected_purchases(model, h, 360), 1e-12);
  // Discounted at 1% a month: each month's purchases at (1.01)^-k.
  double by_hand = 0;
  for (int k = 1; k <= 12; ++k)
    by_hand += 4.5 * (bgnbd::expected_purchases(model, h, 30 * k) - bgnbd::expected_purchases(model, h, 30 * (k - 1))) /
               std::pow(1.01, k);
  EXPECT_NEAR(gamma_gamma::lifetime_value(model, h, 4.5, 12, 0.01, 1), by_hand, 1e-12);
  // In weeks, a month is 30/7 weeks.
  EXPECT_NEAR(gamma_gamma::lifetime_value(model, h, 1, 1, 0, 7), bgnbd::expected_purchases(model, h, 30.0 / 7), 1e-12);
}

}  // namespace
}  // namespace luckyhub
