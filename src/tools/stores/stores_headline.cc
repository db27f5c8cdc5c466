// The home tile of stores: how many stores have every KPI green, the worst
// yellow, a KPI red, over the report's default window. It reads what the
// grid reads and no more (no trajectory, cannibalisation or missed days):
// the figures equal the summary tiles of the report run with its defaults.
#include "tools/stores/stores.h"

namespace luckyhub::stores {
namespace {

Headline compute_headline(Warehouse& wh) {
  if (!wh.has_table("opshop__t_shop_info") || !wh.has_table("opshop__t_shop_opening_time")) {
    return {.covers = "Now", .note = "no stores in this warehouse"};
  }
  const Scope scope = scope_of(wh, Params::parse(store_params(), {}));
  int64_t counts[3] = {0, 0, 0};
  for (const Kpis& k : assess(read_stores(wh, scope), scope)) counts[static_cast<int>(worst(k))] += 1;
  Headline h{.covers = "Last " + std::to_string(scope.weeks) + " weeks"};
  h.figures = {
      {{"green", "All KPIs green", counts[0], ValueType::kInt, "", "", Status::kGreen}, "summary", {}},
      {{"yellow", "Worst KPI yellow", counts[1], ValueType::kInt, "", "", counts[1] ? Status::kYellow : Status::kGreen},
       "summary", {}},
      {{"red", "A KPI red", counts[2], ValueType::kInt, "", "", counts[2] ? Status::kRed : Status::kGreen},
       "summary", {}},
  };
  return h;
}

const HeadlineRegistration kHeadline("stores", &compute_headline);

}  // namespace
}  // namespace luckyhub::stores
