// The machines report: parameters, compute() and the registration of Tool 14.
// Without `device` the fleet's panels; with it, that machine's page.
#include "tools/machines/machines_events.h"
#include "tools/machines/machines_panels.h"
#include "tools/param_options.h"
#include "tools/registry.h"

namespace luckyhub::machines {

std::vector<ParamSpec> machine_params() {
  std::vector<ParamSpec> p = window_params();
  p.push_back({.name = "device",
               .type = ParamType::kInt,
               .default_value = "0",
               .description = "A machine's page (t_device id); 0 for the fleet",
               .min = 0,
               .max = 1e12,
               .label = "Machine's page",
               .options = param_options::devices});
  p.push_back({.name = "recent_weeks",
               .type = ParamType::kInt,
               .default_value = "4",
               .description = "Weeks of the velocity check, ending at `to`",
               .min = 1,
               .max = 26,
               .label = "Velocity check (weeks)"});
  p.push_back({.name = "baseline_weeks",
               .type = ParamType::kInt,
               .default_value = "12",
               .description = "Weeks before them: each brewer's baseline",
               .min = 1,
               .max = 52,
               .label = "Baseline before it (weeks)"});
  p.push_back({.name = "degraded_drop",
               .type = ParamType::kNumber,
               .default_value = "0.2",
               .description = "A brewer whose velocity is more than this share below its baseline is degraded",
               .min = 0.01,
               .max = 0.95,
               .label = "Degraded from a drop of (share)"});
  p.push_back({.name = "min_cups",
               .type = ParamType::kInt,
               .default_value = "5",
               .description = "Cups a brewer needs in each period to be judged",
               .min = 1,
               .max = 1e9,
               .label = "Cups needed to judge a brewer"});
  p.push_back({.name = "outage_hours",
               .type = ParamType::kNumber,
               .default_value = "2",
               .description = "An offline spell this long or longer is an outage",
               .min = 0.01,
               .max = 8760,
               .label = "Outage from (hours offline)"});
  p.push_back({.name = "maintenance_days",
               .type = ParamType::kInt,
               .default_value = "45",
               .description = "Maintenance is due this many days after the last",
               .min = 1,
               .max = 3650,
               .label = "Maintenance interval (days)"});
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
  const EventImpact impact = event_impact(wh, scope);
  report.panels.push_back(event_study_panel(impact));
  report.panels.push_back(event_impact_panel(impact));
  report.panels.push_back(event_hits_panel(impact));
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
