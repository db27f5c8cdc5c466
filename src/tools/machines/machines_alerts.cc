// The machine fleet's alert conditions, as the alert engine's signals: a
// machine offline, a brewer degraded. The report shows them as its alerts
// panel; the alert engine can evaluate them on each cycle.
#include <cmath>
#include <cstdio>

#include "alerts/tool_alerts.h"
#include "tools/machines/machines.h"

namespace luckyhub::machines {

std::vector<alerts::Signal> machine_signals(const FleetData& data, const Scope& scope) {
  std::vector<alerts::Signal> out;
  for (const Device& d : data.devices) {
    const std::string store = std::to_string(d.shop_id);
    char summary[256];
    if (!d.online) {
      const double hours = std::round(static_cast<double>(scope.as_of - d.last_online) / 360.0) / 10;
      std::snprintf(summary, sizeof summary, "%s (%s) offline, last heartbeat %s UTC, %.1f h before as-of",
                    d.device_no.c_str(), d.machine_type.c_str(), d.last_online.str().c_str(), hours);
      out.push_back({"MachineOffline", store, d.device_no, hours, 0, summary});
      continue;
    }
    const Velocity v = velocity(d, scope);
    if (!v.degraded) continue;
    const double drop = -*v.change;
    std::snprintf(summary, sizeof summary,
                  "%s (%s) brews %.0f%% slower than its baseline: %.1f cups per brewing hour against %.1f",
                  d.device_no.c_str(), d.machine_type.c_str(), drop * 100, *v.recent, *v.baseline);
    out.push_back({"MachineDegraded", store, d.device_no, drop, scope.degraded_drop, summary});
  }
  return out;
}

}  // namespace luckyhub::machines

namespace luckyhub::machines {
namespace {

// The conditions with the report's defaults, for the alert engine.
std::vector<alerts::Signal> current_signals(Warehouse& wh) {
  const Scope scope = scope_of(wh, Params::parse(machine_params(), {}));
  return machine_signals(read_fleet(wh, scope), scope);
}

const alerts::ToolAlertRegistration kAlerts({
    .tool = "machines",
    .rules = {{.name = "MachineOffline", .severity = "critical", .description = "a machine is offline at as-of",
               .about_store = true},
              {.name = "MachineDegraded", .severity = "warning",
               .description = "a brewer brews more than 20% slower than its own baseline",
               .about_store = true}},
    .signals = current_signals,
});

}  // namespace
}  // namespace luckyhub::machines
