// The pure statistics of the production-time tool, free of SQL: Pearson's
// correlation and the machine efficiency score. Unit-tested in tests/tools/production_time_math_test.cc.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace luckyhub::production {

struct Correlation {
  double r = 0;
  int64_t n = 0;
};

// Pearson's r of paired values; nullopt with fewer than 3 pairs or when
// either side does not vary.
std::optional<Correlation> pearson(const std::vector<std::pair<double, double>>& xy);

// Brews of one product on one machine type: their number and summed seconds.
struct BrewSums {
  int64_t n = 0;
  double seconds = 0;
};

// The efficiency of one machine type against the others on the same
// products: for every product it brewed, the time the product takes on
// average over every type (its mean brew), times the type's brews of it,
// summed, over the type's actual seconds. Above 1: faster than the fleet on
// the same drinks. `by_product_type` maps product -> machine type -> sums;
// products brewed on one type only compare nothing and are left out.
struct Efficiency {
  double score = 0;
  int64_t brews = 0;     // the brews the score rests on
  int64_t products = 0;  // the products compared
};
std::map<std::string, Efficiency> efficiency_scores(
    const std::map<int64_t, std::map<std::string, BrewSums>>& by_product_type);

// A Gaussian kernel density estimate of whole-second times given as counts
// (seconds -> times), for a violin plot. The bandwidth is Silverman's rule of
// thumb: h = 0.9 x min(s, IQR / 1.34) x n^(-1/5), with s the sample standard
// deviation (n - 1) and the quartiles nearest-rank (as every percentile of
// the tool); when the quartiles coincide, s alone; when s is 0 too (one
// value), 1 second. The density f(x) = sum of count x phi((x - v) / h) over
// n x h, per second, evaluated at each x of `at`.
struct Density {
  double bandwidth = 0;
  std::vector<double> values;  // f(x) for each x of `at`; empty without times
};
Density kernel_density(const std::map<int64_t, int64_t>& counts, const std::vector<double>& at);

}  // namespace luckyhub::production
