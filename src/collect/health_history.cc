#include "collect/health_history.h"

#include <map>

#include "collect/health_schema.h"
#include "core/error.h"

namespace luckyhub::collect {

const char* table_bytes_at_sql() {
  // The row of the latest ts per table, in SQL every engine runs (SQLite's bare
  // columns beside MAX() are SQLite's alone); MAX(value) settles a tie of steps.
  return R"(SELECT instance, object, MAX(value) FROM health__samples
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

bool has_health_history(Warehouse& warehouse) {
  return warehouse.has_table(health_table("targets").warehouse_name()) &&
         warehouse.has_table(health_table("latest").warehouse_name());
}

std::vector<TargetInfo> load_targets(Warehouse& warehouse) {
  const ResultSet r = warehouse.query(
      "SELECT instance, kind, host, port, up, last_scrape, scrape_seconds, COALESCE(error, ''), simulated "
      "FROM health__targets ORDER BY instance");
  std::vector<TargetInfo> out;
  for (size_t i = 0; i < r.size(); ++i) {
    out.push_back({r.text_at(i, 0), parse_kind(r.text_at(i, 1)), r.text_at(i, 2), static_cast<int>(r.int_at(i, 3)),
                   r.int_at(i, 4) == 1, r.int_at(i, 5), r.double_at(i, 6), r.text_at(i, 7), r.int_at(i, 8) == 1});
  }
  return out;
}

int64_t latest_scrape(Warehouse& warehouse) {
  return warehouse.query("SELECT COALESCE(MAX(last_scrape), 0) FROM health__targets").int_at(0, 0);
}

std::vector<alerts::InstanceSnapshot> latest_snapshots(Warehouse& warehouse, const std::vector<TargetInfo>& targets,
                                                       int64_t now) {
  std::map<std::string, alerts::InstanceSnapshot> by_name;
  for (const TargetInfo& t : targets) {
    by_name[t.instance] = {t.instance, t.kind, t.up, t.error, /*tables_read=*/true};
  }
  const ResultSet latest = warehouse.query("SELECT instance, metric, object, value FROM health__latest");
  for (size_t i = 0; i < latest.size(); ++i) {
    auto it = by_name.find(latest.text_at(i, 0));
    if (it != by_name.end()) it->second.values[{latest.text_at(i, 1), latest.text_at(i, 2)}] = latest.double_at(i, 3);
  }
  const int64_t week_ago = now - 7 * kDayStep;
  const ResultSet before = warehouse.query(table_bytes_at_sql(), {week_ago - kDayStep, week_ago, week_ago - kDayStep, week_ago});
  for (size_t i = 0; i < before.size(); ++i) {
    auto it = by_name.find(before.text_at(i, 0));
    if (it != by_name.end()) it->second.table_bytes_week_ago[before.text_at(i, 1)] = before.double_at(i, 2);
  }
  std::vector<alerts::InstanceSnapshot> out;
  for (const TargetInfo& t : targets) out.push_back(std::move(by_name[t.instance]));
  return out;
}

}  // namespace luckyhub::collect
