// One machine's page (device=ID): its tiles, its cups per day, its error and
// maintenance logs, its offline spells and its formulas, over the window.
#include <algorithm>

#include "core/error.h"
#include "tools/machines/machines_panels.h"

namespace luckyhub::machines {
namespace {

const Assessed& find_device(const std::vector<Assessed>& fleet, int64_t id) {
  for (const Assessed& a : fleet) {
    if (a.device->id == id) return a;
  }
  throw Error("device " + std::to_string(id) + " is not a machine of t_device");
}

Panel device_summary(const FleetData& data, const Assessed& a) {
  const Device& d = *a.device;
  const Maintenance& m = a.maintenance;
  const Status status = a.state == State::kOffline ? Status::kRed
                        : a.state == State::kDegraded ? Status::kYellow
                                                      : Status::kGreen;
  Panel p{.id = "device", .title = d.device_no + " " + d.name, .kind = PanelKind::kKpis};
  p.kpis = {
      {"state", "State", std::string(state_name(a.state)), ValueType::kText, "", "", status,
       d.online ? "" : "last heartbeat " + d.last_online.str() + " UTC"},
      {"machine_type", "Type", d.machine_type, ValueType::kText},
      {"store", "Store", store_of(data, d.shop_id), ValueType::kText},
      {"uptime", "Uptime", rate_cell(a.uptime.share()), ValueType::kRate, "", "", Status::kNone, "the window"},
      {"cups", "Cups", d.cups, ValueType::kInt, "", "", Status::kNone, "the window"},
      {"velocity", "Recent cups/h brewing", number_cell(a.velocity.recent), ValueType::kNumber, "", "cups/h",
       Status::kNone, "baseline " + (a.velocity.baseline ? std::to_string(*a.velocity.baseline).substr(0, 5) : "-")},
      {"last_maintenance", "Last maintenance", m.last ? Cell{m.last->str()} : Cell{}, ValueType::kText},
      {"days_since_maintenance", "Days since maintenance", number_cell(m.days_since), ValueType::kNumber, "", "d",
       m.days_overdue > 0 ? Status::kYellow : Status::kGreen, "due " + m.due.str()},
      {"cups_since_maintenance", "Cups since maintenance", m.last ? Cell{d.cups_since_maintenance} : Cell{},
       ValueType::kInt},
  };
  return p;
}

Panel history_panel(Warehouse& wh, const Device& d, const Scope& scope) {
  const Dialect& dialect = wh.dialect();
  const ResultSet r = wh.query("SELECT " + dialect.ny_date("start_time") +
                                   " AS day, COUNT(*) AS cups FROM iot_platform__t_cup_order_info"
                                   " WHERE tenant = 'LKUS' AND status = 1 AND device_no = ? AND start_time >= ?"
                                   " AND start_time < ? GROUP BY day ORDER BY day",
                               {d.device_no, scope.window_from().str(), scope.window_to().str()});
  std::map<std::string, int64_t> by_day;
  for (const Row row : r) by_day[row.text("day")] = row.integer("cups");
  Panel p{.id = "history", .title = "Cups per day", .kind = PanelKind::kTimeseries};
  p.series.x_label = "day";
  p.series.x_type = ValueType::kDate;
  Series cups{"cups", "Cups", ValueType::kInt};
  for (Date day = std::max(scope.window.from, new_york_date(d.install_time)); day < scope.window.to; ++day) {
    p.series.x.push_back(day.str());
    const auto it = by_day.find(day.str());
    cups.values.push_back(it == by_day.end() ? int64_t{0} : it->second);
  }
  p.series.series.push_back(std::move(cups));
  return p;
}

// The error log (types 3, 4) or the maintenance log (5, 6), latest first.
Panel log_panel(Warehouse& wh, const Device& d, const Scope& scope, bool errors) {
  const ResultSet r = wh.query(
      std::string("SELECT event_time, event_type, event_level, error_code, event_desc FROM iot_platform__t_device_event"
                  " WHERE tenant = 'LKUS' AND device_no = ? AND event_type IN ") +
          (errors ? "(3, 4)" : "(5, 6)") + " AND event_time >= ? AND event_time < ? ORDER BY event_time DESC, id DESC",
      {d.device_no, scope.window_from().str(), scope.window_to().str()});
  Panel p{.id = errors ? "errors" : "maintenance_log", .title = errors ? "Error log" : "Maintenance log",
          .kind = PanelKind::kTable};
  p.table.columns = {{"time", "Time (UTC)"}, {"event", "Event"}, {"level", "Level", ValueType::kInt},
                     {"error_code", "Code"}, {"description", "Description"}};
  static const char* kNames[] = {"", "online", "offline", "error", "error cleared", "maintenance start",
                                 "maintenance done"};
  for (const Row row : r) {
    const int64_t type = row.integer("event_type");
    p.table.rows.push_back({row.text("event_time"), std::string(type >= 1 && type <= 6 ? kNames[type] : "other"),
                            row.integer("event_level"),
                            row.is_null("error_code") ? Cell{} : Cell{row.text("error_code")},
                            row.is_null("event_desc") ? Cell{} : Cell{row.text("event_desc")}});
  }
  return p;
}

Panel spells_panel(const Device& d, const Scope& scope) {
  Panel p{.id = "offline_spells", .title = "Offline spells", .kind = PanelKind::kTable};
  p.table.columns = {{"from", "Offline from (UTC)"}, {"to", "Back online (UTC)"},
                     {"hours", "Hours", ValueType::kNumber, "", "h"}};
  const Timestamp from = scope.window_from(), to = scope.window_to();
  for (const Spell& s : offline_spells(d.events)) {
    if (s.from >= to || s.to.value_or(to) <= from) continue;
    p.table.rows.push_back({s.from.str(), s.to ? Cell{s.to->str()} : Cell{}, number_cell(s.hours(scope.as_of))});
  }
  return p;
}

Panel device_formulas(const FleetData& data, const Device& d) {
  Panel p{.id = "device_formulas", .title = "Formulas", .kind = PanelKind::kTable};
  p.table.columns = {{"formula_id", "Formula", ValueType::kInt}, {"name", "Name"}, {"machine_type", "Made for"},
                     {"cups", "Cups", ValueType::kInt}, {"share", "Share", ValueType::kRate}};
  const auto it = data.formula_use.find(d.device_no);
  if (it == data.formula_use.end()) return p;
  for (const FormulaUse& u : it->second) {
    const auto f = data.formulas.find(u.formula_id);
    const bool known = f != data.formulas.end();
    p.table.rows.push_back({u.formula_id, known ? Cell{f->second.name} : Cell{},
                            known ? Cell{f->second.machine_type} : Cell{}, u.cups,
                            rate_cell(static_cast<double>(u.cups) / static_cast<double>(std::max<int64_t>(1, d.cups)))});
  }
  return p;
}

}  // namespace

std::vector<Panel> device_panels(Warehouse& wh, const FleetData& data, const std::vector<Assessed>& fleet,
                                 const Scope& scope) {
  const Assessed& a = find_device(fleet, scope.device_id);
  const Device& d = *a.device;
  return {device_summary(data, a), history_panel(wh, d, scope), log_panel(wh, d, scope, true),
          log_panel(wh, d, scope, false), spells_panel(d, scope), device_formulas(data, d)};
}

}  // namespace luckyhub::machines
