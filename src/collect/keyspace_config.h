// The keyspace file of `luckyhub collect --keyspace-config` (TOML,
// docs/redis-console.md): how keys group into namespaces, the sampler's
// budget, which service owns which namespace, and the TTL policy.
//
//   [namespaces]            delimiter = ":"   depth = 2
//   [budget]                scan_count, max_commands, max_seconds, memory_samples,
//                           top_keys, max_counters, counter_gap_ms, examples
//   [[service]]             pattern = "order:*"   name = "order-service"
//   [[ttl]]                 pattern = "session"   must_expire = true   max_ttl_s = 604800
//
// Every key is optional; unknown keys and out-of-range values are errors
// "<file>:<line>: <reason>".
#pragma once

#include <string>
#include <vector>

#include "collect/redis_keyspace.h"
#include "health/ttl_policy.h"

namespace luckyhub::collect {

struct KeyspaceConfig {
  KeyspaceOptions options;
  std::vector<health::TtlRule> policy;
};

KeyspaceConfig load_keyspace_config(const std::string& path);
// The same from TOML text (`origin` names it in messages).
KeyspaceConfig parse_keyspace_config(const std::string& text, const std::string& origin);

}  // namespace luckyhub::collect
