// The grid's comparison panels: the weekly leaderboard, each store's
// trajectory and the cannibalisation of nearby stores by each opening.
#include <cmath>

#include "tools/stores/stores_panels.h"

namespace luckyhub::stores {

Panel leaderboard_panel(const std::vector<Rank>& ranks) {
  Panel p{.id = "leaderboard", .title = "Weekly leaderboard", .kind = PanelKind::kTable};
  p.description = "The last 7 days, stores ranked by their orders against peers of the same age and weekday "
                  "(1 = as the other stores did at that age); last week's rank beside.";
  p.table.columns = {{"rank", "Rank", ValueType::kInt},
                     {"store_id", "Id", ValueType::kInt, "", "", store_link()},
                     {"store", "Store", ValueType::kText, "", "", store_link()},
                     {"index", "Orders vs peers", ValueType::kRate},
                     {"previous_rank", "Previous rank", ValueType::kInt},
                     {"previous_index", "Previous vs peers", ValueType::kRate}};
  for (const Rank& r : ranks) {
    p.table.rows.push_back({r.rank ? Cell{int64_t{r.rank}} : Cell{}, r.store->id, label_of(*r.store),
                            rate_cell(r.index), r.previous_rank ? Cell{int64_t{r.previous_rank}} : Cell{},
                            rate_cell(r.previous_index)});
  }
  return p;
}

Panel trajectory_panel(const std::vector<Trajectory>& trajectories, const Scope& scope) {
  Panel p{.id = "trajectory", .title = "Trajectory", .kind = PanelKind::kTable};
  p.description = "OLS slope of each store's weekly paid orders over the last " + std::to_string(scope.trend_weeks) +
                  " weeks (its full weeks since opening), with the 95% confidence interval (Student t, n - 2 degrees "
                  "of freedom): improving when the interval is above 0, declining below, flat when it holds 0.";
  p.table.columns = {{"store_id", "Id", ValueType::kInt, "", "", store_link()},
                     {"store", "Store", ValueType::kText, "", "", store_link()},
                     {"weeks", "Weeks", ValueType::kInt},
                     {"mean", "Orders / week", ValueType::kNumber},
                     {"slope", "Slope", ValueType::kNumber, "", "orders/week²"},
                     {"low", "95% low", ValueType::kNumber},
                     {"high", "95% high", ValueType::kNumber},
                     {"weekly_change", "Slope / mean", ValueType::kRate},
                     {"trend", "Trajectory"}};
  for (const Trajectory& t : trajectories) {
    const Slope& s = t.slope;
    p.table.rows.push_back({t.store->id, label_of(*t.store), int64_t{s.n}, number_cell(s.mean),
                            s.n >= 2 ? number_cell(s.slope) : Cell{}, number_cell(s.low), number_cell(s.high),
                            s.n >= 2 && s.mean > 0 ? rate_cell(s.slope / s.mean) : Cell{},
                            std::string(trend_name(t.trend))});
  }
  return p;
}

Panel cannibalisation_panel(const std::vector<Cannibalisation>& rows, const Scope& scope) {
  Panel p{.id = "cannibalisation", .title = "Cannibalisation by openings", .kind = PanelKind::kTable};
  p.description = "For each opening, every store within " + std::to_string(scope.radius_km).substr(0, 4) +
                  " km (haversine over t_shop_info's latitude and longitude): its paid orders as a share of the "
                  "reference stores' (neither the opening nor nearby) in the " + std::to_string(scope.cannibal_weeks) +
                  " weeks after against the " + std::to_string(scope.cannibal_weeks) +
                  " before. Cannibalised at a change of -" + std::to_string(std::lround(scope.min_drop * 100)) +
                  "% or worse.";
  p.table.columns = {{"opened_id", "Opening", ValueType::kInt},
                     {"opened", "Opened store"},
                     {"opened_on", "Opened", ValueType::kDate},
                     {"store_id", "Nearby", ValueType::kInt, "", "", store_link()},
                     {"store", "Nearby store"},
                     {"km", "Distance", ValueType::kNumber, "", "km"},
                     {"before", "Orders before", ValueType::kInt},
                     {"after", "Orders after", ValueType::kInt},
                     {"ref_before", "Reference before", ValueType::kInt},
                     {"ref_after", "Reference after", ValueType::kInt},
                     {"change", "Change vs reference", ValueType::kRate},
                     {"lost_orders", "Orders lost", ValueType::kNumber},
                     {"cannibalised", "Cannibalised"}};
  for (const Cannibalisation& c : rows) {
    p.table.rows.push_back({c.opened->id, label_of(*c.opened), c.opened->opened.str(), c.nearby->id,
                            label_of(*c.nearby), std::round(c.km * 100) / 100, c.before, c.after, c.ref_before,
                            c.ref_after, rate_cell(c.change), number_cell(c.lost_orders),
                            std::string(c.cannibalised ? "yes" : "")});
  }
  return p;
}

}  // namespace luckyhub::stores
