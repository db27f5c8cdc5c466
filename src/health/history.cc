#include "health/history.h"

#include <algorithm>
#include <map>
#include <set>

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
      "SELECT instance, kind, host, port, up, " + column_or_old_value(warehouse, "health__targets", "auth_failed") +
      " AS auth_failed, last_scrape, scrape_seconds, COALESCE(error, '') AS scrape_error, COALESCE(" +
      column_or_old_value(warehouse, "health__targets", "tables_error") +
      ", '') AS tables_error, simulated FROM health__targets ORDER BY instance");
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
                   .tables_error = row.text("tables_error"),
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
  const ResultSet before = warehouse.query(
      table_bytes_at_sql(), {week_ago - kTableLookbackS, week_ago, week_ago - kTableLookbackS, week_ago});
  for (const Row row : before) {
    auto it = by_name.find(row.text("instance"));
    if (it != by_name.end()) it->second.table_bytes_week_ago[row.text("object")] = row.number("table_bytes");
  }
  std::vector<alerts::InstanceSnapshot> out;
  for (const TargetInfo& t : targets) out.push_back(std::move(by_name[t.instance]));
  return out;
}

std::map<std::pair<std::string, std::string>, std::vector<Point>> daily_series(
    Warehouse& warehouse, const std::string& metric, int64_t since, int64_t now, const std::string& instance) {
  using Key = std::pair<std::string, std::string>;
  // The window's rows and, per series, the last row before it (the value the
  // window starts with when the series did not change on its first days).
  // (The aggregate's alias is not a column's name: ClickHouse would resolve
  // the column to it.)
  std::string where = "metric = ? AND step = ?";
  std::vector<SqlValue> params = {metric, kDayStep};
  if (!instance.empty()) {
    where += " AND instance = ?";
    params.push_back(instance);
  }
  std::vector<SqlValue> window = params, before = params;
  window.push_back(since);
  before.push_back(since - kTableLookbackS);
  before.push_back(since);
  for (const SqlValue& v : params) before.push_back(v);
  before.push_back(since - kTableLookbackS);
  before.push_back(since);
  const ResultSet in_window = warehouse.query(
      "SELECT instance, object, ts, value FROM health__samples WHERE " + where + " AND ts >= ? ORDER BY instance, object, ts",
      window);
  const ResultSet earlier = warehouse.query(
      "SELECT instance, object, MAX(value) AS last_value FROM health__samples WHERE " + where +
          " AND ts >= ? AND ts < ? AND (instance, object, ts) IN (SELECT instance, object, MAX(ts) FROM health__samples WHERE " +
          where + " AND ts >= ? AND ts < ? GROUP BY instance, object) GROUP BY instance, object",
      before);
  std::map<Key, double> start;
  for (const Row row : earlier) start[{row.text("instance"), row.text("object")}] = row.number("last_value");
  std::map<Key, std::vector<Point>> stored;
  for (const Row row : in_window) {
    stored[{row.text("instance"), row.text("object")}].push_back(
        {static_cast<double>(row.integer("ts") / kDayStep), row.number("value")});
  }
  std::set<Key> current;
  {
    std::vector<SqlValue> p = {metric};
    std::string sql = "SELECT instance, object FROM health__latest WHERE metric = ?";
    if (!instance.empty()) {
      sql += " AND instance = ?";
      p.push_back(instance);
    }
    for (const Row row : warehouse.query(sql, p)) current.insert({row.text("instance"), row.text("object")});
  }
  const int64_t first_day = (since + kDayStep - 1) / kDayStep;  // the first whole day in the window
  const int64_t last_complete_day = now / kDayStep - 1;
  std::map<Key, std::vector<Point>> out;
  std::set<Key> keys;
  for (const auto& [key, points] : stored) keys.insert(key);
  for (const auto& [key, value] : start) {
    if (current.count(key)) keys.insert(key);
  }
  for (const Key& key : keys) {
    const auto s = stored.find(key);
    const std::vector<Point> none;
    const std::vector<Point>& points = s == stored.end() ? none : s->second;
    const auto st = start.find(key);
    std::vector<Point>& series = out[key];
    size_t next = 0;
    bool have = st != start.end();
    double value = have ? st->second : 0;
    int64_t day = have ? first_day : static_cast<int64_t>(points.front().day);
    const int64_t end = current.count(key) ? std::max<int64_t>(last_complete_day, points.empty() ? 0 : static_cast<int64_t>(points.back().day))
                                           : (points.empty() ? day - 1 : static_cast<int64_t>(points.back().day));
    for (; day <= end; ++day) {
      while (next < points.size() && static_cast<int64_t>(points[next].day) <= day) {
        if (static_cast<int64_t>(points[next].day) == day) {
          value = points[next].value;
          have = true;
        }
        ++next;
      }
      if (have) series.push_back({static_cast<double>(day), value});
    }
    if (series.empty()) out.erase(key);
  }
  return out;
}

}  // namespace luckyhub::health
