// The staffing tool's alert for the alert engine: a same-day demand spike
// (the report's rule and defaults: the last day of data, every store).
#include "alerts/tool_alerts.h"
#include "tools/registry.h"
#include "tools/staffing/staffing.h"

namespace luckyhub::staffing {
namespace {

std::vector<alerts::Signal> spike_signals(Warehouse& wh) {
  const Params params = Params::parse(ToolRegistry::instance().get("staffing").params, {});
  return week_spikes(plan_week(wh, params), params);
}

const alerts::ToolAlertRegistration kAlerts({
    .tool = "staffing",
    .rules = {{.name = "DemandSpike", .severity = "warning",
               .description = "a store's orders today exceed this morning's forecast by the threshold",
               .about_store = true}},
    .signals = spike_signals,
});

}  // namespace
}  // namespace luckyhub::staffing
