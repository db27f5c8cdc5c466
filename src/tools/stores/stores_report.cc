// The stores report: parameters, compute() and the registration of Tool 13.
// Without `store` the ten-store grid and its panels; with it, that store's page.
#include <algorithm>

#include "core/error.h"
#include "tools/param_options.h"
#include "tools/stores/stores_panels.h"

namespace luckyhub::stores {

std::vector<ParamSpec> store_params() {
  const Thresholds t;
  const auto number = [](std::string name, double value, std::string description, double min, double max,
                          std::string label) {
    std::string text = std::to_string(value);
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.') text.pop_back();
    return ParamSpec{.name = std::move(name),
                     .type = ParamType::kNumber,
                     .default_value = text,
                     .description = std::move(description),
                     .min = min,
                     .max = max,
                     .label = std::move(label)};
  };
  const auto weeks = [](std::string name, std::string value, std::string description, double min, double max,
                        std::string label) {
    return ParamSpec{.name = std::move(name),
                     .type = ParamType::kInt,
                     .default_value = std::move(value),
                     .description = std::move(description),
                     .min = min,
                     .max = max,
                     .label = std::move(label)};
  };
  return {
      {.name = "store",
       .type = ParamType::kInt,
       .default_value = "0",
       .description = "A store's page (t_shop_info id); 0 for the grid",
       .min = 0,
       .max = 1e12,
       .label = "Store's page",
       .options = param_options::stores},
      weeks("weeks", "4", "Weeks of the KPI window, ending at as-of", 1, 26, "KPI window (weeks)"),
      weeks("trend_weeks", "8", "Weeks of each store's trajectory", 3, 52, "Trajectory (weeks)"),
      weeks("cannibal_weeks", "4", "Weeks before and after an opening compared", 1, 12,
            "Around an opening (weeks each side)"),
      number("radius_km", 1.0, "A store this near an opening (km) is nearby", 0.01, 100, "Nearby radius (km)"),
      number("min_drop", 0.10, "A nearby store this share down against the reference is cannibalised", 0.01, 0.95,
             "Cannibalised from a drop of (share)"),
      number("min_expected", 3, "A scheduled day without orders is missed when the store's usual orders that weekday "
             "reach this", 0.1, 1e9, "Missed day: usual orders at least"),
      {.name = "location_by",
       .type = ParamType::kChoice,
       .default_value = location_by_names()[0],
       .description = "Location peers: the same city and kind of site (t_shop_info.city, shop_type), the same kind "
                      "of site, or the same city",
       .choices = location_by_names(),
       .label = "Location peers by"},
      number("index_yellow", t.index_yellow, "Orders and revenue per open hour against peers: yellow below", 0, 100,
             "Peer index: yellow below"),
      number("index_red", t.index_red, "Orders and revenue per open hour against peers: red below", 0, 100, "Peer index: red below"),
      number("production_yellow_s", t.production_yellow, "Mean production seconds: yellow at or above", 1, 86400,
             "Production time: yellow from (s)"),
      number("production_red_s", t.production_red, "Mean production seconds: red at or above", 1, 86400, "Production time: red from (s)"),
      number("uptime_yellow", t.uptime_yellow, "Machine uptime: yellow below", 0, 1, "Machine uptime: yellow below"),
      number("uptime_red", t.uptime_red, "Machine uptime: red below", 0, 1, "Machine uptime: red below"),
      number("stockouts_yellow", t.stockouts_yellow, "Items out of stock: yellow at or above", 0, 1e6,
             "Items out of stock: yellow from"),
      number("stockouts_red", t.stockouts_red, "Items out of stock: red at or above", 0, 1e6, "Items out of stock: red from"),
      number("compliance_yellow", t.compliance_yellow, "Scheduled days opened: yellow below", 0, 1,
             "Days opened as scheduled: yellow below"),
      number("compliance_red", t.compliance_red, "Scheduled days opened: red below", 0, 1, "Days opened as scheduled: red below"),
  };
}

namespace {

// Params::parse has checked a given value is one of the choices; an empty
// one is the default, as for any parameter.
LocationBy location_by_of(const std::string& name) {
  if (name.empty()) return LocationBy::kCityAndType;
  const auto& names = location_by_names();
  const auto at = std::find(names.begin(), names.end(), name);
  if (at == names.end()) throw Error("parameter location_by='" + name + "' is not a location type");
  return static_cast<LocationBy>(at - names.begin());
}

}  // namespace

Scope scope_of(Warehouse& wh, const Params& p) {
  Scope s{.as_of = Date::parse(wh.meta("as_of")),
          .weeks = static_cast<int>(p.integer("weeks")),
          .trend_weeks = static_cast<int>(p.integer("trend_weeks")),
          .cannibal_weeks = static_cast<int>(p.integer("cannibal_weeks")),
          .radius_km = p.number("radius_km"),
          .min_drop = p.number("min_drop"),
          .min_expected = p.number("min_expected"),
          .store_id = p.integer("store"),
          .location_by = location_by_of(p.text("location_by"))};
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
                   location_chart(kpis, scope),
                   location_panel(kpis, scope),
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
               "weekday, and of the same location type; the weekly leaderboard; trajectories; cannibalisation by "
               "nearby openings; one store's page.",
    .params = store_params(),
    .compute = compute,
    .store_param = "store",
});

}  // namespace
}  // namespace luckyhub::stores
