// The stores report: parameters, compute() and the registration of Tool 13.
// Without `store` the ten-store grid and its panels; with it, that store's page.
#include "tools/stores/stores_panels.h"

namespace luckyhub::stores {

std::vector<ParamSpec> store_params() {
  const Thresholds t;
  const auto number = [](std::string name, double value, std::string description, double min, double max) {
    std::string text = std::to_string(value);
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.') text.pop_back();
    return ParamSpec{std::move(name), ParamType::kNumber, text, std::move(description), {}, min, max};
  };
  return {
      {"store", ParamType::kInt, "0", "A store's page (t_shop_info id); 0 for the grid", {}, 0, 1e12},
      {"weeks", ParamType::kInt, "4", "Weeks of the KPI window, ending at as-of", {}, 1, 26},
      {"trend_weeks", ParamType::kInt, "8", "Weeks of each store's trajectory", {}, 3, 52},
      {"cannibal_weeks", ParamType::kInt, "4", "Weeks before and after an opening compared", {}, 1, 12},
      number("radius_km", 1.0, "A store this near an opening (km) is nearby", 0.01, 100),
      number("min_drop", 0.10, "A nearby store this share down against the reference is cannibalised", 0.01, 0.95),
      number("min_expected", 3, "A scheduled day without orders is missed when the store's usual orders that weekday "
             "reach this", 0.1, 1e9),
      number("index_yellow", t.index_yellow, "Orders and revenue per open hour against peers: yellow below", 0, 100),
      number("index_red", t.index_red, "... red below", 0, 100),
      number("production_yellow_s", t.production_yellow, "Mean production seconds: yellow at or above", 1, 86400),
      number("production_red_s", t.production_red, "... red at or above", 1, 86400),
      number("uptime_yellow", t.uptime_yellow, "Machine uptime: yellow below", 0, 1),
      number("uptime_red", t.uptime_red, "... red below", 0, 1),
      number("stockouts_yellow", t.stockouts_yellow, "Items out of stock: yellow at or above", 0, 1e6),
      number("stockouts_red", t.stockouts_red, "... red at or above", 0, 1e6),
      number("compliance_yellow", t.compliance_yellow, "Scheduled days opened: yellow below", 0, 1),
      number("compliance_red", t.compliance_red, "... red below", 0, 1),
  };
}

Scope scope_of(Warehouse& wh, const Params& p) {
  Scope s{.as_of = Date::parse(wh.meta("as_of")),
          .weeks = static_cast<int>(p.integer("weeks")),
          .trend_weeks = static_cast<int>(p.integer("trend_weeks")),
          .cannibal_weeks = static_cast<int>(p.integer("cannibal_weeks")),
          .radius_km = p.number("radius_km"),
          .min_drop = p.number("min_drop"),
          .min_expected = p.number("min_expected"),
          .store_id = p.integer("store")};
  s.thresholds = {.index_yellow = p.number("index_yellow"), .index_red = p.number("index_red"),
                  .production_yellow = p.number("production_yellow_s"), .production_red = p.number("production_red_s"),
                  .uptime_yellow = p.number("uptime_yellow"), .uptime_red = p.number("uptime_red"),
                  .stockouts_yellow = p.number("stockouts_yellow"), .stockouts_red = p.number("stockouts_red"),
                  .compliance_yellow = p.number("compliance_yellow"), .compliance_red = p.number("compliance_red")};
  return s;
}

std::vector<MissedDay> confirmed_missed_days(Warehouse& wh, const StoreData& data, const Scope& scope) {
  std::vector<MissedDay> out;
  for (const MissedDay& m : missed_days(data, scope)) {
    if (tickets_on(wh, m.shop_id, m.day) == 0) out.push_back(m);
  }
  return out;
}

namespace {

Report compute(Warehouse& wh, const Params& params) {
  const Scope scope = scope_of(wh, params);
  const StoreData data = read_stores(wh, scope);
  const std::vector<Kpis> kpis = assess(data, scope);
  Report report;
  if (scope.store_id) {
    report.panels = store_panels(wh, data, kpis, scope);
    return report;
  }
  report.panels = {summary_panel(kpis, scope),
                   alerts_panel(store_signals(kpis, scope)),
                   grid_panel(kpis),
                   kpi_table_panel(kpis, scope),
                   leaderboard_panel(leaderboard(data, scope)),
                   trajectory_panel(trajectories(data, scope), scope),
                   cannibalisation_panel(cannibalisation(data, scope), scope),
                   missed_days_panel(data, confirmed_missed_days(wh, data, scope))};
  return report;
}

const ToolRegistration kRegistration(Tool{
    .id = "stores",
    .number = 13,
    .department = "operations",
    .title = "Store Performance Command Center",
    .summary = "Each store against its KPIs (orders and revenue per open hour, production time, machine uptime, items "
               "out of stock, opening-hours compliance) with traffic lights and against peers of the same age and "
               "weekday; the weekly leaderboard; trajectories; cannibalisation by nearby openings; one store's page.",
    .params = store_params(),
    .compute = compute,
    .store_param = "store",
});

}  // namespace
}  // namespace luckyhub::stores
