#include "tools/campaigns/campaigns_panels.h"

#include <cmath>
#include <cstdio>
#include <map>

#include "report/cells.h"

namespace luckyhub::campaigns {
namespace {

const char* coupon_type_name(int type) {
  switch (type) {
    case 1:
      return "amount off";
    case 2:
      return "percent off";
    case 3:
      return "free drink";
    case 4:
      return "fixed price drink";
    case 5:
      return "free delivery";
  }
  return "other";
}

std::optional<double> ratio_or_none(int64_t num, int64_t den) {
  return den == 0 ? std::nullopt
                  : std::optional(static_cast<double>(num) / static_cast<double>(den));
}

}  // namespace

Cell rate_value(const std::optional<double>& value) { return rate_cell(value); }

Cell ratio_value(const std::optional<double>& value) {
  if (!value) return Cell();
  return std::round(*value * 100) / 100;
}

Cell p_value_cell(const std::optional<double>& value) {
  if (!value) return Cell();
  if (*value == 0) return 0.0;
  const double scale = std::pow(10.0, 3 - std::floor(std::log10(std::fabs(*value))));
  return std::round(*value * scale) / scale;
}

Totals totals_of(const std::vector<TemplateResult>& templates) {
  Totals t;
  for (const TemplateResult& x : templates) {
    ++t.templates;
    t.issued += x.issued;
    t.redeemed += x.redeemed;
    t.discounts = t.discounts + x.discounts;
    t.revenue = t.revenue + x.revenue;
    t.budget = t.budget + x.budget;
  }
  return t;
}

Panel summary_panel(const Totals& t, const std::vector<ExperimentResult>& experiments) {
  Panel p{.id = "summary", .title = "Campaigns at a glance", .kind = PanelKind::kKpis};
  int64_t srm = 0;
  for (const ExperimentResult& e : experiments) srm += e.srm();
  p.kpis = {
      {"templates", "Coupon templates", t.templates, ValueType::kInt},
      {"issued", "Coupons issued", t.issued, ValueType::kInt},
      {"redeemed", "Redeemed on paid orders", t.redeemed, ValueType::kInt},
      {"redemption_rate", "Redemption rate", rate_value(ratio_or_none(t.redeemed, t.issued)),
       ValueType::kRate},
      {"discounts", "Discounts given", t.discounts.value, ValueType::kMoney, "USD"},
      {"revenue", "Revenue of redeeming orders", t.revenue.value, ValueType::kMoney, "USD"},
      {"roi", "ROI (revenue / marketing cost)", ratio_value(ratio_or_none(t.revenue.value, t.budget.value)),
       ValueType::kNumber, "", "x"},
      {"discount_roi", "ROI on discounts (revenue / discounts)",
       ratio_value(ratio_or_none(t.revenue.value, t.discounts.value)), ValueType::kNumber, "", "x"},
      {"experiments", "Experiments", static_cast<int64_t>(experiments.size()), ValueType::kInt},
      {"srm", "Experiments with a sample ratio mismatch", srm, ValueType::kInt, "", "",
       srm ? Status::kRed : Status::kGreen,
       "users per group against the planned traffic, chi-square p < 0.001"},
  };
  return p;
}

Panel leaderboard_panel(const std::vector<TemplateResult>& templates,
                        const std::vector<Incrementality>& incremental) {
  Panel p{.id = "leaderboard", .title = "Coupon templates by ROI", .kind = PanelKind::kTable};
  p.description =
      "ROI = revenue of the paid orders that redeemed the template / its marketing cost "
      "(t_coupon_template.marketing_cost); ROI on discounts = the same revenue / the discounts they "
      "were given (t_order_amount.coupon_deduct). Acquired: customers whose first paid order "
      "redeemed it.";
  p.table.columns = {
      {"rank", "Rank", ValueType::kInt},
      {"template_id", "Template", ValueType::kInt, "", "",
       "/reports/campaigns?template={template_id}"},
      {"name", "Name", ValueType::kText},
      {"type", "Type", ValueType::kText},
      {"issued", "Issued", ValueType::kInt},
      {"redeemed", "Redeemed", ValueType::kInt},
      {"redemption_rate", "Redemption rate", ValueType::kRate},
      {"discounts", "Discounts", ValueType::kMoney, "USD"},
      {"revenue", "Revenue", ValueType::kMoney, "USD"},
      {"budget", "Marketing cost", ValueType::kMoney, "USD"},
      {"roi", "ROI", ValueType::kNumber, "", "x"},
      {"discount_roi", "ROI on discounts", ValueType::kNumber, "", "x"},
      {"discount_depth", "Discount depth", ValueType::kRate},
      {"acquired", "Acquired customers", ValueType::kInt},
      {"cost_per_acquired", "Cost per acquired customer", ValueType::kMoney, "USD"},
      {"incremental", "Incremental spend per receipt", ValueType::kNumber, "", "USD"},
      {"incremental_ci_low", "CI low", ValueType::kNumber, "", "USD"},
      {"incremental_ci_high", "CI high", ValueType::kNumber, "", "USD"},
      {"incremental_revenue", "Incremental revenue", ValueType::kMoney, "USD"},
  };
  std::map<int64_t, const Incrementality*> by_template;
  for (const Incrementality& x : incremental) by_template[x.template_id] = &x;
  int64_t rank = 0;
  for (const TemplateResult& t : templates) {
    const std::optional<Cents> cpa = t.cost_per_acquired();
    p.table.rows.push_back(
        {++rank, t.template_id, t.name, std::string(coupon_type_name(t.coupon_type)), t.issued,
         t.redeemed, rate_value(t.redemption_rate()), t.discounts.value, t.revenue.value,
         t.budget.value, ratio_value(t.roi()), ratio_value(t.discount_roi()),
         rate_value(t.discount_depth()), t.acquired, cpa ? Cell(cpa->value) : Cell()});
    const auto it = by_template.find(t.template_id);
    const Incrementality* x = it == by_template.end() || !it->second->computable ? nullptr : it->second;
    std::vector<Cell>& row = p.table.rows.back();
    row.push_back(x ? ratio_value(x->effect) : Cell());
    row.push_back(x ? ratio_value(x->ci_low) : Cell());
    row.push_back(x ? ratio_value(x->ci_high) : Cell());
    row.push_back(x ? incremental_total_cell(*x) : Cell());
  }
  return p;
}

Panel template_panel(const TemplateResult& t) {
  Panel p{.id = "template",
          .title = "Template " + std::to_string(t.template_id) + ": " + t.name,
          .kind = PanelKind::kKpis};
  const std::optional<Cents> cpa = t.cost_per_acquired();
  p.kpis = {
      {"issued", "Coupons issued", t.issued, ValueType::kInt},
      {"redeemed", "Redeemed on paid orders", t.redeemed, ValueType::kInt},
      {"redemption_rate", "Redemption rate", rate_value(t.redemption_rate()), ValueType::kRate},
      {"discounts", "Discounts given", t.discounts.value, ValueType::kMoney, "USD"},
      {"revenue", "Revenue of redeeming orders", t.revenue.value, ValueType::kMoney, "USD"},
      {"budget", "Marketing cost", t.budget.value, ValueType::kMoney, "USD"},
      {"roi", "ROI (revenue / marketing cost)", ratio_value(t.roi()), ValueType::kNumber, "", "x"},
      {"discount_roi", "ROI on discounts", ratio_value(t.discount_roi()), ValueType::kNumber, "", "x"},
      {"discount_depth", "Discount depth", rate_value(t.discount_depth()), ValueType::kRate},
      {"acquired", "Acquired customers", t.acquired, ValueType::kInt},
      {"cost_per_acquired", "Cost per acquired customer", cpa ? Cell(cpa->value) : Cell(),
       ValueType::kMoney, "USD"},
  };
  return p;
}

Panel daily_panel(const std::vector<DayResult>& days, const std::string& title) {
  Panel p{.id = "daily", .title = title, .kind = PanelKind::kTimeseries};
  p.series.x_label = "Day";
  p.series.x_type = ValueType::kDate;
  Series redeemed{"redeemed", "Redemptions", ValueType::kInt};
  Series discounts{"discounts", "Discounts", ValueType::kMoney, "USD"};
  Series revenue{"revenue", "Revenue of redeeming orders", ValueType::kMoney, "USD"};
  for (const DayResult& d : days) {
    p.series.x.push_back(d.day.str());
    redeemed.values.push_back(d.redeemed);
    discounts.values.push_back(d.discounts.value);
    revenue.values.push_back(d.revenue.value);
  }
  p.series.series = {redeemed, discounts, revenue};
  return p;
}

Panel scorecard_panel(const std::vector<DayResult>& days) {
  Panel p{.id = "scorecard", .title = "Weekly campaign scorecard", .kind = PanelKind::kTable};
  p.description = "Complete weeks (Monday to Sunday) of the daily series, the latest first.";
  p.table.columns = {{"week", "Week of", ValueType::kDate},
                     {"redeemed", "Redemptions", ValueType::kInt},
                     {"discounts", "Discounts", ValueType::kMoney, "USD"},
                     {"revenue", "Revenue", ValueType::kMoney, "USD"},
                     {"discount_roi", "ROI on discounts", ValueType::kNumber, "", "x"},
                     {"revenue_change", "Revenue vs the week before", ValueType::kRate}};
  std::vector<DayResult> weeks;  // day = the Monday
  for (size_t i = 0; i < days.size(); ++i) {
    if (days[i].day.weekday() != 0 || i + 7 > days.size()) continue;
    DayResult w{.day = days[i].day};
    for (size_t k = i; k < i + 7; ++k) {
      w.redeemed += days[k].redeemed;
      w.discounts = w.discounts + days[k].discounts;
      w.revenue = w.revenue + days[k].revenue;
    }
    weeks.push_back(w);
  }
  for (size_t i = weeks.size(); i-- > 0;) {
    const DayResult& w = weeks[i];
    const std::optional<double> change =
        i > 0 && weeks[i - 1].revenue.value != 0
            ? std::optional(static_cast<double>(w.revenue.value) /
                                static_cast<double>(weeks[i - 1].revenue.value) -
                            1)
            : std::nullopt;
    p.table.rows.push_back({w.day.str(), w.redeemed, w.discounts.value, w.revenue.value,
                            ratio_value(ratio_or_none(w.revenue.value, w.discounts.value)),
                            rate_value(change)});
  }
  return p;
}

Panel power_panel(const std::vector<StorePower>& stores, int test_days, double target_lift) {
  Panel p{.id = "power",
          .title = "Before launch: what a test can detect, per store",
          .kind = PanelKind::kTable};
  char text[320];
  std::snprintf(text, sizeof text,
                "A %d-day test on a store's customers split 50/50, from those who ordered there in "
                "the last %d days: "
                "the smallest relative lift it detects (80%% power, 5%% two-sided), and the days a "
                "%.1f%% lift needs.",
                test_days, test_days, 100 * target_lift);
  p.description = text;
  p.table.columns = {
      {"shop_id", "Store", ValueType::kInt},
      {"customers", "Customers", ValueType::kInt},
      {"orders", "Orders", ValueType::kInt},
      {"revenue_per_customer", "Revenue per customer", ValueType::kNumber, "", "USD"},
      {"mde_per_customer", "Detectable lift (per customer)", ValueType::kRate},
      {"days_per_customer", "Days for the target (per customer)", ValueType::kNumber, "", "days"},
      {"revenue_per_order", "Revenue per order", ValueType::kNumber, "", "USD"},
      {"mde_per_order", "Detectable lift (per order)", ValueType::kRate},
      {"days_per_order", "Days for the target (per order)", ValueType::kNumber, "", "days"}};
  auto days = [](double d) { return d > 0 ? Cell(std::ceil(d)) : Cell(); };
  auto mde = [](double m) { return m > 0 ? rate_cell(m) : Cell(); };
  for (const StorePower& s : stores) {
    p.table.rows.push_back({s.shop_id, s.customers, s.orders, ratio_value(s.per_customer.mean),
                            mde(s.mde_per_customer), days(s.days_per_customer),
                            ratio_value(s.per_order.mean), mde(s.mde_per_order),
                            days(s.days_per_order)});
  }
  return p;
}

}  // namespace luckyhub::campaigns
