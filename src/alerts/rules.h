// Alert rules of the Database Health Monitor: what is checked on every
// collection cycle, with what threshold, for how long before it fires, and
// where firing and resolved alerts are delivered. Loaded from a TOML rules
// file (docs/health.md); without one, the defaults of the tool catalog.
//
// evaluate() is pure: the collector runs it on each cycle's scrapes and the
// fleet-health tool on the latest history, so both see the same conditions.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "sources/fleet.h"

namespace luckyhub::alerts {

enum class RuleKind {
  kInstanceDown,   // the scrape failed (the server did not answer, or failed)
  kAuthFailed,     // the server answered and refused luckyhub's login
  kConnections,    // connections / max_connections > threshold (MySQL, PostgreSQL, Redis clients)
  kRedisMemory,    // used_memory / maxmemory > threshold (instances with a maxmemory)
  kSlowQueries,    // slow queries counted in one interval > threshold (MySQL)
  kTableGrowth,    // a table's bytes grew by more than threshold over 7 days
  kAutoIncrement,  // a table's AUTO_INCREMENT used more than threshold of its type's range
  kTool,           // raised by a tool from the warehouse (alerts/tool_alerts.h), never from a rules file
};

struct Rule {
  std::string name;  // "ConnectionsNearMax": the Alertmanager alertname
  RuleKind kind = RuleKind::kInstanceDown;
  double threshold = 0;
  int64_t for_s = 0;  // the condition must hold this long before firing
  std::string severity = "warning";
  double min_bytes = 0;  // kTableGrowth: tables smaller than this a week ago are not judged

  bool per_table() const { return kind == RuleKind::kTableGrowth || kind == RuleKind::kAutoIncrement; }
};

struct RuleSet {
  std::vector<Rule> rules;
  std::vector<std::string> webhooks;  // http:// URLs receiving Alertmanager's webhook JSON

  // The catalog's defaults: growth > 20% week over week, connections > 80%,
  // Redis memory > 85%, > 10 slow queries per interval, instance down,
  // AUTO_INCREMENT > 80% of its range; and a refused login (AuthFailed).
  static RuleSet defaults();
  // Reads a rules file; throws Error as "<file>:<line>: <reason>".
  static RuleSet load(const std::string& path);
  const Rule* find(const std::string& name) const;
};

const char* kind_name(RuleKind kind);

// What the rules look at for one instance: its latest values.
struct InstanceSnapshot {
  std::string instance;
  InstanceKind kind = InstanceKind::kMysql;
  bool up = false;
  std::string error;
  bool tables_read = false;  // per-table values are present (the slower cadence)
  std::map<std::pair<std::string, std::string>, double> values;  // (metric, object) -> value
  std::map<std::string, double> table_bytes_week_ago;             // table -> bytes 7 days before
  bool auth_failed = false;  // not up because the login was refused (kAuthFailed, not kInstanceDown)

  double value(const std::string& metric, const std::string& object = "", double missing = -1) const;
};

// One rule's condition holding on one instance or table.
struct Signal {
  std::string rule;
  std::string instance;
  std::string object;  // the table, or "" for the instance
  double value = 0;
  double threshold = 0;
  std::string summary;
};

struct Evaluation {
  std::vector<Signal> active;
  // (rule, instance) pairs whose conditions were checked this time: an alert
  // of a pair not checked (table rules between table scrapes) keeps its state.
  std::set<std::pair<std::string, std::string>> evaluated;
};

Evaluation evaluate(const RuleSet& rules, const std::vector<InstanceSnapshot>& snapshots);

}  // namespace luckyhub::alerts
