// t_order_predict_alg_v2: the replenishment system's hourly forecasts of
// orders and cups per shop, made from what really happened.
//
// Each (shop, date, hour) slot is forecast four times, one row per lead time
// (`lead_days`): two weeks ahead (staffing rota), a week ahead (the weekly
// order to the distribution centre), the night before (prep and bake plan)
// and the same morning at 06:00 (intraday update). A forecast is the slot's
// actual count (for dates after as-of, the mean of the last four same
// weekdays the run had seen) x mean-one log-normal noise that narrows as
// the date comes closer (20% at two weeks, 9% the same morning), rounded
// to a whole count up or down at random in proportion (its mean stays the
// unrounded forecast's). Dates
// after as-of have the versions already issued: the two- and one-week ones
// for the next 7 days, the night-before one for the as-of date.
//
// The table keeps the last N days and the next 7: N (at least 14) brings it
// to ~124K x scale rows, so it is calendar-driven (142 days at scale 1).
//
// Planted (forecast_bias): the biased store's forecasts are high by
// biased_store_pct in every version (the manifest item is written with the
// demand forecasts, forecasts.cc).
//
// Planted (demand_spike): on the last day of data, the store with the most
// paid orders that day (the biased store aside) gets a surge no forecast
// saw: every version of its forecasts for that day is the actual count
// times a factor that makes its paid orders beat the day's forecast by at
// least kSpikePct% and by about kSpikeOrders orders (the staffing tool's
// same-day spike; a small simulation's store has few orders a day).
#include <algorithm>
#include <array>
#include <cmath>

#include "simulate/ops/ops_internal.h"

namespace luckyhub::sim::ops {
namespace {

constexpr double kOrderRows = 124000;
constexpr int kFutureDays = 7;
constexpr double kSpikePct = 60;
constexpr double kSpikeOrders = 8;

struct Version {
  int lead_days;
  double run_hour;  // local time of the run on pred_date - lead_days
  double sigma;     // log-normal spread of the noise
};
constexpr std::array<Version, 4> kVersions = {{{14, 3.0, 0.20}, {7, 3.0, 0.16}, {1, 3.0, 0.12}, {0, 6.0, 0.09}}};

// The versions of a date that exist at as-of: those whose run came before it.
int versions_of(Date day, Date end) {
  int n = 0;
  for (const Version& v : kVersions) n += day - v.lead_days < end ? 1 : 0;
  return n;
}

// Days of history kept: the number (at least 14) that brings the table
// closest to `target` rows, or all history when even that is fewer.
int days_kept(const World& world, double target) {
  const Date end = world.end;
  auto rows = [&](int past_days) {
    int64_t n = 0;
    for (const Store& shop : world.sales.stores) {
      const Date from = std::max({world.start, shop.opened, end - past_days});
      for (Date day = from; day < end + kFutureDays; ++day) n += 24 * versions_of(day, end);
    }
    return static_cast<double>(n);
  };
  const int history = end - world.start;
  int days = 14;
  while (days < history && rows(days) < target) ++days;
  if (days > 14 && std::fabs(rows(days - 1) - target) < std::fabs(rows(days) - target)) --days;
  return days;
}

struct Spike {
  int store = -1;     // none: no store has more than kSpikeOrders orders that day
  double factor = 1;  // forecasts of the day x factor
};

// The planted spike: the store with the most paid orders on the last day
// (the first such store on a tie) and its forecasts' factor.
Spike spike_of(const World& world) {
  const OpsHistory& h = world.ops.history;
  Spike spike;
  int64_t most = 0;
  for (size_t s = 0; s < world.sales.stores.size(); ++s) {
    if (static_cast<int>(s) == world.ops.biased_store) continue;
    int64_t orders = 0;
    for (int hour = 0; hour < 24; ++hour) orders += h.orders_by_hour[(s * h.days + h.days - 1) * 24 + hour];
    if (orders > most) most = orders, spike.store = static_cast<int>(s);
  }
  if (most <= kSpikeOrders) return {};
  const double n = static_cast<double>(most);
  spike.factor = std::min(1 / (1 + kSpikePct / 100), (n - kSpikeOrders) / n);
  return spike;
}

}  // namespace

void write_order_forecasts(SimContext& ctx) {
  const World& world = ctx.world;
  const OpsWorld& ops = world.ops;
  const OpsHistory& h = ops.history;
  const auto& stores = world.sales.stores;
  if (h.days <= 0 || stores.empty()) return;
  Rng rng = ctx.rng("ops/order-forecasts");

  RowSink& o = ctx.out.sink("luckyus_ireplenishment", "t_order_predict_alg_v2");
  const CommonColumns oc(o);
  const int o_shop = o.col("shop_id"), o_date = o.col("pred_date"), o_hour = o.col("pred_hour"),
            o_lead = o.col("lead_days"), o_orders = o.col("predict_order_cnt"), o_cups = o.col("predict_cup_cnt"),
            o_alg = o.col("alg_version");
  const int past_days = days_kept(world, ctx.scaled(kOrderRows));
  const Spike spike = spike_of(world);
  const Date spike_day = world.start + (h.days - 1);
  ctx.truth.describe("demand_spike", "luckyus_ireplenishment.t_order_predict_alg_v2",
                     "a same-day surge: a store's paid orders on the last day beat every forecast of that day");
  if (spike.store >= 0) {
    ctx.truth.add_item("demand_spike", {{"shop_id", stores[spike.store].shop_id}, {"date", spike_day.str()},
                                        {"forecast_factor", spike.factor}});
  }
  int64_t oid = 0;
  for (size_t s = 0; s < stores.size(); ++s) {
    const Store& shop = stores[s];
    const double store_bias = static_cast<int>(s) == ops.biased_store ? 1 + ops.biased_store_pct / 100 : 1.0;
    auto series = [&](const std::vector<int32_t>& v, int k, int hour) {
      return static_cast<double>(v[(s * h.days + k) * 24 + hour]);
    };
    const Date from = std::max({world.start, shop.opened, world.end - past_days});
    for (Date day = from; day < world.end + kFutureDays; ++day) {
      const int d = day - world.start;
      const double bias = static_cast<int>(s) == spike.store && day == spike_day ? spike.factor : store_bias;
      for (const Version& v : kVersions) {
        const Date run = day - v.lead_days;
        if (run >= world.end) continue;  // not issued by as-of
        const Timestamp made = at_local(run, v.run_hour + 0.0001 * static_cast<double>(s));
        // Days the run had seen: those before its run date.
        const int known = std::min(run - world.start, h.days);
        for (int hour = 0; hour < 24; ++hour) {
          auto predict = [&](const std::vector<int32_t>& series_of) {
            double base = 0;
            if (d < h.days) {
              base = series(series_of, d, hour);
            } else {
              int n = 0;
              for (int k = d - 7; k >= 0 && n < 4; k -= 7)
                if (k < known) base += series(series_of, k, hour), ++n;
              base = n ? base / n : 0.0;
            }
            // Rounded up with the probability of the fraction: a mean-preserving
            // rounding, so a small shop's one-order hours keep the planted bias.
            const double x = base * bias * rng.lognormal(-v.sigma * v.sigma / 2, v.sigma);
            const double whole = std::floor(x);
            return static_cast<int64_t>(whole) + (rng.chance(x - whole) ? 1 : 0);
          };
          oc.set(o, ++oid, shop.tenant, made, made);
          o.set_int(o_shop, shop.shop_id);
          o.set_text(o_date, day.str());
          o.set_int(o_hour, hour);
          o.set_int(o_lead, v.lead_days);
          o.set_int(o_orders, predict(h.orders_by_hour));
          o.set_int(o_cups, predict(h.cups_by_hour));
          o.set_text(o_alg, "v2.4.1");
          o.end_row();
        }
      }
    }
  }
}

}  // namespace luckyhub::sim::ops
