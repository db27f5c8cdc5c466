// The staffing report: panels and registration of Tool 15, one function per
// panel. The reads are in staffing_read.cc, the plan in staffing_plan.cc.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "core/error.h"
#include "tools/param_options.h"
#include "tools/registry.h"
#include "tools/staffing/staffing.h"
#include "tools/staffing/staffing_actuals.h"

namespace luckyhub::staffing {
namespace {

Settings settings_of(const Params& params) {
  Settings s;
  s.target = {.answer_s = params.number("target_seconds"), .service_level = params.number("service_level"),
              .max_occupancy = params.number("max_occupancy"), .shrinkage = params.number("shrinkage")};
  if (params.number("patience_seconds") > 0) s.patience_s = params.number("patience_seconds");
  s.uplift = params.number("uplift");
  s.min_staff = static_cast<int>(params.integer("min_staff"));
  return s;
}

const char* const kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

std::string hour_label(int hour) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:00", hour);
  return buf;
}

std::string slot_label(const HourDemand& h) { return std::string(kDays[h.day.weekday()]) + " " + hour_label(h.hour); }

std::string source_of(const HourDemand& h) {
  if (h.lead_days) return "forecast, " + std::to_string(*h.lead_days) + " d ahead";
  return h.actual ? "paid orders (no forecast)" : "none";
}

// The week's shrinkage: the mean of its days', and where each came from.
KpiTile shrinkage_tile(const WeekShrinkage& week) {
  double sum = 0;
  int from[3] = {0, 0, 0};
  for (const DayShrinkage& d : week) sum += d.value, ++from[static_cast<int>(d.source)];
  return {"shrinkage", "Shrinkage planned with", sum / 7, ValueType::kRate, "", "", Status::kNone,
          "mean of the days: " + std::to_string(from[0]) + " from the weekday's no-shows, " + std::to_string(from[1]) +
              " from the store's, " + std::to_string(from[2]) + " the parameter"};
}

Panel summary_panel(const StorePlan& p, const Settings& s) {
  Panel panel{.id = "summary", .title = p.store.name + ": the week's plan", .kind = PanelKind::kKpis};
  const int64_t once = static_cast<int64_t>(std::ceil(p.staff_hours_fractional - 1e-9));
  char uplift[64];
  std::snprintf(uplift, sizeof uplift, "demand x %.2f", 1 + s.uplift);
  panel.kpis = {
      {"orders", "Orders to staff for", p.orders, ValueType::kNumber, "", "orders", Status::kNone,
       std::to_string(p.hours_from_actuals) + " hours on paid orders where no forecast exists"},
      {"aht", "Work per order", p.store.aht_s, ValueType::kNumber, "", "s", Status::kNone,
       "the store's product mix at each product's mean making time, last " + std::to_string(kBenchmarkDays) + " days"},
      {"staff_hours", "Staff-hours, whole people per hour", p.staff_hours_rounded, ValueType::kInt, "", "", Status::kNone,
       "Σ per hour of positions rounded up"},
      {"staff_hours_once", "Staff-hours, rounded once", once, ValueType::kInt, "", "", Status::kNone,
       "Σ fractional positions over the week, rounded up once"},
      {"staff_hours_fractional", "Staff-hours, fractional", p.staff_hours_fractional, ValueType::kNumber, "", "h",
       Status::kNone, "Σ fractional positions (service level interpolated between whole agents)"},
      {"what_if_extra", "What-if: extra staff-hours", p.staff_hours_uplift - p.staff_hours_rounded, ValueType::kInt, "",
       "", Status::kNone, std::string(uplift) + ": " + std::to_string(p.staff_hours_uplift) + " staff-hours"},
      {"hours_red", "Hours under-staffed", p.hours_red, ValueType::kInt, "", "",
       p.hours_red > 0 ? Status::kRed : (p.hours_yellow > 0 ? Status::kYellow : Status::kNone),
       std::to_string(p.hours_yellow) + " tight, " + std::to_string(p.hours_green) + " well staffed of the hours with actual staff"},
      shrinkage_tile(p.shrinkage),
  };
  return panel;
}

Panel chart_panel(const StorePlan& p, const std::vector<int>& open) {
  Panel panel{.id = "chart", .title = "Demand and recommended staff per hour", .kind = PanelKind::kBar};
  panel.description = "Bars: orders per hour the plan staffs for; line: recommended staff (positions after shrinkage).";
  panel.series.x_label = "hour";
  Series demand{.id = "orders", .label = "Orders", .type = ValueType::kNumber, .unit = "orders"};
  Series staff{.id = "staff", .label = "Recommended staff", .type = ValueType::kInt, .draw = "line"};
  Series actual{.id = "actual_staff", .label = "Actual staff", .type = ValueType::kInt, .draw = "line"};
  bool any_actual = false;
  for (const HourPlan& h : p.hours) {
    if (!std::binary_search(open.begin(), open.end(), h.demand.hour)) continue;
    panel.series.x.push_back(slot_label(h.demand));
    demand.values.push_back(h.demand.orders);
    staff.values.push_back(int64_t{h.need.positions});
    actual.values.push_back(h.actual_staff ? Cell{int64_t{*h.actual_staff}} : Cell{});
    any_actual = any_actual || h.actual_staff;
  }
  panel.series.series = {demand, staff};
  if (any_actual) panel.series.series.push_back(actual);
  return panel;
}

Panel status_panel(const StorePlan& p, const std::vector<int>& open) {
  Panel panel{.id = "status", .title = "Staffing by hour: actual against recommended", .kind = PanelKind::kHeatmap};
  panel.description = "Green: actual staff at least the recommended positions; yellow (tight): enough for the raw "
                      "agents only, nobody may be off; red: fewer than the raw agents. Empty: no actual staff entered.";
  panel.heatmap = {.x_label = "hour", .y_label = "day", .value_label = "status (0 green, 1 yellow, 2 red)",
                   .palette = "status"};
  for (int hour : open) panel.heatmap.x.push_back(hour_label(hour));
  for (int day = 0; day < 7; ++day) {
    panel.heatmap.y.push_back(std::string(kDays[day]) + " " + (p.hours[day * 24].demand.day).str());
    std::vector<Cell> row;
    for (int hour : open) {
      const HourPlan& h = p.hours[day * 24 + hour];
      row.push_back(h.status == Status::kNone ? Cell{}
                                              : Cell{int64_t{h.status == Status::kGreen ? 0 : h.status == Status::kYellow ? 1 : 2}});
    }
    panel.heatmap.values.push_back(std::move(row));
  }
  return panel;
}

// The store's actual staff, every hour of the week, for the manager to edit.
Panel entry_panel(const StorePlan& p, Date week) {
  Panel panel{.id = "actual_entry", .title = "Actual staff: enter and save", .kind = PanelKind::kEntry};
  panel.description = "People on the rota each hour (empty: not entered). Save stores the week for this store; "
                      "the grid, chart and status then compare it with the plan.";
  panel.heatmap = {.x_label = "hour", .y_label = "day", .value_label = "staff"};
  for (int hour = 0; hour < 24; ++hour) panel.heatmap.x.push_back(hour_label(hour).substr(0, 2));
  for (int day = 0; day < 7; ++day) {
    panel.heatmap.y.push_back(std::string(kDays[day]) + " " + (week + day).str());
    std::vector<Cell> row;
    for (int hour = 0; hour < 24; ++hour) {
      const std::optional<int>& staff = p.hours[day * 24 + hour].actual_staff;
      row.push_back(staff ? Cell{int64_t{*staff}} : Cell{});
    }
    panel.heatmap.values.push_back(std::move(row));
  }
  panel.entry = {.min = 0, .max = kMaxStaff, .url = "/api/staffing/actual", .method = "PUT", .key = "staff",
                 .fields = {{"store", p.store.shop_id}, {"week", week.str()}}};
  return panel;
}

Panel hours_panel(const StorePlan& p, const std::vector<int>& open) {
  Panel panel{.id = "hours", .title = "The plan, hour by hour", .kind = PanelKind::kTable};
  panel.table.columns = {{"day", "Day", ValueType::kDate},
                         {"hour", "Hour", ValueType::kText},
                         {"orders", "Orders", ValueType::kNumber, "", "orders"},
                         {"source", "Demand from", ValueType::kText},
                         {"paid_orders", "Paid orders", ValueType::kInt},
                         {"load", "Load", ValueType::kNumber, "", "Erlangs"},
                         {"agents", "Agents", ValueType::kInt},
                         {"positions", "Recommended staff", ValueType::kInt},
                         {"fractional", "Fractional staff", ValueType::kNumber, "", "staff"},
                         {"service_level", "Service level", ValueType::kRate},
                         {"what_if", "What-if staff", ValueType::kInt},
                         {"actual_staff", "Actual staff", ValueType::kInt},
                         {"status", "Status", ValueType::kText}};
  for (const HourPlan& h : p.hours) {
    if (!std::binary_search(open.begin(), open.end(), h.demand.hour)) continue;
    const bool staffed = h.need.at.agents > 0;
    panel.table.rows.push_back(
        {h.demand.day.str(), hour_label(h.demand.hour), h.demand.orders, source_of(h.demand),
         h.demand.actual ? Cell{*h.demand.actual} : Cell{}, h.demand.orders * p.store.aht_s / 3600.0,
         int64_t{h.need.at.agents}, int64_t{h.need.positions}, h.need.fractional_positions,
         staffed ? Cell{h.need.at.service_level} : Cell{}, int64_t{h.need_uplift.positions},
         h.actual_staff ? Cell{int64_t{*h.actual_staff}} : Cell{},
         h.status == Status::kNone ? Cell{} : Cell{std::string(to_string(h.status))}});
  }
  return panel;
}

Panel stores_panel(const std::vector<StorePlan>& plans, Date week) {
  Panel panel{.id = "stores", .title = "Every store's week", .kind = PanelKind::kTable};
  panel.table.columns = {
      {"shop_id", "Store", ValueType::kInt, "", "", "/reports/staffing?store={shop_id}&week=" + week.str()},
      {"name", "Name", ValueType::kText},
      {"orders", "Orders", ValueType::kNumber, "", "orders"},
      {"aht", "Work per order", ValueType::kNumber, "", "s"},
      {"staff_hours", "Staff-hours (per hour)", ValueType::kInt},
      {"staff_hours_once", "Staff-hours (rounded once)", ValueType::kInt},
      {"staff_hours_fractional", "Staff-hours (fractional)", ValueType::kNumber, "", "h"},
      {"what_if_extra", "What-if extra staff-hours", ValueType::kInt},
      {"hours_red", "Hours under-staffed", ValueType::kInt}};
  for (const StorePlan& p : plans) {
    panel.table.rows.push_back({p.store.shop_id, p.store.name, p.orders, p.store.aht_s, p.staff_hours_rounded,
                                static_cast<int64_t>(std::ceil(p.staff_hours_fractional - 1e-9)), p.staff_hours_fractional,
                                p.staff_hours_uplift - p.staff_hours_rounded, int64_t{p.hours_red}});
  }
  return panel;
}

Panel alerts_panel(const std::vector<alerts::Signal>& spikes, Date day, double threshold) {
  Panel panel{.id = "alerts", .title = "Same-day demand spikes", .kind = PanelKind::kAlerts};
  char buf[160];
  std::snprintf(buf, sizeof buf, "Stores whose paid orders on %s beat that morning's forecast by more than %.0f%%.",
                day.str().c_str(), 100 * threshold);
  panel.description = buf;
  for (const alerts::Signal& s : spikes)
    panel.alerts.push_back({Status::kRed, "Demand spike at store " + s.instance, s.summary,
                            "/reports/staffing?store=" + s.instance});
  return panel;
}

Panel fleet_panel(const WeekPlan& week, size_t spikes) {
  Panel panel{.id = "fleet", .title = "Every store, the week of " + week.data.week.str(), .kind = PanelKind::kKpis};
  panel.kpis = fleet_tiles(week, spikes);
  return panel;
}

Report compute(Warehouse& wh, const Params& params) {
  const WeekPlan week_plan = plan_week(wh, params);
  const WeekData& data = week_plan.data;
  const Settings& s = week_plan.settings;
  const std::vector<StorePlan>& plans = week_plan.plans;
  const Date week = data.week;
  const int64_t shop = params.has("store") ? params.integer("store") : plans.front().store.shop_id;
  const auto chosen = std::find_if(plans.begin(), plans.end(), [&](const StorePlan& p) { return p.store.shop_id == shop; });
  if (chosen == plans.end()) throw Error("store: " + std::to_string(shop) + " has no forecasts in the week of " + week.str());
  const std::vector<int> open = open_hours(*chosen);
  const std::vector<alerts::Signal> spikes = week_spikes(week_plan, params);
  Report r;
  r.panels = {summary_panel(*chosen, s), alerts_panel(spikes, spike_day(data), params.number("spike_threshold")),
              chart_panel(*chosen, open), status_panel(*chosen, open), entry_panel(*chosen, week),
              hours_panel(*chosen, open),
              stores_panel(plans, week), fleet_panel(week_plan, spikes.size())};
  std::map<int64_t, WeekShrinkage> used;
  std::map<int64_t, std::string> names;
  for (const StorePlan& p : plans) used[p.store.shop_id] = p.shrinkage, names[p.store.shop_id] = p.store.name;
  r.panels.push_back(no_show_heatmap(week_plan.no_show, names, params.has("store") ? shop : 0));
  r.panels.push_back(no_show_panel(week_plan.no_show, used, names, params));
  return r;
}

const ToolRegistration kRegistration(Tool{
    .id = "staffing",
    .number = 15,
    .department = "operations",
    .title = "Dynamic Staffing Optimizer",
    .summary = "Staff per store and hour from the order forecasts: Erlang C/A on the store's work per order, "
               "the weekly grid against actual staff, what-if demand, same-day spikes.",
    .params = {{.name = "store",
                .type = ParamType::kInt,
                .description = "store id (default: the first store with forecasts)",
                .min = 1,
                .max = 1e12,
                .label = "Store scheduled",
                .options = param_options::stores},
               {.name = "week",
                .type = ParamType::kDate,
                .description = "the week's Monday (default: the week of as-of)",
                .label = "Week (its Monday)"},
               {.name = "target_seconds",
                .type = ParamType::kNumber,
                .default_value = "120",
                .description = "target wait before an order is started, seconds",
                .min = 0,
                .max = 3600,
                .label = "Target wait (s)"},
               {.name = "service_level",
                .type = ParamType::kNumber,
                .default_value = "0.8",
                .description = "share of orders started within the target",
                .min = 0.01,
                .max = 0.99,
                .label = "Service level (share within the target)"},
               {.name = "max_occupancy",
                .type = ParamType::kNumber,
                .default_value = "0.85",
                .description = "highest share of time a barista is busy",
                .min = 0.1,
                .max = 1,
                .label = "Highest barista occupancy"},
               {.name = "shrinkage",
                .type = ParamType::kNumber,
                .default_value = "0.15",
                .description = "share of paid time off the floor (breaks, absence)",
                .min = 0,
                .max = 0.9,
                .label = "Shrinkage (share of paid time off the floor)"},
               {.name = "shrinkage_from",
                .type = ParamType::kChoice,
                .default_value = "history",
                .description = "history: each store's no-show rate on the rota where it has enough shifts, else the "
                               "shrinkage parameter; parameter: the shrinkage parameter everywhere",
                .choices = {"history", "parameter"},
                .label = "Shrinkage source (rota history or the parameter)"},
               {.name = "no_show_days",
                .type = ParamType::kInt,
                .default_value = "84",
                .description = "days of rota history before as-of behind the no-show rates",
                .min = 7,
                .max = 730,
                .label = "No-show history (days)"},
               {.name = "no_show_min_shifts",
                .type = ParamType::kInt,
                .default_value = "30",
                .description = "scheduled shifts a weekday (else the store) needs for its no-show rate to be used",
                .min = 1,
                .max = 1e6,
                .label = "No-show rate: at least (shifts)"},
               {.name = "patience_seconds",
                .type = ParamType::kNumber,
                .default_value = "0",
                .description = "mean patience of customers who walk away, seconds: Erlang A; 0: Erlang C",
                .min = 0,
                .max = 86400,
                .label = "Customer patience (s; 0: none)"},
               {.name = "min_staff",
                .type = ParamType::kInt,
                .default_value = "1",
                .description = "staff in every hour the store is open, whatever the demand",
                .min = 0,
                .max = 99,
                .label = "Minimum staff per open hour"},
               {.name = "uplift",
                .type = ParamType::kNumber,
                .default_value = "0.2",
                .description = "what-if: demand change as a share (0.2: +20% orders)",
                .min = -0.9,
                .max = 10,
                .label = "What-if: demand change (share)"},
               {.name = "spike_threshold",
                .type = ParamType::kNumber,
                .default_value = "0.3",
                .description = "same-day spike: paid orders above the forecast by this share",
                .min = 0,
                .max = 10,
                .label = "Spike: above forecast by (share)"},
               {.name = "spike_min_orders",
                .type = ParamType::kInt,
                .default_value = "5",
                .description = "same-day spike: and by at least this many orders",
                .min = 0,
                .max = 1e9,
                .label = "Spike: and by at least (orders)"}},
    .compute = compute,
    .store_param = "store"});

}  // namespace

std::vector<KpiTile> fleet_tiles(const WeekPlan& week, size_t spikes) {
  int64_t staff_hours = 0, hours_red = 0, with_actuals = 0;
  for (const StorePlan& p : week.plans) {
    staff_hours += p.staff_hours_rounded;
    hours_red += p.hours_red;
    with_actuals += p.hours_red + p.hours_yellow + p.hours_green > 0;
  }
  const int64_t n = static_cast<int64_t>(spikes);
  return {
      {"staff_hours", "Recommended staff-hours", staff_hours, ValueType::kInt, "", "", Status::kNone,
       "Σ over " + std::to_string(week.plans.size()) + " stores of whole positions per hour"},
      {"spikes", "Demand spikes", n, ValueType::kInt, "", "", n > 0 ? Status::kRed : Status::kGreen,
       "stores whose paid orders beat the same-morning forecast by the threshold"},
      {"hours_red", "Hours under-staffed", hours_red, ValueType::kInt, "", "",
       hours_red > 0 ? Status::kRed : Status::kNone,
       std::to_string(with_actuals) + " stores with actual staff entered"},
  };
}

WeekPlan plan_week(Warehouse& wh, const Params& params) {
  const Date as_of = Date::parse(wh.meta("as_of"));
  const Date week = params.has("week") ? monday_or_throw(params.date("week"), "week") : monday_of(as_of);
  WeekPlan out{.data = read_week(wh, week), .settings = settings_of(params)};
  if (out.data.stores.empty()) throw Error("staffing: no forecasts or paid orders in the week of " + week.str());
  const ActualStaff actual = read_actual_staff(wh, week);
  out.no_show = read_no_show(wh, as_of, static_cast<int>(params.integer("no_show_days")));
  const bool from_history = params.text("shrinkage_from") == "history";
  for (const StoreWeek& sw : out.data.stores) {
    const auto it = actual.find(sw.store.shop_id);
    const auto history = out.no_show.find(sw.store.shop_id);
    const WeekShrinkage shrinkage =
        shrinkage_of(history == out.no_show.end() ? nullptr : &history->second, out.settings.target.shrinkage,
                     params.integer("no_show_min_shifts"), from_history);
    out.plans.push_back(plan_store(sw, out.settings, it == actual.end() ? nullptr : &it->second, &shrinkage));
  }
  return out;
}

}  // namespace luckyhub::staffing
