#include "tools/recommendations/recommendations_cold_start.h"

#include <cmath>

#include "report/cells.h"

namespace luckyhub::recommendations {
namespace {

constexpr double kShrink = 50;  // m: pseudo-customers pulling a group's share to everyone's

Cell metric(double v) { return std::round(v * 1e5) / 1e5; }

}  // namespace

DemographicPrior::DemographicPrior(const Data& data, const recommend::Interactions& train)
    : data_(data), items_(train.items()), share_(static_cast<size_t>(train.items()), 0) {
  for (int f = 0; f < kFeatures; ++f) {
    customers_[f].assign(static_cast<size_t>(kFeatureValues[f]), 0);
    buyers_[f].assign(static_cast<size_t>(kFeatureValues[f]),
                      std::vector<int64_t>(static_cast<size_t>(items_), 0));
  }
  int64_t with_purchases = 0;
  for (int32_t u = 0; u < train.users(); ++u) {
    const std::span<const int32_t> items = train.items_of(u);
    if (items.empty()) continue;
    ++with_purchases;
    for (const int32_t i : items) share_[i] += 1;
    for (int f = 0; f < kFeatures; ++f) {
      const int v = data.features[u][f];
      if (v < 0) continue;
      ++customers_[f][v];
      for (const int32_t i : items) ++buyers_[f][v][i];
    }
  }
  for (double& s : share_) s = with_purchases > 0 ? s / static_cast<double>(with_purchases) : 0;
}

void DemographicPrior::score(int32_t user, std::span<double> scores) const {
  std::fill(scores.begin(), scores.end(), 0.0);
  for (int f = 0; f < kFeatures; ++f) {
    const int v = data_.features[user][f];
    if (v < 0) continue;
    const double n = static_cast<double>(customers_[f][v]);
    for (int32_t i = 0; i < items_; ++i) {
      const double p = share_[i];
      if (p <= 0) continue;
      scores[i] +=
          std::log((static_cast<double>(buyers_[f][v][i]) + kShrink * p) / ((n + kShrink) * p));
    }
  }
}

std::vector<Evaluated> evaluate_cold_start(const Data& data, const Settings& settings,
                                           const Models& m, const recommend::Recommender& blend,
                                           const std::vector<std::vector<int32_t>>& relevant) {
  const DemographicPrior prior(data, m.train());
  const ScoredBy with_prior([&](int32_t u, std::span<double> s) {
    blend.score(u, s);
    std::vector<double> p(s.size());
    prior.score(u, p);
    standardise(p);
    for (size_t i = 0; i < s.size(); ++i) s[i] += kColdStartWeight * p[i];
  });
  const ScoredBy prior_alone([&](int32_t u, std::span<double> s) {
    prior.score(u, s);
    for (size_t i = 0; i < s.size(); ++i)
      s[i] += std::log(std::max(1.0, m.popularity().users_per_item()[i]));
  });
  std::vector<Evaluated> out;
  const auto run = [&](std::string model, std::string definition, const recommend::Recommender& r) {
    out.push_back({std::move(model), std::move(definition),
                   recommend::evaluate(r, m.train(), relevant, settings.k, settings.als.threads)});
  };
  run("blend", "the blend, as for every customer", blend);
  run("popularity", "customers who bought the product", m.popularity());
  run("demographic_popularity", "log customers of the product + the demographic and segment prior",
      prior_alone);
  run("blend_demographics", "the blend + 0.5 × the standardised demographic and segment prior",
      with_prior);
  return out;
}

Panel cold_start_panel(const Evaluation& e, int k) {
  const std::string at = "@" + std::to_string(k);
  Panel p{.id = "cold_start",
          .title = "New customers: what demographics and segments add",
          .kind = PanelKind::kTable};
  p.description =
      "Customers with one or two days of purchases before their last, scored as in the models' "
      "table. The prior: "
      "for each of age range, gender (t_user_profile), purchase-frequency and value segment "
      "(t_user_state), log of "
      "how much more often that group bought the product than everyone (shrunk by 50 "
      "pseudo-customers), summed.";
  p.table.columns = {{"model", "Model"},
                     {"definition", "What it ranks by"},
                     {"customers", "Customers evaluated", ValueType::kInt},
                     {"ndcg", "NDCG" + at, ValueType::kNumber},
                     {"recall", "Recall" + at, ValueType::kNumber},
                     {"vs_blend", "NDCG vs the blend", ValueType::kNumber, "", "x"},
                     {"verdict", "Verdict"}};
  if (e.cold_models.empty()) return p;
  const double base = e.cold_models.front().metrics.ndcg;
  for (const Evaluated& m : e.cold_models) {
    const bool is_base = &m == &e.cold_models.front();
    p.table.rows.push_back({m.model, m.definition, m.metrics.users, metric(m.metrics.ndcg),
                            metric(m.metrics.recall),
                            base > 0 ? Cell{std::round(m.metrics.ndcg / base * 100) / 100} : Cell{},
                            std::string(is_base                 ? "baseline"
                                        : m.metrics.ndcg > base ? "beats the blend"
                                                                : "does not beat the blend")});
  }
  return p;
}

}  // namespace luckyhub::recommendations
