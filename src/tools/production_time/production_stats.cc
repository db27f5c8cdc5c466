#include "tools/production_time/production_stats.h"

#include <algorithm>
#include <cmath>

namespace luckyhub::production {

std::optional<Correlation> pearson(const std::vector<std::pair<double, double>>& xy) {
  const double n = static_cast<double>(xy.size());
  if (xy.size() < 3) return std::nullopt;
  double mx = 0, my = 0;
  for (const auto& [x, y] : xy) mx += x, my += y;
  mx /= n, my /= n;
  double sxy = 0, sxx = 0, syy = 0;
  for (const auto& [x, y] : xy) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) * (x - mx);
    syy += (y - my) * (y - my);
  }
  if (sxx <= 0 || syy <= 0) return std::nullopt;
  return Correlation{sxy / std::sqrt(sxx * syy), static_cast<int64_t>(xy.size())};
}

std::map<std::string, Efficiency> efficiency_scores(
    const std::map<int64_t, std::map<std::string, BrewSums>>& by_product_type) {
  struct Sums {
    double expected = 0, actual = 0;
    int64_t brews = 0, products = 0;
  };
  std::map<std::string, Sums> sums;
  for (const auto& [product, types] : by_product_type) {
    if (types.size() < 2) continue;
    BrewSums all;
    for (const auto& [type, s] : types) all.n += s.n, all.seconds += s.seconds;
    if (all.n == 0) continue;
    const double mean = all.seconds / static_cast<double>(all.n);
    for (const auto& [type, s] : types) {
      Sums& t = sums[type];
      t.expected += mean * static_cast<double>(s.n);
      t.actual += s.seconds;
      t.brews += s.n;
      ++t.products;
    }
  }
  std::map<std::string, Efficiency> out;
  for (const auto& [type, t] : sums) {
    if (t.actual > 0) out[type] = {t.expected / t.actual, t.brews, t.products};
  }
  return out;
}

namespace {

// The ceil(q x n)-th smallest (1-based) of the counts' times.
double nearest_rank(const std::map<int64_t, int64_t>& counts, int64_t n, double q) {
  const int64_t rank = std::max<int64_t>(1, static_cast<int64_t>(std::ceil(q * static_cast<double>(n) - 1e-9)));
  int64_t seen = 0;
  for (const auto& [v, c] : counts) {
    seen += c;
    if (seen >= rank) return static_cast<double>(v);
  }
  return static_cast<double>(counts.rbegin()->first);
}

}  // namespace

Density kernel_density(const std::map<int64_t, int64_t>& counts, const std::vector<double>& at) {
  Density d;
  int64_t n = 0;
  double sum = 0;
  for (const auto& [v, c] : counts) n += c, sum += static_cast<double>(v) * static_cast<double>(c);
  if (n == 0) return d;
  const double mean = sum / static_cast<double>(n);
  double squares = 0;
  for (const auto& [v, c] : counts) squares += (static_cast<double>(v) - mean) * (static_cast<double>(v) - mean) * static_cast<double>(c);
  const double sd = n > 1 ? std::sqrt(squares / static_cast<double>(n - 1)) : 0;
  const double iqr = nearest_rank(counts, n, 0.75) - nearest_rank(counts, n, 0.25);
  const double spread = iqr > 0 ? std::min(sd, iqr / 1.34) : sd;
  d.bandwidth = spread > 0 ? 0.9 * spread * std::pow(static_cast<double>(n), -0.2) : 1.0;
  const double norm = 1.0 / (static_cast<double>(n) * d.bandwidth * std::sqrt(2 * M_PI));
  for (const double x : at) {
    double f = 0;
    for (const auto& [v, c] : counts) {
      const double z = (x - static_cast<double>(v)) / d.bandwidth;
      if (std::abs(z) < 40) f += static_cast<double>(c) * std::exp(-0.5 * z * z);
    }
    d.values.push_back(f * norm);
  }
  return d;
}

}  // namespace luckyhub::production
