// The campaigns report: parameters, compute() and the registration of Tool 5.
// Without `template` the leaderboard, the daily series and the experiments;
// with it, that template's figures and days.
#include <algorithm>

#include "core/error.h"
#include "tools/campaigns/campaigns_panels.h"
#include "tools/param_options.h"

namespace luckyhub::campaigns {
namespace {

ParamSpec bounded(std::string name, ParamType type, std::string value, std::string description,
                  double min, double max, std::string label) {
  return {.name = std::move(name),
          .type = type,
          .default_value = std::move(value),
          .description = std::move(description),
          .min = min,
          .max = max,
          .label = std::move(label)};
}

std::vector<ParamSpec> params() {
  using enum ParamType;
  std::vector<ParamSpec> p = {
      bounded("template", kInt, "0",
              "A template's page (t_coupon_template.template_id); 0 for the leaderboard", 0, 1e15,
              "Coupon template's page"),
      bounded("days", kInt, "90", "Days of the daily series, ending the day before as-of", 1, 3660,
              "Daily series (days)"),
      {.name = "sequential",
       .type = kChoice,
       .default_value = "off",
       .description = "Sequential testing: intervals valid however often the experiments are read",
       .choices = {"off", "on"},
       .label = "Sequential testing (always-valid intervals)"},
      bounded("tuning", kNumber, "5000",
              "N*, the sequential test's tuning: the users expected per experiment", 1, 1e12,
              "Sequential test tuning N* (users)"),
      bounded("alpha", kNumber, "0.05", "Significance level (0.05: 95% intervals)", 0.001, 0.5,
              "Significance level α"),
      bounded("test_days", kInt, "14", "Before launch: the days a planned test runs", 1, 365,
              "Planned test length (days)"),
      bounded("target_lift", kNumber, "0.05",
              "Before launch: the relative lift a planned test should detect", 0.001, 10,
              "Planned test: lift to detect (share)"),
      bounded(
          "incremental_top", kInt, "10",
          "Incremental revenue for the templates with the most coupons issued, this many (0: none)",
          0, 5000, "Incremental revenue: top templates"),
      bounded("cuped_days", kInt, "0",
              "CUPED for revenue per user: the days before the first exposure whose spend is the "
              "covariate "
              "(0: off)",
              0, 365, "CUPED covariate span (days; 0: off)"),
      bounded("attribution_days", kInt, "0",
              "Last-touch attribution: the days a received coupon keeps its claim on the "
              "customer's orders "
              "(0: no attribution; it reads every coupon)",
              0, 365, "Attribution window (days; 0: none)"),
  };
  p[0].options = param_options::coupon_templates;  // the template's page: templates by name
  return p;
}

// The template ids with the most coupons issued, `n` of them (ties by id).
std::vector<int64_t> most_issued(std::vector<TemplateResult> templates, int64_t n) {
  std::stable_sort(
      templates.begin(), templates.end(), [](const TemplateResult& a, const TemplateResult& b) {
        return a.issued != b.issued ? a.issued > b.issued : a.template_id < b.template_id;
      });
  std::vector<int64_t> ids;
  for (const TemplateResult& t : templates) {
    if (static_cast<int64_t>(ids.size()) >= n || t.issued == 0) break;
    ids.push_back(t.template_id);
  }
  return ids;
}

experiment::Options options_of(const Params& p) {
  return {.alpha = p.number("alpha"),
          .sequential = p.text("sequential") == "on",
          .tuning_n = p.number("tuning")};
}

Report compute(Warehouse& wh, const Params& p) {
  const Date as_of = Date::parse(wh.meta("as_of"));
  const Date from = as_of - static_cast<int>(p.integer("days"));
  const int64_t only = p.integer("template");
  Report report;
  if (only > 0) {
    const std::vector<TemplateResult> t = leaderboard(wh, only);
    if (t.empty()) throw Error("template: no coupon template " + std::to_string(only));
    const double alpha = p.number("alpha");
    const std::vector<Incrementality> x = incrementality(wh, as_of, {only}, alpha);
    report.panels = {template_panel(t[0]), incremental_tiles_panel(x[0], alpha),
                     incremental_panel(x, t, alpha),
                     daily_panel(daily(wh, from, as_of, only), "Redemptions per day")};
    return report;
  }
  const experiment::Options options = options_of(p);
  const std::vector<TemplateResult> templates = leaderboard(wh);
  const std::vector<ExperimentResult> tests =
      experiments(wh, options, static_cast<int>(p.integer("cuped_days")));
  const std::vector<DayResult> days = daily(wh, from, as_of);
  const std::vector<Incrementality> incremental = incrementality(
      wh, as_of, most_issued(templates, p.integer("incremental_top")), options.alpha);
  report.panels = {summary_panel(totals_of(templates), tests),
                   experiment_alerts_panel(tests, options),
                   leaderboard_panel(templates, incremental),
                   incremental_panel(incremental, templates, options.alpha),
                   activities_panel(activities(wh, templates)),
                   daily_panel(days, "Campaign redemptions per day"),
                   scorecard_panel(days),
                   experiments_panel(tests, options),
                   experiment_chart_panel(tests, options)};
  if (const int attribution_days = static_cast<int>(p.integer("attribution_days"));
      attribution_days > 0) {
    report.panels.push_back(
        attribution_panel(attribution(wh, attribution_days), templates, attribution_days));
  }
  const int test_days = static_cast<int>(p.integer("test_days"));
  const double target = p.number("target_lift");
  report.panels.push_back(
      power_panel(store_power(wh, as_of, test_days, target), test_days, target));
  return report;
}

const ToolRegistration kRegistration(Tool{
    .id = "campaigns",
    .number = 5,
    .department = "marketing",
    .title = "Campaign Performance Analyzer",
    .summary = "Every coupon template by ROI (revenue of redeeming orders / its marketing "
               "cost), beside the ROI on the discounts given, with redemption rate, discount depth and cost per acquired customer; daily "
               "redemptions and the weekly scorecard; the A/B experiments with GrowthBook's "
               "statistics and the sample ratio check; what a test can detect per store.",
    .params = params(),
    .compute = compute,
});

}  // namespace
}  // namespace luckyhub::campaigns
