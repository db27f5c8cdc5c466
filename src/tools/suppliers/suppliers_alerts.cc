// The suppliers tool's alert: every delivery overdue as of as-of (the
// report's overdue list, its default window), one alert per shipment, about
// its supplier.
#include "alerts/tool_alerts.h"
#include "tools/suppliers/suppliers.h"

namespace luckyhub::suppliers {
namespace {

std::vector<alerts::Signal> overdue_signals(Warehouse& wh) {
  const Analysis a = analyse(wh, report_window(wh, Params::parse(window_params(), {})), Thresholds{});
  std::vector<alerts::Signal> out;
  for (const Overdue& o : a.overdue) {
    const Scorecard* s = a.find(o.supplier_id);
    const std::string supplier = s ? s->name : "supplier " + std::to_string(o.supplier_id);
    out.push_back({.rule = "DeliveryOverdue",
                   .instance = supplier,
                   .object = o.ship_no,
                   .value = static_cast<double>(o.days_overdue),
                   .threshold = 0,
                   .summary = "shipment " + o.ship_no + " of " + o.po_no + " from " + supplier + ", expected " +
                              o.expected_arrival + ", is " + std::to_string(o.days_overdue) + " day(s) overdue"});
  }
  return out;
}

const alerts::ToolAlertRegistration kAlerts({
    .tool = "suppliers",
    .rules = {{.name = "DeliveryOverdue",
               .severity = "warning",
               .description = "a shipment promised before as-of has not arrived"}},
    .signals = overdue_signals,
});

}  // namespace
}  // namespace luckyhub::suppliers
