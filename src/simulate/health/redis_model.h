// The keyspaces of Luckin's microservices on Redis, as the simulator plants
// them (docs/redis-console.md): which namespaces an instance holds by its
// role, what their keys are (type, size, TTL), the TTL policy they are meant
// to follow, and the findings planted against it. Shared by the demo's
// simulated keyspace summary (redis_keyspace_summary.cc) and the filling of
// real redis-server instances (redis_fill.cc), so both plant the same kinds
// of findings.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "collect/keyspace_config.h"

namespace luckyhub::sim {

struct NamespaceModel {
  const char* ns;
  const char* service;
  const char* type;              // string, hash, zset, set
  double weight;                 // share of the instance's keys
  double relative_bytes;         // memory per key relative to the instance's mean
  int64_t ttl_min_s, ttl_max_s;  // 0, 0: keys without TTL (which the policy allows)
  bool counter;                  // integer strings (stock counts, rate limits)
};

// The six roles an instance can have; redis-NN has role (NN - 1) % 6.
const std::vector<NamespaceModel>& role_namespaces(int role);
int role_of(int instance_number);
// The role's maxmemory-policy: the menu cache runs allkeys-lfu.
const char* role_policy(int role);

// The TTL policy and service map Luckin's keyspace file would hold (the same
// as deploy/redis-keyspace.toml).
collect::KeyspaceConfig luckin_keyspace_config();

// A planted finding on an instance of the demo fleet.
struct PlantedKeyspace {
  int instance_number = 0;
  std::string kind;  // "no_ttl", "ttl_too_long", "hot_counter", "hot_lfu"
  std::string ns;
  std::string key;    // the hot key
  double share = 0;   // no_ttl: share of the namespace's keys without TTL
  int64_t ttl_s = 0;  // ttl_too_long: the TTL given
};
const std::vector<PlantedKeyspace>& planted_keyspace();

// The key name of the i-th key of a namespace ("order:cache:100234").
std::string key_name(const NamespaceModel& n, int64_t i);

}  // namespace luckyhub::sim
