// Tool 3, Redis Cluster Intelligence Console (id "redis-console"): the Redis
// instances of the health history (health/schema.h) with the keyspace
// analyses the collector (or the simulator) keeps beside it. Internal to
// redis_console*.cc; docs/redis-console.md says what every figure means.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/money.h"
#include "health/ttl_policy.h"
#include "report/report.h"
#include "tools/redis_console/memory_baseline.h"
#include "warehouse/warehouse.h"

namespace luckyhub::redis_console {

// The link of an instance column: the console's page of that instance.
inline constexpr const char* kInstanceLink = "/tools/redis-console?instance={instance}";

// ---- Right-sizing (redis_console_sizing.cc) ----

enum class Verdict {
  kRightSized,
  kOverProvisioned,
  kUnderProvisioned,
  kUnused,
  kNoLimit,
  kShortHistory
};
const char* verdict_name(Verdict v);  // "over-provisioned", ...

// An instance's last 30 days from the metric history.
struct SizingInput {
  double maxmemory_bytes = 0;
  double peak_used_bytes = 0, p95_used_bytes = 0;
  double max_ops_per_second = 0, mean_ops_per_second = 0;
  double mean_hit_ratio = -1;  // -1: unknown
  double history_days = 0;     // how far back the window's points reach
};

struct SizingRules {
  double headroom = 1.3;  // suggested size >= peak x headroom
  double under_threshold =
      0.85;  // peak over this share of maxmemory: under-provisioned (Tool 1's alert line)
  double idle_ops_per_second = 1.0;  // never above this in the window: unused
  double min_history_days = 28;      // a verdict needs this much history
  double usd_per_gib_month = 10.0;   // the price of provisioned memory (an assumption: a parameter)
  double low_hit_ratio = 0.8;        // a mean hit ratio below this is named in the reason
};

// Memory sizes an instance can have: 0.5, 1, 2, 4, ... 512 GiB.
double size_step_at_least(double bytes);

struct Sizing {
  Verdict verdict = Verdict::kRightSized;
  double suggested_bytes = 0;  // 0 when no change is suggested
  Cents saving_per_month{0};   // provisioned memory given back (negative: the cost of growing)
  std::string reason;
};

Sizing judge(const SizingInput& in, const SizingRules& rules);

// ---- What the tool reads ----

struct RedisInstance {
  std::string name;
  bool up = false, simulated = false;
  double used_bytes = 0, maxmemory_bytes = 0, ops_per_second = 0, hit_ratio = -1, connections = 0,
         keys = 0;
  SizingInput history;
  Sizing sizing;
  int64_t scan_ts = 0;        // its latest keyspace analysis, 0 when none
  bool memory_alert = false;  // Tool 1's RedisMemoryHigh pending or firing
  Status memory_status = Status::kNone;  // then its severity's colour (health/severity.h)
  std::vector<health::TtlViolation> ttl_violations;  // of its latest analysis
  int herd_keys = 0;
};

struct HotKeyRow {
  std::string instance, key, ns, source;
  int freq = -1;
  int instance_median = -1;              // the instance's median sampled LFU counter, -1 without LFU
  double ops_per_second = 0, share = 0;  // share of the other clients' traffic during the analysis
  bool herd = false;
};

struct Console {
  int64_t now = 0;
  bool simulated = false;                // keyspace or history simulated
  std::vector<RedisInstance> instances;  // by memory utilisation, highest first
  std::vector<health::TtlRule> policy;
  double herd_share = 0.5;
  int herd_lfu_freq = 200;
  BaselineRules baseline;  // the memory anomaly rules of this run
};

Console load(Warehouse& wh, const SizingRules& rules, double herd_share);

// Hot keys of one instance ("" for every instance), with the thundering-herd flag.
std::vector<HotKeyRow> hot_keys(Warehouse& wh, const Console& c, const std::string& instance);

Report overview(Warehouse& wh, const Console& c, const SizingRules& rules);
Report instance_detail(Warehouse& wh, const Console& c, const RedisInstance& in, int days);

Panel sizing_panel(const Console& c, const std::string& instance);
Panel violations_panel(const Console& c, const std::string& instance);
Panel hot_keys_panel(Warehouse& wh, const Console& c, const std::string& instance);

// ---- Topology (redis_console_topology.cc) ----

// The replication, cluster and Sentinel topology the collector read: one row
// per instance ("" for the fleet), or every node one instance reported.
Panel topology_panel(Warehouse& wh, const std::string& instance);

// ---- Memory against its baseline (redis_console_memory.cc) ----

// The instances whose hourly used memory departs from its baseline at `now`, by name.
std::vector<std::pair<std::string, MemoryAnomaly>> memory_anomalies(Warehouse& wh, int64_t now,
                                                                    const BaselineRules& rules);
Panel memory_anomalies_panel(Warehouse& wh, const Console& c);
// One instance's evidence: its alert when flagged, and its series against the band (none without hourly history).
std::vector<Panel> memory_evidence(Warehouse& wh, const Console& c, const std::string& instance);

}  // namespace luckyhub::redis_console
