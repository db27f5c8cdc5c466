// Keyspace analyses into the health tables (keyspace_scans, keyspace,
// redis_keys, redis_policy of health/schema.h): the row layout shared by the
// collector (through an updater's upsert sinks) and the simulator (through a
// warehouse writer's sinks). redis-console reads them back through
// health/keyspace_history.h.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "collect/redis_keyspace.h"
#include "health/ttl_policy.h"
#include "warehouse/warehouse.h"

namespace luckyhub::collect {

// One sink per table, opened by the caller ("keyspace_scans", "keyspace",
// "redis_keys"); finish() them after the last analysis.
struct KeyspaceSinks {
  std::unique_ptr<RowSink> scans, keyspace, keys;
};

// Writes one instance's analysis at `ts`.
void write_keyspace_rows(KeyspaceSinks& sinks, const std::string& instance, int64_t ts,
                         const KeyspaceAnalysis& a, int64_t budget_commands, bool simulated);

void write_policy_rows(RowSink& sink, const std::vector<health::TtlRule>& policy);

}  // namespace luckyhub::collect
