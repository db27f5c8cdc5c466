// The campaigns report's panels, one function each (campaigns_panels.cc,
// campaigns_experiment_panels.cc).
#pragma once

#include "report/report.h"
#include "tools/campaigns/campaigns.h"

namespace luckyhub::campaigns {

struct Totals {
  int64_t templates = 0, issued = 0, redeemed = 0;
  Cents discounts, revenue, budget;
};
Totals totals_of(const std::vector<TemplateResult>& templates);

Panel summary_panel(const Totals& totals, const std::vector<ExperimentResult>& experiments);
// With `incremental`, the templates it covers show their incremental spend per
// receipt, its interval and the incremental revenue (empty for the others).
Panel leaderboard_panel(const std::vector<TemplateResult>& templates,
                        const std::vector<Incrementality>& incremental = {});
Panel incremental_panel(const std::vector<Incrementality>& results,
                        const std::vector<TemplateResult>& templates, double alpha);
Panel incremental_tiles_panel(const Incrementality& result, double alpha);
Panel attribution_panel(const std::vector<Attribution>& rows,
                        const std::vector<TemplateResult>& templates, int days);
// Incremental revenue in cents: the effect per receipt × the matched receipts.
Cell incremental_total_cell(const Incrementality& result);
Panel template_panel(const TemplateResult& t);
Panel daily_panel(const std::vector<DayResult>& days, const std::string& title);
// The weekly scorecard: the complete Monday-to-Sunday weeks of `days`, the
// latest first, with the ROI on discounts (budgets are not per week) and the
// change of revenue against the week before.
Panel scorecard_panel(const std::vector<DayResult>& days);
Panel activities_panel(const std::vector<ActivityResult>& rows);  // campaigns_activities.cc
Panel power_panel(const std::vector<StorePower>& stores, int test_days, double target_lift);
Panel experiments_panel(const std::vector<ExperimentResult>& experiments,
                        const experiment::Options& options);
// The experiments' lifts as a chart: one bar per group against its control,
// its interval as whiskers, in one of three series by verdict (significant,
// not significant, sample ratio mismatch).
Panel experiment_chart_panel(const std::vector<ExperimentResult>& experiments,
                             const experiment::Options& options);
Panel experiment_alerts_panel(const std::vector<ExperimentResult>& experiments,
                              const experiment::Options& options);

// Display cells: a rate to 4 decimals, a ratio (ROI, dollars per user) to 2,
// a p-value to 4 significant digits; null without a value.
Cell rate_value(const std::optional<double>& value);
Cell ratio_value(const std::optional<double>& value);
Cell p_value_cell(const std::optional<double>& value);

}  // namespace luckyhub::campaigns
