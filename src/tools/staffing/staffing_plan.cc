// staffing's plan: Erlang per store-hour, the week's totals, the hours'
// statuses against entered staff, and the same-day spike signals.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "tools/staffing/staffing.h"

namespace luckyhub::staffing {
namespace {

erlang::Requirement need_for(double orders, double aht_s, const Settings& s) {
  if (orders <= 0 || aht_s <= 0) return erlang::required(erlang::Demand{.rate_per_hour = 0, .aht_s = 1}, s.target);
  return erlang::required(erlang::Demand{.rate_per_hour = orders, .aht_s = aht_s, .patience_s = s.patience_s}, s.target);
}

std::string percent(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f%%", 100 * v);
  return buf;
}

}  // namespace

std::vector<int> open_hours(const StorePlan& p) {
  std::vector<int> hours;
  for (int hour = 0; hour < 24; ++hour) {
    const bool open = std::any_of(p.hours.begin(), p.hours.end(), [&](const HourPlan& h) {
      return h.demand.hour == hour && (h.demand.orders > 0 || h.demand.actual.value_or(0) > 0 || h.actual_staff.value_or(0) > 0);
    });
    if (open) hours.push_back(hour);
  }
  return hours;
}

Status hour_status(const erlang::Requirement& need, int actual_staff) {
  if (actual_staff >= need.positions) return Status::kGreen;
  if (actual_staff >= need.at.agents) return Status::kYellow;
  return Status::kRed;
}

// Raises an open hour's positions to the minimum staff.
void at_least(erlang::Requirement& need, int min_staff) {
  if (need.positions >= min_staff) return;
  need.positions = min_staff;
  need.fractional_positions = std::max<double>(need.fractional_positions, min_staff);
}

StorePlan plan_store(const StoreWeek& week, const Settings& settings, const std::vector<std::optional<int>>* actual,
                     const WeekShrinkage* shrinkage) {
  StorePlan p{.store = week.store};
  for (DayShrinkage& d : p.shrinkage) d.value = settings.target.shrinkage;
  if (shrinkage) p.shrinkage = *shrinkage;
  std::vector<bool> open(24, false);
  for (const HourDemand& h : week.hours) open[h.hour] = open[h.hour] || h.orders > 0 || h.actual.value_or(0) > 0;
  for (size_t i = 0; i < week.hours.size(); ++i) {
    HourPlan h{.demand = week.hours[i]};
    Settings s = settings;
    s.target.shrinkage = p.shrinkage[h.demand.day.weekday()].value;
    h.need = need_for(h.demand.orders, week.store.aht_s, s);
    h.need_uplift = s.uplift == 0 ? h.need : need_for(h.demand.orders * (1 + s.uplift), week.store.aht_s, s);
    if (open[h.demand.hour]) at_least(h.need, s.min_staff), at_least(h.need_uplift, s.min_staff);
    if (actual && i < actual->size()) h.actual_staff = (*actual)[i];
    if (h.actual_staff) {
      h.status = hour_status(h.need, *h.actual_staff);
      p.actual_staff_hours += *h.actual_staff;
      (h.status == Status::kGreen ? p.hours_green : h.status == Status::kYellow ? p.hours_yellow : p.hours_red)++;
    }
    p.orders += h.demand.orders;
    p.staff_hours_rounded += h.need.positions;
    p.staff_hours_fractional += h.need.fractional_positions;
    p.staff_hours_uplift += h.need_uplift.positions;
    if (!h.demand.lead_days && h.demand.actual) ++p.hours_from_actuals;
    p.hours.push_back(h);
  }
  return p;
}

std::vector<alerts::Signal> demand_spikes(const std::vector<StoreWeek>& stores, Date day, double threshold,
                                          int64_t min_orders) {
  std::vector<alerts::Signal> out;
  for (const StoreWeek& sw : stores) {
    int64_t actual = 0, forecast = 0, peak_excess = 0;
    int peak_hour = -1;
    for (const HourDemand& h : sw.hours) {
      if (h.day != day || !h.actual || !h.same_morning) continue;
      actual += *h.actual;
      forecast += *h.same_morning;
      if (*h.actual - *h.same_morning > peak_excess) peak_excess = *h.actual - *h.same_morning, peak_hour = h.hour;
    }
    if (forecast <= 0 || actual - forecast < min_orders) continue;
    const double excess = static_cast<double>(actual) / static_cast<double>(forecast) - 1;
    if (excess <= threshold) continue;
    std::string summary = sw.store.name + ": " + std::to_string(actual) + " paid orders on " + day.str() + " against " +
                          std::to_string(forecast) + " forecast that morning (+" + percent(excess) + ")";
    if (peak_hour >= 0) summary += "; most over at " + std::to_string(peak_hour) + ":00 (+" + std::to_string(peak_excess) + ")";
    out.push_back({.rule = "DemandSpike", .instance = std::to_string(sw.store.shop_id), .object = day.str(),
                   .value = excess, .threshold = threshold, .summary = summary});
  }
  return out;
}

Date spike_day(const WeekData& data) { return std::min(data.as_of - 1, data.week + 6); }

std::vector<alerts::Signal> week_spikes(const WeekPlan& plan, const Params& params) {
  return demand_spikes(plan.data.stores, spike_day(plan.data), params.number("spike_threshold"),
                       params.integer("spike_min_orders"));
}

}  // namespace luckyhub::staffing
