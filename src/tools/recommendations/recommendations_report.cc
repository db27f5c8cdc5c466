// The recommendations report: the models side by side on the holdout, what
// customers buy together, the season, a customer's profile (user=), and the
// registration of Tool 11.
#include <cmath>

#include "core/error.h"
#include "report/cells.h"
#include "tools/recommendations/recommendations.h"
#include "tools/recommendations/recommendations_cold_start.h"
#include "tools/recommendations/recommendations_panels.h"

namespace luckyhub::recommendations {
namespace {

Cell metric_cell(double v) { return std::round(v * 1e5) / 1e5; }
Cell ratio(double v) { return std::round(v * 100) / 100; }

const Evaluated& best_of(const Evaluation& e) {
  const Evaluated* best = &e.models.front();
  for (const Evaluated& m : e.models) {
    if (m.metrics.ndcg > best->metrics.ndcg) best = &m;
  }
  return *best;
}

Panel summary_panel(const Evaluation& e, int k) {
  const Evaluated& best = best_of(e);
  const double baseline = e.models.front().metrics.ndcg;
  Panel p{.id = "summary", .title = "Recommendations on each customer's last day", .kind = PanelKind::kKpis};
  p.kpis = {
      {"customers", "Customers with purchases", e.customers, ValueType::kInt},
      {"products", "Products bought", e.products_bought, ValueType::kInt, "", "", Status::kNone,
       "of " + std::to_string(e.products) + " in the catalogue"},
      {"evaluated", "Customers evaluated", e.models.front().metrics.users, ValueType::kInt, "", "", Status::kNone,
       "whose last day brought a product they had not bought before"},
      {"best_model", "Best model", best.model, ValueType::kText, "", "", Status::kNone,
       "by NDCG@" + std::to_string(k)},
      {"best_ndcg", "Its NDCG@" + std::to_string(k), metric_cell(best.metrics.ndcg), ValueType::kNumber},
      {"best_vs_popularity", "Against popularity", baseline > 0 ? ratio(best.metrics.ndcg / baseline) : Cell{},
       ValueType::kNumber, "", "x", best.metrics.ndcg > baseline ? Status::kGreen : Status::kRed,
       "NDCG of the best model / NDCG of popularity"},
  };
  return p;
}

Panel models_panel(const Evaluation& e, int k) {
  const std::string at = "@" + std::to_string(k);
  Panel p{.id = "models", .title = "Models side by side", .kind = PanelKind::kTable};
  p.description =
      "Each customer's last day of purchases is held out; every model, trained on the days before, ranks the "
      "products the customer had not bought, and is scored on the new products of that day (Microsoft "
      "Recommenders' definitions): precision" + at + " = hits / k; recall" + at + " = hits / new products; NDCG" +
      at + " = Σ 1/log2(rank + 1) over hits / the ideal; MAP" + at +
      " = Σ precision at each hit / min(k, new products); coverage = products in anyone's list / products.";
  p.table.columns = {{"model", "Model"},
                     {"definition", "What it ranks by"},
                     {"precision", "Precision" + at, ValueType::kNumber},
                     {"recall", "Recall" + at, ValueType::kNumber},
                     {"ndcg", "NDCG" + at, ValueType::kNumber},
                     {"map", "MAP" + at, ValueType::kNumber},
                     {"coverage", "Coverage", ValueType::kRate},
                     {"vs_popularity", "NDCG vs popularity", ValueType::kNumber, "", "x"},
                     {"verdict", "Verdict"}};
  const double baseline = e.models.front().metrics.ndcg;
  for (const Evaluated& m : e.models) {
    const recommend::RankingMetrics& r = m.metrics;
    const bool is_baseline = &m == &e.models.front();
    p.table.rows.push_back({m.model, m.definition, metric_cell(r.precision), metric_cell(r.recall), metric_cell(r.ndcg), metric_cell(r.map),
                            rate_cell(r.coverage), baseline > 0 ? ratio(r.ndcg / baseline) : Cell{},
                            std::string(is_baseline            ? "baseline"
                                        : r.ndcg > baseline ? "beats popularity"
                                                             : "does not beat popularity")});
  }
  return p;
}

Panel ndcg_chart(const Evaluation& e, int k) {
  Panel p{.id = "ndcg", .title = "NDCG@" + std::to_string(k) + " by model", .kind = PanelKind::kBar};
  p.series.x_label = "Model";
  Series s{.id = "ndcg", .label = "NDCG@" + std::to_string(k), .type = ValueType::kNumber};
  for (const Evaluated& m : e.models) {
    p.series.x.push_back(m.model);
    s.values.push_back(metric_cell(m.metrics.ndcg));
  }
  p.series.series.push_back(std::move(s));
  return p;
}

Report compute(Warehouse& wh, const Params& params) {
  const Settings settings = settings_of(params);
  const std::string user = params.text("user");
  const Data data = read_data(wh);
  if (data.purchases.empty()) throw Error("recommendations: no paid purchases by customers in this warehouse");
  const Evaluation evaluation = evaluate_models(data, settings);
  const Serving serving = train_serving(data, settings);
  Report r;
  r.panels = {summary_panel(evaluation, settings.k), models_panel(evaluation, settings.k),
              ndcg_chart(evaluation, settings.k), cold_start_panel(evaluation, settings.k)};
  if (!user.empty()) {
    for (Panel& p : profile_panels(wh, data, serving, settings, user)) r.panels.push_back(std::move(p));
  }
  for (Panel& p : served_panels(wh, data, settings.k, static_cast<int>(params.integer("served_horizon_days")))) {
    r.panels.push_back(std::move(p));
  }
  r.panels.push_back(also_bought_panel(data, *serving.models));
  if (const int64_t spu = params.integer("seed_product"); spu > 0) {
    r.panels.push_back(lookalikes_panel(data, *serving.models, spu, static_cast<int>(params.integer("lookalikes"))));
  }
  if (const int64_t shop = params.integer("store"); shop > 0) {
    for (Panel& p : store_menu_panels(wh, data, *serving.models, shop)) {
      r.panels.push_back(std::move(p));
    }
  }
  r.panels.push_back(season_panel(data));
  return r;
}

const ToolRegistration kRegistration(Tool{
    .id = "recommendations",
    .number = 11,
    .department = "product",
    .title = "Customer Taste Profile & Recommendation Engine",
    .summary = "What each customer is likely to buy next: popularity, item-kNN, ALS matrix factorisation, content "
               "similarity and a seasonal blend, measured side by side on each customer's last day; taste profiles, "
               "\"customers who bought X also bought Y\" and the season's pull.",
    .params = recommendation_params(),
    .compute = compute,
});

}  // namespace
}  // namespace luckyhub::recommendations
