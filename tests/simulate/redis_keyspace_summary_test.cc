// The demo fleet's simulated keyspace analyses keep to the collector's
// budget and show their planted TTL violations at every instance size: a
// small instance inspected whole, a large one whose census fills half the
// budget, and one larger than the census can cover (counted in part and
// scaled up).
#include "simulate/health/redis_keyspace_summary.h"

#include <gtest/gtest.h>

#include <cstdio>

#include "health/ttl_policy.h"
#include "simulate/health/redis_model.h"

namespace luckyhub::sim {
namespace {

TEST(RedisKeyspaceSummary, KeepsTheBudgetAndShowsThePlantedViolationsAtEverySize) {
  const collect::KeyspaceConfig config = luckin_keyspace_config();
  int checked = 0;
  for (const PlantedKeyspace& p : planted_keyspace()) {
    if (p.kind != "no_ttl" && p.kind != "ttl_too_long") continue;
    for (const double keys : {20'000.0, 2'000'000.0, 30'000'000.0}) {
      Rng rng(7, "redis_keyspace");
      char name[16];
      std::snprintf(name, sizeof name, "redis-%02d", p.instance_number);
      const DemoRedis in{name, p.instance_number, keys * 600, keys, 2000};
      const collect::KeyspaceAnalysis a = simulate_keyspace_analysis(rng, in, config);
      SCOPED_TRACE(std::string(name) + " with " + std::to_string(keys) + " keys");
      EXPECT_GT(a.keys_sampled, 0);
      EXPECT_LE(a.keys_sampled, a.dbsize);
      EXPECT_LE(a.commands, 50000);
      EXPECT_GT(a.commands, 0);
      std::vector<health::NamespaceTtl> namespaces;
      double total_keys = 0;
      for (const auto& [ns, n] : a.namespaces) {
        EXPECT_GT(n.tally.keys, 0) << ns;
        total_keys += n.keys.value;
        namespaces.push_back({ns, n.tally.keys, n.tally.ttl[0], n.tally.max_ttl_ms, n.keys.value,
                              n.tally.ttl, {}});
      }
      // The namespaces' estimated keys add up to the instance's, within 1%.
      EXPECT_NEAR(total_keys, keys, 0.01 * keys);
      bool found = false;
      for (const health::TtlViolation& v : health::check_ttl_policy(config.policy, namespaces))
        found |= v.ns == p.ns && v.problem == p.kind;
      EXPECT_TRUE(found) << p.ns << " " << p.kind;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 9);  // three planted violations at three sizes
}

}  // namespace
}  // namespace luckyhub::sim
