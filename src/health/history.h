// Reading the Database Health Monitor's tables (schema.h) back from a
// warehouse: the monitored instances, the time of the latest scrape, and
// each instance's latest values as alert-rule snapshots. Used by the IT tools
// and /metrics; the collector's store shares table_bytes_at_sql().
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "alerts/rules.h"
#include "health/projection.h"
#include "warehouse/warehouse.h"

namespace luckyhub::health {

struct TargetInfo {
  std::string instance;
  InstanceKind kind = InstanceKind::kMysql;
  std::string host;
  int port = 0;
  bool up = false;
  bool auth_failed = false;  // not up: the server refused the login (not "down")
  int64_t last_scrape = 0;
  double scrape_seconds = 0;
  std::string error;
  std::string tables_error;  // the last table statistics failed ("table statistics failed: ..."); "" otherwise
  bool simulated = false;
};

// Whether the warehouse holds health tables at all.
bool has_history(Warehouse& warehouse);
// Every monitored instance, by name.
std::vector<TargetInfo> load_targets(Warehouse& warehouse);
// The time of the latest scrape (unix seconds), 0 when none.
int64_t latest_scrape(Warehouse& warehouse);

// Each target's latest values, with table sizes a week before `now`.
std::vector<alerts::InstanceSnapshot> latest_snapshots(Warehouse& warehouse, const std::vector<TargetInfo>& targets,
                                                       int64_t now);

// The SQL of a table's latest size per (instance, object) in (since, ts],
// binding (since, ts) twice; its columns are instance, object and
// table_bytes. Sizes are stored when they change, so `since` is
// ts - kTableLookbackS: the last stored size at or before ts is the size at
// ts. Shared with the collector's store.
const char* table_bytes_at_sql();

// Daily series of `metric` per (instance, object) from `since` (of one
// instance, or all when `instance` is ""), from the daily averages, a point a
// day: a day without a row holds the last value stored before it (a table's
// statistics are stored only when they change), through the last complete day
// before `now` for series that are current (in health__latest). Days are unix
// days (ts / 86400).
std::map<std::pair<std::string, std::string>, std::vector<Point>> daily_series(
    Warehouse& warehouse, const std::string& metric, int64_t since, int64_t now, const std::string& instance);

InstanceKind parse_kind(const std::string& name);  // "mysql" -> kMysql; throws Error

}  // namespace luckyhub::health
