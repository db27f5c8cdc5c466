// TTL compliance of Redis namespaces (docs/redis-console.md): a policy says
// which namespaces must expire and, optionally, the longest TTL they may
// have; check_ttl_policy() lists the namespaces of one instance's keyspace
// summary that break it, with the example keys that show it.
//
// Rules are matched in order, first match wins, by namespace pattern
// (keyspace_model.h's pattern_matches: a namespace, or a prefix ending in '*').
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "health/keyspace_model.h"

namespace luckyhub::health {

struct TtlRule {
  std::string pattern;
  bool must_expire = true;
  int64_t max_ttl_s = 0;  // 0: no maximum
};

// What the check needs of one namespace of one analysis.
struct NamespaceTtl {
  std::string ns;
  int64_t keys_sampled = 0;
  int64_t without_ttl = 0;   // sampled keys with no TTL
  int64_t max_ttl_ms = -1;   // longest sampled TTL
  double keys_estimate = 0;  // of the whole namespace
  TtlHistogram ttl{};        // of the sampled keys
  std::vector<KeySample> examples;
};

struct TtlViolation {
  std::string ns, pattern;
  std::string problem;       // "no_ttl" or "ttl_too_long"
  double share = 0;          // of the namespace's sampled keys that break the rule
  double keys_estimate = 0;  // keys of the namespace estimated to break it
  std::vector<std::string> example_keys;
  std::string detail;  // one line for people
};

// The rule a namespace falls under, or nullptr.
const TtlRule* rule_for(const std::vector<TtlRule>& policy, const std::string& ns);

std::vector<TtlViolation> check_ttl_policy(const std::vector<TtlRule>& policy,
                                           const std::vector<NamespaceTtl>& namespaces);

}  // namespace luckyhub::health
