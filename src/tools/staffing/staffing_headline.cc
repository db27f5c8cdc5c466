// The home tile of staffing: this week's recommended staff-hours over every
// store and today's demand spikes, by the report's plan and rules with its
// defaults (they equal the report's "fleet" tiles).
#include "tools/registry.h"
#include "tools/staffing/staffing.h"

namespace luckyhub::staffing {
namespace {

Headline compute_headline(Warehouse& wh) {
  if (!wh.has_table("ireplenishment__t_order_predict_alg_v2"))
    return {.covers = "This week", .note = "no order forecasts in this warehouse"};
  const Params params = Params::parse(ToolRegistry::instance().get("staffing").params, {});
  const WeekPlan plan = plan_week(wh, params);
  int64_t staff_hours = 0;
  for (const StorePlan& p : plan.plans) staff_hours += p.staff_hours_rounded;
  const int64_t spikes = static_cast<int64_t>(week_spikes(plan, params).size());
  Headline h{.covers = "Week of " + plan.data.week.str()};
  h.figures = {
      {{"staff_hours", "Recommended staff-hours", staff_hours, ValueType::kInt}, "fleet", {}},
      {{"spikes", "Demand spikes", spikes, ValueType::kInt, "", "", spikes > 0 ? Status::kRed : Status::kGreen},
       "fleet", {}},
  };
  return h;
}

const HeadlineRegistration kHeadline("staffing", &compute_headline);

}  // namespace
}  // namespace luckyhub::staffing
