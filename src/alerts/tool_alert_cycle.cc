#include "alerts/tool_alert_cycle.h"

#include "alerts/routing_silences.h"
#include "collect/health_store.h"
#include "core/error.h"
#include "core/log.h"
#include "warehouse/warehouse.h"

namespace luckyhub::alerts {
namespace {

// The silences, or none when the warehouse keeps no entered tables.
std::vector<Silence> silences_of(Warehouse& warehouse, const std::string& who) {
  try {
    return read_silences(warehouse);
  } catch (const Error& e) {
    log::warn(who, ": silences not read: ", e.what());
    return {};
  }
}

}  // namespace

ToolAlertCycle run_tool_alert_cycle(const ToolAlertCycleOptions& o, int64_t now) {
  std::string state = o.state;
  if (state.empty()) {
    if (o.warehouse.rfind("clickhouse://", 0) == 0) throw Error("a state file is needed with a clickhouse:// warehouse");
    state = o.warehouse;
  }
  o.routing.check_email(static_cast<bool>(o.email));
  auto store = collect::HealthStore::open(state);  // first: it may switch the file to WAL
  auto warehouse = open_warehouse(o.warehouse);
  const RuleSet rules = ToolAlertRegistry::instance().rules();
  AlertTracker tracker(rules, store->load_alerts());
  ToolAlertCycle out;
  out.run = run_tool_alerts(*warehouse, tracker, now);
  store->write({.ts = now, .transitions = out.run.transitions});
  Dispatcher dispatcher(o.routing);
  dispatcher.restore(store->routing_state(o.who));
  const std::vector<Notification> notices = dispatcher.tick(now, tracker.alerts(), silences_of(*warehouse, o.who));
  deliver_notifications(o.routing, notices, {.external_url = o.external_url, .email = o.email}, o.who);
  store->save_routing_state(o.who, dispatcher.save());
  out.alerts = tracker.alerts();
  out.notifications = notices.size();
  return out;
}

}  // namespace luckyhub::alerts
