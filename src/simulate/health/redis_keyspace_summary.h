// The demo fleet's keyspace analyses: for each of the 78 simulated Redis
// instances, what `luckyhub collect` would have stored after one keyspace
// analysis (health__keyspace_scans, health__keyspace, health__redis_keys) and
// the TTL policy it was given (health__redis_policy), from the namespaces of
// its role (redis_model.h) — marked simulated. The planted findings (TTL
// violations, hot keys) go to the ground-truth manifest.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "collect/keyspace_config.h"
#include "collect/redis_keyspace.h"
#include "simulate/context.h"
#include "simulate/random.h"

namespace luckyhub::sim {

struct DemoRedis {
  std::string name;  // redis-NN
  int number = 0;    // NN
  double used_memory_bytes = 0, dbsize = 0, ops_per_second = 0;
};

// One instance's simulated analysis: what the collector's census and
// stratified sample (collect/redis_keyspace.h) would report under its
// default budget, from the namespaces of the instance's role, with the
// planted findings of redis_model.h.
collect::KeyspaceAnalysis simulate_keyspace_analysis(Rng& rng, const DemoRedis& in,
                                                     const collect::KeyspaceConfig& config);

void generate_keyspace_summary(SimContext& ctx, WarehouseWriter& writer,
                               const std::vector<DemoRedis>& instances, int64_t now);

}  // namespace luckyhub::sim
