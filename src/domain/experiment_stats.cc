#include "domain/experiment_stats.h"

#include <cmath>
#include <cstdio>

#include "core/error.h"
#include "domain/distributions.h"

namespace luckyhub::experiment {
namespace {

double sample_variance(double n, double sum, double sum_squares) {
  return n <= 1 ? 0 : (sum_squares - sum * sum / n) / (n - 1);
}

double sample_covariance(double n, double sum_x, double sum_y, double sum_products) {
  return n <= 1 ? 0 : (sum_products - sum_x * sum_y / n) / (n - 1);
}

// The estimate and its variance on the chosen scale.
struct Estimate {
  double value = 0;
  double variance = 0;
};

Estimate estimate(const Moments& a, const Moments& b, Scale scale) {
  if (scale == Scale::kAbsolute) return {b.mean - a.mean, b.variance / b.n + a.variance / a.n};
  const double ra = a.raw_mean, rb = b.raw_mean;
  return {(b.mean - a.mean) / ra,
          b.variance / (ra * ra * b.n) + a.variance * rb * rb / (ra * ra * ra * ra * a.n)};
}

double welch_dof(const Moments& a, const Moments& b) {
  const double va = a.variance / a.n, vb = b.variance / b.n;
  return (va + vb) * (va + vb) / (vb * vb / (b.n - 1) + va * va / (a.n - 1));
}

// Waudby-Smith et al.'s asymptotic confidence sequence: its ρ² for α and N*.
double rho_squared(double alpha, double tuning_n) {
  return (-2 * std::log(alpha) + std::log(-2 * std::log(alpha) + 1)) / tuning_n;
}

}  // namespace

Moments sample_mean(double n, double sum, double sum_squares) {
  const double mean = n > 0 ? sum / n : 0;
  return {n, mean, sample_variance(n, sum, sum_squares), mean};
}

Moments proportion(double n, double successes) {
  const double p = n > 0 ? successes / n : 0;
  return {n, p, p * (1 - p), p};
}

Moments ratio(double n, double m_sum, double m_sum_squares, double d_sum, double d_sum_squares,
              double m_d_sum_products) {
  if (d_sum == 0 || n <= 1) return {n, 0, 0, 0};
  const double mm = m_sum / n, md = d_sum / n;
  const double vm = sample_variance(n, m_sum, m_sum_squares),
               vd = sample_variance(n, d_sum, d_sum_squares);
  const double cov = sample_covariance(n, m_sum, d_sum, m_d_sum_products);
  const double variance =
      vm / (md * md) - 2 * cov * mm / (md * md * md) + mm * mm * vd / (md * md * md * md);
  const double mean = m_sum / d_sum;
  return {n, mean, variance, mean};
}

double cuped_theta(const CupedSums& a, const CupedSums& b) {
  const double n = a.n + b.n;
  const double pre_variance =
      sample_variance(n, a.pre_sum + b.pre_sum, a.pre_sum_squares + b.pre_sum_squares);
  const double post_variance =
      sample_variance(n, a.post_sum + b.post_sum, a.post_sum_squares + b.post_sum_squares);
  if (pre_variance == 0 || post_variance == 0) return 0;
  return sample_covariance(n, a.pre_sum + b.pre_sum, a.post_sum + b.post_sum,
                           a.post_pre_sum_products + b.post_pre_sum_products) /
         pre_variance;
}

Moments cuped(const CupedSums& arm, double theta) {
  const double n = arm.n;
  if (n <= 0) return {};
  const double post_mean = arm.post_sum / n, pre_mean = arm.pre_sum / n;
  const double variance =
      sample_variance(n, arm.post_sum, arm.post_sum_squares) +
      theta * theta * sample_variance(n, arm.pre_sum, arm.pre_sum_squares) -
      2 * theta * sample_covariance(n, arm.post_sum, arm.pre_sum, arm.post_pre_sum_products);
  return {n, post_mean - theta * pre_mean, n <= 1 ? 0 : variance, post_mean};
}

Effect compare(const Moments& a, const Moments& b, const Options& options) {
  Effect e;
  e.significance_alpha = options.alpha;
  if (a.n < 2 || b.n < 2 || a.raw_mean == 0 || a.variance <= 0 || b.variance <= 0) return e;
  const Estimate est = estimate(a, b, options.scale);
  if (!(est.variance > 0)) return e;
  e.computable = true;
  e.estimate = est.value;
  e.stddev = std::sqrt(est.variance);
  if (options.sequential) {
    const double n = a.n + b.n;
    const double rho2 = rho_squared(options.alpha, options.tuning_n);
    const double grow = n * rho2 + 1;
    const double half =
        e.stddev * std::sqrt(n) *
        std::sqrt(2 * grow * std::log(std::sqrt(grow) / options.alpha) / (n * n * rho2));
    e.ci_low = e.estimate - half;
    e.ci_high = e.estimate + half;
    const double scaled = e.estimate * e.estimate * n / est.variance;
    const double log_evalue = rho2 * scaled / (2 * grow) - 0.5 * std::log(grow);
    e.p_value = std::min(1.0, std::exp(-log_evalue));
    return e;
  }
  const double dof = welch_dof(a, b);
  const double half = distributions::student_t_quantile(1 - options.alpha / 2, dof) * e.stddev;
  e.ci_low = e.estimate - half;
  e.ci_high = e.estimate + half;
  const double t = e.estimate / e.stddev;
  e.p_value = distributions::incomplete_beta(dof / 2, 0.5, dof / (dof + t * t));
  return e;
}

double srm_p_value(const std::vector<int64_t>& users, const std::vector<double>& weights) {
  if (!weights.empty() && weights.size() != users.size())
    throw Error("sample ratio check: " + std::to_string(weights.size()) + " weights for " +
                std::to_string(users.size()) + " arms");
  // An arm planned at weight 0 takes no part: neither its users nor a degree of freedom.
  double total = 0, weight_sum = 0;
  int arms = 0;
  for (size_t i = 0; i < users.size(); ++i) {
    const double w = weights.empty() ? 1.0 : weights[i];
    if (w < 0) throw Error("sample ratio check: a weight must not be negative");
    if (w == 0) continue;
    total += double(users[i]);
    weight_sum += w;
    ++arms;
  }
  if (arms < 2 || total <= 0) return 1;
  double chi_square = 0;
  for (size_t i = 0; i < users.size(); ++i) {
    const double w = weights.empty() ? 1.0 : weights[i];
    if (w == 0) continue;
    const double expected = total * w / weight_sum;
    const double diff = double(users[i]) - expected;
    chi_square += diff * diff / expected;
  }
  return distributions::chi_square_survival(chi_square, arms - 1);
}

std::string readout(const std::string& arm, const std::string& metric, const Effect& e,
                    const Options& options) {
  if (!e.computable) return arm + ": not enough data to compare " + metric;
  char buffer[256];
  const int confidence = int(std::lround(100 * (1 - options.alpha)));
  const char* verdict = e.significant() ? "significant" : "not significant";
  const char* verb = e.estimate >= 0 ? "lifts" : "lowers";
  if (options.scale == Scale::kRelative) {
    std::snprintf(buffer, sizeof buffer, "%s %s %s %.1f%% (%d%% CI %.1f\u2013%.1f%%), %s",
                  arm.c_str(), verb, metric.c_str(), 100 * std::fabs(e.estimate), confidence,
                  100 * e.ci_low, 100 * e.ci_high, verdict);
  } else {
    std::snprintf(buffer, sizeof buffer, "%s %s %s by %.4g (%d%% CI %.4g\u2013%.4g), %s",
                  arm.c_str(), verb, metric.c_str(), std::fabs(e.estimate), confidence, e.ci_low,
                  e.ci_high, verdict);
  }
  return buffer;
}

double minimum_detectable_effect(const Moments& baseline, double users_per_arm, double alpha,
                                 double power) {
  if (baseline.mean == 0 || users_per_arm <= 0) return 0;
  const double z =
      distributions::normal_quantile(1 - alpha / 2) + distributions::normal_quantile(power);
  return z * std::sqrt(2 * baseline.variance / users_per_arm) / std::fabs(baseline.mean);
}

double users_per_arm_needed(const Moments& baseline, double relative_effect, double alpha,
                            double power) {
  if (baseline.mean == 0 || relative_effect == 0) return 0;
  const double z =
      distributions::normal_quantile(1 - alpha / 2) + distributions::normal_quantile(power);
  const double effect = relative_effect * baseline.mean;
  return 2 * baseline.variance * z * z / (effect * effect);
}

double chance_to_win(const Effect& effect) {
  if (!effect.computable || !(effect.stddev > 0)) return 0.5;
  return distributions::normal_cdf(effect.estimate / effect.stddev);
}

}  // namespace luckyhub::experiment
