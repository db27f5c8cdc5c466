// Tool 1, Database Health Monitor (id "fleet-health"): the fleet overview and
// the server detail, read from the history `luckyhub collect` (or the
// simulator's demo fleet) keeps in the warehouse (health/schema.h).
// Internal to fleet_health*.cc; what redis-console shares with it is in
// src/health/.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "alerts/rules.h"
#include "health/history.h"
#include "health/projection.h"
#include "report/report.h"
#include "warehouse/warehouse.h"

namespace luckyhub::fleet_health {

// Traffic lights: down or a critical condition is red, a warning condition
// yellow, anything else green (health/severity.h decides a condition's colour).
struct InstanceHealth {
  health::TargetInfo target;
  alerts::InstanceSnapshot snapshot;
  std::vector<alerts::Signal> conditions;
  Status status = Status::kGreen;
  int64_t last_seen_up = 0;  // the latest scrape that found it up (or the bucket of one); 0 never
};

struct Fleet {
  int64_t now = 0;  // the latest scrape, unix seconds
  bool simulated = false;
  std::vector<InstanceHealth> instances;
  alerts::RuleSet rules = alerts::RuleSet::defaults();
};

Fleet load(Warehouse& wh);
const alerts::Rule& rule_of(const Fleet& fleet, const alerts::Signal& s);
// The colour of a condition: its rule's severity (health/severity.h).
Status condition_status(const Fleet& fleet, const alerts::Signal& s);

std::string kind_label(InstanceKind kind);

// A daily (or finer) series of one metric: per (instance, object) the points.
struct SeriesKey {
  std::string instance, object;
  auto operator<=>(const SeriesKey&) const = default;
};
std::map<SeriesKey, std::vector<health::Point>> daily_points(Warehouse& wh, const std::string& metric,
                                                             int64_t since, const std::string& instance = "");

inline const std::vector<double> kHorizons = {30, 60, 90};

Report overview(Warehouse& wh, const Fleet& fleet, int days);
Report server_detail(Warehouse& wh, const Fleet& fleet, const InstanceHealth& instance, int days);

// The alert rules' conditions now, for the fleet or one instance ("" for all).
Panel conditions_panel(const Fleet& fleet, const std::string& instance);
// Tables with their growth and projections, the most urgent first: a key
// running out soonest, then the fastest growth. growing_only leaves out the
// tables that do not grow (no growth in 7 days, no upward trend, no key
// running out): the fleet overview's list is of what needs attention.
Panel table_projections(Warehouse& wh, const Fleet& fleet, const std::string& instance, size_t max_rows,
                        bool growing_only);

// The table of the timeline (discovery, up/down, alert transitions), newest first.
Panel timeline_panel(Warehouse& wh, int64_t since, const std::string& instance);

}  // namespace luckyhub::fleet_health
