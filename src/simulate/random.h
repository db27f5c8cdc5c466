// Deterministic randomness for the simulator. Every generator draws from its
// own stream, derived from (seed, stream name), so the output depends only on
// the seed and scale, never on the order generators run in or on the
// standard library's distributions (which differ between implementations).
#pragma once

#include <cmath>
#include <cstdint>
#include <string_view>
#include <vector>

namespace luckyhub::sim {

class Rng {
 public:
  Rng(uint64_t seed, std::string_view stream);

  uint64_t next();                      // 64 uniform bits
  double uniform();                     // [0, 1)
  double uniform(double lo, double hi); // [lo, hi)
  int64_t range(int64_t lo, int64_t hi);  // integer in [lo, hi]
  bool chance(double p);                // true with probability p
  double normal(double mean = 0.0, double stddev = 1.0);
  double lognormal(double mu, double sigma);
  double exponential(double mean);
  int64_t poisson(double mean);
  // An index drawn with probability proportional to weights[i].
  size_t weighted(const std::vector<double>& weights);
  // An independent stream for a sub-task ("orders/day/2025-07-01").
  Rng fork(std::string_view stream) const;

 private:
  uint64_t s_[4];
  uint64_t seed_;
};

// Draws weighted indexes in O(1) after O(n) set-up (Walker's alias method).
class AliasTable {
 public:
  AliasTable() = default;
  explicit AliasTable(const std::vector<double>& weights);
  size_t draw(Rng& rng) const;
  size_t size() const { return probability_.size(); }

 private:
  std::vector<double> probability_;
  std::vector<uint32_t> alias_;
};

// Splits `total` into integer parts proportional to weights, summing exactly
// to total (largest remainder; ties go to the lower index).
std::vector<int64_t> apportion(int64_t total, const std::vector<double>& weights);

// 64-bit FNV-1a of a string, for deriving stream seeds.
uint64_t hash64(std::string_view text);

}  // namespace luckyhub::sim
