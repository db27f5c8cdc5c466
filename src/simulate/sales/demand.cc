// How many orders each store takes each New York business day. The shape is
// stores open x opening hype and maturity ramp x season x weekday x noise;
// the level is forced so that the run's paid USD orders are exact, and the
// four February days the catalog quotes are pinned to their figures.
#include <algorithm>
#include <cmath>

#include "simulate/sales/demand.h"
#include "simulate/sales/store_plants.h"

namespace luckyhub::sim {
namespace {

// Monday .. Sunday: a Manhattan commuter business, weekends well under half.
const double kWeekday[7] = {0.97, 1.02, 0.94, 1.0, 0.92, 0.415, 0.37};

struct Pin {
  int y, m, d;
  int64_t paid_usd;
};
const Pin kPins[] = {{2026, 2, 7, 1349}, {2026, 2, 9, 3156}, {2026, 2, 10, 3316}, {2026, 2, 11, 3048}};

double season(Date d) {
  if (d < Date::from_ymd(2025, 9, 2)) return 1.0;     // summer, two or three stores
  if (d < Date::from_ymd(2025, 11, 26)) return 1.0;   // autumn
  if (d < Date::from_ymd(2025, 12, 20)) return 0.88;  // December
  if (d < Date::from_ymd(2026, 1, 5)) return 0.62;    // holidays, offices empty
  return 0.72;                                        // winter
}

bool holiday(Date d) {
  const Date days[] = {Date::from_ymd(2025, 7, 4), Date::from_ymd(2025, 9, 1), Date::from_ymd(2025, 11, 27),
                       Date::from_ymd(2025, 12, 25), Date::from_ymd(2026, 1, 1), Date::from_ymd(2026, 1, 19)};
  return std::find(std::begin(days), std::end(days), d) != std::end(days);
}

// A new store: a queue in its first days, then a ramp to maturity.
double ramp(int age_days) {
  const double hype = 1 + 0.4 * std::exp(-age_days / 5.0);
  const double maturity = 0.55 + 0.45 * (1 - std::exp(-age_days / 35.0));
  return hype * maturity;
}

}  // namespace

double hour_weight(bool weekend, int hour) {
  // 7:00 .. 19:00 local; morning peak 7-10, a lunch bump, a quiet evening.
  static const double kWeekdayHours[13] = {8, 14, 13, 9, 6, 8, 8, 6, 5, 5, 4, 3, 2};
  static const double kWeekendHours[13] = {2, 5, 8, 9, 9, 10, 9, 8, 7, 6, 5, 4, 3};
  if (hour < kFirstHour || hour > kLastHour) return 0;
  return (weekend ? kWeekendHours : kWeekdayHours)[hour - kFirstHour];
}

DemandPlan plan_demand(SimContext& ctx) {
  const World& world = ctx.world;
  const auto& stores = world.sales.stores;
  const int n_prod = static_cast<int>(stores.size()) - 1;
  Rng rng = ctx.rng("sales/demand");
  record_store_plants(ctx);
  DemandPlan plan;
  for (Date d = world.start; d < world.end; ++d) plan.days.push_back(d);
  const size_t n_days = plan.days.size();

  // Store x day weights and the day's total weight.
  std::vector<std::vector<double>> store_w(n_days, std::vector<double>(n_prod, 0.0));
  std::vector<double> day_w(n_days, 0.0);
  for (size_t i = 0; i < n_days; ++i) {
    const Date d = plan.days[i];
    const double shape = kWeekday[d.weekday()] * season(d) * (holiday(d) ? 0.45 : 1.0) *
                         std::exp(rng.normal(0, 0.035));
    for (int s = 0; s < n_prod; ++s) {
      if (d < stores[s].opened) continue;
      store_w[i][s] = stores[s].demand_weight * ramp(d - stores[s].opened) * std::exp(rng.normal(0, 0.06)) *
                      store_plant_factor(world, s, d);
      day_w[i] += store_w[i][s];
    }
    day_w[i] *= shape;
  }

  // Paid USD orders per day: pinned days exact, the rest by weight.
  const int64_t total = ctx.scaled(kPaidUsdOrders);
  std::vector<int64_t> paid(n_days, 0);
  std::vector<double> free_w = day_w;
  int64_t pinned = 0;
  for (const Pin& p : kPins) {
    const Date d = Date::from_ymd(p.y, p.m, p.d);
    if (d < world.start || d >= world.end) continue;
    const size_t i = static_cast<size_t>(d - world.start);
    paid[i] = std::min(ctx.scaled(static_cast<double>(p.paid_usd)), total - pinned);
    pinned += paid[i];
    free_w[i] = 0;
    plan.pinned.push_back(d);
  }
  const std::vector<int64_t> rest = apportion(total - pinned, free_w);
  for (size_t i = 0; i < n_days; ++i) paid[i] += rest[i];
  const std::vector<int64_t> unpaid = apportion(ctx.scaled(kUnpaidUsdOrders), day_w);

  plan.paid_usd.resize(n_days);
  plan.unpaid_usd.resize(n_days);
  for (size_t i = 0; i < n_days; ++i) {
    plan.paid_usd[i] = apportion(paid[i], store_w[i]);
    plan.unpaid_usd[i] = apportion(unpaid[i], store_w[i]);
  }

  // The NZ test tenant: QA accounts place test orders on working days from
  // the test store's set-up on.
  std::vector<double> nz_w(n_days, 0.0);
  const Date nz_open = stores.back().opened;
  for (size_t i = 0; i < n_days; ++i) {
    const Date d = plan.days[i];
    if (d < nz_open) continue;
    nz_w[i] = (d.weekday() >= 5 ? 0.15 : 1.0) * std::exp(rng.normal(0, 0.3));
  }
  plan.paid_nz = apportion(ctx.scaled(kPaidNzdOrders), nz_w);
  plan.unpaid_nz = apportion(ctx.scaled(kUnpaidNzdOrders), nz_w);
  return plan;
}

}  // namespace luckyhub::sim
