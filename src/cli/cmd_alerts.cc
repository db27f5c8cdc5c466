// `luckyhub alerts`: one evaluation of every tool's alerts (alerts/tool_alerts.h)
// on a warehouse, their state kept in a SQLite state file (the health tables:
// the same alert table and timeline as the collector's), transitions
// routed to receivers (alerts/routing_dispatch.h: the --routing file's route
// tree, and every --webhook). Run after each sync; `serve --delivery` runs the
// same cycle after each of its sync jobs (alerts/tool_alert_cycle.h).
#include <ctime>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "alerts/routing_email.h"
#include "alerts/tool_alert_cycle.h"
#include "cli/commands.h"
#include "core/error.h"
#include "delivery/delivery_file.h"

namespace luckyhub::cli {
namespace {

struct Options {
  std::string warehouse, state, external_url, routing, format = "text";
  std::vector<std::string> webhooks;
};

nlohmann::json alert_json(const alerts::AlertRecord& a) {
  return {{"rule", a.key.rule},         {"instance", a.key.instance}, {"object", a.key.object},
          {"state", alerts::state_name(a.state)}, {"severity", a.severity}, {"value", a.value},
          {"summary", a.summary}, {"labels", alerts::alert_labels(a)}};
}

void run(const Options& o) {
  for (const std::string& url : o.webhooks)
    if (url.rfind("http://", 0) != 0) throw Error("--webhook wants an http:// URL");
  alerts::ToolAlertCycleOptions cycle{.warehouse = o.warehouse, .state = o.state, .external_url = o.external_url};
  if (o.state.empty() && o.warehouse.rfind("clickhouse://", 0) == 0) {
    throw Error("--state FILE is needed with a clickhouse:// warehouse");
  }
  if (!o.routing.empty()) {
    cycle.routing = alerts::load_routing(o.routing);
    // The file's [smtp], when it has one (the whole delivery file is validated).
    const delivery::DeliveryConfig file = delivery::load_delivery_file(o.routing);
    if (file.smtp) cycle.email = alerts::smtp_email_sender(*file.smtp);
  }
  alerts::add_webhooks(cycle.routing, o.webhooks);
  const alerts::ToolAlertCycle c = alerts::run_tool_alert_cycle(cycle, std::time(nullptr));
  const alerts::ToolAlertRun& r = c.run;
  int64_t firing = 0;
  for (const auto& [key, a] : c.alerts) firing += a.state == alerts::AlertState::kFiring;
  if (o.format == "json") {
    nlohmann::json out = {{"active", r.active}, {"firing", firing}, {"notifications", c.notifications},
                          {"transitions", nlohmann::json::array()},
                          {"alerts", nlohmann::json::array()}, {"errors", r.errors}};
    for (const alerts::Transition& t : r.transitions) {
      nlohmann::json j = alert_json(t.alert);
      j["from"] = alerts::state_name(t.from);
      out["transitions"].push_back(std::move(j));
    }
    for (const auto& [key, a] : c.alerts) out["alerts"].push_back(alert_json(a));
    std::cout << out.dump(2) << "\n";
  } else {
    for (const alerts::Transition& t : r.transitions)
      std::cout << alerts::state_name(t.from) << " -> " << alerts::state_name(t.alert.state) << "  " << t.alert.key.rule
                << "  " << t.alert.summary << "\n";
    for (const std::string& e : r.errors) std::cout << "error: " << e << "\n";
    std::cout << r.active << " condition(s) holding, " << firing << " alert(s) firing, " << r.transitions.size()
              << " transition(s), " << c.notifications << " notification(s)\n";
  }
  if (!r.errors.empty()) throw Error(std::to_string(r.errors.size()) + " tool(s) could not be evaluated");
}

}  // namespace

void add_alerts(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "alerts",
      "Evaluate every tool's alerts (overdue deliveries, stock-out risks, ...) on a warehouse once: "
      "new conditions fire, cleared ones resolve, transitions go to the webhooks (docs/alerts.md)");
  auto o = std::make_shared<Options>();
  cmd->add_option("--warehouse", o->warehouse, "Warehouse: a SQLite file or a clickhouse:// location")->required();
  cmd->add_option("--state", o->state, "SQLite file keeping the alert state (default: the warehouse itself)");
  cmd->add_option("--webhook", o->webhooks,
                  "http:// URL receiving Alertmanager's webhook JSON for every alert (repeatable)");
  cmd->add_option("--routing", o->routing,
                  "Delivery file whose [route], [[receiver]] and [[inhibit]] route the alerts (docs/alerts.md)");
  cmd->add_option("--external-url", o->external_url, "The dashboard's URL, for links in webhook alerts");
  cmd->add_option("--format", o->format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  cmd->callback([o] { run(*o); });
}

}  // namespace luckyhub::cli
