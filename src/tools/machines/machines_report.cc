// The machines report: parameters, compute() and the registration of Tool 14.
// Without `device` the fleet's panels; with it, that machine's page.
#include "tools/machines/machines_panels.h"
#include "tools/registry.h"

namespace luckyhub::machines {

std::vector<ParamSpec> machine_params() {
  std::vector<ParamSpec> p = window_params();
  p.push_back({"device", ParamType::kInt, "0", "A machine's page (t_device id); 0 for the fleet", {}, 0, 1e12});
  p.push_back({"recent_weeks", ParamType::kInt, "4", "Weeks of the velocity check, ending at `to`", {}, 1, 26});
  p.push_back({"baseline_weeks", ParamType::kInt, "12", "Weeks before them: each brewer's baseline", {}, 1, 52});
  p.push_back({"degraded_drop", ParamType::kNumber, "0.2",
               "A brewer whose velocity is more than this share below its baseline is degraded", {}, 0.01, 0.95});
  p.push_back({"min_cups", ParamType::kInt, "5", "Cups a brewer needs in each period to be judged", {}, 1, 1e9});
  p.push_back({"outage_hours", ParamType::kNumber, "2", "An offline spell this long or longer is an outage", {}, 0.01,
               8760});
  p.push_back({"maintenance_days", ParamType::kInt, "45", "Maintenance is due this many days after the last", {}, 1,
               3650});
  return p;
}

Scope scope_of(Warehouse& wh, const Params& params) {
  Scope s{.window = report_window(wh, params),
          .as_of = new_york_to_utc(Date::parse(wh.meta("as_of")), 0, 0, 0),
          .recent_weeks = static_cast<int>(params.integer("recent_weeks")),
          .baseline_weeks = static_cast<int>(params.integer("baseline_weeks")),
          .degraded_drop = params.number("degraded_drop"),
          .min_cups = params.integer("min_cups"),
          .outage_hours = params.number("outage_hours"),
          .maintenance_days = params.integer("maintenance_days"),
          .device_id = params.integer("device")};
  return s;
}

namespace {

Report compute(Warehouse& wh, const Params& params) {
  const Scope scope = scope_of(wh, params);
  const FleetData data = read_fleet(wh, scope);
  const std::vector<Assessed> fleet = assess(data, scope);
  Report report;
  if (scope.device_id) {
    report.panels = device_panels(wh, data, fleet, scope);
    return report;
  }
  report.panels = {summary_panel(data, fleet, scope),     alerts_panel(machine_signals(data, scope)),
                   map_panel(data, fleet),                devices_panel(data, fleet),
                   velocity_panel(data, fleet, scope),    outages_panel(data, fleet, scope),
                   maintenance_panel(data, fleet, scope), types_panel(fleet),
                   formulas_panel(data, fleet)};
  return report;
}

const ToolRegistration kRegistration(Tool{
    .id = "machines",
    .number = 14,
    .department = "operations",
    .title = "IoT Machine Fleet Manager",
    .summary = "Every machine of every store online, degraded or offline; velocity against each brewer's baseline "
               "with the cups and revenue lost; outages and uptime; maintenance due; machine types compared; "
               "formula utilisation; one machine's page.",
    .params = machine_params(),
    .compute = compute,
});

}  // namespace
}  // namespace luckyhub::machines
