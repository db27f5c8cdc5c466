// The fleet over the window: outages, the maintenance due list, machine
// types compared, formula utilisation per machine.
#include <algorithm>
#include <cmath>
#include <set>

#include "tools/machines/machines_panels.h"

namespace luckyhub::machines {

Panel outages_panel(const FleetData& data, const std::vector<Assessed>& fleet, const Scope& scope) {
  Panel p{.id = "outages", .title = "Outages", .kind = PanelKind::kTable};
  p.description = "Offline spells (an offline event to the next online event) of " +
                  std::to_string(scope.outage_hours).substr(0, 4) + " h or more in the window; no end: offline now.";
  p.table.columns = {{"store", "Store"},
                     {"device_id", "Id", ValueType::kInt, "", "", device_link()},
                     {"device_no", "Device", ValueType::kText, "", "", device_link()},
                     {"machine_type", "Type"},
                     {"from", "Offline from (UTC)"},
                     {"to", "Back online (UTC)"},
                     {"hours", "Hours", ValueType::kNumber, "", "h"}};
  struct Line {
    const Assessed* a;
    const Spell* s;
  };
  std::vector<Line> lines;
  for (const Assessed& a : fleet) {
    for (const Spell& s : a.outages) lines.push_back({&a, &s});
  }
  std::stable_sort(lines.begin(), lines.end(), [](const Line& x, const Line& y) { return x.s->from < y.s->from; });
  for (const Line& l : lines) {
    const Device& d = *l.a->device;
    p.table.rows.push_back({store_of(data, d.shop_id), d.id, d.device_no, d.machine_type, l.s->from.str(),
                            l.s->to ? Cell{l.s->to->str()} : Cell{}, number_cell(l.s->hours(scope.as_of))});
  }
  return p;
}

Panel maintenance_panel(const FleetData& data, const std::vector<Assessed>& fleet, const Scope& scope) {
  Panel p{.id = "maintenance", .title = "Maintenance due", .kind = PanelKind::kTable};
  p.description = "Machines due within 7 days or overdue: the next maintenance is due " +
                  std::to_string(scope.maintenance_days) +
                  " days after the last maintenance-done event (or the install). Most overdue first.";
  p.table.columns = {{"store", "Store"},
                     {"device_id", "Id", ValueType::kInt, "", "", device_link()},
                     {"device_no", "Device", ValueType::kText, "", "", device_link()},
                     {"machine_type", "Type"},
                     {"state", "State"},
                     {"last_maintenance", "Last maintenance (UTC)"},
                     {"days_since", "Days since", ValueType::kNumber, "", "d"},
                     {"cups_since", "Cups since", ValueType::kInt},
                     {"due", "Due", ValueType::kDate},
                     {"days_overdue", "Days overdue", ValueType::kInt}};
  std::vector<const Assessed*> due;
  for (const Assessed& a : fleet) {
    if (a.maintenance.days_overdue >= -7) due.push_back(&a);
  }
  std::stable_sort(due.begin(), due.end(), [](const Assessed* a, const Assessed* b) {
    return a->maintenance.days_overdue > b->maintenance.days_overdue;
  });
  for (const Assessed* a : due) {
    const Device& d = *a->device;
    const Maintenance& m = a->maintenance;
    p.table.rows.push_back({store_of(data, d.shop_id), d.id, d.device_no, d.machine_type,
                            std::string(state_name(a->state)), m.last ? Cell{m.last->str()} : Cell{},
                            number_cell(m.days_since), m.last ? Cell{d.cups_since_maintenance} : Cell{},
                            m.due.str(), m.days_overdue});
  }
  return p;
}

Panel types_panel(const std::vector<Assessed>& fleet) {
  struct Sums {
    int64_t devices = 0, outages = 0, errors = 0, cups = 0;
    Uptime up;
    BrewHistogram recent;
    bool brewer = false;
  };
  std::map<std::string, Sums> types;
  for (const Assessed& a : fleet) {
    Sums& s = types[a.device->machine_type];
    s.devices += 1;
    s.outages += static_cast<int64_t>(a.outages.size());
    s.errors += a.device->errors;
    s.cups += a.device->cups;
    s.up.service_s += a.uptime.service_s;
    s.up.offline_s += a.uptime.offline_s;
    s.brewer = s.brewer || a.device->brewer;
    for (const auto& [sec, n] : a.device->recent) s.recent[sec] += n;
  }
  Panel p{.id = "types", .title = "Machine types compared", .kind = PanelKind::kTable};
  p.description = "Reliability and throughput per machine type over the window: uptime (time online over time in "
                  "service), outages, error events per 10,000 cups, cups per machine-day in service, and the "
                  "velocity of the recent weeks (3600 / median brew seconds).";
  p.table.columns = {{"machine_type", "Type"},
                     {"devices", "Machines", ValueType::kInt},
                     {"uptime", "Uptime", ValueType::kRate},
                     {"outages", "Outages", ValueType::kInt},
                     {"errors", "Error events", ValueType::kInt},
                     {"cups", "Cups", ValueType::kInt},
                     {"errors_per_10k", "Errors per 10K cups", ValueType::kNumber},
                     {"cups_per_day", "Cups per machine-day", ValueType::kNumber, "", "cups"},
                     {"cups_per_hour", "Recent cups/h brewing", ValueType::kNumber, "", "cups/h"}};
  for (const auto& [type, s] : types) {
    const double days = static_cast<double>(s.up.service_s) / 86400.0;
    const std::optional<double> median = median_seconds(s.recent);
    p.table.rows.push_back(
        {type, s.devices, rate_cell(s.up.share()), s.outages, s.errors, s.cups,
         s.brewer && s.cups ? number_cell(1e4 * static_cast<double>(s.errors) / static_cast<double>(s.cups)) : Cell{},
         s.brewer && days > 0 ? number_cell(static_cast<double>(s.cups) / days) : Cell{},
         median ? number_cell(3600.0 / *median) : Cell{}});
  }
  return p;
}

Panel formulas_panel(const FleetData& data, const std::vector<Assessed>& fleet) {
  std::map<std::string, int64_t> active_of_type;
  for (const auto& [id, f] : data.formulas) active_of_type[f.machine_type] += f.active;
  Panel p{.id = "formulas", .title = "Formula utilisation per machine", .kind = PanelKind::kTable};
  p.description = "The formulas each brewer ran in the window (t_coffee_formula): how many of the active formulas "
                  "of its type it used, the share of its cups on formulas made for its type, its top formula.";
  p.table.columns = {{"store", "Store"},
                     {"device_id", "Id", ValueType::kInt, "", "", device_link()},
                     {"device_no", "Device", ValueType::kText, "", "", device_link()},
                     {"machine_type", "Type"},
                     {"cups", "Cups", ValueType::kInt},
                     {"formulas_used", "Formulas used", ValueType::kInt},
                     {"own_type_formulas", "Active formulas of its type", ValueType::kInt},
                     {"own_type_used", "Of them used", ValueType::kRate},
                     {"own_type_cups", "Cups on its type's formulas", ValueType::kRate},
                     {"top_formula", "Top formula"},
                     {"top_share", "Top formula's share", ValueType::kRate}};
  for (const Assessed& a : fleet) {
    const Device& d = *a.device;
    const auto it = data.formula_use.find(d.device_no);
    if (!d.brewer || it == data.formula_use.end() || d.cups == 0) continue;
    int64_t own_cups = 0;
    std::set<int64_t> own_used;
    for (const FormulaUse& u : it->second) {
      const auto f = data.formulas.find(u.formula_id);
      if (f == data.formulas.end() || f->second.machine_type != d.machine_type) continue;
      own_cups += u.cups;
      if (f->second.active) own_used.insert(u.formula_id);
    }
    const int64_t own_total = active_of_type[d.machine_type];
    const FormulaUse& top = it->second.front();
    const auto top_f = data.formulas.find(top.formula_id);
    const double cups = static_cast<double>(d.cups);
    p.table.rows.push_back(
        {store_of(data, d.shop_id), d.id, d.device_no, d.machine_type, d.cups,
         static_cast<int64_t>(it->second.size()), own_total,
         own_total ? rate_cell(static_cast<double>(own_used.size()) / static_cast<double>(own_total)) : Cell{},
         rate_cell(static_cast<double>(own_cups) / cups),
         top_f == data.formulas.end() ? Cell{"formula " + std::to_string(top.formula_id)} : Cell{top_f->second.name},
         rate_cell(static_cast<double>(top.cups) / cups)});
  }
  return p;
}

}  // namespace luckyhub::machines
