// Tool 15, Dynamic Staffing Optimizer (id "staffing"): the staff each store
// needs per hour of a week, from the replenishment system's hourly order
// forecasts (t_order_predict_alg_v2) and production-time benchmarks.
//
//  - Demand: per store, day and hour, the freshest forecast version issued
//    (the smallest lead_days); where no forecast exists, the hour's paid
//    orders stand in, marked as actuals. Paid orders are read too for the
//    days before as-of, to compare.
//  - Handling time: each product's benchmark is its mean making time (item
//    start -> done, finished items, times over 30 min left out) over the 28
//    days before as-of, all stores together; a store's work per order is its
//    own product mix at those benchmarks: Σ_p items(store, p) x bench(p) /
//    tickets(store).
//  - Staff: domain/erlang.h per hour (Erlang C, or A with a patience); the
//    plan's totals both as whole people per hour and as fractional staff
//    summed over the week and rounded once.
//  - Shrinkage: per store and weekday from the historical no-show rate of
//    the rota where there is enough history (staffing_no_show.h).
//  - Status of an hour with actual staff entered (staffing_actuals.h): green
//    when actual >= recommended positions, yellow when it covers the raw
//    agents only (nobody may be off), red below.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "alerts/rules.h"
#include "core/calendar.h"
#include "domain/erlang.h"
#include "report/report.h"
#include "tools/registry.h"
#include "tools/staffing/staffing_no_show.h"
#include "warehouse/warehouse.h"

namespace luckyhub::staffing {

inline constexpr int kBenchmarkDays = 28;

struct HourDemand {
  Date day;
  int hour = 0;
  double orders = 0;              // what the plan staffs for
  std::optional<int> lead_days;   // the forecast version; none: paid orders stood in
  std::optional<int64_t> actual;  // paid orders, days before as-of
  std::optional<int64_t> same_morning;  // the lead-0 forecast, when issued
};

struct Store {
  int64_t shop_id = 0;
  std::string name;
  double aht_s = 0;  // work seconds per order by the store's product mix
};

// A week of one store: 7 x 24 hours, day-major.
struct StoreWeek {
  Store store;
  std::vector<HourDemand> hours;
};

// Everything the report needs from the warehouse.
struct WeekData {
  Date as_of;
  Date week;  // its Monday
  double fleet_aht_s = 0;
  std::vector<StoreWeek> stores;  // every LKUS store with demand or forecasts
};

// The stores' weeks. Throws Error when the warehouse lacks the forecast table.
WeekData read_week(Warehouse& wh, Date week);

// Validates a week parameter: a Monday. Throws Error naming it otherwise.
Date monday_or_throw(Date week, const std::string& what);
// The Monday of the week holding `day`.
Date monday_of(Date day);

struct Settings {
  erlang::Target target;
  std::optional<double> patience_s;
  double uplift = 0;  // what-if: demand x (1 + uplift)
  int min_staff = 0;  // positions at least this in an hour the store is open (has demand on some day)
};

struct HourPlan {
  HourDemand demand;
  erlang::Requirement need;
  erlang::Requirement need_uplift;  // with demand x (1 + uplift)
  std::optional<int> actual_staff;
  Status status = Status::kNone;    // kNone without actual staff
};

struct StorePlan {
  Store store;
  std::vector<HourPlan> hours;
  double orders = 0;
  int64_t staff_hours_rounded = 0;     // Σ whole positions per hour
  double staff_hours_fractional = 0;   // Σ fractional positions
  int64_t staff_hours_uplift = 0;      // Σ whole positions per hour at demand x (1 + uplift)
  int64_t actual_staff_hours = 0;      // Σ entered actual staff
  int hours_red = 0, hours_yellow = 0, hours_green = 0;
  int hours_from_actuals = 0;          // hours staffed on paid orders (no forecast)
  WeekShrinkage shrinkage;             // each day's, Monday first (staffing_no_show.h)
};

// actual_staff: (shop_id) -> 7 x 24 entered values, day-major.
using ActualStaff = std::map<int64_t, std::vector<std::optional<int>>>;

// shrinkage: each day's (Monday first), in place of settings.target.shrinkage;
// null: the settings' every day.
StorePlan plan_store(const StoreWeek& week, const Settings& settings, const std::vector<std::optional<int>>* actual,
                     const WeekShrinkage* shrinkage = nullptr);

// The hours of the day the store is open in the week: those with demand,
// paid orders or staff on some day, ascending.
std::vector<int> open_hours(const StorePlan& plan);

Status hour_status(const erlang::Requirement& need, int actual_staff);

// The week planned for every store, as the report's parameters ask (the
// registry's validated Params of the "staffing" tool).
struct WeekPlan {
  WeekData data;
  Settings settings;
  std::vector<StorePlan> plans;  // one per store of data.stores
  NoShowRates no_show;           // the stores' rota history (staffing_no_show.h)
};
WeekPlan plan_week(Warehouse& wh, const Params& params);

// The week's tiles over every store: "staff_hours" (Σ whole positions per
// hour), "spikes" (red when any) and "hours_red" (the report's "fleet" panel
// and the home tile).
std::vector<KpiTile> fleet_tiles(const WeekPlan& week, size_t spikes);

// A weekly schedule as a PDF for store managers, one page per store (the
// `store` parameter's, or every store's without it): the recommended staff
// per day and hour as vector text, the week's totals. Throws Error as
// run_tool does on a bad parameter.
std::string schedule_pdf(Warehouse& wh, const std::map<std::string, std::string>& given_params);

// Same-day spikes: on `day`, a store whose paid orders exceed its same-morning
// forecast by more than `threshold` (a share) and by at least `min_orders`.
// Rule "DemandSpike", instance = the store's id, value = actual / forecast - 1.
std::vector<alerts::Signal> demand_spikes(const std::vector<StoreWeek>& stores, Date day, double threshold,
                                          int64_t min_orders);
// The day a week's spikes are judged on: the last day of data in the week
// (as-of - 1, or the week's Sunday for a past week).
Date spike_day(const WeekData& data);
// demand_spikes on spike_day with the report's spike_threshold and
// spike_min_orders parameters.
std::vector<alerts::Signal> week_spikes(const WeekPlan& plan, const Params& params);

}  // namespace luckyhub::staffing
