// t_shop_staff_shift: each store's rota and attendance, one row per
// scheduled shift of an employee, for the staffing tool's no-show rates.
//
// A store opens each day it trades with 4 shifts on a weekday and 3 at the
// weekend (one more at a flagship store), 8 hours each, staggered from
// 06:00 New York time, taken in turn by the store's 12 employees. A shift
// before as-of was worked (clock-in and clock-out within minutes of the
// plan) or missed (a no-show: no clock times) with the store's own no-show
// probability, drawn from 5% to 10%; the next 7 days are on the rota, not
// yet worked. The rota does not scale with --scale: a store needs its
// people whatever its orders (~10K rows).
//
// Planted (staff_no_show): among the stores trading at least
// kPlantMinDays before as-of, one misses kHighRate of its shifts on every
// day (item week_day 0), another kSaturdayRate of its Saturday shifts only
// (item week_day 6); the manifest gives each store, weekday and rate.
#include <algorithm>
#include <cstdio>

#include "simulate/ops/ops_internal.h"

namespace luckyhub::sim::ops {
namespace {

constexpr int kEmployees = 12;
constexpr int kRosterDaysAhead = 7;
constexpr int kPlantMinDays = 120;
constexpr double kHighRate = 0.30;
constexpr double kSaturdayRate = 0.50;
constexpr int kSaturday = 5;  // Date::weekday(): 0 Monday

int shifts_of(const Store& shop, Date day) {
  return (day.weekday() >= 5 ? 3 : 4) + (shop.shop_type == 2 ? 1 : 0);
}

struct Plants {
  int high = -1, saturday = -1;  // store indexes
};

Plants choose_plants(SimContext& ctx) {
  const World& world = ctx.world;
  Rng rng = ctx.rng("ops/staff-no-show");
  std::vector<int> eligible;
  for (int s : production_stores(world))
    if (world.sales.stores[s].opened + kPlantMinDays <= world.end) eligible.push_back(s);
  Plants p;
  if (eligible.size() < 2) return p;
  const int64_t a = rng.range(0, static_cast<int64_t>(eligible.size()) - 1);
  int64_t b = rng.range(0, static_cast<int64_t>(eligible.size()) - 2);
  if (b >= a) ++b;
  p.high = eligible[a], p.saturday = eligible[b];
  return p;
}

}  // namespace

void write_staff_shifts(SimContext& ctx) {
  const World& world = ctx.world;
  const auto& stores = world.sales.stores;
  Rng rng = ctx.rng("ops/staff-shifts");
  const Plants plants = choose_plants(ctx);
  ctx.truth.describe("staff_no_show", "luckyus_opshop.t_shop_staff_shift",
                     "stores whose staff miss many scheduled shifts: every day (week_day 0) or on one weekday "
                     "(week_day 1 Monday .. 7 Sunday)");
  if (plants.high >= 0) {
    ctx.truth.add_item("staff_no_show", {{"shop_id", stores[plants.high].shop_id}, {"week_day", 0}, {"rate", kHighRate}});
    ctx.truth.add_item("staff_no_show", {{"shop_id", stores[plants.saturday].shop_id}, {"week_day", kSaturday + 1},
                                         {"rate", kSaturdayRate}});
  }

  RowSink& out = ctx.out.sink("luckyus_opshop", "t_shop_staff_shift");
  const CommonColumns cc(out);
  const int c_shop = out.col("shop_id"), c_date = out.col("biz_date"), c_week_day = out.col("week_day"),
            c_employee = out.col("employee_no"), c_start = out.col("plan_start"), c_end = out.col("plan_end"),
            c_in = out.col("clock_in"), c_out = out.col("clock_out"), c_status = out.col("status");
  int64_t id = 0;
  for (int s : production_stores(world)) {
    const Store& shop = stores[s];
    const double base_rate = rng.uniform(0.05, 0.10);
    int turn = 0;
    for (Date day = std::max(world.start, shop.opened); day < world.end + kRosterDaysAhead; ++day) {
      const int n = shifts_of(shop, day);
      double rate = base_rate;
      if (s == plants.high) rate = kHighRate;
      if (s == plants.saturday && day.weekday() == kSaturday) rate = kSaturdayRate;
      for (int k = 0; k < n; ++k, ++turn) {
        const double start_hour = 6 + 14.0 * k / n;
        const Timestamp plan_start = at_local(day, start_hour), plan_end = at_local(day, start_hour + 8);
        char employee[48];
        std::snprintf(employee, sizeof employee, "%s-E%02d", shop.shop_no.c_str(), turn % kEmployees + 1);
        const bool past = day < world.end;
        const bool missed = past && rng.chance(rate);
        const Timestamp clock_in = plan_start + static_cast<int64_t>(rng.uniform(-600, 480));
        const Timestamp clock_out = plan_end + static_cast<int64_t>(rng.uniform(-300, 900));
        cc.set(out, ++id, shop.tenant, plan_start + -14 * 86400, past ? (missed ? plan_end : clock_out) : plan_start + -14 * 86400);
        out.set_int(c_shop, shop.shop_id);
        out.set_text(c_date, day.str());
        out.set_int(c_week_day, day.weekday() + 1);
        out.set_text(c_employee, employee);
        out.set_text(c_start, plan_start.str());
        out.set_text(c_end, plan_end.str());
        if (past && !missed) {
          out.set_text(c_in, clock_in.str());
          out.set_text(c_out, clock_out.str());
        } else {
          out.set_null(c_in);
          out.set_null(c_out);
        }
        out.set_int(c_status, !past ? 1 : missed ? 3 : 2);
        out.end_row();
      }
    }
  }
}

}  // namespace luckyhub::sim::ops
