// BG/NBD against its published values: pymc-marketing's numerically stable
// log-likelihood vectors (Hardie's note 027), the paper's conditional
// expectation for a CDNOW customer; the analytic gradient against finite
// differences; and a fit on histories drawn from known parameters recovering
// them within three standard errors.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "domain/bgnbd.h"

namespace luckyhub {
namespace {

using bgnbd::History;
using bgnbd::Params;

TEST(Bgnbd, PublishedLogLikelihoodVectors) {
  const Params p{.r = 0.25, .alpha = 4, .a = 0.8, .b = 2.5};
  EXPECT_NEAR(bgnbd::log_likelihood(p, {.x = 0, .t_x = 0, .T = 40}), -0.59947382, 5e-9);
  EXPECT_NEAR(bgnbd::log_likelihood(p, {.x = 200, .t_x = 38, .T = 40}), 100.7957, 5e-5);
}

// Fader, Hardie & Lee (2005), section 5: with the CDNOW estimates, a customer
// with 2 repeat purchases, the last at 30.43 weeks of 38.86, is expected to
// make 1.226 purchases in the next 39 weeks.
TEST(Bgnbd, PaperConditionalExpectation) {
  const Params cdnow{.r = 0.243, .alpha = 4.414, .a = 0.793, .b = 2.426};
  EXPECT_NEAR(bgnbd::expected_purchases(cdnow, {.x = 2, .t_x = 30.43, .T = 38.86}, 39), 1.226, 5e-4);
}

TEST(Bgnbd, PAliveIsOneWithoutRepeatsAndFallsWithSilence) {
  const Params p{.r = 0.243, .alpha = 4.414, .a = 0.793, .b = 2.426};
  EXPECT_EQ(bgnbd::p_alive(p, {.x = 0, .t_x = 0, .T = 30}), 1.0);
  // 1 / (1 + a/(b+x-1) ((α+T)/(α+t_x))^(r+x)) by hand for x 3, t_x 10, T 30.
  const double odds = 0.793 / (2.426 + 2) * std::pow((4.414 + 30) / (4.414 + 10), 3.243);
  EXPECT_NEAR(bgnbd::p_alive(p, {.x = 3, .t_x = 10, .T = 30}), 1 / (1 + odds), 1e-12);
  EXPECT_GT(bgnbd::p_alive(p, {.x = 3, .t_x = 29, .T = 30}), bgnbd::p_alive(p, {.x = 3, .t_x = 10, .T = 30}));
}

TEST(Bgnbd, Hyp2f1AgainstClosedForms) {
  // ₂F₁(1, 1; 2; z) = −ln(1−z)/z;  ₂F₁(a, b; b; z) = (1−z)^−a.
  EXPECT_NEAR(bgnbd::hyp2f1(1, 1, 2, 0.5), -std::log(0.5) / 0.5, 1e-13);
  EXPECT_NEAR(bgnbd::hyp2f1(0.7, 3, 3, 0.9), std::pow(0.1, -0.7), 1e-11);
}

TEST(Bgnbd, GradientMatchesFiniteDifferences) {
  const Params p{.r = 0.6, .alpha = 7, .a = 1.3, .b = 2.2};
  for (const History h : {History{.x = 0, .t_x = 0, .T = 50}, History{.x = 4, .t_x = 31, .T = 50},
                          History{.x = 25, .t_x = 49, .T = 50}}) {
    double gradient[4];
    bgnbd::log_likelihood(p, h, gradient);
    for (int k = 0; k < 4; ++k) {
      const double e = 1e-6;
      auto shifted = [&](double by) {
        double theta[4] = {std::log(p.r), std::log(p.alpha), std::log(p.a), std::log(p.b)};
        theta[k] += by;
        return bgnbd::log_likelihood(
            {std::exp(theta[0]), std::exp(theta[1]), std::exp(theta[2]), std::exp(theta[3])}, h);
      };
      EXPECT_NEAR(gradient[k], (shifted(e) - shifted(-e)) / (2 * e), 1e-7) << "parameter " << k << " x " << h.x;
    }
  }
}

TEST(Bgnbd, TotalEqualsTheSumOfEachHistory) {
  const Params p{.r = 0.6, .alpha = 7, .a = 1.3, .b = 2.2};
  const std::vector<History> histories = {{.x = 0, .t_x = 0, .T = 50, .weight = 3}, {.x = 0, .t_x = 0, .T = 20},
                                          {.x = 4, .t_x = 31, .T = 50, .weight = 2}, {.x = 4, .t_x = 10, .T = 40},
                                          {.x = 25, .t_x = 49, .T = 50}};
  double sum = 0, sum_gradient[4] = {0, 0, 0, 0};
  for (const History& h : histories) {
    double g[4];
    sum += h.weight * bgnbd::log_likelihood(p, h, g);
    for (int k = 0; k < 4; ++k) sum_gradient[k] += h.weight * g[k];
  }
  double gradient[4];
  EXPECT_NEAR(bgnbd::total_log_likelihood(p, histories, gradient), sum, 1e-9);
  for (int k = 0; k < 4; ++k) EXPECT_NEAR(gradient[k], sum_gradient[k], 1e-9) << k;
}

// Customers drawn from the model: λ ~ Gamma(r, α), p ~ Beta(a, b), Poisson
// purchases while alive, a drop-out chance after each.
std::vector<History> draw(const Params& truth, int customers, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<History> out;
  for (int i = 0; i < customers; ++i) {
    const double lambda = std::gamma_distribution<double>(truth.r, 1 / truth.alpha)(rng);
    const double g1 = std::gamma_distribution<double>(truth.a, 1)(rng);
    const double g2 = std::gamma_distribution<double>(truth.b, 1)(rng);
    const double drop = g1 / (g1 + g2);
    const double T = 100 + i % 200;
    History h{.T = T};
    for (double now = 0;;) {
      now += std::exponential_distribution<double>(lambda)(rng);
      if (now > T) break;
      h.x += 1;
      h.t_x = now;
      if (std::uniform_real_distribution<double>(0, 1)(rng) < drop) break;
    }
    out.push_back(h);
  }
  return out;
}

TEST(Bgnbd, FitRecoversGeneratingParametersWithinStandardErrors) {
  const Params truth{.r = 0.5, .alpha = 10, .a = 0.7, .b = 3};
  const bgnbd::Fit fit = bgnbd::fit(draw(truth, 20000, 42));
  EXPECT_TRUE(fit.converged);
  EXPECT_EQ(fit.customers, 20000);
  EXPECT_GT(fit.starts, 1);
  EXPECT_NEAR(fit.params.r, truth.r, 3 * fit.standard_errors.r);
  EXPECT_NEAR(fit.params.alpha, truth.alpha, 3 * fit.standard_errors.alpha);
  EXPECT_NEAR(fit.params.a, truth.a, 3 * fit.standard_errors.a);
  EXPECT_NEAR(fit.params.b, truth.b, 3 * fit.standard_errors.b);
  // The standard errors are those of 20000 customers, not of a few.
  EXPECT_LT(fit.standard_errors.r, 0.05);
  EXPECT_LT(fit.standard_errors.b, 0.5);
  // The fit is the maximum: its log-likelihood beats the truth's.
  double at_truth = 0;
  for (const History& h : draw(truth, 20000, 42)) at_truth += bgnbd::log_likelihood(truth, h);
  EXPECT_GE(fit.log_likelihood, at_truth);
}

TEST(Bgnbd, ExpectedPurchasesGrowWithTheHorizon) {
  const Params p{.r = 0.5, .alpha = 10, .a = 0.7, .b = 3};
  const History h{.x = 5, .t_x = 80, .T = 100};
  EXPECT_EQ(bgnbd::expected_purchases(p, h, 0), 0);
  const double e30 = bgnbd::expected_purchases(p, h, 30), e90 = bgnbd::expected_purchases(p, h, 90);
  EXPECT_GT(e30, 0);
  EXPECT_GT(e90, e30);
  EXPECT_LT(e90, 3 * e30);
}

}  // namespace
}  // namespace luckyhub
