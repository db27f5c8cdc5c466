// Fills a real Redis instance with the keyspace Luckin's microservices would
// keep (redis_model.h: the namespaces of all six roles, their types, sizes
// and TTLs), deterministically by seed, with pipelined writes; and plants the
// same kinds of findings as the demo: namespaces without the TTL the policy
// requires, a lock held for days, a stock counter and a menu entry to be made
// hot. For tests, bench/redis.sh, `luckyhub redis-fill` and
// `simulate --fleet` on a fleet file listing Redis instances.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "collect/redis_connection.h"
#include "simulate/context.h"

namespace luckyhub::sim {

struct FillOptions {
  int64_t keys = 100000;
  uint64_t seed = 42;
  int pipeline = 1000;  // commands per round trip
  bool plant = true;
  int64_t lfu_hits =
      0;  // HGETs of the hot menu key after filling (under an LFU policy: its OBJECT FREQ)
  int64_t min_ttl_s = 0;  // TTLs raised to at least this: nothing expires while a test measures
};

// What was planted, in the manifest's terms.
struct FillResult {
  int64_t keys = 0, commands = 0;
  double seconds = 0;
  struct Violation {
    std::string ns, problem;  // "no_ttl" or "ttl_too_long"
  };
  std::vector<Violation> violations;
  std::string hot_counter_key, hot_lfu_key;
};

// Writes into database 0 (which it does not empty first). Throws Error.
FillResult fill_redis(collect::RedisConnection& connection, const FillOptions& options);

// The stock key FillResult::hot_counter_key names: a caller drives traffic on it.
inline constexpr const char* kHotCounterKey = "coupon:stock:sku-1088";
inline constexpr const char* kHotMenuKey = "menu:cache:store-0001";

// `simulate --fleet`: fills every Redis instance of the fleet file that has
// a loader account with ~300,000 keys at scale 1 (at least 1,000), seeded by
// the run's seed, and records the planted findings in the manifest
// (redis_fleet_ttl_violation, redis_fleet_hot_key).
void fill_fleet_redis(SimContext& ctx, const Fleet& fleet);

}  // namespace luckyhub::sim
