// Right-sizing of Redis instances from 30 days of metric history: unused
// (never above ~0 ops/s) first, then under-provisioned (peak over the alert
// line of maxmemory), then over-provisioned (a smaller size step still holds
// the peak with headroom); otherwise right-sized. docs/redis-console.md.
#include <cmath>
#include <cstdio>

#include "core/units.h"
#include "tools/redis_console/redis_console.h"

namespace luckyhub::redis_console {
namespace {

constexpr double kGiB = 1024.0 * 1024 * 1024;

Cents monthly_cost(double bytes, const SizingRules& rules) {
  return Cents(static_cast<int64_t>(std::llround(bytes / kGiB * rules.usd_per_gib_month * 100)));
}

bool low_hits(const SizingInput& in, const SizingRules& rules) {
  return in.mean_hit_ratio >= 0 && in.mean_hit_ratio < rules.low_hit_ratio;
}

std::string percent(double ratio) {
  char text[16];
  std::snprintf(text, sizeof text, "%.0f%%", 100 * ratio);
  return text;
}

}  // namespace

const char* verdict_name(Verdict v) {
  switch (v) {
    case Verdict::kRightSized:
      return "right-sized";
    case Verdict::kOverProvisioned:
      return "over-provisioned";
    case Verdict::kUnderProvisioned:
      return "under-provisioned";
    case Verdict::kUnused:
      return "unused";
    case Verdict::kNoLimit:
      return "no maxmemory";
    case Verdict::kShortHistory:
      return "short history";
  }
  return "?";
}

double size_step_at_least(double bytes) {
  double step = 0.5 * kGiB;
  while (step < bytes && step < 512 * kGiB) step *= 2;
  return step;
}

Sizing judge(const SizingInput& in, const SizingRules& rules) {
  Sizing s;
  if (in.history_days < rules.min_history_days) {
    s.verdict = Verdict::kShortHistory;
    s.reason = "only " + std::to_string(static_cast<int>(in.history_days)) +
               " days of history; a verdict needs " +
               std::to_string(static_cast<int>(rules.min_history_days));
    return s;
  }
  if (in.max_ops_per_second < rules.idle_ops_per_second) {
    s.verdict = Verdict::kUnused;
    s.saving_per_month =
        monthly_cost(in.maxmemory_bytes > 0 ? in.maxmemory_bytes : in.peak_used_bytes, rules);
    char text[160];
    std::snprintf(text, sizeof text, "at most %.2f ops/s in 30 days: a decommission candidate",
                  in.max_ops_per_second);
    s.reason = text;
    return s;
  }
  const double needed = size_step_at_least(in.peak_used_bytes * rules.headroom);
  if (in.maxmemory_bytes <= 0) {
    s.verdict = Verdict::kNoLimit;
    s.suggested_bytes = needed;
    s.reason = "no maxmemory set: the peak " + format_bytes(in.peak_used_bytes) + " would fit " +
               format_bytes(needed);
    return s;
  }
  const double peak_share = in.peak_used_bytes / in.maxmemory_bytes;
  if (peak_share > rules.under_threshold) {
    s.verdict = Verdict::kUnderProvisioned;
    s.suggested_bytes =
        needed > in.maxmemory_bytes ? needed : size_step_at_least(in.maxmemory_bytes * 1.5);
    s.saving_per_month =
        monthly_cost(in.maxmemory_bytes, rules) - monthly_cost(s.suggested_bytes, rules);
    char text[160];
    std::snprintf(text, sizeof text, "peak %.0f%% of maxmemory (over %.0f%%)", 100 * peak_share,
                  100 * rules.under_threshold);
    s.reason = text;
    // Near the limit, evictions are what a low hit ratio most likely comes from.
    if (low_hits(in, rules)) s.reason += "; hit ratio " + percent(in.mean_hit_ratio) + ": evictions likely cost hits";
    return s;
  }
  if (needed < in.maxmemory_bytes) {
    s.verdict = Verdict::kOverProvisioned;
    s.suggested_bytes = needed;
    s.saving_per_month = monthly_cost(in.maxmemory_bytes, rules) - monthly_cost(needed, rules);
    char text[200];
    std::snprintf(text, sizeof text, "peak %s (%.0f%% of %s) x %.2f headroom fits %s",
                  format_bytes(in.peak_used_bytes).c_str(), 100 * peak_share,
                  format_bytes(in.maxmemory_bytes).c_str(), rules.headroom, format_bytes(needed).c_str());
    s.reason = text;
    // With room to spare nothing is evicted: the misses come from TTLs or
    // the access pattern, and a smaller size that still holds the peak
    // does not add to them.
    if (low_hits(in, rules))
      s.reason += "; hit ratio " + percent(in.mean_hit_ratio) +
                  " with room to spare: the misses are not from its size (TTLs, access pattern)";
    return s;
  }
  s.reason = "peak x headroom needs the current size";
  return s;
}

}  // namespace luckyhub::redis_console
