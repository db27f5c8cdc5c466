#include "domain/erlang.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <vector>

#include "core/error.h"

namespace luckyhub::erlang {
namespace {

constexpr double kTailLog = -40;  // states whose weight is below e^-40 of the largest are dropped
constexpr int kMaxAgents = 100000;

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// Erlang B by its recursion: never overflows, whatever the load.
double erlang_b(int n, double load) {
  double b = 1;
  for (int k = 1; k <= n; ++k) b = load * b / (k + load * b);
  return b;
}

Performance erlang_c(const Demand& d, int n, double answer_s) {
  const double a = d.load_erlangs();
  Performance p{.agents = n};
  p.occupancy = n > 0 ? a / n : 1;
  if (n <= a) {  // the queue grows without bound
    p.p_wait = 1;
    p.asa_s = std::numeric_limits<double>::infinity();
    return p;
  }
  const double b = erlang_b(n, a);
  p.p_wait = n * b / (n - a * (1 - b));
  p.service_level = 1 - p.p_wait * std::exp(-(n - a) * answer_s / d.aht_s);
  p.asa_s = p.p_wait * d.aht_s / (n - a);
  return p;
}

// Stationary distribution of the number in an M/M/n+M system, truncated.
std::vector<double> palm_distribution(double lambda, double mu, double theta, int n) {
  std::vector<double> log_w = {0};
  double top = 0;
  for (int k = 1;; ++k) {
    const double out = std::min(k, n) * mu + std::max(k - n, 0) * theta;
    log_w.push_back(log_w.back() + std::log(lambda / out));
    top = std::max(top, log_w.back());
    if (k > n && log_w.back() < top + kTailLog) break;
  }
  std::vector<double> pi(log_w.size());
  double sum = 0;
  for (size_t k = 0; k < pi.size(); ++k) sum += pi[k] = std::exp(log_w[k] - top);
  for (double& x : pi) x /= sum;
  return pi;
}

// P(answered within t) of arrivals that queue, `queued[j]` being the chance
// of finding j queued ahead: uniformisation of the walk to the head of the queue.
double answered_within(const std::vector<double>& queued, double n_mu, double theta, double t) {
  const size_t m = queued.size();
  if (m == 0 || t <= 0) return 0;
  const double uniform = n_mu + static_cast<double>(m) * theta;  // the fastest exit rate
  const double mean_jumps = uniform * t;
  std::vector<double> at = queued, next(m);
  double served = 0, result = 0, poisson_mass = 0;
  const int last = static_cast<int>(mean_jumps + 12 * std::sqrt(mean_jumps) + 30);
  for (int k = 0; k <= last && poisson_mass < 1 - 1e-15; ++k) {
    const double pk = std::exp(-mean_jumps + k * std::log(mean_jumps) - std::lgamma(k + 1.0));
    result += pk * served;
    poisson_mass += pk;
    std::fill(next.begin(), next.end(), 0.0);
    for (size_t i = 0; i < m; ++i) {
      const double forward = (n_mu + static_cast<double>(i) * theta) / uniform;
      const double stay = 1 - forward - theta / uniform;
      next[i] += at[i] * stay;
      if (i == 0) served += at[i] * forward;
      else next[i - 1] += at[i] * forward;
    }
    std::swap(at, next);
  }
  return result;
}

Performance erlang_a(const Demand& d, int n, double answer_s) {
  const double lambda = d.rate_per_hour / 3600.0, mu = 1 / d.aht_s, theta = 1 / *d.patience_s;
  const std::vector<double> pi = palm_distribution(lambda, mu, theta, n);
  Performance p{.agents = n};
  std::vector<double> queued(pi.begin() + std::min<size_t>(n, pi.size()), pi.end());
  double p_abandon = 0, answered_wait = 0, reach = 1, wait = 0;
  for (size_t j = 0; j < queued.size(); ++j) {
    const double forward = n * mu + static_cast<double>(j) * theta, exit = forward + theta;
    reach *= forward / exit;  // answered from position j: every step forward
    wait += 1 / exit;         // mean time spent reaching the head
    p.p_wait += queued[j];
    p_abandon += queued[j] * (1 - reach);
    answered_wait += queued[j] * reach * wait;
  }
  const double served_at_once = 1 - p.p_wait;
  p.p_abandon = p_abandon;
  p.service_level = served_at_once + answered_within(queued, n * mu, theta, answer_s);
  p.asa_s = answered_wait / (1 - p_abandon);
  p.occupancy = lambda * (1 - p_abandon) * d.aht_s / n;
  return p;
}

// The fewest agents whose service level meets the target, with its
// interpolated fraction.
std::pair<int, double> agents_for_service_level(const Demand& d, const Target& t) {
  int n = d.patience_s ? 1 : static_cast<int>(std::floor(d.load_erlangs())) + 1;
  double below = n > 1 ? performance(d, n - 1, t.answer_s).service_level : 0;
  for (; n <= kMaxAgents; ++n) {
    const double sl = performance(d, n, t.answer_s).service_level;
    if (sl >= t.service_level) {
      const double share = sl > below ? (t.service_level - below) / (sl - below) : 1;
      return {n, n - 1 + std::clamp(share, 0.0, 1.0)};
    }
    below = sl;
  }
  throw Error("erlang: more than " + std::to_string(kMaxAgents) + " agents needed");
}

}  // namespace

void validate(const Demand& d, const Target& t) {
  auto check = [](bool ok, const std::string& what, double v) {
    if (!ok || !std::isfinite(v)) throw Error("erlang: " + what + " (got " + number(v) + ")");
  };
  check(d.rate_per_hour >= 0, "the rate must be arrivals per hour, >= 0", d.rate_per_hour);
  check(d.aht_s > 0, "the average handling time must be > 0 seconds", d.aht_s);
  if (d.patience_s) check(*d.patience_s > 0, "the patience must be > 0 seconds", *d.patience_s);
  check(t.answer_s >= 0, "the target answer time must be >= 0 seconds", t.answer_s);
  check(t.service_level > 0 && t.service_level < 1, "the service level must be in (0, 1)", t.service_level);
  check(t.max_occupancy > 0 && t.max_occupancy <= 1, "the maximum occupancy must be in (0, 1]", t.max_occupancy);
  check(t.shrinkage >= 0 && t.shrinkage < 1, "the shrinkage must be in [0, 1)", t.shrinkage);
}

Performance performance(const Demand& d, int agents, double answer_s) {
  if (agents <= 0) return Performance{.p_wait = 1, .asa_s = std::numeric_limits<double>::infinity(), .occupancy = 1};
  return d.patience_s ? erlang_a(d, agents, answer_s) : erlang_c(d, agents, answer_s);
}

Requirement required(const Demand& d, const Target& t) {
  validate(d, t);
  Requirement r;
  if (d.rate_per_hour == 0) {
    r.at = Performance{.service_level = 1};
    if (d.patience_s) r.at.p_abandon = 0;
    return r;
  }
  auto [n, fraction] = agents_for_service_level(d, t);
  Performance at = performance(d, n, t.answer_s);
  while (at.occupancy > t.max_occupancy + 1e-12) at = performance(d, ++n, t.answer_s);
  // The occupancy bound as a fraction: the load carried over the cap.
  const double carried = d.load_erlangs() * (at.p_abandon ? 1 - *at.p_abandon : 1);
  r.at = at;
  r.fractional_agents = std::min<double>(n, std::max(fraction, carried / t.max_occupancy));
  r.positions = static_cast<int>(std::ceil(n / (1 - t.shrinkage) - 1e-9));
  r.fractional_positions = r.fractional_agents / (1 - t.shrinkage);
  return r;
}

}  // namespace luckyhub::erlang
