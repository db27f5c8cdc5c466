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
  Headline h{.covers = "Week of " + plan.data.week.str()};
  for (KpiTile& tile : fleet_tiles(plan, week_spikes(plan, params).size()))
    if (tile.id != "hours_red") h.figures.push_back({std::move(tile), "fleet", {}});
  return h;
}

const HeadlineRegistration kHeadline("staffing", &compute_headline);

}  // namespace
}  // namespace luckyhub::staffing
