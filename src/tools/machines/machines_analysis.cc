// The pure rules of the machine fleet: offline spells and uptime from the
// connectivity events, the velocity check against the machine's own
// baseline, the state on the map, maintenance due.
#include <algorithm>
#include <cmath>

#include "tools/machines/machines.h"

namespace luckyhub::machines {

Uptime uptime(const Device& d, Timestamp from, Timestamp to) {
  return device_uptime::uptime(d.install_time, d.events, from, to);
}

int64_t brews(const BrewHistogram& h) {
  int64_t n = 0;
  for (const auto& [s, count] : h) n += count;
  return n;
}

// The mean of the middle value(s): the (n+1)/2-th of n sorted values.
std::optional<double> median_seconds(const BrewHistogram& h) {
  const int64_t n = brews(h);
  if (n == 0) return std::nullopt;
  const int64_t lo = (n - 1) / 2, hi = n / 2;  // 0-based ranks of the middle
  std::optional<int64_t> lo_v, hi_v;
  int64_t seen = 0;
  for (const auto& [s, count] : h) {
    if (!lo_v && lo < seen + count) lo_v = s;
    if (!hi_v && hi < seen + count) hi_v = s;
    seen += count;
  }
  return (static_cast<double>(*lo_v) + static_cast<double>(*hi_v)) / 2.0;
}

Velocity velocity(const Device& d, const Scope& scope) {
  Velocity v;
  v.recent_cups = brews(d.recent);
  v.baseline_cups = brews(d.baseline);
  const auto per_hour = [](std::optional<double> median) -> std::optional<double> {
    if (!median || *median <= 0) return std::nullopt;
    return 3600.0 / *median;
  };
  v.recent = per_hour(median_seconds(d.recent));
  v.baseline = per_hour(median_seconds(d.baseline));
  if (v.recent && v.baseline) v.change = *v.recent / *v.baseline - 1.0;
  v.judged = v.change && v.recent_cups >= scope.min_cups && v.baseline_cups >= scope.min_cups;
  v.degraded = v.judged && *v.change < -scope.degraded_drop;
  if (v.degraded) v.lost_cups = static_cast<double>(v.recent_cups) * (*v.baseline / *v.recent - 1.0);
  return v;
}

const char* state_name(State s) {
  switch (s) {
    case State::kOnline: return "online";
    case State::kDegraded: return "degraded";
    case State::kOffline: return "offline";
  }
  return "";
}

int state_level(State s) { return s == State::kOnline ? 0 : s == State::kDegraded ? 1 : 2; }

State state_of(const Device& d, const Velocity& v) {
  if (!d.online) return State::kOffline;
  return v.degraded ? State::kDegraded : State::kOnline;
}

Maintenance maintenance(const Device& d, const Scope& scope) {
  Maintenance m;
  for (const Event& e : d.events) {
    if (e.type == kMaintenanceDone && e.time < scope.as_of) m.last = e.time;
  }
  const Timestamp since = m.last.value_or(d.install_time);
  m.days_since = std::floor(static_cast<double>(scope.as_of - since) / 86400.0 * 10) / 10;
  m.due = new_york_date(since) + static_cast<int>(scope.maintenance_days);
  m.days_overdue = new_york_date(scope.as_of) - m.due;
  return m;
}

std::vector<Assessed> assess(const FleetData& data, const Scope& scope) {
  std::vector<Assessed> out;
  const Timestamp from = scope.window_from(), to = std::min(scope.window_to(), scope.as_of);
  for (const Device& d : data.devices) {
    Assessed a{.device = &d, .velocity = velocity(d, scope)};
    a.state = state_of(d, a.velocity);
    a.uptime = uptime(d, from, to);
    for (const Spell& s : offline_spells(d.events)) {
      if (s.hours(scope.as_of) >= scope.outage_hours && s.from < to && s.to.value_or(to) > from) a.outages.push_back(s);
    }
    a.maintenance = maintenance(d, scope);
    out.push_back(std::move(a));
  }
  return out;
}

double revenue_per_cup_cents(const FleetData& data) {
  return data.recent_cups ? static_cast<double>(data.revenue.value) / static_cast<double>(data.recent_cups) : 0;
}

}  // namespace luckyhub::machines
