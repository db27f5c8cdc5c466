// One evaluation of every tool's alerts, as `luckyhub alerts` runs it and as
// the scheduler runs it after each sync of `serve --delivery`: the tools'
// conditions on the warehouse go through the alert state machine (state in
// the health tables of `state`), then through routing (grouping, inhibition,
// silences from the warehouse) to their receivers.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "alerts/routing_config.h"
#include "alerts/routing_dispatch.h"
#include "alerts/tool_alerts.h"

namespace luckyhub::alerts {

struct ToolAlertCycleOptions {
  std::string warehouse;      // SQLite file or clickhouse:// location
  std::string state;          // SQLite file keeping the alert state ("" = the warehouse itself)
  RoutingConfig routing;      // receivers and routes (add_webhooks for plain --webhook URLs)
  EmailSender email;          // for e-mail receivers; REQUIRES: set when routing has one
  std::string external_url;   // the dashboard's address, for links
  std::string who = "alerts"; // prefixes log lines; names the routing state kept between runs
};

struct ToolAlertCycle {
  ToolAlertRun run;                        // transitions, conditions found, tools that failed
  std::map<AlertKey, AlertRecord> alerts;  // every alert after the run
  size_t notifications = 0;                // notices due and sent (or failed: logged)
};

// Throws Error for a clickhouse:// warehouse without a state file, or when
// the warehouse or the state cannot be opened. A tool that cannot be
// evaluated is in run.errors (its alerts keep their state).
ToolAlertCycle run_tool_alert_cycle(const ToolAlertCycleOptions& options, int64_t now);

}  // namespace luckyhub::alerts
