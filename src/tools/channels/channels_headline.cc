// The home tile of channels: last week's new customers and first orders, and
// the channels red against the four weeks before — the report's "week" panel
// with its default parameters.
#include "tools/channels/channels.h"

namespace luckyhub::channels {
namespace {

Headline compute_headline(Warehouse& wh) {
  if (!wh.has_table("sales_crm__t_user") || !wh.has_table("sales_order__t_order")) {
    return {.covers = "Last week", .note = "no customers in this warehouse"};
  }
  const Scope scope = scope_of(wh, Params::parse(channel_params(), {}));
  const std::array<WeekHealth, kGroups> weeks = week_health(read_channels(wh, scope), scope);
  Headline h{.covers = "Week of " + weeks[0].week.str()};
  for (KpiTile& tile : week_panel(weeks).kpis) h.figures.push_back({std::move(tile), "week", {}});
  return h;
}

const HeadlineRegistration kHeadline("channels", &compute_headline);

}  // namespace
}  // namespace luckyhub::channels
