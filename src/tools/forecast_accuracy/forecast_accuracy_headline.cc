// The home tile of forecast-accuracy: the last full month's goods forecasts,
// their WAPE and how many predictions were scored. The month's per shop x
// goods x day sums, merged as the report merges them (overall_sums): the
// figures equal the summary tiles of the report run on that month.
#include "tools/forecast_accuracy/forecast_accuracy.h"
#include "tools/registry.h"

namespace luckyhub::forecast_accuracy {
namespace {

Headline compute_headline(Warehouse& wh) {
  const HeadlinePeriod period = last_full_month(wh);
  if (!wh.has_table("ireplenishment__wh_goods_daily_demand_pred"))
    return {.covers = period.label, .note = "no goods forecasts in this warehouse"};
  const forecast::Accuracy a = forecast::accuracy(overall_sums(wh, Window{period.from, period.to}));
  Headline h{.covers = period.label};
  h.figures = {
      {{"wape", "WAPE", a.wape ? Cell{*a.wape} : Cell{}, ValueType::kRate, "", "", wape_status(a.wape)}, "summary",
       period.params()},
      {{"pairs", "Predictions scored", a.n, ValueType::kInt}, "summary", period.params()},
  };
  return h;
}

const HeadlineRegistration kHeadline("forecast-accuracy", &compute_headline);

}  // namespace
}  // namespace luckyhub::forecast_accuracy
