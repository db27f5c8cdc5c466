#include "tools/production_time/production_stats.h"

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

}  // namespace luckyhub::production
