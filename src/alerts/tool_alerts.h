// Alerts that tools raise from the warehouse: an overdue delivery, a
// SKU-store about to run out, a machine offline, a demand spike. Each tool
// registers, from a file of its own folder, its rules (name, severity, what
// they mean) and a function that returns the conditions holding now:
//
//   static const alerts::ToolAlertRegistration kAlerts({.tool = "suppliers",
//       .rules = {{.name = "DeliveryOverdue", .severity = "warning", ...}},
//       .signals = &overdue_signals});
//
// The signals go through the same state machine as the health alerts
// (AlertTracker: pending, firing, resolved) and the same delivery
// (Alertmanager webhooks); `luckyhub alerts` runs one evaluation of every
// tool after a sync. A Signal's instance is what the alert is about at the
// top level (a store, a supplier) and its object the detail (a goods, a
// shipment).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "alerts/alert_tracker.h"
#include "alerts/rules.h"
#include "warehouse/warehouse.h"

namespace luckyhub::alerts {

struct ToolAlertRule {
  std::string name;  // "DeliveryOverdue": the Alertmanager alertname
  std::string severity = "warning";
  std::string description;
  int64_t for_s = 0;  // fires at the first evaluation that finds it by default
  bool about_store = false;  // the Signal's instance is a store ("12" or "Shop 12"): the alert gets a store label
};

struct ToolAlertSource {
  std::string tool;  // the tool's id
  std::vector<ToolAlertRule> rules;
  // The conditions holding in the warehouse now; each Signal's rule is one of `rules`.
  std::function<std::vector<Signal>(Warehouse&)> signals;
};

class ToolAlertRegistry {
 public:
  static ToolAlertRegistry& instance();
  // Throws Error on a rule name registered twice.
  void add(ToolAlertSource source);
  const std::vector<ToolAlertSource>& sources() const { return sources_; }
  // Every registered rule, as the tracker takes them (kind kTool).
  RuleSet rules() const;

 private:
  std::vector<ToolAlertSource> sources_;
};

struct ToolAlertRegistration {
  explicit ToolAlertRegistration(ToolAlertSource source) { ToolAlertRegistry::instance().add(std::move(source)); }
};

struct ToolAlertRun {
  std::vector<Transition> transitions;
  std::vector<std::string> errors;  // "<tool>: <reason>" of a source that failed (its alerts keep their state)
  size_t active = 0;                // signals found
};

// Evaluates every registered source on `warehouse` and advances `tracker`
// (built on ToolAlertRegistry::rules()) to `now`. A source that evaluated
// judged every alert of its rules: those not found again resolve. A source
// that failed leaves its alerts as they were.
ToolAlertRun run_tool_alerts(Warehouse& warehouse, AlertTracker& tracker, int64_t now);

}  // namespace luckyhub::alerts
