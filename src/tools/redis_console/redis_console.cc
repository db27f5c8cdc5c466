// Tool 3, Redis Cluster Intelligence Console (id "redis-console"). Without a
// parameter: every Redis instance sorted by memory utilisation with traffic
// lights, the memory alerts of Tool 1, right-sizing, TTL violations and hot
// keys across the fleet; with instance=NAME: that instance's memory by
// namespace, hit ratio and connection trends, TTL histogram, hot, big and
// policy-breaking keys.
//
// Everything is read from the warehouse: the metric history and alerts of
// `luckyhub collect` (Tool 1's collector) and its keyspace analyses, or the
// simulator's demo fleet and simulated keyspace summary.
#include "tools/redis_console/redis_console.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/error.h"
#include "health/history.h"
#include "health/keyspace_history.h"
#include "health/schema.h"
#include "health/severity.h"
#include "health/trend.h"
#include "tools/param_error.h"
#include "tools/param_options.h"
#include "tools/registry.h"

namespace luckyhub::redis_console {
namespace {

constexpr int64_t kWindowS = 30 * health::kDayStep;
constexpr int kHerdLfuFreq = 200;  // near the LFU counter's ceiling of 255

bool has_keyspace(Warehouse& wh) {
  return wh.has_table(health::table("keyspace_scans").warehouse_name()) &&
         wh.has_table(health::table("redis_policy").warehouse_name());
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const double rank = p * static_cast<double>(v.size() - 1);
  const size_t lo = static_cast<size_t>(rank);
  const size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (v[hi] - v[lo]) * (rank - static_cast<double>(lo));
}

void load_history(Warehouse& wh, int64_t now, std::map<std::string, RedisInstance*>& by_name) {
  const ResultSet r = wh.query(R"(
      SELECT s.instance AS instance, s.metric AS metric, s.ts AS ts, s.value AS value
      FROM )" + wh.dialect().join_left("health__samples") + R"( s
      JOIN health__targets t ON t.instance = s.instance
      WHERE t.kind = 'redis' AND s.object = '' AND s.ts > ? AND s.ts <= ?
        AND s.metric IN ('used_memory_bytes', 'maxmemory_bytes', 'ops_per_second', 'keyspace_hit_ratio'))",
                               {now - kWindowS, now});
  std::map<std::string, std::vector<double>> used, ops, hits;
  std::map<std::string, int64_t> first;
  for (const Row row : r) {
    const std::string name = row.text("instance"), metric = row.text("metric");
    const double v = row.number("value");
    const auto it = by_name.find(name);
    if (it == by_name.end()) continue;
    SizingInput& h = it->second->history;
    if (metric == "used_memory_bytes") {
      used[name].push_back(v);
      const int64_t ts = row.integer("ts");
      if (!first.count(name) || ts < first[name]) first[name] = ts;
    } else if (metric == "maxmemory_bytes") {
      h.maxmemory_bytes = std::max(h.maxmemory_bytes, v);
    } else if (metric == "ops_per_second") {
      ops[name].push_back(v);
    } else {
      hits[name].push_back(v);
    }
  }
  for (auto& [name, in] : by_name) {
    SizingInput& h = in->history;
    if (in->maxmemory_bytes > 0)
      h.maxmemory_bytes = in->maxmemory_bytes;  // the current limit decides
    if (used.count(name)) {
      h.peak_used_bytes = *std::max_element(used[name].begin(), used[name].end());
      h.p95_used_bytes = percentile(used[name], 0.95);
      // A point stands for the day (or hour) that starts at its time.
      h.history_days = static_cast<double>(now - first[name]) / health::kDayStep;
    }
    if (ops.count(name)) {
      h.max_ops_per_second = *std::max_element(ops[name].begin(), ops[name].end());
      double sum = 0;
      for (double v : ops[name]) sum += v;
      h.mean_ops_per_second = sum / static_cast<double>(ops[name].size());
    }
    if (hits.count(name)) {
      double sum = 0;
      for (double v : hits[name]) sum += v;
      h.mean_hit_ratio = sum / static_cast<double>(hits[name].size());
    }
  }
}

Report compute(Warehouse& wh, const Params& params) {
  if (!health::has_history(wh)) {
    Panel none{.id = "no_history", .title = "No Redis history yet", .kind = PanelKind::kText};
    none.text =
        "This warehouse holds no Redis metrics. Run 'luckyhub collect --fleet FLEET --warehouse " +
        wh.location() +
        "' with the fleet's Redis instances in the fleet file (docs/redis-console.md).";
    Report report;
    report.panels = {none};
    return report;
  }
  SizingRules rules;
  rules.headroom = params.number("headroom");
  rules.usd_per_gib_month = params.number("usd_per_gib_month");
  Console console = load(wh, rules, params.number("herd_share"));
  console.baseline = {.baseline_days = static_cast<int>(params.integer("baseline_days")),
                      .k = params.number("anomaly_k"),
                      .min_share = params.number("anomaly_min_share"),
                      .consecutive_hours = static_cast<int>(params.integer("anomaly_hours"))};
  const std::string name = params.text("instance");
  Report report;
  if (name.empty()) {
    report = overview(wh, console, rules);
  } else {
    const RedisInstance* found = nullptr;
    for (const RedisInstance& in : console.instances) {
      if (in.name == name) found = &in;
    }
    if (found == nullptr)
      throw ParamValueError("parameter instance: '" + name + "' is not a Redis instance of the health history");
    report = instance_detail(wh, console, *found, static_cast<int>(params.integer("days")));
  }
  // Collected metrics are as of the latest scrape; simulated ones as of the warehouse's date.
  if (!console.simulated) report.as_of = health::utc_text(console.now) + " UTC";
  if (console.simulated) {
    Panel note{.id = "simulated", .title = "Simulated fleet", .kind = PanelKind::kText};
    note.text =
        "These Redis instances, their 90 days of metric history and their keyspace summaries "
        "(namespaces, "
        "TTLs, hot and big keys) are simulated by 'luckyhub simulate', not read from real servers. "
        "Run "
        "'luckyhub collect --fleet FLEET' to analyse real ones.";
    report.panels.insert(report.panels.begin(), note);
  }
  return report;
}

const ToolRegistration kRegistration(Tool{
    .id = "redis-console",
    .number = 3,
    .department = "it",
    .title = "Redis Cluster Intelligence Console",
    .summary =
        "Every Redis instance by memory utilisation, memory by key namespace, TTL compliance, hot "
        "keys "
        "and thundering-herd risks, and right-sizing from 30 days of history (over-provisioned, "
        "under-provisioned, unused).",
    .params = {{.name = "instance",
                .type = ParamType::kText,
                .description = "One instance's detail (its name in the fleet file)",
                .label = "One instance's detail",
                .options = param_options::redis_instances},
               {.name = "days",
                .type = ParamType::kInt,
                .default_value = "30",
                .description = "Days of history in the trends",
                .min = 1,
                .max = 90,
                .label = "History shown (days)"},
               {.name = "headroom",
                .type = ParamType::kNumber,
                .default_value = "1.3",
                .description = "Right-sizing: the suggested size holds the 30-day peak times this",
                .min = 1,
                .max = 4,
                .label = "Right-sizing headroom (× 30-day peak)"},
               {.name = "usd_per_gib_month",
                .type = ParamType::kNumber,
                .default_value = "10",
                .description = "Right-sizing: USD per GiB of maxmemory per month (an assumption)",
                .min = 0,
                .max = 1000,
                .label = "Memory price (USD per GiB-month)"},
               {.name = "herd_share",
                .type = ParamType::kNumber,
                .default_value = "0.5",
                .description = "Thundering herd: a key changing at this share of the instance's other traffic",
                .min = 0.01,
                .max = 1,
                .label = "Thundering herd: share of the instance's traffic"},
               {.name = "baseline_days",
                .type = ParamType::kInt,
                .default_value = "7",
                .description = "Memory anomalies: the baseline is the same hour on this many previous days",
                .min = 3,
                .max = 28,
                .label = "Memory baseline (days)"},
               {.name = "anomaly_k",
                .type = ParamType::kNumber,
                .default_value = "4",
                .description = "Memory anomalies: robust deviations (1.4826 x MAD) an hour may stray from its baseline",
                .min = 1,
                .max = 20,
                .label = "Memory anomaly: robust deviations"},
               {.name = "anomaly_min_share",
                .type = ParamType::kNumber,
                .default_value = "0.05",
                .description = "Memory anomalies: the smallest departure counted, as a share of the baseline",
                .min = 0,
                .max = 1,
                .label = "Memory anomaly: smallest departure (share)"},
               {.name = "anomaly_hours",
                .type = ParamType::kInt,
                .default_value = "3",
                .description = "Memory anomalies: the last this-many hours must all depart",
                .min = 1,
                .max = 48,
                .label = "Memory anomaly: consecutive hours"}},
    .compute = compute,
});

}  // namespace

Console load(Warehouse& wh, const SizingRules& rules, double herd_share) {
  Console c;
  c.herd_share = herd_share;
  c.herd_lfu_freq = kHerdLfuFreq;
  c.now = health::latest_scrape(wh);
  std::map<std::string, RedisInstance*> by_name;
  const ResultSet t = wh.query(
      "SELECT instance, up, simulated FROM health__targets WHERE kind = 'redis' ORDER BY instance");
  c.instances.resize(t.size());
  for (const Row row : t) {
    RedisInstance& in = c.instances[row.index()];
    in.name = row.text("instance");
    in.up = row.integer("up") == 1;
    in.simulated = row.integer("simulated") == 1;
    c.simulated = c.simulated || in.simulated;
    by_name[in.name] = &in;
  }
  const ResultSet latest = wh.query(R"(
      SELECT l.instance AS instance, l.metric AS metric, l.value AS value
      FROM )" + wh.dialect().join_left("health__latest") + R"( l
      JOIN health__targets t ON t.instance = l.instance
      WHERE t.kind = 'redis' AND l.object = '' AND l.metric IN ('used_memory_bytes', 'maxmemory_bytes', 'ops_per_second',
                                           'keyspace_hit_ratio', 'connections', 'dbsize_keys'))");
  for (const Row row : latest) {
    RedisInstance& in = *by_name.at(row.text("instance"));  // the join keeps to the targets
    const std::string metric = row.text("metric");
    const double v = row.number("value");
    if (metric == "used_memory_bytes") in.used_bytes = v;
    if (metric == "maxmemory_bytes") in.maxmemory_bytes = v;
    if (metric == "ops_per_second") in.ops_per_second = v;
    if (metric == "keyspace_hit_ratio") in.hit_ratio = v;
    if (metric == "connections") in.connections = v;
    if (metric == "dbsize_keys") in.keys = v;
  }
  load_history(wh, c.now, by_name);
  // Tool 1's rule engine decides the memory alert; the console shows it.
  const ResultSet alerts = wh.query(
      "SELECT instance, severity FROM health__alerts WHERE rule = 'RedisMemoryHigh' AND state IN "
      "('pending', 'firing')");
  for (const Row row : alerts) {
    if (auto it = by_name.find(row.text("instance")); it != by_name.end()) {
      it->second->memory_alert = true;
      it->second->memory_status = health::worse(it->second->memory_status, health::severity_status(row.text("severity")));
    }
  }
  for (RedisInstance& in : c.instances) in.sizing = judge(in.history, rules);
  if (has_keyspace(wh)) {
    c.policy = health::load_policy(wh);
    const ResultSet scans = wh.query(
        "SELECT instance, MAX(ts) AS scan_ts, MAX(simulated) AS any_simulated "
        "FROM health__keyspace_scans GROUP BY instance");
    for (const Row row : scans) {
      if (auto it = by_name.find(row.text("instance")); it != by_name.end()) {
        it->second->scan_ts = row.integer("scan_ts");
        c.simulated = c.simulated || row.integer("any_simulated") == 1;
      }
    }
    std::map<std::string, int64_t> scan_ts;
    for (const RedisInstance& in : c.instances) {
      if (in.scan_ts != 0) scan_ts[in.name] = in.scan_ts;
    }
    std::map<std::string, std::vector<health::NamespaceTtl>> ttls =
        health::load_namespace_ttls(wh, scan_ts);
    for (RedisInstance& in : c.instances) {
      if (in.scan_ts != 0) in.ttl_violations = health::check_ttl_policy(c.policy, ttls[in.name]);
    }
    for (const HotKeyRow& h : hot_keys(wh, c, "")) {
      if (auto it = by_name.find(h.instance); it != by_name.end()) it->second->herd_keys += h.herd;
    }
  }
  auto utilisation = [](const RedisInstance& in) {
    return in.maxmemory_bytes > 0 ? in.used_bytes / in.maxmemory_bytes : 0;
  };
  std::stable_sort(c.instances.begin(), c.instances.end(),
                   [&](const RedisInstance& a, const RedisInstance& b) {
                     return utilisation(a) > utilisation(b);
                   });
  return c;
}

std::vector<HotKeyRow> hot_keys(Warehouse& wh, const Console& c, const std::string& instance) {
  std::string sql = R"(
      SELECT k.instance AS instance, k.name AS name, k.namespace AS namespace, k.kind AS kind,
             k.freq AS freq, k.ops_per_second AS key_ops_per_second,
             s.ops_per_second AS others_ops_per_second, )" +
                    health::column_or_old_value(wh, "health__keyspace_scans", "lfu_median", "s") + R"( AS lfu_median
      FROM )" + wh.dialect().join_left("health__redis_keys") + R"( k
      JOIN health__keyspace_scans s ON s.instance = k.instance AND s.ts = k.ts
      WHERE k.kind IN ('hot_lfu', 'hot_counter'))";
  std::vector<SqlValue> params;
  if (!instance.empty()) {
    sql += " AND k.instance = ?";
    params.push_back(instance);
  }
  const ResultSet r = wh.query(
      sql + " ORDER BY k.instance, k.kind, k.freq DESC, k.ops_per_second DESC, k.name", params);
  std::vector<HotKeyRow> out;
  for (const Row row : r) {
    HotKeyRow h{row.text("instance"),
                row.text("name"),
                row.text("namespace"),
                row.text("kind") == "hot_lfu" ? "lfu" : "counter",
                static_cast<int>(row.integer("freq")),
                static_cast<int>(row.integer("lfu_median")),
                row.number("key_ops_per_second")};
    const double others = row.number("others_ops_per_second");
    if (h.source == "counter") {
      h.share = others > 0 ? h.ops_per_second / others : 1;
      h.herd = h.share >= c.herd_share;
    } else {
      // Hot in absolute terms, or far above the rest of its instance.
      h.herd = h.freq >= c.herd_lfu_freq || health::lfu_hot_relative(h.freq, h.instance_median);
    }
    out.push_back(std::move(h));
  }
  return out;
}

}  // namespace luckyhub::redis_console
