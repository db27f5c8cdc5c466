// The fleet's state now: the summary tiles, the alerts, the floor-plan map,
// every device, and the velocity check of every brewer.
#include <algorithm>
#include <cmath>

#include "tools/machines/machines_panels.h"

namespace luckyhub::machines {
std::string store_of(const FleetData& data, int64_t shop_id) {
  const auto it = data.store_names.find(shop_id);
  return it == data.store_names.end() ? std::to_string(shop_id) : it->second;
}

Panel summary_panel(const FleetData& data, const std::vector<Assessed>& fleet, const Scope& scope) {
  int64_t counts[3] = {0, 0, 0}, outages = 0, overdue = 0;
  Uptime total;
  double lost = 0;
  for (const Assessed& a : fleet) {
    counts[state_level(a.state)] += 1;
    outages += static_cast<int64_t>(a.outages.size());
    overdue += a.maintenance.days_overdue > 0;
    total.service_s += a.uptime.service_s;
    total.offline_s += a.uptime.offline_s;
    lost += a.velocity.lost_cups;
  }
  const double per_cup = revenue_per_cup_cents(data);
  Panel p{.id = "summary", .title = "Fleet now", .kind = PanelKind::kKpis};
  p.kpis = {
      {"devices", "Machines", static_cast<int64_t>(fleet.size()), ValueType::kInt},
      {"online", "Online", counts[0], ValueType::kInt, "", "", Status::kGreen, "online, at their usual velocity"},
      {"degraded", "Degraded", counts[1], ValueType::kInt, "", "", counts[1] ? Status::kYellow : Status::kGreen,
       "brewing over " + std::to_string(std::lround(scope.degraded_drop * 100)) + "% slower than their baseline"},
      {"offline", "Offline", counts[2], ValueType::kInt, "", "", counts[2] ? Status::kRed : Status::kGreen},
      {"uptime", "Fleet uptime", rate_cell(total.share()), ValueType::kRate, "", "", Status::kNone,
       "time online over time in service, the window"},
      {"outages", "Outages", outages, ValueType::kInt, "", "", Status::kNone,
       "offline spells of " + std::to_string(scope.outage_hours).substr(0, 4) + " h or more, the window"},
      {"maintenance_overdue", "Maintenance overdue", overdue, ValueType::kInt, "", "",
       overdue ? Status::kYellow : Status::kGreen,
       "over " + std::to_string(scope.maintenance_days) + " days since the last"},
      {"lost_cups", "Cups lost to slow machines", static_cast<int64_t>(std::llround(lost)), ValueType::kInt, "", "",
       Status::kNone, "the last " + std::to_string(scope.recent_weeks) + " weeks"},
      {"lost_revenue", "Revenue at risk", static_cast<int64_t>(std::llround(lost * per_cup)), ValueType::kMoney, "USD",
       "", Status::kNone, "lost cups x paid revenue per cup brewed"},
  };
  return p;
}

Panel alerts_panel(const std::vector<alerts::Signal>& signals) {
  Panel p{.id = "alerts", .title = "Alerts", .kind = PanelKind::kAlerts};
  p.description = "Machines offline now (MachineOffline) and brewers degraded (MachineDegraded).";
  for (const alerts::Signal& s : signals) {
    const bool offline = s.rule == "MachineOffline";
    p.alerts.push_back({offline ? Status::kRed : Status::kYellow, s.rule + ": store " + s.instance + " " + s.object,
                        s.summary, ""});
  }
  return p;
}

// Stores down, each store's machines across in id order: the floor plan.
Panel map_panel(const FleetData& data, const std::vector<Assessed>& fleet) {
  Panel p{.id = "map", .title = "Machines per store", .kind = PanelKind::kHeatmap};
  p.description = "Every machine of every store: green online, yellow degraded, red offline.";
  HeatmapData& h = p.heatmap;
  h.x_label = "machine";
  h.y_label = "store";
  h.value_label = "state (0 online, 1 degraded, 2 offline)";
  h.palette = "status";
  std::map<int64_t, std::vector<int>> by_store;
  size_t widest = 0;
  for (const Assessed& a : fleet) {
    auto& row = by_store[a.device->shop_id];
    row.push_back(state_level(a.state));
    widest = std::max(widest, row.size());
  }
  for (size_t i = 1; i <= widest; ++i) h.x.push_back("#" + std::to_string(i));
  for (const auto& [shop, levels] : by_store) {
    h.y.push_back(store_of(data, shop));
    std::vector<Cell> row(widest, std::monostate{});
    for (size_t i = 0; i < levels.size(); ++i) row[i] = static_cast<int64_t>(levels[i]);
    h.values.push_back(std::move(row));
  }
  return p;
}

Panel devices_panel(const FleetData& data, const std::vector<Assessed>& fleet) {
  Panel p{.id = "devices", .title = "Every machine", .kind = PanelKind::kTable};
  p.table.columns = {{"store", "Store"},
                     {"device_id", "Id", ValueType::kInt, "", "", device_link()},
                     {"device_no", "Device", ValueType::kText, "", "", device_link()},
                     {"name", "Name"},
                     {"machine_type", "Type"},
                     {"state", "State"},
                     {"uptime", "Uptime", ValueType::kRate},
                     {"cups", "Cups", ValueType::kInt},
                     {"velocity_change", "Velocity vs baseline", ValueType::kRate},
                     {"days_since_maintenance", "Days since maintenance", ValueType::kNumber, "", "d"}};
  for (const Assessed& a : fleet) {
    const Device& d = *a.device;
    p.table.rows.push_back({store_of(data, d.shop_id), d.id, d.device_no, d.name, d.machine_type,
                            std::string(state_name(a.state)), rate_cell(a.uptime.share()), d.cups,
                            a.velocity.judged ? rate_cell(a.velocity.change) : Cell{},
                            number_cell(a.maintenance.days_since)});
  }
  return p;
}

Panel velocity_panel(const FleetData& data, const std::vector<Assessed>& fleet, const Scope& scope) {
  Panel p{.id = "velocity", .title = "Production velocity against each brewer's baseline", .kind = PanelKind::kTable};
  p.description = "Cups per brewing hour (3600 / median brew seconds) in the last " + std::to_string(scope.recent_weeks) +
                  " weeks against the " + std::to_string(scope.baseline_weeks) +
                  " weeks before, the same weekdays and hours each; degraded under -" +
                  std::to_string(std::lround(scope.degraded_drop * 100)) + "% with " + std::to_string(scope.min_cups) +
                  " cups or more in each period. Slowest first.";
  p.table.columns = {{"store", "Store"},
                     {"device_id", "Id", ValueType::kInt, "", "", device_link()},
                     {"device_no", "Device", ValueType::kText, "", "", device_link()},
                     {"machine_type", "Type"},
                     {"baseline_cups", "Baseline cups", ValueType::kInt},
                     {"recent_cups", "Recent cups", ValueType::kInt},
                     {"baseline_per_hour", "Baseline cups/h", ValueType::kNumber, "", "cups/h"},
                     {"recent_per_hour", "Recent cups/h", ValueType::kNumber, "", "cups/h"},
                     {"change", "Change", ValueType::kRate},
                     {"degraded", "Degraded"},
                     {"lost_cups", "Lost cups", ValueType::kNumber, "", "cups"},
                     {"lost_revenue", "Revenue at risk", ValueType::kMoney, "USD"}};
  std::vector<const Assessed*> judged;
  for (const Assessed& a : fleet) {
    if (a.velocity.judged) judged.push_back(&a);
  }
  std::stable_sort(judged.begin(), judged.end(),
                   [](const Assessed* a, const Assessed* b) { return *a->velocity.change < *b->velocity.change; });
  const double per_cup = revenue_per_cup_cents(data);
  for (const Assessed* a : judged) {
    const Device& d = *a->device;
    const Velocity& v = a->velocity;
    p.table.rows.push_back({store_of(data, d.shop_id), d.id, d.device_no, d.machine_type, v.baseline_cups,
                            v.recent_cups, number_cell(v.baseline), number_cell(v.recent), rate_cell(v.change),
                            std::string(v.degraded ? "yes" : ""), number_cell(v.lost_cups),
                            static_cast<int64_t>(std::llround(v.lost_cups * per_cup))});
  }
  return p;
}

}  // namespace luckyhub::machines
