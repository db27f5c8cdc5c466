// The few probability distributions the experiment statistics need, in plain
// C++ (no numerics library): Student's t (CDF and quantile, non-integer
// degrees of freedom for Welch's test), the standard normal, and the
// chi-square survival function (the sample-ratio-mismatch check).
//
// Student's t goes through the regularised incomplete beta function
//   P(|T| > t) = I_{ν/(ν+t²)}(ν/2, 1/2)
// and chi-square through the regularised upper incomplete gamma function
//   P(X > x) = Q(k/2, x/2),
// both evaluated by their series or Lentz continued fractions to ~1e-15.
// REQUIRES: degrees of freedom > 0; probabilities in (0, 1).
#pragma once

namespace luckyhub::distributions {

// Regularised incomplete beta I_x(a, b), a, b > 0, x in [0, 1].
double incomplete_beta(double a, double b, double x);
// Regularised upper incomplete gamma Q(a, x), a > 0, x >= 0.
double upper_incomplete_gamma(double a, double x);

double student_t_cdf(double t, double dof);
// The t with student_t_cdf(t, dof) = p.
double student_t_quantile(double p, double dof);

double normal_cdf(double z);
double normal_quantile(double p);

// P(X > x) for X ~ chi-square with `dof` degrees of freedom.
double chi_square_survival(double x, double dof);

}  // namespace luckyhub::distributions
