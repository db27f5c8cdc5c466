// The home tile of campaigns: redemptions on paid orders and the overall ROI
// (revenue of redeeming orders / the templates' marketing cost), from one
// aggregate over the redemptions per template and day and one over the
// templates: the summary tiles of the report with its defaults.
#include "tools/campaigns/campaigns_panels.h"
#include "warehouse/derived_table.h"

namespace luckyhub::campaigns {
namespace {

Headline compute_headline(Warehouse& wh) {
  if (!wh.has_table(kTemplates) || !wh.has_table(kLiveCoupons) || !wh.has_table(kOrderAmounts)) {
    return {.covers = "All time", .note = "no coupons in this warehouse"};
  }
  Query q = derived_from(wh, "campaigns__template_day");
  q.sql =
      "SELECT COALESCE(SUM(r.redeemed), 0) AS redeemed, SUM(r.discounts) AS discounts, "
      "SUM(r.revenue) AS revenue FROM " +
      q.sql + " r WHERE r.template_id IN (SELECT template_id FROM " + kTemplates +
      " WHERE tenant = 'LKUS')";
  const Query budgets{"SELECT COALESCE(SUM(marketing_cost), 0) AS budget FROM " + std::string(kTemplates) +
                          " WHERE tenant = 'LKUS'",
                      {}};
  const std::vector<ResultSet> r = wh.query_all({q, budgets});
  Totals t;
  for (const Row row : r[0]) {
    t.redeemed = row.integer("redeemed");
    t.discounts = row.cents("discounts");
    t.revenue = row.cents("revenue");
  }
  for (const Row row : r[1]) t.budget = row.cents("budget");
  const Panel summary = summary_panel(t, {});
  Headline h{.covers = "All time"};
  for (const KpiTile& tile : summary.kpis) {
    if (tile.id == "redeemed" || tile.id == "roi") h.figures.push_back({tile, "summary", {}});
  }
  return h;
}

const HeadlineRegistration kHeadline("campaigns", &compute_headline);

}  // namespace
}  // namespace luckyhub::campaigns
