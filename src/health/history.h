// Reading the Database Health Monitor's tables (schema.h) back from a
// warehouse: the monitored instances, the time of the latest scrape, and
// each instance's latest values as alert-rule snapshots. Used by the IT tools
// and /metrics; the collector's store shares table_bytes_at_sql().
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "alerts/rules.h"
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

// The SQL of a table's latest size per (instance, object) in (ts - 1 day,
// ts], binding (ts - 86400, ts) twice; its columns are instance, object and
// table_bytes. Shared with the collector's store.
const char* table_bytes_at_sql();

InstanceKind parse_kind(const std::string& name);  // "mysql" -> kMysql; throws Error

}  // namespace luckyhub::health
