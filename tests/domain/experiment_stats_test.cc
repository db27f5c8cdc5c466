// The experiment engine against GrowthBook's published vectors (gbstats'
// frequentist and SRM tests), to the digits they are published with, and the
// distributions under it against table values.
#include "domain/experiment_stats.h"

#include <gtest/gtest.h>

#include "domain/distributions.h"

namespace luckyhub::experiment {
namespace {

constexpr double k5 = 5e-6;  // five decimals, as published

// GrowthBook's mean-metric vector: control 3407 users, Σ 1396.87, Σx² 52377.9767;
// variant 3461 users, Σ 2422.7, Σx² 134698.29.
const Moments kControl = sample_mean(3407, 1396.87, 52377.9767);
const Moments kVariant = sample_mean(3461, 2422.7, 134698.29);

TEST(Distributions, TableValues) {
  EXPECT_NEAR(distributions::student_t_quantile(0.975, 10), 2.228139, 1e-6);
  EXPECT_NEAR(distributions::student_t_quantile(0.025, 30), -2.042272, 1e-6);
  EXPECT_NEAR(distributions::student_t_cdf(1.812461, 10), 0.95, 1e-6);
  EXPECT_NEAR(distributions::normal_quantile(0.975), 1.959964, 1e-6);
  EXPECT_NEAR(distributions::chi_square_survival(3.841459, 1), 0.05, 1e-6);
  EXPECT_NEAR(distributions::chi_square_survival(9.487729, 4), 0.05, 1e-6);
  EXPECT_NEAR(distributions::chi_square_survival(0.5, 3), 0.918891, 1e-6);
}

TEST(Experiment, RelativeLiftByTheDeltaMethod) {
  const Effect e = compare(kControl, kVariant);
  ASSERT_TRUE(e.computable);
  EXPECT_NEAR(e.estimate, 0.70732, k5);
  EXPECT_NEAR(e.stddev, 0.37879, k5);
  EXPECT_NEAR(e.ci_low, -0.03526, k5);
  EXPECT_NEAR(e.ci_high, 1.44989, k5);
  EXPECT_NEAR(e.p_value, 0.06191, k5);
  EXPECT_FALSE(e.significant());
}

TEST(Experiment, AbsoluteDifference) {
  const Effect e = compare(kControl, kVariant, Options{.scale = Scale::kAbsolute});
  EXPECT_NEAR(e.estimate, 0.29, k5);
  EXPECT_NEAR(e.stddev, 0.12478, k5);
  EXPECT_NEAR(e.ci_low, 0.04538, k5);
  EXPECT_NEAR(e.ci_high, 0.53462, k5);
  EXPECT_NEAR(e.p_value, 0.02016, k5);
  EXPECT_TRUE(e.significant());
}

TEST(Experiment, Proportions) {
  const Effect e = compare(proportion(28, 14), proportion(30, 16));
  EXPECT_NEAR(e.estimate, 0.06667, k5);
  EXPECT_NEAR(e.stddev, 0.2717, k5);
  EXPECT_NEAR(e.ci_low, -0.47767, k5);
  EXPECT_NEAR(e.ci_high, 0.61101, k5);
  EXPECT_NEAR(e.p_value, 0.80707, k5);
}

// Chance to win is GrowthBook's Bayesian P(lift > 0) with a flat prior:
// Φ(lift / sd) of the delta-method lift. The expected values are that formula
// worked by hand on the published example (lift 0.70732, sd 0.37879 → Φ(1.86730)),
// its absolute scale (0.29 / 0.12411) and the proportions 14/28 vs 16/30;
// 1 - p/2 would give 0.96905 for the first (Student's t instead of the normal).
TEST(Experiment, ChanceToWinIsGrowthBooksPosteriorProbability) {
  EXPECT_NEAR(chance_to_win(compare(kControl, kVariant)), 0.96907, k5);
  EXPECT_NEAR(chance_to_win(compare(kControl, kVariant, Options{.scale = Scale::kAbsolute})),
              0.98994, k5);
  EXPECT_NEAR(chance_to_win(compare(proportion(28, 14), proportion(30, 16))), 0.59692, k5);
  // The arms swapped: the lift negative, so the variant rarely wins.
  EXPECT_NEAR(chance_to_win(compare(kVariant, kControl, Options{.scale = Scale::kAbsolute})),
              0.01006, k5);
  // The same with sequential testing: the estimate and its sd do not change.
  EXPECT_NEAR(chance_to_win(compare(kControl, kVariant, Options{.sequential = true})), 0.96907,
              k5);
  EXPECT_EQ(chance_to_win(Effect{}), 0.5);
}

TEST(Experiment, NegativeVarianceGivesTheUninformativeResult) {
  // Two users whose sums cannot come from real numbers: GrowthBook's default output.
  const Effect e = compare(sample_mean(2, 1396.87, 52377.9767), kVariant);
  EXPECT_FALSE(e.computable);
  EXPECT_EQ(e.estimate, 0);
  EXPECT_EQ(e.ci_low, 0);
  EXPECT_EQ(e.ci_high, 0);
  EXPECT_EQ(e.p_value, 1);
}

TEST(Sequential, MeanWithTuning1000) {
  const Effect e = compare(sample_mean(3000, 1396.87, 52377.9767), kVariant,
                           Options{.sequential = true, .tuning_n = 1000});
  EXPECT_NEAR(e.estimate, 0.50336, k5);
  EXPECT_NEAR(e.stddev, 0.33341, k5);
  EXPECT_NEAR(e.ci_low, -0.55844, k5);
  EXPECT_NEAR(e.ci_high, 1.56516, k5);
  EXPECT_EQ(e.p_value, 1);
}

TEST(Sequential, ProportionWithDefaultTuning) {
  const Effect e =
      compare(proportion(3000, 1396), proportion(3461, 2422), Options{.sequential = true});
  EXPECT_NEAR(e.estimate, 0.50386, k5);
  EXPECT_NEAR(e.stddev, 0.03386, k5);
  EXPECT_NEAR(e.ci_low, 0.40098, k5);
  EXPECT_NEAR(e.ci_high, 0.60675, k5);
  EXPECT_NEAR(e.p_value, 0.0, k5);
}

TEST(Sequential, TuningNearTheSampleGivesTheNarrowestInterval) {
  const Moments a = sample_mean(3000, 1396.87, 52377.9767);
  auto width = [&](double tuning) {
    const Effect e = compare(a, kVariant, Options{.sequential = true, .tuning_n = tuning});
    return e.ci_high - e.ci_low;
  };
  EXPECT_GT(width(10), width(10000));
  EXPECT_GT(width(10000), width(6461));
  EXPECT_GT(width(6461), compare(a, kVariant).ci_high - compare(a, kVariant).ci_low);
}

TEST(Cuped, SequentialWithThetaOneHalf) {
  const CupedSums a{.n = 3000,
                    .post_sum = 1396.87,
                    .post_sum_squares = 52377.9767,
                    .pre_sum = 16.87,
                    .pre_sum_squares = 527.9767,
                    .post_pre_sum_products = 12525};
  const CupedSums b{.n = 3461,
                    .post_sum = 2422.7,
                    .post_sum_squares = 134698.29,
                    .pre_sum = 22.7,
                    .pre_sum_squares = 1348.29,
                    .post_pre_sum_products = 3333};
  const Effect e = compare(cuped(a, 0.5), cuped(b, 0.5), Options{.sequential = true});
  EXPECT_NEAR(e.estimate, 0.50236, k5);
  EXPECT_NEAR(e.stddev, 0.3093, k5);
  EXPECT_NEAR(e.ci_low, -0.43745, k5);
  EXPECT_NEAR(e.ci_high, 1.44217, k5);
  EXPECT_EQ(e.p_value, 1);
}

TEST(Cuped, ThetaIsThePooledSlopeAndShrinksTheVariance) {
  // Y = 2X + noise in both arms: θ near 2, the adjusted variance far below the raw.
  const CupedSums a{.n = 4,
                    .post_sum = 2 + 4 + 6 + 9,
                    .post_sum_squares = 4 + 16 + 36 + 81,
                    .pre_sum = 1 + 2 + 3 + 4,
                    .pre_sum_squares = 1 + 4 + 9 + 16,
                    .post_pre_sum_products = 2 + 8 + 18 + 36};
  const CupedSums b{.n = 4,
                    .post_sum = 3 + 4 + 7 + 8,
                    .post_sum_squares = 9 + 16 + 49 + 64,
                    .pre_sum = 1 + 2 + 3 + 4,
                    .pre_sum_squares = 1 + 4 + 9 + 16,
                    .post_pre_sum_products = 3 + 8 + 21 + 32};
  const double theta = cuped_theta(a, b);
  // Pooled: Σx 20, Σx² 60, Σy 43, Σxy 128, n 8: cov (128 - 107.5)/7, var(x) (60 - 50)/7.
  EXPECT_NEAR(theta, 20.5 / 10, 1e-12);
  EXPECT_LT(cuped(a, theta).variance, sample_mean(4, a.post_sum, a.post_sum_squares).variance / 10);
}

TEST(Srm, GrowthBookVectors) {
  EXPECT_NEAR(srm_p_value({1000, 1200}), 0.000020079, 5e-10);
  EXPECT_NEAR(srm_p_value({135, 115}), 0.205903211, 5e-10);
  EXPECT_NEAR(srm_p_value({310, 98}, {0.75, 0.25}), 0.647434186, 5e-10);
  EXPECT_NEAR(srm_p_value({500, 500, 600}, {0.34, 0.33, 0.33}), 0.000592638, 5e-10);
  EXPECT_NEAR(srm_p_value({1000, 1200, 900}, {0.5, 0.5, 0}), 0.000020079,
              5e-10);  // a 0% arm left out
  EXPECT_NEAR(srm_p_value({0, 10, 10}, {0.34, 0.33, 0.33}), 0.005790624,
              5e-10);  // an empty arm counts
  EXPECT_EQ(srm_p_value({500, 500}), 1);
  EXPECT_EQ(srm_p_value({0, 0, 0}, {0.34, 0.33, 0.33}), 1);
  EXPECT_LT(srm_p_value({1000, 1200}), kSrmThreshold);
  EXPECT_GT(srm_p_value({135, 115}), kSrmThreshold);
}

TEST(Readout, PlainLanguage) {
  Effect e{
      .computable = true, .estimate = 0.041, .ci_low = 0.012, .ci_high = 0.070, .p_value = 0.006};
  EXPECT_EQ(readout("B", "conversion", e),
            "B lifts conversion 4.1% (95% CI 1.2\u20137.0%), significant");
  e.estimate = -0.02, e.ci_low = -0.05, e.ci_high = 0.01, e.p_value = 0.2;
  EXPECT_EQ(readout("C", "revenue per user", e),
            "C lowers revenue per user 2.0% (95% CI -5.0\u20131.0%), not significant");
  EXPECT_EQ(readout("D", "conversion", Effect{}), "D: not enough data to compare conversion");
}

TEST(Ratio, DeltaMethodVarianceOfRevenuePerOrder) {
  // Three customers: revenue 10, 20, 30 over orders 1, 2, 2 -> 60 / 5 = 12 per order.
  const Moments m = ratio(3, 60, 1400, 5, 9, 10 + 40 + 60);
  EXPECT_DOUBLE_EQ(m.mean, 12);
  // var_M 100, var_D 1/3, cov 5, μ_M 20, μ_D 5/3.
  const double md = 5.0 / 3;
  EXPECT_NEAR(m.variance,
              100 / (md * md) - 2 * 5 * 20 / (md * md * md) + 400 * (1.0 / 3) / (md * md * md * md),
              1e-9);
}

TEST(Power, MinimumDetectableEffectAndUsersNeededAgree) {
  const Moments base{.n = 0, .mean = 10, .variance = 25, .raw_mean = 10};
  // (1.959964 + 0.841621) √(2·25/1000) / 10 = 0.0626447
  EXPECT_NEAR(minimum_detectable_effect(base, 1000), 0.0626447, 1e-6);
  EXPECT_NEAR(users_per_arm_needed(base, minimum_detectable_effect(base, 1000)), 1000, 1e-6);
}

}  // namespace
}  // namespace luckyhub::experiment
