// The incrementality panels: the bar chart of incremental spend per receipt
// with its interval as whiskers, and the template page's tiles.
#include <cmath>
#include <cstdio>
#include <map>

#include "tools/campaigns/campaigns_panels.h"

namespace luckyhub::campaigns {
namespace {

std::optional<double> when(const Incrementality& x, double value) {
  return x.computable ? std::optional(value) : std::nullopt;
}

std::string verdict(const Incrementality& x, double alpha) {
  if (!x.computable) return "not enough data";
  if (!x.significant(alpha)) return "no significant effect";
  return x.effect > 0 ? "incremental" : "cannibalising";
}

std::string ci_text(double alpha) {
  char text[64];
  std::snprintf(text, sizeof text, "%g%%", 100 * (1 - alpha));
  return text;
}

}  // namespace

Cell incremental_total_cell(const Incrementality& x) {
  if (!x.computable) return Cell();
  return static_cast<int64_t>(std::llround(x.effect * static_cast<double>(x.matched) * 100));
}

Panel incremental_panel(const std::vector<Incrementality>& results, const std::vector<TemplateResult>& templates,
                        double alpha) {
  Panel p{.id = "incremental",
          .title = "Incremental spend per receipt against a matched baseline",
          .kind = PanelKind::kBar};
  p.description =
      "Receivers' paid spend in the 28 days after receiving a coupon, less that of similar customers at the same "
      "time who did not receive one (matched on the week, orders, spend and recency in the 91 days before); "
      "whiskers: the " +
      ci_text(alpha) + " interval. Below 0: sales the coupon took instead of adding.";
  p.series.x_label = "Template";
  Series effect{"effect", "Incremental spend per receipt", ValueType::kNumber, "", "USD"};
  Series low{"ci_low", "CI low", ValueType::kNumber, "", "USD"};
  Series high{"ci_high", "CI high", ValueType::kNumber, "", "USD"};
  low.draw = "whisker_low";
  high.draw = "whisker_high";
  for (const Incrementality& x : results) {
    std::string label = std::to_string(x.template_id);
    for (const TemplateResult& t : templates) {
      if (t.template_id == x.template_id && !t.name.empty()) label += " " + t.name;
    }
    p.series.x.push_back(label);
    effect.values.push_back(ratio_value(when(x, x.effect)));
    low.values.push_back(ratio_value(when(x, x.ci_low)));
    high.values.push_back(ratio_value(when(x, x.ci_high)));
  }
  p.series.series = {effect, low, high};
  return p;
}

Panel incremental_tiles_panel(const Incrementality& x, double alpha) {
  Panel p{.id = "template_incremental", .title = "Incremental revenue", .kind = PanelKind::kKpis};
  p.description =
      "Per receipt by a customer who had already ordered: spend in the 28 days after, against similar customers "
      "at the same time who did not receive the template.";
  const Status status = !x.significant(alpha) ? Status::kNone : x.effect > 0 ? Status::kGreen : Status::kRed;
  p.kpis = {
      {"receipts", "Receipts by existing customers", x.receipts, ValueType::kInt},
      {"matched", "Matched to a baseline", x.matched, ValueType::kInt},
      {"receivers_mean", "Receivers' spend per receipt (28 days)", ratio_value(when(x, x.receivers_mean)),
       ValueType::kNumber, "", "USD"},
      {"baseline_mean", "Baseline spend (28 days)", ratio_value(when(x, x.baseline_mean)), ValueType::kNumber, "",
       "USD"},
      {"effect", "Incremental spend per receipt", ratio_value(when(x, x.effect)), ValueType::kNumber, "", "USD",
       status, verdict(x, alpha)},
      {"ci_low", "CI low", ratio_value(when(x, x.ci_low)), ValueType::kNumber, "", "USD"},
      {"ci_high", "CI high", ratio_value(when(x, x.ci_high)), ValueType::kNumber, "", "USD"},
      {"p_value", "p-value", p_value_cell(when(x, x.p_value)), ValueType::kNumber},
      {"total", "Incremental revenue", incremental_total_cell(x), ValueType::kMoney, "USD"},
  };
  return p;
}

}  // namespace luckyhub::campaigns

namespace luckyhub::campaigns {

Panel attribution_panel(const std::vector<Attribution>& rows, const std::vector<TemplateResult>& templates, int days) {
  Panel p{.id = "attribution", .title = "Last-touch attribution", .kind = PanelKind::kTable};
  p.description = "Each paid order's revenue goes to the template of the coupon it redeemed, else to that of the "
                  "last coupon its customer received in the " +
                  std::to_string(days) + " days before it.";
  p.table.columns = {{"template_id", "Template", ValueType::kInt, "", "", "/reports/campaigns?template={template_id}"},
                     {"name", "Name", ValueType::kText},
                     {"redeemed_orders", "Orders redeeming it", ValueType::kInt},
                     {"received_orders", "Orders after receiving it", ValueType::kInt},
                     {"revenue", "Attributed revenue", ValueType::kMoney, "USD"}};
  std::map<int64_t, std::string> names;
  for (const TemplateResult& t : templates) names[t.template_id] = t.name;
  for (const Attribution& a : rows) {
    p.table.rows.push_back({a.template_id, names.count(a.template_id) ? names.at(a.template_id) : std::string(),
                            a.redeemed_orders, a.received_orders, a.revenue.value});
  }
  return p;
}

}  // namespace luckyhub::campaigns
