// The server detail of fleet-health (instance=NAME): its state now, the
// conditions that hold, metric trends, the processlist snapshot, long
// queries, its tables with growth and projections, and its timeline.
#include <cmath>
#include <map>

#include "health/schema.h"
#include "core/units.h"
#include "health/severity.h"
#include "health/trend.h"
#include "tools/fleet_health/fleet_health.h"

namespace luckyhub::fleet_health {

namespace {

constexpr int kMaxLongQueries = 200;
// No alert rule watches the host's CPU; its tile turns yellow past 90% busy.
const alerts::Rule kHostCpuBusy{.name = "HostCpuBusy", .threshold = 0.9, .severity = "warning"};

Panel processlist(Warehouse& wh, const std::string& instance) {
  Panel p{.id = "processlist", .title = "Processlist snapshot", .kind = PanelKind::kTable};
  p.description = "The sessions at the latest scrape, longest running first; query literals are masked.";
  p.table.columns = {{"id", "Session", ValueType::kInt},          {"user", "User", ValueType::kText},
                     {"db", "Database", ValueType::kText},        {"command", "Command", ValueType::kText},
                     {"state", "State", ValueType::kText},        {"seconds", "Time", ValueType::kNumber, "", "s"},
                     {"query", "Query", ValueType::kText}};
  const ResultSet r = wh.query(
      "SELECT id, user, db, command, state, seconds, query FROM health__sessions WHERE instance = ? "
      "ORDER BY seconds DESC, id",
      {instance});
  for (const Row row : r) {
    p.table.rows.push_back({row.integer("id"), row.text("user"), row.text("db"), row.text("command"),
                            row.text("state"), row.number("seconds"), row.text("query")});
  }
  return p;
}

Panel long_queries(Warehouse& wh, const std::string& instance, int64_t since) {
  Panel p{.id = "long_queries", .title = "Long-running queries", .kind = PanelKind::kTable};
  p.description = "Queries seen running longer than the collector's --long-query threshold (each session's "
                  "longest sighting), most recent first.";
  p.table.columns = {{"last_seen", "Seen (UTC)", ValueType::kText}, {"id", "Session", ValueType::kInt},
                     {"user", "User", ValueType::kText},            {"db", "Database", ValueType::kText},
                     {"seconds", "Running for", ValueType::kNumber, "", "s"},
                     {"query", "Query", ValueType::kText}};
  const ResultSet r = wh.query(
      "SELECT MAX(ts) AS last_seen, id, user, db, MAX(seconds) AS longest_seconds, query "
      "FROM health__long_queries WHERE instance = ? AND ts >= ? "
      "GROUP BY id, query ORDER BY MAX(ts) DESC LIMIT " + std::to_string(kMaxLongQueries),
      {instance, since});
  for (const Row row : r) {
    p.table.rows.push_back({health::utc_text(row.integer("last_seen")), row.integer("id"), row.text("user"),
                            row.text("db"), row.number("longest_seconds"), row.text("query")});
  }
  return p;
}

// Whether the last table statistics were read (how many tables) or failed
// (why: the instance stays up, its tables keep their last values).
KpiTile table_statistics_tile(const InstanceHealth& h) {
  const std::string& failure = h.target.tables_error;
  const alerts::InstanceSnapshot& s = h.snapshot;
  KpiTile t{.id = "table_statistics", .label = "Table statistics", .type = ValueType::kText};
  if (!failure.empty()) {
    t.value = std::string("failed");
    t.status = Status::kYellow;
    t.note = failure;
    return t;
  }
  const bool counted = s.values.count({"tables", ""}) > 0;  // the collector's count of its last read
  int64_t tables = counted ? std::llround(s.value("tables")) : 0;
  if (!counted) {  // the demo's history has the tables' sizes only
    for (const auto& [key, value] : s.values) tables += key.first == "table_bytes";
  }
  if (counted || tables > 0) {
    t.value = std::string("read");
    t.note = count_of(tables, "table");
  }
  return t;
}

}  // namespace

Report server_detail(Warehouse& wh, const Fleet& fleet, const InstanceHealth& h, int days) {
  const alerts::InstanceSnapshot& s = h.snapshot;
  const std::string& name = h.target.instance;
  const int64_t since = fleet.now - int64_t{days} * health::kDayStep;
  auto trend = [&](const char* id, const char* title, std::vector<std::pair<std::string, std::string>> metrics,
                   const char* unit) { return health::trend_panel(wh, fleet.now, name, days, id, title, metrics, unit); };
  auto tile = [&](const char* id, const char* label, const char* metric, ValueType type, const char* unit,
                  Status status = Status::kNone, std::string note = "") {
    Cell value;
    if (s.values.count({metric, ""})) {
      value = type == ValueType::kInt ? Cell{static_cast<int64_t>(std::llround(s.value(metric)))} : Cell{s.value(metric)};
    }
    return KpiTile{id, label, value, type, "", unit, status, std::move(note)};
  };
  // A tile read against an alert rule has that rule's colour (health/severity.h).
  auto rule_status = [&](const char* metric, alerts::RuleKind kind) {
    const alerts::Rule* rule = health::rule_of_kind(fleet.rules, kind);
    return rule == nullptr ? Status::kNone : health::measured_status(*rule, s.value(metric));
  };
  Panel kpis{.id = "server", .title = name + " (" + kind_label(h.target.kind) + ", " + h.target.host + ":" +
                                         std::to_string(h.target.port) + ")",
             .kind = PanelKind::kKpis};
  kpis.kpis = {
      {"status", "Status", std::string(health::status_word(h.status)),
       ValueType::kText, "", "", h.status,
       h.target.up ? count_of(static_cast<int64_t>(h.conditions.size()), "condition")
                   : (h.target.auth_failed ? "login refused: " : "down: ") + h.target.error +
                         (h.last_seen_up ? "; last seen up " + health::utc_text(h.last_seen_up) + " UTC"
                                         : "; never seen up")},
      tile("connections_used", "Connections of max", "connections_used_ratio", ValueType::kRate, "",
           rule_status("connections_used_ratio", alerts::RuleKind::kConnections)),
      tile("connections", "Connections", "connections", ValueType::kInt, ""),
      tile("uptime", "Uptime", "uptime_seconds", ValueType::kNumber, "s"),
      {"scrape", "Last scrape", h.target.scrape_seconds, ValueType::kNumber, "", "s", Status::kNone,
       health::utc_text(h.target.last_scrape) + " UTC"},
  };
  Report report;
  if (h.target.kind == InstanceKind::kRedis) {
    kpis.kpis.push_back(tile("memory_used", "Memory of maxmemory", "memory_used_ratio", ValueType::kRate, "",
                             rule_status("memory_used_ratio", alerts::RuleKind::kRedisMemory)));
    kpis.kpis.push_back(tile("hit_ratio", "Keyspace hit ratio", "keyspace_hit_ratio", ValueType::kRate, ""));
    kpis.kpis.push_back(tile("keys", "Keys (db0)", "dbsize_keys", ValueType::kInt, ""));
    report.panels = {kpis, conditions_panel(fleet, name),
                     trend("memory_trend", "Memory", {{"used_memory_bytes", "Used"}, {"maxmemory_bytes", "maxmemory"}}, "bytes"),
                     trend("clients_trend", "Clients", {{"connections", "Clients"}, {"max_connections", "maxclients"}}, ""),
                     trend("ops_trend", "Operations and hit ratio", {{"ops_per_second", "Ops/s"}, {"keyspace_hit_ratio", "Hit ratio"}}, "")};
  } else {
    kpis.kpis.push_back(tile("slow_queries", "Slow queries (last interval)", "slow_queries", ValueType::kInt, ""));
    kpis.kpis.push_back(tile("long_queries", "Long-running queries", "long_queries", ValueType::kInt, ""));
    kpis.kpis.push_back(tile("data", "Data size", "data_bytes", ValueType::kNumber, "bytes"));
    if (h.target.kind == InstanceKind::kMysql) kpis.kpis.push_back(table_statistics_tile(h));
    report.panels = {kpis, conditions_panel(fleet, name),
                     trend("connections_trend", "Connections", {{"connections", "Connections"}, {"max_connections", "Max"}}, ""),
                     trend("size_trend", "Data size", {{"data_bytes", "Data"}, {"index_bytes", "Indexes"}}, "bytes"),
                     trend("query_trend", "Queries", {{"questions_per_second", "Questions/s"}, {"slow_queries", "Slow queries"}}, ""),
                     processlist(wh, name), long_queries(wh, name, since),
                     table_projections(wh, fleet, name, 1000, false)};
  }
  if (s.values.count({"host_up", ""})) {  // the fleet file lists a host source: a node exporter or CloudWatch
    const bool cloudwatch = s.values.count({"host_source", "cloudwatch"}) > 0;
    const char* source = cloudwatch ? "Amazon CloudWatch" : "node exporter";
    report.panels.insert(report.panels.begin() + 2,
                         cloudwatch ? trend("host_trend", "Host CPU (Amazon CloudWatch)", {{"cpu_busy_ratio", "CPU busy"}}, "")
                                    : trend("host_trend", "Host CPU and memory (node exporter)",
                                            {{"cpu_busy_ratio", "CPU busy"}, {"memory_available_ratio", "Memory available"}}, ""));
    report.panels.insert(report.panels.begin() + 3,
                         trend("iops_trend", "Host disk IOPS",
                               {{"disk_reads_per_second", "Reads/s"}, {"disk_writes_per_second", "Writes/s"}}, ""));
    std::vector<KpiTile>& tiles = report.panels.front().kpis;
    tiles.push_back(tile("host_cpu", "Host CPU busy", "cpu_busy_ratio", ValueType::kRate, "",
                         health::measured_status(kHostCpuBusy, s.value("cpu_busy_ratio"))));
    tiles.push_back({"host_source", "Host metrics from", std::string(source), ValueType::kText, "", "", Status::kNone,
                     s.value("host_up") > 0 ? "" : "not answering at the last scrape"});
    if (cloudwatch) {  // what RDS tells only through CloudWatch
      tiles.push_back(tile("storage_free", "Free storage", "storage_free_bytes", ValueType::kNumber, "bytes"));
      tiles.push_back(tile("db_connections", "Connections (CloudWatch)", "database_connections", ValueType::kInt, ""));
      if (s.values.count({"replica_lag_seconds", ""})) {
        tiles.push_back(tile("replica_lag", "Replica lag", "replica_lag_seconds", ValueType::kNumber, "s"));
      }
      report.panels.insert(report.panels.begin() + 4,  // after the tiles: this moves them
                           trend("rds_trend", "Freeable memory and free storage (Amazon CloudWatch)",
                                 {{"memory_available_bytes", "Freeable memory"}, {"storage_free_bytes", "Free storage"}},
                                 "bytes"));
    }
  }
  report.panels.push_back(timeline_panel(wh, since, name));
  return report;
}

}  // namespace luckyhub::fleet_health
