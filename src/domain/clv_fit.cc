#include "domain/clv_fit.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace luckyhub::clv {
namespace {

using Vector = std::vector<double>;
using Matrix = std::vector<Vector>;

constexpr double kGradientTolerance = 1e-7;  // on the mean log-likelihood per observation
constexpr int kMaxIterations = 1000;
constexpr size_t kStallIterations = 25;  // no gain in this many iterations: stop

double dot(const Vector& a, const Vector& b) {
  double s = 0;
  for (size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
  return s;
}

double max_abs(const Vector& v) {
  double m = 0;
  for (double x : v) m = std::max(m, std::abs(x));
  return m;
}

Matrix identity(size_t n) {
  Matrix m(n, Vector(n, 0));
  for (size_t i = 0; i < n; ++i) m[i][i] = 1;
  return m;
}

// The negative mean log-likelihood and its gradient: the function BFGS minimises.
struct Objective {
  const LogLikelihood& ll;
  double observations;

  double operator()(const Vector& theta, Vector* gradient) const {
    const double value = ll(theta, gradient);
    if (!std::isfinite(value)) return std::numeric_limits<double>::infinity();
    if (gradient) {
      for (double& g : *gradient) g = -g / observations;
      for (double g : *gradient)
        if (!std::isfinite(g)) return std::numeric_limits<double>::infinity();
    }
    return -value / observations;
  }
};

struct Run {
  Vector theta;
  double value = std::numeric_limits<double>::infinity();  // negative mean LL
  int iterations = 0;
  bool converged = false;
};

Run bfgs(const Objective& f, Vector theta) {
  const size_t n = theta.size();
  Run run;
  Vector g(n);
  double value = f(theta, &g);
  if (!std::isfinite(value)) return run;
  Matrix h = identity(n);  // inverse Hessian approximation
  std::vector<double> values;  // by iteration: a search that has stalled stops
  int it = 0;
  for (; it < kMaxIterations; ++it) {
    if (max_abs(g) < kGradientTolerance) {
      run.converged = true;
      break;
    }
    values.push_back(value);
    if (values.size() > kStallIterations &&
        values[values.size() - 1 - kStallIterations] - value <= 1e-12 * (1 + std::abs(value)))
      break;  // a parameter running off to infinity along a flat ridge: not converged
    Vector direction(n, 0);
    for (size_t i = 0; i < n; ++i)
      for (size_t j = 0; j < n; ++j) direction[i] -= h[i][j] * g[j];
    double slope = dot(direction, g);
    if (slope >= 0) {  // not a descent direction: restart from steepest descent
      h = identity(n);
      for (size_t i = 0; i < n; ++i) direction[i] = -g[i];
      slope = dot(direction, g);
    }
    // Steps in log-parameters beyond e^5 are never sensible: cap the first try.
    double step = std::min(1.0, 5.0 / std::max(max_abs(direction), 1e-300));
    Vector next(n), next_g(n);
    double next_value = 0;
    bool accepted = false;
    for (int tries = 0; tries < 60; ++tries, step *= 0.5) {
      for (size_t i = 0; i < n; ++i) next[i] = theta[i] + step * direction[i];
      next_value = f(next, &next_g);
      if (std::isfinite(next_value) && next_value <= value + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
    }
    if (!accepted) break;  // no progress possible along any step: a (numerical) optimum
    Vector s(n), y(n);
    for (size_t i = 0; i < n; ++i) {
      s[i] = next[i] - theta[i];
      y[i] = next_g[i] - g[i];
    }
    const double sy = dot(s, y);
    if (sy > 1e-12 * std::sqrt(dot(s, s) * dot(y, y))) {
      Vector hy(n, 0);
      for (size_t i = 0; i < n; ++i)
        for (size_t j = 0; j < n; ++j) hy[i] += h[i][j] * y[j];
      const double yhy = dot(y, hy);
      for (size_t i = 0; i < n; ++i)
        for (size_t j = 0; j < n; ++j)
          h[i][j] += ((sy + yhy) * s[i] * s[j]) / (sy * sy) - (hy[i] * s[j] + s[i] * hy[j]) / sy;
    }
    theta = next;
    g = next_g;
    value = next_value;
  }
  if (max_abs(g) < kGradientTolerance) run.converged = true;
  run.theta = theta;
  run.value = value;
  run.iterations = it;
  return run;
}

// Inverts a symmetric positive definite matrix by Gauss-Jordan with partial
// pivoting; false when singular.
bool invert(Matrix m, Matrix* inverse) {
  const size_t n = m.size();
  *inverse = identity(n);
  for (size_t c = 0; c < n; ++c) {
    size_t pivot = c;
    for (size_t r = c + 1; r < n; ++r)
      if (std::abs(m[r][c]) > std::abs(m[pivot][c])) pivot = r;
    if (std::abs(m[pivot][c]) < 1e-300) return false;
    std::swap(m[c], m[pivot]);
    std::swap((*inverse)[c], (*inverse)[pivot]);
    const double d = m[c][c];
    for (size_t j = 0; j < n; ++j) {
      m[c][j] /= d;
      (*inverse)[c][j] /= d;
    }
    for (size_t r = 0; r < n; ++r) {
      if (r == c) continue;
      const double factor = m[r][c];
      for (size_t j = 0; j < n; ++j) {
        m[r][j] -= factor * m[c][j];
        (*inverse)[r][j] -= factor * (*inverse)[c][j];
      }
    }
  }
  return true;
}

Vector standard_errors(const LogLikelihood& ll, const Vector& theta) {
  const size_t n = theta.size();
  const double h = 1e-5;
  Matrix information(n, Vector(n, 0));  // minus the Hessian of the total LL
  for (size_t j = 0; j < n; ++j) {
    Vector up = theta, down = theta, g_up(n), g_down(n);
    up[j] += h;
    down[j] -= h;
    ll(up, &g_up);
    ll(down, &g_down);
    for (size_t i = 0; i < n; ++i) information[i][j] = -(g_up[i] - g_down[i]) / (2 * h);
  }
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < i; ++j) information[i][j] = information[j][i] = (information[i][j] + information[j][i]) / 2;
  Vector out(n, std::numeric_limits<double>::quiet_NaN());
  Matrix covariance;
  if (!invert(information, &covariance)) return out;
  for (size_t i = 0; i < n; ++i)
    if (covariance[i][i] > 0) out[i] = std::exp(theta[i]) * std::sqrt(covariance[i][i]);
  return out;
}

}  // namespace

Fit maximise(const LogLikelihood& log_likelihood, const std::vector<std::vector<double>>& starts,
             double observations) {
  const Objective f{log_likelihood, observations};
  Run best;
  for (const Vector& start : starts) {
    Vector theta(start.size());
    for (size_t i = 0; i < start.size(); ++i) theta[i] = std::log(start[i]);
    Run run = bfgs(f, theta);
    if (run.theta.empty()) continue;
    if (best.theta.empty() || run.value < best.value - 1e-12 || (run.converged && !best.converged && run.value <= best.value + 1e-9))
      best = run;
  }
  Fit fit{.starts = static_cast<int>(starts.size())};
  if (best.theta.empty()) {
    fit.log_likelihood = -std::numeric_limits<double>::infinity();
    fit.params = starts.front();
    fit.standard_errors.assign(starts.front().size(), std::numeric_limits<double>::quiet_NaN());
    return fit;
  }
  for (double t : best.theta) fit.params.push_back(std::exp(t));
  fit.log_likelihood = -best.value * observations;
  fit.iterations = best.iterations;
  fit.converged = best.converged;
  fit.standard_errors = standard_errors(log_likelihood, best.theta);
  return fit;
}

double digamma(double x) {
  double result = 0;
  while (x < 6) {
    result -= 1 / x;
    x += 1;
  }
  const double f = 1 / (x * x);
  // ψ(x) ~ ln x - 1/(2x) - Σ B_2k / (2k x^2k)
  result += std::log(x) - 0.5 / x -
            f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f * (1.0 / 132 - f * 691.0 / 32760)))));
  return result;
}

}  // namespace luckyhub::clv
