// Namespaces by prefix, the service map, TTL buckets, the sample estimator
// and the TTL policy check, as examples.
#include "health/keyspace_model.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "health/ttl_policy.h"

namespace luckyhub::health {
namespace {

TEST(KeyspaceNamespaces, FirstPartsByDelimiterAndDepth) {
  const NamespaceRules rules;  // ":" and 2
  EXPECT_EQ(rules.namespace_of("order:cache:123"), "order:cache");
  EXPECT_EQ(rules.namespace_of("order:cache:123:items"), "order:cache");
  EXPECT_EQ(rules.namespace_of("session:abc"), "session");
  EXPECT_EQ(rules.namespace_of("plainkey"), "(none)");
  EXPECT_EQ(rules.namespace_of(""), "(none)");
  const NamespaceRules one{":", 1};
  EXPECT_EQ(one.namespace_of("order:cache:123"), "order");
  const NamespaceRules slash{"/", 3};
  EXPECT_EQ(slash.namespace_of("a/b/c/d/e"), "a/b/c");
  EXPECT_EQ(slash.namespace_of("a/b"), "a");
  const NamespaceRules dots{"::", 2};
  EXPECT_EQ(dots.namespace_of("x::y::z"), "x::y");
}

TEST(KeyspaceNamespaces, ServiceMapFirstMatchWins) {
  ServiceMap map;
  map.patterns = {
      {"order:cache", "cache-team"}, {"order:*", "order-service"}, {"session", "user-service"}};
  EXPECT_EQ(map.service_of("order:cache"), "cache-team");
  EXPECT_EQ(map.service_of("order:status"), "order-service");
  EXPECT_EQ(map.service_of("session"), "user-service");
  EXPECT_EQ(map.service_of("sessions"), "");
  EXPECT_EQ(map.service_of("menu:cache"), "");
}

// The semantics the keyspace file documents: exact, prefix, and a prefix
// ending in the delimiter that covers the namespace before it too.
TEST(KeyspaceNamespaces, PatternSemantics) {
  EXPECT_TRUE(pattern_matches("lock:order", "lock:order"));
  EXPECT_FALSE(pattern_matches("lock:order", "lock:orders"));
  EXPECT_FALSE(pattern_matches("session", "session:user"));  // exact is exact
  EXPECT_TRUE(pattern_matches("coupon:*", "coupon:stock"));
  EXPECT_TRUE(pattern_matches("session:*", "session:user"));
  EXPECT_TRUE(pattern_matches("session:*", "session"));       // session:8f2c's namespace
  EXPECT_FALSE(pattern_matches("session:*", "sessions"));
  EXPECT_FALSE(pattern_matches("session:*", "sess"));
  EXPECT_TRUE(pattern_matches("sess*", "sessions"));          // a plain prefix
  EXPECT_FALSE(pattern_matches("sess*", "ses"));
  EXPECT_TRUE(pattern_matches("*", "anything"));
}

// Redis's logarithmic LFU counter (lfu-log-factor 10): from 5, the b-th
// increment takes b * 10 + 1 accesses on average.
TEST(KeyspaceHotKeys, LfuCounterAsReadsAndAgainstItsInstance) {
  EXPECT_EQ(lfu_reads(5), 0);
  EXPECT_EQ(lfu_reads(3), 0);
  EXPECT_EQ(lfu_reads(6), 1);
  EXPECT_EQ(lfu_reads(7), 12);          // 1 + 11
  EXPECT_EQ(lfu_reads(105), 49600);     // 100 + 10 * 100 * 99 / 2: the 50,000 reads
  EXPECT_EQ(lfu_reads(255), 311500);
  std::array<int64_t, 256> counts{};
  EXPECT_EQ(lfu_median(counts), -1);
  counts[4] = 3;
  counts[100] = 1;
  EXPECT_EQ(lfu_median(counts), 4);
  counts[100] = 3;
  EXPECT_EQ(lfu_median(counts), 4);    // the lower median of 4, 4, 4, 100, 100, 100
  counts[100] = 4;
  EXPECT_EQ(lfu_median(counts), 100);
  EXPECT_TRUE(lfu_hot_relative(105, 4));   // 49,600 reads against an idle instance
  EXPECT_FALSE(lfu_hot_relative(50, 4));   // 9,945 reads: under the 10,000 floor
  EXPECT_TRUE(lfu_hot_relative(51, 4));    // 10,396
  EXPECT_FALSE(lfu_hot_relative(105, 60)); // the median key's 14,905 reads: not 100 times
  EXPECT_TRUE(lfu_hot_relative(255, 30));  // 311,500 >= 100 x 3,025
  EXPECT_FALSE(lfu_hot_relative(255, -1)); // no LFU policy: nothing to compare with
}

TEST(KeyspaceTtl, Buckets) {
  EXPECT_EQ(ttl_bucket(-1), 0);
  EXPECT_EQ(ttl_bucket(0), 1);
  EXPECT_EQ(ttl_bucket(59'999), 1);
  EXPECT_EQ(ttl_bucket(60'000), 2);
  EXPECT_EQ(ttl_bucket(3'599'999), 2);
  EXPECT_EQ(ttl_bucket(86'399'999), 3);
  EXPECT_EQ(ttl_bucket(86'400'000), 4);
  EXPECT_EQ(ttl_bucket(7 * 86'400'000LL), 5);
}

TEST(KeyspaceEstimator, CompleteSampleIsExact) {
  const Estimate e = estimate_total(1234, 1234 * 1234.0, 10, 10);
  EXPECT_DOUBLE_EQ(e.value, 1234);
  EXPECT_DOUBLE_EQ(e.error95, 0);
}

TEST(KeyspaceEstimator, ScalesByTheSampleFractionWithTheSrsError) {
  // 4 of 100 sampled keys are in the namespace, each 100 bytes: z = 100 for
  // 4 keys, 0 for 96. mean 4, variance (4*100^2 - 100*16)/99.
  const Estimate e = estimate_total(400, 4 * 100.0 * 100, 100, 1000);
  EXPECT_DOUBLE_EQ(e.value, 4000);
  const double variance = (40000.0 - 100 * 16) / 99;
  EXPECT_NEAR(e.error95, 1.96 * 1000 * std::sqrt((1 - 0.1) * variance / 100), 1e-9);
  EXPECT_EQ(estimate_total(0, 0, 0, 1000).value, 0);
}

// The interval holds the truth about 95% of the time on random samples.
TEST(KeyspaceEstimator, IntervalCoversTheTruth) {
  std::mt19937_64 rng(11);
  std::vector<double> sizes(20000);
  std::vector<bool> in_ns(sizes.size());
  double truth = 0;
  std::lognormal_distribution<double> size(5, 0.8);
  for (size_t i = 0; i < sizes.size(); ++i) {
    sizes[i] = size(rng);
    in_ns[i] = rng() % 5 == 0;
    if (in_ns[i]) truth += sizes[i];
  }
  int covered = 0;
  const int trials = 200;
  for (int t = 0; t < trials; ++t) {
    std::vector<size_t> idx(sizes.size());
    for (size_t i = 0; i < idx.size(); ++i) idx[i] = i;
    std::shuffle(idx.begin(), idx.end(), rng);
    double sum = 0, squares = 0;
    const int n = 1000;
    for (int k = 0; k < n; ++k) {
      const double z = in_ns[idx[k]] ? sizes[idx[k]] : 0;
      sum += z;
      squares += z * z;
    }
    const Estimate e = estimate_total(sum, squares, n, static_cast<int64_t>(sizes.size()));
    covered += std::abs(e.value - truth) <= e.error95;
  }
  // A 95% interval: about 190 of 200 cover the truth; all 200 would mean the
  // interval is too wide (a bound, not an interval).
  EXPECT_GE(covered, trials * 0.90);
  EXPECT_LE(covered, trials * 0.99);
}

// A namespace sampled on its own after a census (the stratified estimator).
TEST(KeyspaceStratum, CompleteCensusInspectedWholeIsExact) {
  const StratumEstimate e = estimate_stratum({50, 50, 50, 5000, 600000}, 1000, 1000);
  EXPECT_DOUBLE_EQ(e.keys.value, 50);
  EXPECT_DOUBLE_EQ(e.keys.error95, 0);
  EXPECT_DOUBLE_EQ(e.memory_bytes.value, 5000);
  EXPECT_DOUBLE_EQ(e.memory_bytes.error95, 0);
}

TEST(KeyspaceStratum, CompleteCensusScalesTheMeanWithItsError) {
  // 1,000 keys counted, 100 inspected: sizes 100 and 300 half each (mean 200).
  const double squares = 50 * 100.0 * 100 + 50 * 300.0 * 300;
  const StratumEstimate e = estimate_stratum({1000, 100, 100, 20000, squares}, 5000, 5000);
  EXPECT_DOUBLE_EQ(e.keys.value, 1000);
  EXPECT_DOUBLE_EQ(e.keys.error95, 0);  // counted, not estimated
  EXPECT_DOUBLE_EQ(e.memory_bytes.value, 200000);
  const double variance = (squares - 100 * 200.0 * 200) / 99;
  // Student's t for 99 degrees of freedom (1.984217, from a t table), not z:
  // about 18,916 bytes, within 0.5.
  EXPECT_NEAR(e.memory_bytes.error95, 1.984217 * 1000 * std::sqrt((1 - 0.1) * variance / 100), 0.5);
  EXPECT_NEAR(t_quantile_975(99), 1.984, 0.001);
  // Keys all of one size: the mean is known exactly.
  const StratumEstimate same = estimate_stratum({1000, 10, 10, 640, 10 * 64.0 * 64}, 5000, 5000);
  EXPECT_DOUBLE_EQ(same.memory_bytes.value, 64000);
  EXPECT_NEAR(same.memory_bytes.error95, 0, 1e-6);
}

TEST(KeyspaceStratum, ShortCensusAndVanishedKeysScaleTheCount) {
  // The census saw 100 of 400 keys, 10 in the namespace; of the 10 inspected
  // 8 were still there, 50 bytes each.
  const StratumEstimate e = estimate_stratum({10, 10, 8, 400, 8 * 2500.0}, 100, 400);
  EXPECT_DOUBLE_EQ(e.keys.value, 40 * 0.8);
  EXPECT_GT(e.keys.error95, 0);
  EXPECT_DOUBLE_EQ(e.memory_bytes.value, 32 * 50);
  EXPECT_NEAR(e.memory_bytes.error95 / e.memory_bytes.value, e.keys.error95 / e.keys.value, 1e-12);
  // Nothing alive: nothing to say.
  EXPECT_EQ(estimate_stratum({10, 10, 0, 0, 0}, 100, 400).memory_bytes.value, 0);
}

TEST(KeyspaceStratum, StudentsTForFewKeys) {
  EXPECT_DOUBLE_EQ(t_quantile_975(1), 12.706);
  EXPECT_DOUBLE_EQ(t_quantile_975(4), 2.776);
  EXPECT_NEAR(t_quantile_975(31), 2.040, 0.001);
  EXPECT_NEAR(t_quantile_975(120), 1.980, 0.001);
  EXPECT_NEAR(t_quantile_975(1000000), 1.960, 0.001);
  // Five keys of 100 and 300 bytes: the mean's error with t(4), not z.
  const double squares = 2 * 100.0 * 100 + 3 * 300.0 * 300;
  const StratumEstimate e = estimate_stratum({1000, 5, 5, 1100, squares}, 5000, 5000);
  const double mean = 220, variance = (squares - 5 * mean * mean) / 4;
  EXPECT_NEAR(e.memory_bytes.error95, 2.776 * 1000 * std::sqrt((1 - 0.005) * variance / 5), 1e-6);
}

// The stratified interval holds the truth about 95% of the time.
TEST(KeyspaceStratum, IntervalCoversTheTruth) {
  std::mt19937_64 rng(12);
  std::vector<double> sizes(5000);
  std::lognormal_distribution<double> size(6, 1.0);
  double truth = 0;
  for (double& v : sizes) truth += v = std::round(size(rng));
  int covered = 0;
  const int trials = 300;
  for (int t = 0; t < trials; ++t) {
    std::shuffle(sizes.begin(), sizes.end(), rng);
    double sum = 0, squares = 0;
    for (int k = 0; k < 400; ++k) sum += sizes[k], squares += sizes[k] * sizes[k];
    const StratumEstimate e = estimate_stratum({5000, 400, 400, sum, squares}, 20000, 20000);
    covered += std::abs(e.memory_bytes.value - truth) <= e.memory_bytes.error95;
  }
  EXPECT_GE(covered, trials * 0.90);
  EXPECT_LT(covered, trials);  // a 95% interval, not a bound
}

TEST(TtlPolicy, MustExpireAndMaximum) {
  const std::vector<TtlRule> policy = {
      {"coupon:stock", false, 0}, {"coupon:*", true, 86400}, {"session", true, 0}};
  std::vector<NamespaceTtl> ns(4);
  ns[0] = {"coupon:stock", 100, 100, -1, 5000};  // allowed to live forever
  ns[1] = {"coupon:claim", 100, 0, 3 * 86400 * 1000LL, 2000};
  ns[1].ttl = {0, 0, 10, 60, 25, 5};
  ns[1].examples = {{"coupon:claim:1", "set", 3 * 86400 * 1000LL, 80}};
  ns[2] = {"session", 200, 50, 3600 * 1000, 10000};
  ns[2].examples = {{"session:a", "hash", -1, 90},
                    {"session:b", "hash", -1, 90},
                    {"session:c", "hash", 3600000, 90}};
  ns[3] = {"menu:cache", 10, 10, -1, 10};  // no rule: nothing to judge
  const std::vector<TtlViolation> v = check_ttl_policy(policy, ns);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].ns, "coupon:claim");
  EXPECT_EQ(v[0].problem, "ttl_too_long");
  EXPECT_DOUBLE_EQ(v[0].share, 0.30);  // the < 7 d and >= 7 d buckets start at or above 1 d
  EXPECT_DOUBLE_EQ(v[0].keys_estimate, 600);
  EXPECT_EQ(v[0].example_keys, std::vector<std::string>{"coupon:claim:1"});
  EXPECT_EQ(v[1].ns, "session");
  EXPECT_EQ(v[1].problem, "no_ttl");
  EXPECT_DOUBLE_EQ(v[1].share, 0.25);
  EXPECT_DOUBLE_EQ(v[1].keys_estimate, 2500);
  EXPECT_EQ(v[1].example_keys, (std::vector<std::string>{"session:a", "session:b"}));
}

}  // namespace
}  // namespace luckyhub::health
