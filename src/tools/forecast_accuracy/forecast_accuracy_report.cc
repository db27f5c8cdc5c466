// The forecast-accuracy report: panels and registration of Tool 18, one
// function per panel. The analysis is in forecast_accuracy.cc.
#include <algorithm>
#include <cmath>
#include <map>
#include <cstdio>
#include <string>

#include "tools/forecast_accuracy/forecast_accuracy.h"
#include "tools/registry.h"

namespace luckyhub::forecast_accuracy {
namespace {

using forecast::Accuracy;
using forecast::ErrorSums;

Cell cell(const std::optional<double>& v) { return v ? Cell{*v} : Cell{}; }

// Σ(ŷ − y) / Σy: the bias as a share of demand (mean bias is unit-bound).
std::optional<double> relative_bias(const ErrorSums& s) {
  return s.abs_actual > 0 ? std::optional(s.signed_error / s.abs_actual) : std::nullopt;
}

std::string percent(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100 * v);
  return buf;
}

Panel summary_panel(const ForecastAccuracy& fa) {
  const Accuracy a = forecast::accuracy(fa.overall);
  const std::optional<double> mase =
      fa.last_week.n > 0 && fa.last_week.mae() > 0 ? std::optional(fa.system_vs_baselines.mae() / fa.last_week.mae())
                                                   : std::nullopt;
  Panel p{.id = "summary", .title = "Goods forecasts (shop x SKU x day)", .kind = PanelKind::kKpis};
  std::string mape_note = forecast::kMapeFormula;
  for (const std::string& note : a.notes) mape_note += "; " + note;
  p.kpis = {
      {"wape", "WAPE", cell(a.wape), ValueType::kRate, "", "", wape_status(a.wape),
       std::string(forecast::kWapeFormula) + "; green under 20%, red from 35%"},
      {"mape", "MAPE", cell(a.mape), ValueType::kRate, "", "", Status::kNone, mape_note},
      {"smape", "sMAPE", cell(a.smape), ValueType::kRate, "", "", Status::kNone, forecast::kSmapeFormula},
      {"bias", "Bias (share of demand)", cell(relative_bias(fa.overall)), ValueType::kRate, "", "", Status::kNone,
       "Σ(ŷ − y) / Σy, > 0 over-forecast"},
      {"hit_rate_20", "Hit rate (±20%)", cell(a.hit_rate_20), ValueType::kRate, "", "", Status::kNone,
       forecast::kHitRateFormula},
      {"mase", "MASE vs last week", cell(mase), ValueType::kNumber, "", "",
       mase ? (*mase < 1 ? Status::kGreen : Status::kRed) : Status::kNone,
       "MAE / MAE of last week's actuals on the same pairs; below 1 beats the naive forecast"},
      {"pairs", "Predictions scored", a.n, ValueType::kInt, "", "", Status::kNone,
       std::to_string(fa.sku_stores.size()) + " SKU-stores; " + std::to_string(fa.overall.zero_actuals) +
           " with zero actual"},
  };
  return p;
}

std::vector<Column> metric_columns(const std::string& unit = "stock units") {
  return {{"pairs", "Pairs", ValueType::kInt},        {"mape", "MAPE", ValueType::kRate},
          {"smape", "sMAPE (×2 form)", ValueType::kRate}, {"wape", "WAPE", ValueType::kRate},
          {"bias", "Bias Σ(ŷ−y)/Σy", ValueType::kRate}, {"hit_rate_20", "Hit rate ±20%", ValueType::kRate},
          {"mae", "MAE (" + unit + ")", ValueType::kNumber}};
}

std::vector<Cell> metric_cells(const ErrorSums& s) {
  const Accuracy a = forecast::accuracy(s);
  return {a.n, cell(a.mape), cell(a.smape), cell(a.wape), cell(relative_bias(s)), cell(a.hit_rate_20), cell(a.mae)};
}

// The system against the naive baselines on the same pairs.
Panel baselines_panel(const ForecastAccuracy& fa) {
  Panel p{.id = "baselines", .title = "Against naive baselines", .kind = PanelKind::kTable};
  p.table.columns = {{"method", "Forecast", ValueType::kText}};
  for (const Column& c : metric_columns()) p.table.columns.push_back(c);
  p.table.columns.push_back({"mase", "MASE (MAE / last week's MAE)", ValueType::kNumber});
  const double naive_mae = fa.last_week.mae();
  auto row = [&](const std::string& name, const ErrorSums& s) {
    std::vector<Cell> r = {name};
    for (Cell& c : metric_cells(s)) r.push_back(std::move(c));
    r.push_back(naive_mae > 0 && s.n > 0 ? Cell{s.mae() / naive_mae} : Cell{});
    p.table.rows.push_back(std::move(r));
  };
  row("replenishment system", fa.system_vs_baselines);
  row("same weekday last week", fa.last_week);
  row("trailing 7-day mean", fa.trailing_mean);
  const std::optional<double> gain = forecast::improvement_over(fa.system_vs_baselines.mae(), naive_mae);
  if (!gain) {
    p.description = "No pairs with a week of history before them: no baseline to compare.";
  } else if (*gain > 0) {
    p.description = "The forecast beats last week's actuals by " + percent(*gain) + " (MAE).";
  } else {
    p.description = "The forecast does not beat last week's actuals: its MAE is " + percent(-*gain) + " higher.";
  }
  p.description += " Pairs from a week after each shop's first consumption.";
  return p;
}

Panel bias_alerts(const ForecastAccuracy& fa, double threshold) {
  Panel p{.id = "bias_alerts", .title = "Systematic bias", .kind = PanelKind::kAlerts};
  p.description = "A store or category whose SKU-stores' median bias Σ(ŷ−y)/Σy is " + percent(threshold) +
                  " or more from 0 (categories judged outside biased stores).";
  auto add = [&](const Segment& s, const std::string& what) {
    if (!s.biased) return;
    const double b = *s.median_relative_bias;
    p.alerts.push_back({Status::kRed, what + " " + s.label + (b > 0 ? " over-forecast by " : " under-forecast by ") +
                                          percent(std::fabs(b)),
                        "median of " + std::to_string(s.sku_stores) + " SKU-stores; WAPE " +
                            percent(s.sums.abs_actual > 0 ? s.sums.abs_error / s.sums.abs_actual : 0),
                        ""});
  };
  for (const Segment& s : fa.stores) add(s, "Store");
  for (const Segment& s : fa.categories) add(s, "Category");
  return p;
}

Panel segment_table(const std::string& id, const std::string& title, const std::string& key_label,
                    const std::vector<Segment>& segments, bool with_bias_verdict) {
  Panel p{.id = id, .title = title, .kind = PanelKind::kTable};
  p.table.columns = {{"segment", key_label, ValueType::kText}};
  for (const Column& c : metric_columns()) p.table.columns.push_back(c);
  if (with_bias_verdict) {
    p.table.columns.push_back({"sku_stores", "SKU-stores", ValueType::kInt});
    p.table.columns.push_back({"median_bias", "Median SKU-store bias", ValueType::kRate});
    p.table.columns.push_back({"biased", "Biased", ValueType::kText});
  }
  for (const Segment& s : segments) {
    std::vector<Cell> r = {s.label};
    for (Cell& c : metric_cells(s.sums)) r.push_back(std::move(c));
    if (with_bias_verdict) {
      r.push_back(s.sku_stores);
      r.push_back(cell(s.median_relative_bias));
      r.push_back(std::string(s.biased ? "yes" : "no"));
    }
    p.table.rows.push_back(std::move(r));
  }
  return p;
}

Panel store_chart(const std::vector<Segment>& stores) {
  Panel p{.id = "store_chart", .title = "WAPE and bias by store", .kind = PanelKind::kBar};
  p.series.x_label = "store";
  Series wape{"wape", "WAPE", ValueType::kRate}, bias{"bias", "Bias Σ(ŷ−y)/Σy", ValueType::kRate};
  for (const Segment& s : stores) {
    p.series.x.push_back(s.label);
    wape.values.push_back(cell(forecast::accuracy(s.sums).wape));
    bias.values.push_back(cell(relative_bias(s.sums)));
  }
  p.series.series = {wape, bias};
  return p;
}

Panel trend_chart(const std::vector<Segment>& weeks) {
  Panel p{.id = "trend", .title = "Accuracy by week", .kind = PanelKind::kTimeseries};
  p.description = "Weeks from Monday, all lead times.";
  p.series.x_label = "week";
  p.series.x_type = ValueType::kDate;
  Series wape{"wape", "WAPE", ValueType::kRate}, smape{"smape", "sMAPE", ValueType::kRate},
      bias{"bias", "Bias Σ(ŷ−y)/Σy", ValueType::kRate};
  for (const Segment& s : weeks) {
    const Accuracy a = forecast::accuracy(s.sums);
    p.series.x.push_back(s.id);
    wape.values.push_back(cell(a.wape));
    smape.values.push_back(cell(a.smape));
    bias.values.push_back(cell(relative_bias(s.sums)));
  }
  p.series.series = {wape, smape, bias};
  return p;
}

// The catalog's "accuracy by category (heatmap)": WAPE in percent per goods
// category and week; a cell is empty when the category had no pairs that
// week or no demand (WAPE undefined).
Panel category_heatmap(const std::vector<CategoryWeek>& cells) {
  Panel p{.id = "category_weeks", .title = "WAPE by goods category and week", .kind = PanelKind::kHeatmap};
  p.description = "Σ|ŷ − y| / Σy of each category's pairs in the week from Monday, all lead times, in percent "
                  "(hotter is worse); empty where the category had no pairs or no demand that week.";
  HeatmapData& h = p.heatmap;
  h.x_label = "week";
  h.y_label = "category";
  h.value_label = "WAPE %";
  std::map<int32_t, size_t> column;
  std::map<std::string, size_t> row;
  for (const CategoryWeek& c : cells) {
    column.emplace(c.monday.days, 0);
    row.emplace(c.category, 0);
  }
  for (auto& [monday, at] : column) {
    at = h.x.size();
    h.x.push_back(Date{monday}.str());
  }
  for (auto& [category, at] : row) {
    at = h.y.size();
    h.y.push_back(category);
  }
  h.values.assign(h.y.size(), std::vector<Cell>(h.x.size(), Cell{}));
  for (const CategoryWeek& c : cells) {
    if (const auto wape = forecast::accuracy(c.sums).wape) {
      h.values[row[c.category]][column[c.monday.days]] = std::round(1000 * *wape) / 10;
    }
  }
  return p;
}

Panel worst_table(const ForecastAccuracy& fa, size_t count) {
  Panel p{.id = "worst", .title = "Worst-predicted SKU-stores (retrain candidates)", .kind = PanelKind::kTable};
  p.description = "Highest WAPE, among SKU-stores with 7 or more pairs and some consumption.";
  p.table.columns = {{"shop_id", "Shop", ValueType::kInt},
                     {"goods_id", "Goods", ValueType::kInt},
                     {"goods_name", "Name", ValueType::kText},
                     {"category", "Category", ValueType::kText}};
  for (const Column& c : metric_columns()) p.table.columns.push_back(c);
  for (const SkuStore& k : worst_predicted(fa.sku_stores, count)) {
    std::vector<Cell> r = {k.shop_id, k.goods_id, k.goods_name, k.category};
    for (Cell& c : metric_cells(k.sums)) r.push_back(std::move(c));
    p.table.rows.push_back(std::move(r));
  }
  return p;
}

// ---- Order forecasts (store x day)

struct OrderScores {
  ErrorSums system, last_week;  // last week: on the days it exists, system on the same
  ErrorSums all;
};

// By store ("" for every store) and by lead time.
std::map<std::string, OrderScores> order_scores(const std::vector<StoreDay>& days, bool by_lead) {
  std::map<std::string, OrderScores> out;
  for (const StoreDay& d : days) {
    OrderScores& s = out[by_lead ? std::to_string(d.lead_days) : std::to_string(d.shop_id)];
    const double actual = static_cast<double>(d.actual);
    s.all.add(actual, static_cast<double>(d.predicted));
    if (!d.last_week) continue;
    s.system.add(actual, static_cast<double>(d.predicted));
    s.last_week.add(actual, static_cast<double>(*d.last_week));
  }
  return out;
}

Panel order_table(const std::vector<StoreDay>& days, bool by_lead, double threshold) {
  Panel p{.id = by_lead ? "order_leads" : "order_stores",
          .title = by_lead ? "Order forecasts by version (lead days)" : "Order forecasts by store (store x day)",
          .kind = PanelKind::kTable};
  p.description = "t_order_predict_alg_v2's hourly orders summed per store and day against the day's paid orders.";
  p.table.columns = {{"segment", by_lead ? "Lead days" : "Shop", ValueType::kText}};
  for (const Column& c : metric_columns("orders")) p.table.columns.push_back(c);
  p.table.columns.push_back({"last_week_mae", "Last week's MAE", ValueType::kNumber});
  p.table.columns.push_back({"mase", "MASE (MAE / last week's MAE)", ValueType::kNumber});
  if (!by_lead) p.table.columns.push_back({"biased", "Biased", ValueType::kText});
  std::map<std::string, OrderScores> scores = order_scores(days, by_lead);
  std::vector<std::pair<int64_t, const OrderScores*>> ordered;
  for (const auto& [key, s] : scores) ordered.push_back({std::stoll(key), &s});
  std::sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [key, s] : ordered) {
    std::vector<Cell> r = {std::to_string(key)};
    for (Cell& c : metric_cells(s->all)) r.push_back(std::move(c));
    const double naive = s->last_week.mae();
    r.push_back(s->last_week.n > 0 ? Cell{naive} : Cell{});
    r.push_back(naive > 0 ? Cell{s->system.mae() / naive} : Cell{});
    if (!by_lead) {
      const std::optional<double> b = relative_bias(s->all);
      r.push_back(std::string(b && std::fabs(*b) >= threshold ? "yes" : "no"));
    }
    p.table.rows.push_back(std::move(r));
  }
  return p;
}

// One chart per store: the day's paid orders and the night-before forecast.
std::vector<Panel> store_order_charts(const std::vector<StoreDay>& days) {
  std::map<int64_t, Panel> charts;
  for (const StoreDay& d : days) {
    if (d.lead_days != 1) continue;
    Panel& p = charts[d.shop_id];
    if (p.id.empty()) {
      p = Panel{.id = "orders_shop_" + std::to_string(d.shop_id),
                .title = "Shop " + std::to_string(d.shop_id) + ": orders predicted (night before) vs actual",
                .kind = PanelKind::kTimeseries};
      p.series.x_label = "day";
      p.series.x_type = ValueType::kDate;
      p.series.series = {{"actual", "Paid orders", ValueType::kInt}, {"predicted", "Predicted", ValueType::kInt}};
    }
    p.series.x.push_back(d.day.str());
    p.series.series[0].values.push_back(d.actual);
    p.series.series[1].values.push_back(d.predicted);
  }
  std::vector<Panel> out;
  for (auto& [shop, p] : charts) out.push_back(std::move(p));
  return out;
}

Report compute(Warehouse& wh, const Params& params) {
  const Window w = report_window(wh, params);
  const double threshold = params.number("bias_threshold");
  const ForecastAccuracy fa = analyse(wh, w, threshold);
  Report report;
  report.panels = {summary_panel(fa),
                   baselines_panel(fa),
                   bias_alerts(fa, threshold),
                   store_chart(fa.stores),
                   segment_table("stores", "By store", "Store", fa.stores, true),
                   segment_table("categories", "By goods category", "Category", fa.categories, true),
                   category_heatmap(fa.category_weeks),
                   segment_table("weekdays", "By weekday", "Weekday", fa.weekdays, false),
                   segment_table("leads", "By lead time (predicted day − run day)", "Lead", fa.leads, false),
                   trend_chart(fa.weeks),
                   worst_table(fa, static_cast<size_t>(params.integer("worst")))};
  const std::vector<StoreDay> order_days = analyse_orders(wh, w);
  report.panels.push_back(order_table(order_days, false, threshold));
  report.panels.push_back(order_table(order_days, true, threshold));
  for (Panel& chart : store_order_charts(order_days)) report.panels.push_back(std::move(chart));
  return report;
}

std::vector<ParamSpec> params() {
  std::vector<ParamSpec> p = window_params();
  p.push_back({.name = "bias_threshold",
               .type = ParamType::kNumber,
               .default_value = "0.1",
               .description = "Median bias (share of demand) from which a store or category is flagged",
               .min = 0.01,
               .max = 1,
               .label = "Bias flagged from (share of demand)"});
  p.push_back({.name = "worst",
               .type = ParamType::kInt,
               .default_value = "20",
               .description = "Worst-predicted SKU-stores listed",
               .min = 1,
               .max = 500,
               .label = "Worst SKU-stores listed"});
  return p;
}

const ToolRegistration kRegistration(Tool{
    .id = "forecast-accuracy",
    .number = 18,
    .department = "supply-chain",
    .title = "Demand Forecasting Accuracy Monitor",
    .summary = "The replenishment system's goods forecasts against actual consumption: WAPE, MAPE, sMAPE, bias, "
               "hit rate and MASE against naive baselines, by store, category, weekday and lead time.",
    .params = params(),
    .compute = compute,
});

}  // namespace
}  // namespace luckyhub::forecast_accuracy
