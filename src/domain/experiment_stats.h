// The frequentist experiment engine, following GrowthBook's defaults so that
// a result here equals the one GrowthBook shows for the same sums.
//
// Each arm is reduced to its moments (n, mean, sample variance). A variant B
// against the control A, on the relative scale (the default):
//   lift      = (mean_B - mean_A) / raw mean_A
//   Var(lift) = var_B / (raw_A² n_B) + var_A raw_B² / (raw_A⁴ n_A)   (delta method)
// and on the absolute scale: mean_B - mean_A, var_B / n_B + var_A / n_A.
// Welch's t-test: dof = (v_B/n_B + v_A/n_A)² / ((v_B/n_B)²/(n_B-1) + (v_A/n_A)²/(n_A-1));
//   interval  = lift ± t_{1-α/2, dof} sd(lift),  p = 2 P(T_dof > |lift / sd|).
// Proportions have variance p(1 - p); a sum of squares is not needed.
//
// Sequential testing (optional) replaces the interval by the asymptotic
// confidence sequence of Waudby-Smith et al. (eq. 9), tuned by N* (5000):
//   ρ² = (-2 ln α + ln(1 - 2 ln α)) / N*,  N = n_A + n_B,
//   half width = sd √N · √(2 (Nρ² + 1) ln(√(Nρ² + 1) / α) / (Nρ)²),
// and p = min(1, 1 / e) with the e-value e = exp(ρ² N lift² / (2 var (Nρ² + 1))) / √(Nρ² + 1):
// wider early, valid however often it is read.
//
// CUPED (optional) adjusts each arm's mean by a pre-period covariate X:
//   mean = mean_Y - θ mean_X,  var = var_Y + θ² var_X - 2θ cov(Y, X),
// θ = cov(Y, X) / var(X) over both arms pooled (or given); the relative
// lift still divides by the raw control mean.
//
// Sample ratio mismatch: Pearson's chi-square of the users per arm against
// the planned weights, k - 1 degrees of freedom; flagged at p < 0.001.
//
// A comparison that cannot be made (a control mean of 0, a variance that is
// not positive, an arm of fewer than 2 users) gives GrowthBook's
// uninformative result: lift 0, interval [0, 0], p 1, computable = false.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace luckyhub::experiment {

// An arm's sample: n units, their mean, the sample variance, and the mean
// before any adjustment (CUPED), which the relative lift divides by.
struct Moments {
  double n = 0;
  double mean = 0;
  double variance = 0;
  double raw_mean = 0;
};

// From a sum and a sum of squares: variance (Σx² - (Σx)²/n) / (n - 1).
Moments sample_mean(double n, double sum, double sum_squares);
// From a count of successes: variance p (1 - p).
Moments proportion(double n, double successes);
// A ratio of two per-unit sums (revenue per order: Σ revenue / Σ orders),
// its variance per unit by the delta method:
//   var = var_M/μ_D² - 2 cov μ_M/μ_D³ + μ_M² var_D/μ_D⁴.
Moments ratio(double n, double m_sum, double m_sum_squares, double d_sum, double d_sum_squares,
              double m_d_sum_products);

// An arm's sums for CUPED: the metric Y in the experiment, the covariate X
// before it, and Σ X Y.
struct CupedSums {
  double n = 0;
  double post_sum = 0, post_sum_squares = 0;
  double pre_sum = 0, pre_sum_squares = 0;
  double post_pre_sum_products = 0;
};
// θ over the two arms pooled; 0 when either pooled variance is 0.
double cuped_theta(const CupedSums& a, const CupedSums& b);
Moments cuped(const CupedSums& arm, double theta);

enum class Scale { kRelative, kAbsolute };

struct Options {
  double alpha = 0.05;  // 95% intervals
  Scale scale = Scale::kRelative;
  bool sequential = false;
  double tuning_n = 5000;  // N*, sequential only
};

struct Effect {
  bool computable = false;
  double estimate = 0;  // the lift (relative) or the difference (absolute)
  double stddev = 0;
  double ci_low = 0, ci_high = 0;
  double p_value = 1;
  bool significant() const { return computable && p_value < significance_alpha; }
  double significance_alpha = 0.05;
};

// The variant against the control.
Effect compare(const Moments& control, const Moments& variant, const Options& options = {});

// The chance that the variant beats the control, GrowthBook's Bayesian
// definition: P(lift > 0) under a flat prior and the normal approximation of
// the same delta-method lift, Φ(estimate / sd) (0.5 for an uninformative
// result). GrowthBook's frequentist engine reports none. It is the same with
// sequential testing on (a posterior probability does not depend on how often
// it is read); it differs from 1 - p/2 only by Student's t against the normal.
double chance_to_win(const Effect& effect);

// Pearson's chi-square p-value of `users` per arm against `weights` (any
// scale; empty = equal; an arm of weight 0 is left out, users and degree of
// freedom). 1 when there are no users or fewer than two weighted arms.
// Throws Error on a negative weight or a count of weights not the arms'.
double srm_p_value(const std::vector<int64_t>& users, const std::vector<double>& weights = {});
inline constexpr double kSrmThreshold = 0.001;

// "B lifts conversion 4.1% (95% CI 1.2–7.0%), significant" — the effect in
// one sentence; absolute effects are written as differences of the metric.
std::string readout(const std::string& arm, const std::string& metric, const Effect& effect,
                    const Options& options = {});

// Before launch: the smallest relative effect a test of `users_per_arm` per
// arm detects with the given power at `alpha` (two-sided), for a metric of
// this mean and variance per unit:
//   MDE = (z_{1-α/2} + z_{power}) √(2 var / n) / mean,
// and the users per arm a relative effect needs (the same solved for n).
double minimum_detectable_effect(const Moments& baseline, double users_per_arm, double alpha = 0.05,
                                 double power = 0.8);
double users_per_arm_needed(const Moments& baseline, double relative_effect, double alpha = 0.05,
                            double power = 0.8);

}  // namespace luckyhub::experiment
