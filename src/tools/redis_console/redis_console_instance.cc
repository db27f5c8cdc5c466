// One instance of redis-console (instance=NAME): its state and latest
// keyspace analysis in tiles, memory by namespace, the namespaces with their
// estimates and errors, hit ratio and connection trends, the TTL histogram,
// hot keys, big keys, TTL violations and its right-sizing.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include "health/keyspace_history.h"
#include "health/keyspace_model.h"
#include "health/schema.h"
#include "health/severity.h"
#include "health/trend.h"
#include "tools/redis_console/redis_console.h"

namespace luckyhub::redis_console {
namespace {

constexpr size_t kMaxNamespaceBars = 25;

struct ScanInfo {
  int64_t dbsize = 0, keys_sampled = 0, commands = 0, budget = 0;
  double seconds = 0;
  std::string stopped_by, policy;
  bool simulated = false;
};

ScanInfo scan_info(Warehouse& wh, const RedisInstance& in) {
  ScanInfo s;
  const ResultSet r = wh.query(R"(
      SELECT dbsize, keys_sampled, commands, budget_commands, seconds, stopped_by, maxmemory_policy, simulated
      FROM health__keyspace_scans WHERE instance = ? AND ts = ?)",
                               {in.name, in.scan_ts});
  if (r.empty()) return s;
  const Row row = r.row(0);
  return {.dbsize = row.integer("dbsize"),
          .keys_sampled = row.integer("keys_sampled"),
          .commands = row.integer("commands"),
          .budget = row.integer("budget_commands"),
          .seconds = row.number("seconds"),
          .stopped_by = row.text("stopped_by"),
          .policy = row.text("maxmemory_policy"),
          .simulated = row.integer("simulated") == 1};
}

Panel tiles(const RedisInstance& in, const ScanInfo& scan) {
  Panel p{.id = "kpis", .title = in.name, .kind = PanelKind::kKpis};
  const double used = in.maxmemory_bytes > 0 ? in.used_bytes / in.maxmemory_bytes : -1;
  p.kpis = {
      {"memory_used", "Memory of maxmemory", used >= 0 ? Cell{used} : Cell{}, ValueType::kRate, "",
       "",
       in.memory_alert ? in.memory_status
       : used >= 0.7   ? Status::kYellow
                       : Status::kGreen,
       in.memory_alert ? "Tool 1's RedisMemoryHigh alert is on" : ""},
      {"used_bytes", "Used memory", in.used_bytes, ValueType::kNumber, "", "bytes"},
      {"ops_per_second", "Ops/s", in.ops_per_second, ValueType::kNumber, "", "ops/s"},
      {"hit_ratio", "Hit ratio", in.hit_ratio >= 0 ? Cell{in.hit_ratio} : Cell{}, ValueType::kRate},
      {"keys", "Keys", static_cast<int64_t>(in.keys), ValueType::kInt},
      {"sizing", "Right-sizing", std::string(verdict_name(in.sizing.verdict)), ValueType::kText, "",
       "",
       in.sizing.verdict == Verdict::kRightSized         ? Status::kGreen
       : in.sizing.verdict == Verdict::kUnderProvisioned ? Status::kRed
                                                         : Status::kYellow,
       in.sizing.reason},
  };
  if (in.scan_ts > 0) {
    char note[200];
    std::snprintf(note, sizeof note, "%lld of %lld keys (%.1f%%) in %.2f s, stopped by: %s%s",
                  static_cast<long long>(scan.keys_sampled), static_cast<long long>(scan.dbsize),
                  scan.dbsize > 0 ? 100.0 * static_cast<double>(scan.keys_sampled) /
                                        static_cast<double>(scan.dbsize)
                                  : 100.0,
                  scan.seconds, scan.stopped_by.c_str(), scan.simulated ? " (simulated)" : "");
    p.kpis.push_back({"keys_sampled", "Keys sampled", scan.keys_sampled, ValueType::kInt, "", "",
                      Status::kNone, note});
    p.kpis.push_back(
        {"commands", "Commands of the budget", scan.commands, ValueType::kInt, "", "",
         Status::kNone,
         "budget " + std::to_string(scan.budget) + " commands; maxmemory-policy " + scan.policy});
  }
  return p;
}

struct NamespaceRow {
  std::string ns, service;
  int64_t sampled = 0;
  double keys = 0, keys_error = 0, memory = 0, memory_error = 0;
  int64_t max_ttl_ms = -1;
  health::TtlHistogram ttl{};
};

std::vector<NamespaceRow> namespaces(Warehouse& wh, const RedisInstance& in) {
  const ResultSet r = wh.query(R"(
      SELECT namespace, service, keys_sampled, keys_estimate, keys_error95, memory_bytes_estimate,
             memory_bytes_error95, max_ttl_ms, ttl_none, ttl_lt_1m, ttl_lt_1h, ttl_lt_1d, ttl_lt_7d, ttl_ge_7d
      FROM health__keyspace WHERE instance = ? AND ts = ?
      ORDER BY memory_bytes_estimate DESC, namespace)",
                               {in.name, in.scan_ts});
  std::vector<NamespaceRow> out;
  for (const Row row : r) {
    NamespaceRow n{.ns = row.text("namespace"),
                   .service = row.text("service"),
                   .sampled = row.integer("keys_sampled"),
                   .keys = row.number("keys_estimate"),
                   .keys_error = row.number("keys_error95"),
                   .memory = row.number("memory_bytes_estimate"),
                   .memory_error = row.number("memory_bytes_error95"),
                   .max_ttl_ms = row.integer("max_ttl_ms")};
    for (int b = 0; b < health::kTtlBuckets; ++b)
      n.ttl[b] = row.integer(health::kTtlBucketColumns[b]);
    out.push_back(std::move(n));
  }
  return out;
}

Panel memory_bars(const std::vector<NamespaceRow>& rows) {
  Panel p{.id = "memory_by_namespace", .title = "Memory by key namespace", .kind = PanelKind::kBar};
  p.description =
      "Estimated MEMORY USAGE per namespace from the sampled keys, with the half-width of its 95% "
      "interval; the largest " +
      std::to_string(kMaxNamespaceBars) + " namespaces.";
  p.series.x_label = "namespace";
  Series memory{"memory_bytes", "Memory (estimate)", ValueType::kNumber, "", "bytes"};
  Series error{"memory_error95", "95% error (±)", ValueType::kNumber, "", "bytes"};
  for (size_t i = 0; i < rows.size() && i < kMaxNamespaceBars; ++i) {
    p.series.x.push_back(rows[i].ns);
    memory.values.push_back(std::round(rows[i].memory));
    error.values.push_back(std::round(rows[i].memory_error));
  }
  p.series.series = {memory, error};
  return p;
}

Panel namespace_table(const std::vector<NamespaceRow>& rows) {
  Panel p{.id = "namespaces", .title = "Namespaces", .kind = PanelKind::kTable};
  p.description =
      "Keys grouped by prefix (delimiter and depth of the keyspace file), with the owning service; "
      "estimates are scaled from the sample with their 95% intervals (docs/redis-console.md).";
  p.table.columns = {{"namespace", "Namespace", ValueType::kText},
                     {"service", "Service", ValueType::kText},
                     {"sampled", "Keys sampled", ValueType::kInt},
                     {"keys", "Keys (est.)", ValueType::kInt},
                     {"keys_error95", "Keys ±95%", ValueType::kInt},
                     {"memory_bytes", "Memory (est.)", ValueType::kNumber, "", "bytes"},
                     {"memory_error95", "Memory ±95%", ValueType::kNumber, "", "bytes"},
                     {"no_ttl", "Sampled without TTL", ValueType::kRate},
                     {"max_ttl", "Longest TTL", ValueType::kNumber, "", "s"}};
  for (const NamespaceRow& n : rows) {
    p.table.rows.push_back(
        {n.ns, n.service, n.sampled, static_cast<int64_t>(std::llround(n.keys)),
         static_cast<int64_t>(std::llround(n.keys_error)), std::round(n.memory),
         std::round(n.memory_error),
         n.sampled > 0 ? Cell{static_cast<double>(n.ttl[0]) / static_cast<double>(n.sampled)}
                       : Cell{},
         n.max_ttl_ms >= 0 ? Cell{static_cast<double>(n.max_ttl_ms) / 1000} : Cell{}});
  }
  return p;
}

// A namespace's sampled TTL buckets scaled to the keys it holds (the sampler
// inspects a different share of each namespace).
std::array<int64_t, health::kTtlBuckets> estimated_ttl(const NamespaceRow& n) {
  std::array<int64_t, health::kTtlBuckets> out{};
  if (n.sampled <= 0) return out;
  const double weight = n.keys / static_cast<double>(n.sampled);
  for (int b = 0; b < health::kTtlBuckets; ++b)
    out[b] = std::llround(weight * static_cast<double>(n.ttl[b]));
  return out;
}

Panel ttl_histogram(const std::vector<NamespaceRow>& rows) {
  Panel p{.id = "ttl_histogram", .title = "TTL distribution", .kind = PanelKind::kBar};
  p.description =
      "Keys by time to expiry, estimated from each namespace's sample: the whole instance and its "
      "three largest namespaces.";
  p.series.x_label = "time to expiry";
  for (const char* label : health::kTtlBucketLabels) p.series.x.push_back(label);
  Series all{"all", "All keys", ValueType::kInt};
  health::TtlHistogram total{};
  for (const NamespaceRow& n : rows) {
    const auto estimated = estimated_ttl(n);
    for (int b = 0; b < health::kTtlBuckets; ++b) total[b] += estimated[b];
  }
  for (int64_t v : total) all.values.push_back(v);
  p.series.series.push_back(all);
  for (size_t i = 0; i < rows.size() && i < 3; ++i) {
    Series s{"ns_" + std::to_string(i), rows[i].ns, ValueType::kInt};
    for (int64_t v : estimated_ttl(rows[i])) s.values.push_back(v);
    p.series.series.push_back(std::move(s));
  }
  return p;
}

Panel big_keys(Warehouse& wh, const RedisInstance& in) {
  Panel p{.id = "big_keys", .title = "Big keys", .kind = PanelKind::kTable};
  p.description =
      "The largest sampled keys by MEMORY USAGE (a key the sample missed is not here: see "
      "docs/redis-console.md).";
  p.table.columns = {{"key", "Key", ValueType::kText},
                     {"namespace", "Namespace", ValueType::kText},
                     {"type", "Type", ValueType::kText},
                     {"memory_bytes", "Memory", ValueType::kNumber, "", "bytes"},
                     {"ttl", "TTL", ValueType::kNumber, "", "s"}};
  const ResultSet r = wh.query(R"(
      SELECT name, namespace, type, memory_bytes, ttl_ms FROM health__redis_keys
      WHERE instance = ? AND ts = ? AND kind = 'big' ORDER BY memory_bytes DESC, name)",
                               {in.name, in.scan_ts});
  for (const Row row : r) {
    const int64_t ttl = row.integer("ttl_ms");
    p.table.rows.push_back({row.text("name"), row.text("namespace"), row.text("type"),
                            static_cast<double>(row.integer("memory_bytes")),
                            ttl >= 0 ? Cell{static_cast<double>(ttl) / 1000} : Cell{}});
  }
  return p;
}

}  // namespace

Report instance_detail(Warehouse& wh, const Console& c, const RedisInstance& in, int days) {
  const ScanInfo scan = scan_info(wh, in);
  Report r;
  r.panels.push_back(tiles(in, scan));
  if (in.memory_alert) {
    Panel alert{
        .id = "memory_alerts", .title = "Over 85% of maxmemory", .kind = PanelKind::kAlerts};
    alert.alerts.push_back({in.memory_status, in.name + " is over 85% of maxmemory",
                            "Tool 1's RedisMemoryHigh alert; see right-sizing below",
                            "/tools/fleet-health?instance=" + in.name});
    r.panels.push_back(alert);
  }
  if (in.scan_ts > 0) {
    const std::vector<NamespaceRow> rows = namespaces(wh, in);
    r.panels.push_back(memory_bars(rows));
    r.panels.push_back(namespace_table(rows));
    r.panels.push_back(ttl_histogram(rows));
  } else {
    Panel none{.id = "no_keyspace", .title = "No keyspace analysis yet", .kind = PanelKind::kText};
    none.text =
        "The collector has not analysed this instance's keyspace yet ('luckyhub collect' does it "
        "every "
        "--keyspace-interval, and on --once).";
    r.panels.push_back(none);
  }
  r.panels.push_back(health::trend_panel(wh, c.now, in.name, days, "hit_ratio_trend", "Hit ratio",
                                         {{"keyspace_hit_ratio", "Hit ratio"}}, "",
                                         ValueType::kRate));
  r.panels.push_back(health::trend_panel(wh, c.now, in.name, days, "connections_trend",
                                         "Connections", {{"connections", "Clients"}}, ""));
  r.panels.push_back(health::trend_panel(
      wh, c.now, in.name, days, "memory_trend", "Memory",
      {{"used_memory_bytes", "Used"}, {"maxmemory_bytes", "maxmemory"}}, "bytes"));
  for (Panel& p : memory_evidence(wh, c, in.name)) r.panels.push_back(std::move(p));
  if (in.scan_ts > 0) {
    r.panels.push_back(hot_keys_panel(wh, c, in.name));
    r.panels.push_back(big_keys(wh, in));
    r.panels.push_back(violations_panel(c, in.name));
  }
  r.panels.push_back(topology_panel(wh, in.name));
  r.panels.push_back(sizing_panel(c, in.name));
  return r;
}

}  // namespace luckyhub::redis_console
