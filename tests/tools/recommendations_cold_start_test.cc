// The recommendations tool's cold start on the simulation: the demographic
// prior learns the planted link of age to iced drinks (demographic_taste),
// and the report measures the blend with and without it on the same cold
// customers.
#include "tools/recommendations/recommendations_cold_start.h"

#include <gtest/gtest.h>

#include "support/panel_columns.h"
#include "support/shared_sim.h"
#include "tools/registry.h"

namespace luckyhub {
namespace {

using testing::column;

// Mean prior of iced drinks minus that of hot ones, over the customers of an age range.
double iced_lean(const recommendations::Data& data, const recommendations::DemographicPrior& prior,
                 int age_range) {
  std::vector<double> s(data.products.size());
  double sum = 0;
  int64_t n = 0;
  for (int32_t u = 0; u < static_cast<int32_t>(data.users.size()); ++u) {
    if (data.features[u][0] != age_range) continue;
    prior.score(u, s);
    double iced = 0, hot = 0;
    int64_t n_iced = 0, n_hot = 0;
    for (size_t i = 0; i < s.size(); ++i) {
      if (data.products[i].temperature == 2) iced += s[i], ++n_iced;
      if (data.products[i].temperature == 1) hot += s[i], ++n_hot;
    }
    sum += iced / static_cast<double>(n_iced) - hot / static_cast<double>(n_hot);
    ++n;
  }
  return sum / static_cast<double>(n);
}

TEST(RecommendationsColdStart, ThePriorLearnsThatYoungerCustomersLeanIced) {
  const auto& planted = testing::shared_sim().truth["anomalies"]["demographic_taste"]["items"];
  ASSERT_EQ(planted[0]["field"], "age_range");
  ASSERT_LT(planted[0]["rho"].get<double>(), 0);  // younger: more iced
  const std::unique_ptr<Warehouse> wh = testing::open_shared_warehouse();
  const recommendations::Data data = recommendations::read_data(*wh);
  recommendations::Settings settings;
  const recommendations::Serving serving = recommendations::train_serving(data, settings);
  const recommendations::DemographicPrior prior(data, serving.models->train());
  const double young = iced_lean(data, prior, 2), old = iced_lean(data, prior, 5);
  EXPECT_GT(young, 0.05) << "18-24";
  EXPECT_LT(old, -0.05) << "45-54";
}

TEST(RecommendationsColdStart, TheReportComparesTheSameColdCustomers) {
  const std::unique_ptr<Warehouse> wh = testing::open_shared_warehouse();
  const Report r = run_tool(ToolRegistry::instance().get("recommendations"), *wh, {});
  const Panel& p = *r.panel("cold_start");
  ASSERT_EQ(p.table.rows.size(), 4u);
  const std::vector<std::string> models = {"blend", "popularity", "demographic_popularity",
                                           "blend_demographics"};
  const int64_t customers = std::get<int64_t>(p.table.rows[0][column(p, "customers")]);
  EXPECT_GT(customers, 100);
  for (size_t i = 0; i < models.size(); ++i) {
    EXPECT_EQ(std::get<std::string>(p.table.rows[i][column(p, "model")]), models[i]);
    EXPECT_EQ(std::get<int64_t>(p.table.rows[i][column(p, "customers")]), customers);
  }
  // The verdict says what the NDCGs say.
  const double blend = std::get<double>(p.table.rows[0][column(p, "ndcg")]);
  const double with_prior = std::get<double>(p.table.rows[3][column(p, "ndcg")]);
  EXPECT_EQ(std::get<std::string>(p.table.rows[3][column(p, "verdict")]),
            with_prior > blend ? "beats the blend" : "does not beat the blend");
}

}  // namespace
}  // namespace luckyhub
