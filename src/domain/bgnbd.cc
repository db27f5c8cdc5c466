#include "domain/bgnbd.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "core/error.h"

namespace luckyhub::bgnbd {
namespace {

using clv::digamma;

Params from_vector(const std::vector<double>& v) { return {v[0], v[1], v[2], v[3]}; }

std::vector<History> grouped(const std::vector<History>& histories) {
  std::map<std::tuple<double, double, double>, double> weights;
  for (const History& h : histories) weights[{h.x, h.t_x, h.T}] += h.weight;
  std::vector<History> out;
  out.reserve(weights.size());
  for (const auto& [key, weight] : weights)
    out.push_back({std::get<0>(key), std::get<1>(key), std::get<2>(key), weight});
  return out;
}

// Starts on the data's own scale: α is a time, r/α the purchase rate.
std::vector<std::vector<double>> starts(const std::vector<History>& histories) {
  double weight = 0, x = 0, t = 0;
  for (const History& h : histories) {
    weight += h.weight;
    x += h.weight * h.x;
    t += h.weight * h.T;
  }
  const double mean_t = std::max(t / weight, 1e-6);
  const double rate = std::max(x / weight, 0.01) / mean_t;
  return {{1, 1, 1, 1},
          {1, 1 / rate, 1, 1},
          {0.25, 0.25 / rate, 0.8, 2.5},
          {2, 2 / rate, 0.5, 5}};
}

}  // namespace

double log_likelihood(const Params& p, const History& h, double gradient[4]) {
  const double rx = p.r + h.x;
  const double a1 = std::lgamma(rx) - std::lgamma(p.r) + p.r * std::log(p.alpha);
  const double a2 =
      std::lgamma(p.a + p.b) + std::lgamma(p.b + h.x) - std::lgamma(p.b) - std::lgamma(p.a + p.b + h.x);
  const double a3 = -rx * std::log(p.alpha + h.T);
  const bool repeat = h.x > 0;
  const double a4 = repeat ? std::log(p.a) - std::log(p.b + h.x - 1) - rx * std::log(p.alpha + h.t_x) : 0;
  const double top = repeat ? std::max(a3, a4) : a3;
  const double w3 = std::exp(a3 - top), w4 = repeat ? std::exp(a4 - top) : 0;
  const double ll = a1 + a2 + top + std::log(w3 + w4);
  if (gradient) {
    const double s3 = w3 / (w3 + w4), s4 = w4 / (w3 + w4);  // the softmax weights of A3, A4
    const double dr = digamma(rx) - digamma(p.r) + std::log(p.alpha) - s3 * std::log(p.alpha + h.T) -
                      (repeat ? s4 * std::log(p.alpha + h.t_x) : 0);
    const double dalpha = p.r / p.alpha - s3 * rx / (p.alpha + h.T) - (repeat ? s4 * rx / (p.alpha + h.t_x) : 0);
    const double dab = digamma(p.a + p.b) - digamma(p.a + p.b + h.x);
    const double da = dab + (repeat ? s4 / p.a : 0);
    const double db = dab + digamma(p.b + h.x) - digamma(p.b) - (repeat ? s4 / (p.b + h.x - 1) : 0);
    // Chain rule to log-parameters: d/dln θ = θ d/dθ.
    gradient[0] = p.r * dr;
    gradient[1] = p.alpha * dalpha;
    gradient[2] = p.a * da;
    gradient[3] = p.b * db;
  }
  return ll;
}

double total_log_likelihood(const Params& p, const std::vector<History>& histories, double gradient[4]) {
  // The terms of x alone (A1, A2 and their derivatives) once per distinct x:
  // histories come sorted by x from grouping, so a few hundred times, not once
  // per customer.
  const double lg_r = std::lgamma(p.r), lg_b = std::lgamma(p.b), lg_ab = std::lgamma(p.a + p.b);
  const double psi_r = digamma(p.r), psi_b = digamma(p.b), psi_ab = digamma(p.a + p.b);
  const double ln_alpha = std::log(p.alpha), ln_a = std::log(p.a);
  double total = 0, g[4] = {0, 0, 0, 0};
  double x = -1, a12 = 0, dr_x = 0, dab = 0, db_x = 0, ln_ratio = 0;
  for (const History& h : histories) {
    if (h.x != x) {
      x = h.x;
      a12 = std::lgamma(p.r + x) - lg_r + p.r * ln_alpha + lg_ab + std::lgamma(p.b + x) - lg_b -
            std::lgamma(p.a + p.b + x);
      if (gradient) {
        dr_x = digamma(p.r + x) - psi_r + ln_alpha;
        dab = psi_ab - digamma(p.a + p.b + x);
        db_x = dab + digamma(p.b + x) - psi_b;
      }
      ln_ratio = x > 0 ? ln_a - std::log(p.b + x - 1) : 0;
    }
    const double rx = p.r + x;
    const double ln_t = std::log(p.alpha + h.T);
    const double a3 = -rx * ln_t;
    const bool repeat = x > 0;
    const double ln_tx = repeat ? std::log(p.alpha + h.t_x) : 0;
    const double a4 = repeat ? ln_ratio - rx * ln_tx : 0;
    const double top = repeat ? std::max(a3, a4) : a3;
    const double w3 = std::exp(a3 - top), w4 = repeat ? std::exp(a4 - top) : 0;
    total += h.weight * (a12 + top + std::log(w3 + w4));
    if (gradient) {
      const double s3 = w3 / (w3 + w4), s4 = w4 / (w3 + w4);
      g[0] += h.weight * (dr_x - s3 * ln_t - s4 * ln_tx);
      g[1] += h.weight * (p.r / p.alpha - s3 * rx / (p.alpha + h.T) - (repeat ? s4 * rx / (p.alpha + h.t_x) : 0));
      g[2] += h.weight * (dab + (repeat ? s4 / p.a : 0));
      g[3] += h.weight * (db_x - (repeat ? s4 / (p.b + x - 1) : 0));
    }
  }
  if (gradient) {
    gradient[0] = p.r * g[0];
    gradient[1] = p.alpha * g[1];
    gradient[2] = p.a * g[2];
    gradient[3] = p.b * g[3];
  }
  return total;
}

Fit fit(const std::vector<History>& histories) {
  const std::vector<History> groups = grouped(histories);
  double customers = 0;
  for (const History& h : groups) customers += h.weight;
  if (groups.empty() || customers <= 0) throw Error("BG/NBD: no customers to fit");
  const clv::LogLikelihood ll = [&groups](const std::vector<double>& theta, std::vector<double>* gradient) {
    const Params p{std::exp(theta[0]), std::exp(theta[1]), std::exp(theta[2]), std::exp(theta[3])};
    double g[4];
    const double total = total_log_likelihood(p, groups, gradient ? g : nullptr);
    if (gradient) gradient->assign(g, g + 4);
    return total;
  };
  const clv::Fit f = clv::maximise(ll, starts(groups), customers);
  return Fit::of(f, customers, &from_vector);
}

double p_alive(const Params& p, const History& h) {
  if (h.x <= 0) return 1;
  const double log_odds = std::log(p.a) - std::log(p.b + h.x - 1) +
                          (p.r + h.x) * (std::log(p.alpha + h.T) - std::log(p.alpha + h.t_x));
  return 1 / (1 + std::exp(log_odds));
}

double expected_purchases(const Params& p, const History& h, double t) {
  if (t <= 0) return 0;
  const double z = t / (p.alpha + h.T + t);
  const double c = p.a + p.b + h.x - 1;
  const double tail = std::pow(1 - z, p.a - 1) * hyp2f1(p.a + p.b - 1 - p.r, p.a - 1, c, z);
  return c / (p.a - 1) * (1 - tail) * p_alive(p, h);
}

double hyp2f1(double a, double b, double c, double z) {
  double term = 1, sum = 1;
  for (int n = 0; n < 100000; ++n) {
    term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
    sum += term;
    if (std::abs(term) <= 1e-15 * std::abs(sum) && n > 2) return sum;
    if (term == 0) return sum;
  }
  throw Error("2F1 series did not converge (a " + std::to_string(a) + ", b " + std::to_string(b) + ", c " +
              std::to_string(c) + ", z " + std::to_string(z) + ")");
}

}  // namespace luckyhub::bgnbd
