// The pure side of Redis keyspace analysis (docs/redis-console.md): keys
// grouped into namespaces by prefix, namespaces mapped to their owning
// service, TTLs bucketed, and a sample of keys scaled up to estimates of key
// count and memory per namespace with a 95% interval.
//
// The estimator treats the keys the sampler inspected as a simple random
// sample without replacement of the database's N keys: SCAN walks the hash
// table's buckets, and a key's bucket is a hash of its name, so the keys of a
// partial SCAN are a random subset with respect to their names. For a
// namespace, z_i = (memory of key i if it is in the namespace, else 0); the
// total is estimated as N * mean(z) and its standard error as
// N * sqrt((1 - n/N) * var(z) / n). A complete SCAN (n = N) is exact.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace luckyhub::health {

// How key names become namespaces: the first `depth` parts split by
// `delimiter` ("order:cache:123" -> "order:cache" with ":" and 2). A key with
// fewer parts is its own namespace up to its last delimiter ("session:abc" ->
// "session"); one without a delimiter goes to "(none)".
struct NamespaceRules {
  std::string delimiter = ":";
  int depth = 2;
  std::string namespace_of(std::string_view key) const;
};

// Namespace patterns to owning services, first match wins (pattern_matches).
struct ServiceMap {
  std::vector<std::pair<std::string, std::string>> patterns;  // (pattern, service)
  std::string service_of(const std::string& ns) const;        // "" when none matches
};

// A pattern names one namespace exactly ("lock:order"), or ends in '*' for
// every namespace that starts with what precedes it ("coupon:*" matches
// "coupon:stock"). A prefix that ends in a delimiter also matches the
// namespace before it: "session:*" covers the keys session:8f2c (namespace
// "session") and session:user:42 ("session:user") alike.
bool pattern_matches(const std::string& pattern, const std::string& ns);

// Redis's LFU counter is logarithmic: a new key starts at 5, and each access
// increments a counter c > 5 with probability 1 / ((c - 5) * lfu_log_factor + 1).
// The accesses expected to take a key from 5 to `freq` (the default factor
// 10: 50 ~ 10,000 reads, 105 ~ 50,000, 255 ~ 310,000); 0 at or below 5.
double lfu_reads(int freq, double log_factor = 10);

// The lower median OBJECT FREQ of keys counted by frequency (0-255); -1 when none.
int lfu_median(const std::array<int64_t, 256>& freq_counts);

// A key is hot against its own instance when its LFU counter stands for at
// least kRelativeHotReads accesses and at least kRelativeHotRatio times the
// instance's median key's (at least one): a key read 50,000 times where the
// rest sit at 4 is hot, whatever the absolute threshold says.
inline constexpr double kRelativeHotReads = 10000;
inline constexpr double kRelativeHotRatio = 100;
bool lfu_hot_relative(int freq, int instance_median);

// TTL buckets: no TTL, < 1 minute, < 1 hour, < 1 day, < 7 days, >= 7 days.
inline constexpr int kTtlBuckets = 6;
inline constexpr std::array<const char*, kTtlBuckets> kTtlBucketNames = {
    "no_ttl", "lt_1m", "lt_1h", "lt_1d", "lt_7d", "ge_7d"};
inline constexpr std::array<const char*, kTtlBucketNames.size()> kTtlBucketLabels = {
    "no TTL", "< 1 min", "< 1 h", "< 1 day", "< 7 days", ">= 7 days"};
// Where each bucket with a TTL starts, in seconds (bucket 0 has none).
inline constexpr std::array<int64_t, kTtlBuckets> kTtlBucketStartS = {-1,   0,     60,
                                                                      3600, 86400, 7 * 86400};
// The bucket of a PTTL reply (-1: no expiry).
int ttl_bucket(int64_t pttl_ms);
using TtlHistogram = std::array<int64_t, kTtlBuckets>;

// One inspected key.
struct KeySample {
  std::string key;
  std::string type;      // string, hash, list, set, zset, stream
  int64_t pttl_ms = -1;  // -1: no expiry
  int64_t memory_bytes = 0;
  int freq = -1;   // OBJECT FREQ under an LFU policy, else -1
  std::string ns;  // its namespace
};

// An estimate with the half-width of its 95% interval.
struct Estimate {
  double value = 0;
  double error95 = 0;
};

// Per namespace, the sums the estimator needs.
struct NamespaceTally {
  int64_t keys = 0;
  double memory = 0, memory_squares = 0;
  int64_t max_ttl_ms = -1;  // the longest sampled TTL; -1 when every sampled key has none
  TtlHistogram ttl{};
};

// A namespace sampled on its own (a stratum): a census of `censused` of the
// instance's `population` keys counted `counted` in it; `tried` of those were
// inspected, `alive` of them still there, with the sums of their memory.
struct StratumCount {
  int64_t counted = 0, tried = 0, alive = 0;
  double memory = 0, memory_squares = 0;
};
struct StratumEstimate {
  Estimate keys, memory_bytes;
};
// Keys = counted * (population / censused) * (alive / tried); memory = keys *
// the mean key size. The 95% half-widths combine the relative errors of the
// three factors (the census' scale-up, the share still alive, the mean — the
// last with Student's t for alive - 1 degrees of freedom), each with its
// finite-population correction: a complete census inspected whole is exact. REQUIRES: alive >= 1, tried >= alive, censused <= population.
StratumEstimate estimate_stratum(const StratumCount& s, int64_t censused, int64_t population);

// Student's t two-sided 95% quantile (12.706 for 1 degree of freedom, 1.96 in the limit).
double t_quantile_975(int64_t degrees_of_freedom);

// The estimate of a namespace's total from its tally, n keys sampled out of N.
// For key counts pass y = 1 (memory == keys, memory_squares == keys).
Estimate estimate_total(double sum, double sum_squares, int64_t sampled, int64_t population);

}  // namespace luckyhub::health
