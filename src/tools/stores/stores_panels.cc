// The grid's panels: the summary tiles with the data's as-of, the alerts,
// the ten-store traffic-light grid, the KPI table with the figures against
// peers, and the missed days.
#include <cmath>

#include "tools/stores/stores_panels.h"

namespace luckyhub::stores {

std::string label_of(const Store& s) {
  std::string name = s.name;
  if (name.starts_with("Luckin Coffee ")) name = name.substr(14);
  return s.shop_no + " " + name;
}

Cell kpi_cell(const Kpis& k, size_t kpi) {
  if (kpi == 4) return k.stock_outs;
  return kpi == 2 ? number_cell(kpi_value(k, kpi)) : rate_cell(kpi_value(k, kpi));
}

Panel summary_panel(const std::vector<Kpis>& kpis, const Scope& scope) {
  int64_t counts[3] = {0, 0, 0};
  for (const Kpis& k : kpis) counts[static_cast<int>(worst(k))] += 1;
  Panel p{.id = "summary", .title = "Stores now", .kind = PanelKind::kKpis};
  p.kpis = {
      {"as_of", "Data as of", (scope.as_of - 1).str(), ValueType::kText, "", "", Status::kNone,
       "the last full New York day of the data"},
      {"window", "KPI window", scope.from().str() + " to " + (scope.as_of - 1).str(), ValueType::kText},
      {"stores", "Stores", static_cast<int64_t>(kpis.size()), ValueType::kInt},
      {"green", "All KPIs green", counts[0], ValueType::kInt, "", "", Status::kGreen},
      {"yellow", "Worst KPI yellow", counts[1], ValueType::kInt, "", "", counts[1] ? Status::kYellow : Status::kGreen},
      {"red", "A KPI red", counts[2], ValueType::kInt, "", "", counts[2] ? Status::kRed : Status::kGreen},
  };
  return p;
}

Panel alerts_panel(const std::vector<alerts::Signal>& signals) {
  Panel p{.id = "alerts", .title = "Alerts", .kind = PanelKind::kAlerts};
  p.description = "Every KPI of every store past its red threshold (StoreKpiRed).";
  for (const alerts::Signal& s : signals) {
    p.alerts.push_back({Status::kRed, s.rule + ": store " + s.instance + " " + s.object, s.summary,
                        "/tools/stores?store=" + s.instance});
  }
  return p;
}

Panel grid_panel(const std::vector<Kpis>& kpis) {
  Panel p{.id = "grid", .title = "Stores against their KPIs", .kind = PanelKind::kHeatmap};
  p.description = "Each store's KPIs over the window: green, yellow or red against the thresholds (parameters).";
  HeatmapData& h = p.heatmap;
  h.x_label = "KPI";
  h.y_label = "store";
  h.value_label = "0 green, 1 yellow, 2 red";
  h.palette = "status";
  for (const auto& [id, label] : kpi_names()) h.x.push_back(label);
  for (const Kpis& k : kpis) {
    h.y.push_back(label_of(*k.store));
    std::vector<Cell> row;
    for (const Level l : k.levels) row.push_back(static_cast<int64_t>(l));
    h.values.push_back(std::move(row));
  }
  return p;
}

Panel kpi_table_panel(const std::vector<Kpis>& kpis, const Scope& scope) {
  Panel p{.id = "kpis", .title = "KPIs per store", .kind = PanelKind::kTable};
  p.description = "The last " + std::to_string(scope.weeks) +
                  " weeks. Open hours: the scheduled app-pickup slots. \"vs peers\": the store's figure over the mean "
                  "of the other stores on the day of the same week since opening and weekday (1 = as they did).";
  p.table.columns = {{"store_id", "Id", ValueType::kInt, "", "", store_link()},
                     {"store", "Store", ValueType::kText, "", "", store_link()},
                     {"opened", "Opened", ValueType::kDate},
                     {"open_hours", "Open hours", ValueType::kNumber, "", "h"},
                     {"orders", "Paid orders", ValueType::kInt},
                     {"orders_per_hour", "Orders / open hour", ValueType::kNumber},
                     {"orders_vs_peers", "Orders vs peers", ValueType::kRate},
                     {"revenue_per_hour", "Revenue / open hour", ValueType::kMoney, "USD"},
                     {"revenue_vs_peers", "Revenue vs peers", ValueType::kRate},
                     {"production_s", "Avg production", ValueType::kNumber, "", "s"},
                     {"uptime", "Machine uptime", ValueType::kRate},
                     {"machines_offline", "Machines offline", ValueType::kInt},
                     {"stock_outs", "Items out of stock", ValueType::kInt},
                     {"compliance", "Days opened as scheduled", ValueType::kRate},
                     {"status", "Worst KPI"}};
  static const char* kNames[] = {"green", "yellow", "red"};
  for (const Kpis& k : kpis) {
    const Store& s = *k.store;
    p.table.rows.push_back(
        {s.id, label_of(s), s.opened.str(), number_cell(k.open_hours), k.orders,
         k.orders_per_hour ? Cell{std::round(*k.orders_per_hour * 100) / 100} : Cell{}, kpi_cell(k, 0),
         k.revenue_per_hour ? Cell{static_cast<int64_t>(std::llround(*k.revenue_per_hour))} : Cell{}, kpi_cell(k, 1),
         kpi_cell(k, 2), kpi_cell(k, 3), k.machines_offline, k.stock_outs, kpi_cell(k, 5),
         std::string(kNames[static_cast<int>(worst(k))])});
  }
  return p;
}

Panel missed_days_panel(const StoreData& data, const std::vector<MissedDay>& days) {
  Panel p{.id = "missed_days", .title = "Scheduled days not opened", .kind = PanelKind::kTable};
  p.description = "Days the schedule (t_shop_opening_time) had the store open for app pickup and it took no paid "
                  "order and made no production ticket, while it usually takes orders that weekday.";
  p.table.columns = {{"store_id", "Id", ValueType::kInt, "", "", store_link()},
                     {"store", "Store"},
                     {"day", "Day", ValueType::kDate},
                     {"expected", "Usual orders that weekday", ValueType::kNumber}};
  for (const MissedDay& m : days) {
    std::string name = std::to_string(m.shop_id);
    for (const Store& s : data.stores) {
      if (s.id == m.shop_id) name = label_of(s);
    }
    p.table.rows.push_back({m.shop_id, name, m.day.str(), number_cell(m.expected)});
  }
  return p;
}

}  // namespace luckyhub::stores
