// Keyspace analyses into the health tables (keyspace_scans, keyspace,
// redis_keys, redis_policy of health_schema.h): the row layout shared by the
// collector (through an updater's upsert sinks) and the simulator (through a
// warehouse writer's sinks). The tool reads them back (tools/redis_console*).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "collect/redis_keyspace.h"
#include "collect/ttl_policy.h"
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

void write_policy_rows(RowSink& sink, const std::vector<TtlRule>& policy);

// The TTL facts of each namespace of each instance's analysis at its scan
// time (`scan_ts`: instance -> ts), as the policy check needs them
// (ttl_policy.h), by instance.
std::map<std::string, std::vector<NamespaceTtl>> load_namespace_ttls(
    Warehouse& wh, const std::map<std::string, int64_t>& scan_ts);
std::vector<TtlRule> load_policy(Warehouse& wh);

}  // namespace luckyhub::collect
