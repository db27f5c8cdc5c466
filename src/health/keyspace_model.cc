#include "health/keyspace_model.h"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace luckyhub::health {

std::string NamespaceRules::namespace_of(std::string_view key) const {
  if (delimiter.empty() || depth < 1) return std::string(key);
  size_t end = 0;
  int parts = 0;
  for (size_t pos = key.find(delimiter); pos != std::string_view::npos;
       pos = key.find(delimiter, pos + delimiter.size())) {
    end = pos;
    if (++parts == depth) break;
  }
  if (parts == 0) return "(none)";
  return std::string(key.substr(0, end));
}

bool pattern_matches(const std::string& pattern, const std::string& ns) {
  if (pattern.empty() || pattern.back() != '*') return pattern == ns;
  const std::string_view prefix(pattern.data(), pattern.size() - 1);
  if (std::string_view(ns).starts_with(prefix)) return true;
  const bool ends_in_delimiter = prefix.size() >= 2 && !std::isalnum(static_cast<unsigned char>(prefix.back()));
  return ends_in_delimiter && std::string_view(ns) == prefix.substr(0, prefix.size() - 1);
}

double lfu_reads(int freq, double log_factor) {
  if (freq <= 5) return 0;
  const double steps = freq - 5;  // increments from 5, each needing (b * factor + 1) accesses on average
  return steps + log_factor * steps * (steps - 1) / 2;
}

int lfu_median(const std::array<int64_t, 256>& freq_counts) {
  int64_t total = 0;
  for (const int64_t n : freq_counts) total += n;
  if (total == 0) return -1;
  int64_t seen = 0;
  for (size_t f = 0; f < freq_counts.size(); ++f) {
    seen += freq_counts[f];
    if (2 * seen >= total) return static_cast<int>(f);
  }
  return 255;
}

bool lfu_hot_relative(int freq, int instance_median) {
  if (instance_median < 0) return false;
  const double reads = lfu_reads(freq);
  return reads >= kRelativeHotReads && reads >= kRelativeHotRatio * std::max(1.0, lfu_reads(instance_median));
}

std::string ServiceMap::service_of(const std::string& ns) const {
  for (const auto& [pattern, service] : patterns) {
    if (pattern_matches(pattern, ns)) return service;
  }
  return "";
}

int ttl_bucket(int64_t pttl_ms) {
  if (pttl_ms < 0) return 0;
  if (pttl_ms < 60'000) return 1;
  if (pttl_ms < 3'600'000) return 2;
  if (pttl_ms < 86'400'000) return 3;
  if (pttl_ms < 7 * 86'400'000LL) return 4;
  return 5;
}

Estimate estimate_total(double sum, double sum_squares, int64_t sampled, int64_t population) {
  if (sampled <= 0 || population <= 0) return {};
  const double n = static_cast<double>(sampled),
               big_n = static_cast<double>(std::max(population, sampled));
  const double mean = sum / n;
  if (sampled >= population) return {sum, 0};
  // The sample variance of z (zero outside the namespace), with n - 1.
  const double variance =
      sampled > 1 ? std::max(0.0, (sum_squares - n * mean * mean) / (n - 1)) : mean * mean;
  const double standard_error = big_n * std::sqrt((1 - n / big_n) * variance / n);
  return {big_n * mean, 1.96 * standard_error};
}

double t_quantile_975(int64_t degrees_of_freedom) {
  // Student's t, two-sided 95%: exact to 3 decimals up to 30 degrees of
  // freedom, then its Cornish-Fisher expansion around 1.96.
  static constexpr double kTable[] = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306,
                                      2.262,  2.228, 2.201, 2.179, 2.160, 2.145, 2.131, 2.120,
                                      2.110,  2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064,
                                      2.060,  2.056, 2.052, 2.048, 2.045, 2.042};
  if (degrees_of_freedom < 1) return kTable[0];
  if (degrees_of_freedom <= 30) return kTable[degrees_of_freedom - 1];
  const double z = 1.959964, v = static_cast<double>(degrees_of_freedom);
  return z + (z * z * z + z) / (4 * v) +
         (5 * std::pow(z, 5) + 16 * z * z * z + 3 * z) / (96 * v * v);
}

StratumEstimate estimate_stratum(const StratumCount& s, int64_t censused, int64_t population) {
  StratumEstimate e;
  if (s.alive <= 0 || s.tried <= 0 || censused <= 0) return e;
  const double counted = static_cast<double>(s.counted), tried = static_cast<double>(s.tried),
               alive = static_cast<double>(s.alive);
  // The census' scale-up: `counted` of `censused` keys, a simple random
  // sample of the population's when the census was cut short.
  double relative_n = 0, keys = counted;
  if (censused < population) {
    const Estimate n = estimate_total(counted, counted, censused, population);
    keys = n.value;
    relative_n = n.value > 0 ? n.error95 / 1.96 / n.value : 0;
  }
  // The share of the inspected keys still there.
  const double fpc = std::max(0.0, 1 - tried / std::max(counted, tried));
  const double q = alive / tried;
  const double relative_q = q < 1 ? std::sqrt(fpc * q * (1 - q) / tried) / q : 0;
  keys *= q;
  // The mean key size.
  const double mean = s.memory / alive;
  double relative_mean = 0;
  if (fpc > 0 && mean > 0) {
    if (s.alive < 2) {
      relative_mean = 1;  // one key tells nothing of the spread
    } else {
      const double variance =
          std::max(0.0, (s.memory_squares - alive * mean * mean) / (alive - 1));
      relative_mean = std::sqrt(fpc * variance / alive) / mean;
    }
  }
  e.keys = {keys, 1.96 * keys * std::hypot(relative_n, relative_q)};
  // The mean's share of the error with Student's t for its n - 1 degrees of
  // freedom: a few keys' spread understates the namespace's.
  const double t_over_z = t_quantile_975(s.alive - 1) / 1.96;
  const double memory = keys * mean;
  e.memory_bytes = {memory, 1.96 * memory * std::sqrt(relative_n * relative_n +
                                                      relative_q * relative_q +
                                                      std::pow(t_over_z * relative_mean, 2))};
  return e;
}

}  // namespace luckyhub::health
