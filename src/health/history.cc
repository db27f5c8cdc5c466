#include "health/history.h"

#include <map>

#include "core/error.h"
#include "health/schema.h"

namespace luckyhub::health {

const char* table_bytes_at_sql() {
  // The row of the latest ts per table, in SQL every engine runs (SQLite's bare
  // columns beside MAX() are SQLite's alone); MAX(value) settles a tie of steps.
  return R"(SELECT instance, object, MAX(value) AS table_bytes FROM health__samples
            WHERE metric = 'table_bytes' AND ts > ? AND ts <= ?
              AND (instance, object, ts) IN (SELECT instance, object, MAX(ts) FROM health__samples
                                             WHERE metric = 'table_bytes' AND ts > ? AND ts <= ?
                                             GROUP BY instance, object)
            GROUP BY instance, object)";
}

InstanceKind parse_kind(const std::string& name) {
  if (name == "mysql") return InstanceKind::kMysql;
  if (name == "redis") return InstanceKind::kRedis;
  if (name == "postgres") return InstanceKind::kPostgres;
  throw Error("unknown instance kind '" + name + "'");
}

bool has_history(Warehouse& warehouse) {
  return warehouse.has_table(table("targets").warehouse_name()) &&
         warehouse.has_table(table("latest").warehouse_name());
}

std::vector<TargetInfo> load_targets(Warehouse& warehouse) {
  const ResultSet r = warehouse.query(
      "SELECT instance, kind, host, port, up, auth_failed, last_scrape, scrape_seconds, "
      "COALESCE(error, '') AS scrape_error, simulated FROM health__targets ORDER BY instance");
  std::vector<TargetInfo> out;
  for (const Row row : r) {
    out.push_back({.instance = row.text("instance"),
                   .kind = parse_kind(row.text("kind")),
                   .host = row.text("host"),
                   .port = static_cast<int>(row.integer("port")),
                   .up = row.integer("up") == 1,
                   .auth_failed = row.integer("auth_failed") == 1,
                   .last_scrape = row.integer("last_scrape"),
                   .scrape_seconds = row.number("scrape_seconds"),
                   .error = row.text("scrape_error"),
                   .simulated = row.integer("simulated") == 1});
  }
  return out;
}

int64_t latest_scrape(Warehouse& warehouse) {
  return warehouse.query("SELECT COALESCE(MAX(last_scrape), 0) AS latest FROM health__targets")
      .row(0)
      .integer("latest");
}

std::vector<alerts::InstanceSnapshot> latest_snapshots(Warehouse& warehouse, const std::vector<TargetInfo>& targets,
                                                       int64_t now) {
  std::map<std::string, alerts::InstanceSnapshot> by_name;
  for (const TargetInfo& t : targets) {
    by_name[t.instance] = {t.instance, t.kind, t.up, t.error, /*tables_read=*/true};
    by_name[t.instance].auth_failed = t.auth_failed;
  }
  const ResultSet latest = warehouse.query("SELECT instance, metric, object, value FROM health__latest");
  for (const Row row : latest) {
    auto it = by_name.find(row.text("instance"));
    if (it != by_name.end()) it->second.values[{row.text("metric"), row.text("object")}] = row.number("value");
  }
  const int64_t week_ago = now - 7 * kDayStep;
  const ResultSet before = warehouse.query(table_bytes_at_sql(), {week_ago - kDayStep, week_ago, week_ago - kDayStep, week_ago});
  for (const Row row : before) {
    auto it = by_name.find(row.text("instance"));
    if (it != by_name.end()) it->second.table_bytes_week_ago[row.text("object")] = row.number("table_bytes");
  }
  std::vector<alerts::InstanceSnapshot> out;
  for (const TargetInfo& t : targets) out.push_back(std::move(by_name[t.instance]));
  return out;
}

}  // namespace luckyhub::health
