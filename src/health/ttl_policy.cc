#include "health/ttl_policy.h"

#include <algorithm>
#include <cmath>

namespace luckyhub::health {
namespace {

std::string duration_text(int64_t seconds) {
  if (seconds % 86400 == 0) return std::to_string(seconds / 86400) + " d";
  if (seconds % 3600 == 0) return std::to_string(seconds / 3600) + " h";
  if (seconds % 60 == 0) return std::to_string(seconds / 60) + " min";
  return std::to_string(seconds) + " s";
}

}  // namespace

const TtlRule* rule_for(const std::vector<TtlRule>& policy, const std::string& ns) {
  for (const TtlRule& r : policy) {
    if (pattern_matches(r.pattern, ns)) return &r;
  }
  return nullptr;
}

std::vector<TtlViolation> check_ttl_policy(const std::vector<TtlRule>& policy,
                                           const std::vector<NamespaceTtl>& namespaces) {
  std::vector<TtlViolation> out;
  for (const NamespaceTtl& n : namespaces) {
    const TtlRule* rule = rule_for(policy, n.ns);
    if (rule == nullptr || n.keys_sampled <= 0) continue;
    const double per_key = n.keys_estimate / static_cast<double>(n.keys_sampled);
    if (rule->must_expire && n.without_ttl > 0) {
      TtlViolation v{n.ns, rule->pattern, "no_ttl"};
      v.share = static_cast<double>(n.without_ttl) / static_cast<double>(n.keys_sampled);
      v.keys_estimate = std::round(per_key * static_cast<double>(n.without_ttl));
      for (const KeySample& k : n.examples) {
        if (k.pttl_ms < 0) v.example_keys.push_back(k.key);
      }
      v.detail = std::to_string(n.without_ttl) + " of " + std::to_string(n.keys_sampled) +
                 " sampled keys have no TTL; the policy says '" + rule->pattern + "' must expire";
      out.push_back(std::move(v));
    }
    if (rule->max_ttl_s > 0 && n.max_ttl_ms > rule->max_ttl_s * 1000) {
      TtlViolation v{n.ns, rule->pattern, "ttl_too_long"};
      for (const KeySample& k : n.examples) {
        if (k.pttl_ms > rule->max_ttl_s * 1000) v.example_keys.push_back(k.key);
      }
      // The keys of TTL buckets starting at or above the maximum break it for
      // sure, and the longest one does: a lower bound of the share.
      int64_t over = 0;
      for (int b = 1; b < kTtlBuckets; ++b) {
        if (kTtlBucketStartS[b] >= rule->max_ttl_s) over += n.ttl[b];
      }
      over = std::max<int64_t>(over, 1);
      v.share = static_cast<double>(over) / static_cast<double>(n.keys_sampled);
      v.keys_estimate = std::round(per_key * static_cast<double>(over));
      v.detail = "a sampled key expires in " + duration_text(n.max_ttl_ms / 1000) +
                 ", over the policy's " + duration_text(rule->max_ttl_s) + " for '" +
                 rule->pattern + "'";
      out.push_back(std::move(v));
    }
  }
  return out;
}

}  // namespace luckyhub::health
