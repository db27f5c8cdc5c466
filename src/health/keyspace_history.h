// Reading Redis keyspace analyses back from the health tables (keyspace,
// redis_keys, redis_policy of schema.h): what the TTL policy check needs of
// each instance's latest analysis, and the policy the collector was given.
// The collector and the simulator write them (collect/keyspace_store.h);
// redis-console reads them here.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "health/ttl_policy.h"
#include "warehouse/warehouse.h"

namespace luckyhub::health {

// The columns of health__keyspace that hold a namespace's TtlHistogram, in
// bucket order (keyspace_model.h).
inline constexpr std::array<const char*, kTtlBuckets> kTtlBucketColumns = {
    "ttl_none", "ttl_lt_1m", "ttl_lt_1h", "ttl_lt_1d", "ttl_lt_7d", "ttl_ge_7d"};

// The TTL facts of each namespace of each instance's analysis at its scan
// time (`scan_ts`: instance -> ts), as the policy check needs them
// (ttl_policy.h), by instance.
std::map<std::string, std::vector<NamespaceTtl>> load_namespace_ttls(
    Warehouse& wh, const std::map<std::string, int64_t>& scan_ts);
std::vector<TtlRule> load_policy(Warehouse& wh);

}  // namespace luckyhub::health
