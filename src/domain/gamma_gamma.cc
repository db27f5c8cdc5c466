#include "domain/gamma_gamma.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/error.h"

namespace luckyhub::gamma_gamma {
namespace {

using clv::digamma;

Params from_vector(const std::vector<double>& v) { return {v[0], v[1], v[2]}; }

}  // namespace

double log_likelihood(const Params& p, const Spend& s, double gradient[3]) {
  const double px = p.p * s.x;
  const double total = s.x * s.m + p.v;
  const double ll = std::lgamma(px + p.q) - std::lgamma(px) - std::lgamma(p.q) + p.q * std::log(p.v) +
                    (px - 1) * std::log(s.m) + px * std::log(s.x) - (px + p.q) * std::log(total);
  if (gradient) {
    const double dp = s.x * (digamma(px + p.q) - digamma(px) + std::log(s.m) + std::log(s.x) - std::log(total));
    const double dq = digamma(px + p.q) - digamma(p.q) + std::log(p.v) - std::log(total);
    const double dv = p.q / p.v - (px + p.q) / total;
    gradient[0] = p.p * dp;
    gradient[1] = p.q * dq;
    gradient[2] = p.v * dv;
  }
  return ll;
}

Fit fit(const std::vector<Spend>& spends) {
  std::map<std::pair<double, double>, double> weights;
  double customers = 0, spend = 0;
  for (const Spend& s : spends) {
    if (!(s.x > 0) || !(s.m > 0)) throw Error("Gamma-Gamma: a customer without repeat purchases of positive value");
    weights[{s.x, s.m}] += s.weight;
    customers += s.weight;
    spend += s.weight * s.m;
  }
  if (weights.empty()) throw Error("Gamma-Gamma: no customers with repeat purchases to fit");
  std::vector<Spend> groups;
  for (const auto& [key, weight] : weights) groups.push_back({key.first, key.second, weight});
  const clv::LogLikelihood ll = [&groups](const std::vector<double>& theta, std::vector<double>* gradient) {
    const Params p{std::exp(theta[0]), std::exp(theta[1]), std::exp(theta[2])};
    double total = 0, g[3];
    if (gradient) gradient->assign(3, 0);
    for (const Spend& s : groups) {
      total += s.weight * log_likelihood(p, s, gradient ? g : nullptr);
      if (gradient)
        for (int i = 0; i < 3; ++i) (*gradient)[i] += s.weight * g[i];
    }
    return total;
  };
  // The population mean p v / (q − 1) near the data's mean spend at each start.
  const double mean = std::max(spend / customers, 1e-6);
  const std::vector<std::vector<double>> starts = {
      {1, 2, mean}, {5, 4, 3 * mean / 5}, {1, 1.5, mean / 2}, {10, 10, 9 * mean / 10}};
  const clv::Fit f = clv::maximise(ll, starts, customers);
  return Fit::of(f, customers, &from_vector);
}

double expected_spend(const Params& p, double x, double m) { return p.p * (p.v + x * m) / (p.p * x + p.q - 1); }

double lifetime_value(const bgnbd::Params& model, const bgnbd::History& h, double expected_spend_per_order,
                      int months, double monthly_discount, double days_per_unit) {
  const double month = 30 / days_per_unit;
  if (monthly_discount == 0)
    return expected_spend_per_order * bgnbd::expected_purchases(model, h, months * month);
  double value = 0, before = 0;
  for (int k = 1; k <= months; ++k) {
    const double by_now = bgnbd::expected_purchases(model, h, k * month);
    value += expected_spend_per_order * (by_now - before) / std::pow(1 + monthly_discount, k);
    before = by_now;
  }
  return value;
}

}  // namespace luckyhub::gamma_gamma
