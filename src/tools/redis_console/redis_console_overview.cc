// The fleet view of redis-console: KPI tiles, Tool 1's memory alerts, the
// instance grid by memory utilisation with traffic lights, right-sizing, TTL
// violations and hot keys of every instance.
#include <algorithm>
#include <cstdio>
#include <map>

#include "core/units.h"
#include "health/severity.h"
#include "tools/redis_console/redis_console.h"

namespace luckyhub::redis_console {
namespace {

constexpr double kYellowUtilisation = 0.70;  // the grid's amber: a step before Tool 1's 85% alert

double utilisation(const RedisInstance& in) {
  return in.maxmemory_bytes > 0 ? in.used_bytes / in.maxmemory_bytes : 0;
}

// Down is red; Tool 1's memory alert has its rule's colour (the same as in
// fleet-health); a step before it, a TTL violation or a herd key is yellow.
const char* light(const RedisInstance& in) {
  if (!in.up) return "RED";
  Status s = in.memory_status;
  if (utilisation(in) >= kYellowUtilisation || !in.ttl_violations.empty() || in.herd_keys > 0) {
    s = health::worse(s, Status::kYellow);
  }
  return health::status_word(s);
}

Cell optional_ratio(double v) { return v >= 0 ? Cell{v} : Cell{}; }

Panel kpis(const Console& c) {
  Panel p{.id = "kpis", .title = "Redis fleet", .kind = PanelKind::kKpis};
  double used = 0, max = 0;
  int64_t alerts = 0, over = 0, under = 0, unused = 0, violations = 0, herd = 0, analysed = 0;
  Status alerts_status = Status::kGreen;
  Cents saving{0};
  for (const RedisInstance& in : c.instances) {
    used += in.used_bytes;
    max += in.maxmemory_bytes;
    alerts += in.memory_alert;
    alerts_status = health::worse(alerts_status, in.memory_status);
    violations += static_cast<int64_t>(in.ttl_violations.size());
    herd += in.herd_keys;
    analysed += in.scan_ts > 0;
    if (in.sizing.verdict == Verdict::kOverProvisioned || in.sizing.verdict == Verdict::kUnused) {
      saving = saving + in.sizing.saving_per_month;
    }
    over += in.sizing.verdict == Verdict::kOverProvisioned;
    under += in.sizing.verdict == Verdict::kUnderProvisioned;
    unused += in.sizing.verdict == Verdict::kUnused;
  }
  p.kpis = {
      {"instances", "Redis instances", static_cast<int64_t>(c.instances.size()), ValueType::kInt,
       "", "", Status::kNone, std::to_string(analysed) + " with a keyspace analysis"},
      {"memory_used", "Memory used of maxmemory", max > 0 ? Cell{used / max} : Cell{},
       ValueType::kRate},
      {"memory_alerts", "Over 85% memory", alerts, ValueType::kInt, "", "",
       alerts_status, "Tool 1's RedisMemoryHigh alert, pending or firing"},
      {"over_provisioned", "Over-provisioned", over, ValueType::kInt, "", "",
       over ? Status::kYellow : Status::kGreen},
      {"under_provisioned", "Under-provisioned", under, ValueType::kInt, "", "",
       under ? Status::kRed : Status::kGreen},
      {"unused", "Unused (decommission candidates)", unused, ValueType::kInt, "", "",
       unused ? Status::kYellow : Status::kGreen},
      {"saving", "Right-sizing saving per month", saving.value, ValueType::kMoney, "USD", "",
       Status::kNone,
       "over-provisioned sized down and unused decommissioned, at the USD per GiB-month parameter"},
      {"ttl_violations", "TTL policy violations", violations, ValueType::kInt, "", "",
       violations ? Status::kYellow : Status::kGreen, "namespaces breaking the TTL policy"},
      {"herd_keys", "Thundering-herd keys", herd, ValueType::kInt, "", "",
       herd ? Status::kRed : Status::kGreen},
  };
  return p;
}

Panel memory_alerts(const Console& c) {
  Panel p{.id = "memory_alerts",
          .title = "Instances over 85% of maxmemory",
          .kind = PanelKind::kAlerts};
  p.description =
      "Tool 1's RedisMemoryHigh rule (alert rules of luckyhub collect), pending or firing now.";
  for (const RedisInstance& in : c.instances) {
    if (!in.memory_alert) continue;
    char percent[16];
    std::snprintf(percent, sizeof percent, "%.0f%%", 100 * utilisation(in));
    const std::string detail = std::string(percent) + " of maxmemory used (" + format_bytes(in.used_bytes) + " of " +
                               format_bytes(in.maxmemory_bytes) + ")";
    p.alerts.push_back({in.memory_status, in.name + " is over 85% of maxmemory", detail,
                        "/tools/redis-console?instance=" + in.name});
  }
  return p;
}

Panel grid(const Console& c) {
  Panel p{.id = "instances", .title = "Instances by memory utilisation", .kind = PanelKind::kTable};
  p.description =
      "RED: down; over 85% of maxmemory: the colour of Tool 1's RedisMemoryHigh alert (its severity, yellow "
      "for the default warning); YELLOW: over 70%, a TTL violation or a thundering-herd key; GREEN otherwise. "
      "Open an instance for its keyspace.";
  p.table.columns = {{"instance", "Instance", ValueType::kText, "", "", kInstanceLink},
                     {"status", "Status", ValueType::kText},
                     {"memory_used", "Memory of maxmemory", ValueType::kRate},
                     {"used_bytes", "Used memory", ValueType::kNumber, "", "bytes"},
                     {"maxmemory_bytes", "maxmemory", ValueType::kNumber, "", "bytes"},
                     {"ops_per_second", "Ops/s", ValueType::kNumber, "", "ops/s"},
                     {"hit_ratio", "Hit ratio", ValueType::kRate},
                     {"connections", "Connections", ValueType::kInt},
                     {"keys", "Keys", ValueType::kInt},
                     {"ttl_violations", "TTL violations", ValueType::kInt},
                     {"herd_keys", "Herd keys", ValueType::kInt},
                     {"sizing", "Right-sizing", ValueType::kText}};
  for (const RedisInstance& in : c.instances) {
    p.table.rows.push_back(
        {in.name, std::string(light(in)), in.maxmemory_bytes > 0 ? Cell{utilisation(in)} : Cell{},
         in.used_bytes, in.maxmemory_bytes, in.ops_per_second, optional_ratio(in.hit_ratio),
         static_cast<int64_t>(in.connections), static_cast<int64_t>(in.keys),
         static_cast<int64_t>(in.ttl_violations.size()), static_cast<int64_t>(in.herd_keys),
         std::string(verdict_name(in.sizing.verdict))});
  }
  return p;
}

}  // namespace

Panel sizing_panel(const Console& c, const std::string& instance) {
  Panel p{.id = "right_sizing", .title = "Right-sizing (last 30 days)", .kind = PanelKind::kTable};
  p.description =
      "Unused: never above 1 op/s. Under-provisioned: peak over 85% of maxmemory. "
      "Over-provisioned: "
      "a smaller size step (0.5, 1, 2, 4 ... GiB) holds the peak times the headroom. Savings at "
      "the "
      "USD per GiB-month parameter (an assumption, not a quote).";
  p.table.columns = {{"instance", "Instance", ValueType::kText, "", "", kInstanceLink},
                     {"verdict", "Verdict", ValueType::kText},
                     {"maxmemory_bytes", "maxmemory", ValueType::kNumber, "", "bytes"},
                     {"peak_bytes", "Peak used (30 d)", ValueType::kNumber, "", "bytes"},
                     {"p95_bytes", "p95 used (30 d)", ValueType::kNumber, "", "bytes"},
                     {"peak_share", "Peak of maxmemory", ValueType::kRate},
                     {"max_ops", "Max ops/s (30 d)", ValueType::kNumber, "", "ops/s"},
                     {"hit_ratio", "Mean hit ratio", ValueType::kRate},
                     {"suggested_bytes", "Suggested maxmemory", ValueType::kNumber, "", "bytes"},
                     {"saving", "Saving per month", ValueType::kMoney, "USD"},
                     {"reason", "Why", ValueType::kText}};
  for (const RedisInstance& in : c.instances) {
    if (!instance.empty() && in.name != instance) continue;
    if (instance.empty() && in.sizing.verdict == Verdict::kRightSized) continue;
    const SizingInput& h = in.history;
    p.table.rows.push_back(
        {in.name, std::string(verdict_name(in.sizing.verdict)), h.maxmemory_bytes,
         h.peak_used_bytes, h.p95_used_bytes,
         h.maxmemory_bytes > 0 ? Cell{h.peak_used_bytes / h.maxmemory_bytes} : Cell{},
         h.max_ops_per_second, optional_ratio(h.mean_hit_ratio),
         in.sizing.suggested_bytes > 0 ? Cell{in.sizing.suggested_bytes} : Cell{},
         in.sizing.saving_per_month.value, in.sizing.reason});
  }
  return p;
}

Panel violations_panel(const Console& c, const std::string& instance) {
  Panel p{.id = "ttl_violations", .title = "TTL policy violations", .kind = PanelKind::kTable};
  p.description =
      "Namespaces of the latest keyspace analysis that break the TTL policy the collector was "
      "given "
      "(docs/redis-console.md), with sampled keys that show it.";
  p.table.columns = {{"instance", "Instance", ValueType::kText, "", "", kInstanceLink},
                     {"namespace", "Namespace", ValueType::kText},
                     {"rule", "Policy rule", ValueType::kText},
                     {"problem", "Problem", ValueType::kText},
                     {"share", "Share of sampled keys", ValueType::kRate},
                     {"keys_estimate", "Keys breaking it (est.)", ValueType::kInt},
                     {"examples", "Example keys", ValueType::kText},
                     {"detail", "Detail", ValueType::kText}};
  for (const RedisInstance& in : c.instances) {
    if (!instance.empty() && in.name != instance) continue;
    for (const health::TtlViolation& v : in.ttl_violations) {
      std::string examples;
      for (const std::string& k : v.example_keys) examples += (examples.empty() ? "" : ", ") + k;
      p.table.rows.push_back({in.name, v.ns, v.pattern, v.problem, v.share,
                              static_cast<int64_t>(v.keys_estimate), examples, v.detail});
    }
  }
  return p;
}

// How far above its instance a hot key is: an LFU key's estimated reads
// against the instance's median key's, a counter's share of the traffic.
double heat(const HotKeyRow& h) {
  if (h.source == "counter") return h.share;
  return health::lfu_reads(h.freq) / std::max(1.0, health::lfu_reads(h.instance_median));
}

Panel hot_keys_panel(Warehouse& wh, const Console& c, const std::string& instance) {
  constexpr size_t kFleetHotKeys = 20;
  Panel p{.id = "hot_keys", .title = "Hot keys", .kind = PanelKind::kTable};
  char description[700];
  std::snprintf(
      description, sizeof description,
      "From OBJECT FREQ under an LFU maxmemory-policy and from integer values read twice (their rate of "
      "change). Thundering herd: a counter changing at %.0f%% or more of the instance's other traffic during "
      "the analysis; or an LFU counter of %d or more (it tops out at 255), or one standing for at least "
      "%.0f reads and %.0f times the reads of the instance's median sampled key (Redis's logarithmic "
      "counter, lfu-log-factor 10).%s",
      100 * c.herd_share, c.herd_lfu_freq, health::kRelativeHotReads, health::kRelativeHotRatio,
      instance.empty() ? " Every instance: the warnings first, then the hottest other keys (at most 3 of an instance), 20 rows in all." : "");
  p.description = description;
  p.table.columns = {{"instance", "Instance", ValueType::kText, "", "", kInstanceLink},
                     {"key", "Key", ValueType::kText},
                     {"namespace", "Namespace", ValueType::kText},
                     {"source", "Seen by", ValueType::kText},
                     {"freq", "LFU frequency", ValueType::kInt},
                     {"instance_median_freq", "Instance's median LFU", ValueType::kInt},
                     {"ops_per_second", "Changes/s", ValueType::kNumber, "", "ops/s"},
                     {"share", "Share of other traffic", ValueType::kRate},
                     {"herd", "Thundering herd", ValueType::kText}};
  std::vector<HotKeyRow> rows = hot_keys(wh, c, instance);
  if (instance.empty()) {
    // The fleet view: every warning, then the hottest of the rest, by how far above their instance.
    std::stable_sort(rows.begin(), rows.end(), [](const HotKeyRow& a, const HotKeyRow& b) {
      if (a.herd != b.herd) return a.herd;
      return heat(a) > heat(b);
    });
    // At most kPerInstance of one instance's other keys, so the list shows the fleet.
    constexpr int kPerInstance = 3;
    std::map<std::string, int> shown;
    std::vector<HotKeyRow> kept;
    for (HotKeyRow& h : rows) {
      if (!h.herd && (kept.size() >= kFleetHotKeys || shown[h.instance] >= kPerInstance)) continue;
      shown[h.instance] += h.herd ? 0 : 1;
      kept.push_back(std::move(h));
    }
    rows = std::move(kept);
  }
  for (const HotKeyRow& h : rows) {
    p.table.rows.push_back(
        {h.instance, h.key, h.ns, h.source, h.freq >= 0 ? Cell{int64_t{h.freq}} : Cell{},
         h.source == "lfu" && h.instance_median >= 0 ? Cell{int64_t{h.instance_median}} : Cell{},
         h.source == "counter" ? Cell{h.ops_per_second} : Cell{},
         h.source == "counter" ? Cell{h.share} : Cell{}, std::string(h.herd ? "yes" : "")});
  }
  return p;
}

Report overview(Warehouse& wh, const Console& c, const SizingRules&) {
  Report r;
  r.panels = {kpis(c),
              memory_alerts(c),
              grid(c),
              sizing_panel(c, ""),
              violations_panel(c, ""),
              hot_keys_panel(wh, c, "")};
  r.panels[4].title = "TTL policy violations, every instance";
  r.panels[5].title = "Hottest keys, every instance";
  r.panels.insert(r.panels.begin() + 2, memory_anomalies_panel(wh, c));
  r.panels.push_back(topology_panel(wh, ""));
  return r;
}

}  // namespace luckyhub::redis_console
