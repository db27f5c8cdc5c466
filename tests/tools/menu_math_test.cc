// The menu tool's pure models against published and hand-computed figures.
#include <gtest/gtest.h>

#include <cmath>

#include "tools/menu/elasticity.h"
#include "tools/menu/menu.h"
#include "tools/menu/menu_engineering.h"

namespace luckyhub::menu {
namespace {

// The textbook worksheet of Kasavana & Smith's method: seven items as
// (sold, cost, price).
TEST(MenuEngineering, ClassifiesTheTextbookWorksheet) {
  const struct {
    int64_t sold;
    double cost, price;
  } rows[] = {{210, 2.05, 4.50}, {63, 1.36, 4.50},  {390, 1.77, 4.50}, {140, 1.16, 5.30},
              {277, 1.86, 5.65}, {80, 1.63, 5.65},  {440, 1.35, 5.00}};
  std::vector<MenuItem> items;
  for (const auto& r : rows) items.push_back({r.sold, r.price - r.cost});
  const MenuMatrix m = classify(items);
  EXPECT_EQ(m.thresholds.items, 7);
  EXPECT_EQ(m.thresholds.total_sold, 1600);
  EXPECT_NEAR(m.thresholds.average_margin, 3.333781, 5e-7);
  EXPECT_NEAR(m.thresholds.popularity_cut, 0.10, 1e-12);
  const MenuClass expected[] = {MenuClass::kPlowhorse, MenuClass::kDog,  MenuClass::kPlowhorse,
                                MenuClass::kPuzzle,    MenuClass::kStar, MenuClass::kPuzzle,
                                MenuClass::kStar};
  ASSERT_EQ(m.items.size(), 7u);
  for (size_t i = 0; i < 7; ++i) EXPECT_EQ(m.items[i].cls, expected[i]) << "item " << i + 1;
  EXPECT_STREQ(to_string(m.items[0].cls), "Plowhorse");
}

TEST(MenuEngineering, AMenuThatSoldNothingHasNoPopularItem) {
  const MenuMatrix m = classify({{0, 1.0}, {0, 2.0}});
  EXPECT_EQ(m.items[0].cls, MenuClass::kDog);
  EXPECT_EQ(m.items[1].cls, MenuClass::kDog);
}

// The seasonality rule on hand-computed counts (half a unit added to each).
TEST(Seasonality, FlagsByIndexAndZ) {
  SeasonFigures f{.summer_units = 99, .summer_total = 1000, .winter_units = 19, .winter_total = 2000,
                  .summer_days = 30, .winter_days = 30};
  classify_season(f);
  EXPECT_NEAR(*f.index, 10.205128205128206, 1e-12);  // (99.5 / 1000) / (19.5 / 2000)
  EXPECT_NEAR(*f.z, 9.37959479288828, 1e-12);        // ln index / sqrt(1/99.5 + 1/19.5)
  EXPECT_EQ(f.season, Season::kSummer);
  // A large index on a few units: z 1.41, no flag.
  f = {.summer_units = 5, .summer_total = 100, .winter_units = 1, .winter_total = 100, .summer_days = 30, .winter_days = 30};
  classify_season(f);
  EXPECT_NEAR(*f.index, 3.666666666666667, 1e-12);
  EXPECT_NEAR(*f.z, 1.4105279787074714, 1e-12);
  EXPECT_EQ(f.season, Season::kNone);
  f = {.summer_units = 2, .summer_total = 1000, .winter_units = 60, .winter_total = 1000, .summer_days = 30, .winter_days = 30};
  classify_season(f);
  EXPECT_NEAR(*f.index, 0.04132231404958678, 1e-12);
  EXPECT_NEAR(*f.z, -4.937092389135167, 1e-12);
  EXPECT_EQ(f.season, Season::kWinter);
  EXPECT_STREQ(to_string(f.season), "winter");
  // Thirteen summer days: not both seasons, no index.
  f.summer_days = 13;
  classify_season(f);
  EXPECT_EQ(f.season, Season::kNotBoth);
  EXPECT_FALSE(f.index.has_value());
}

TEST(Elasticity, RecoversAnExactSlopeWithinStores) {
  // quantity = level x price^-1.5 at two stores of different size.
  std::vector<PriceObservation> obs;
  for (double p : {4.0, 4.5, 5.0}) obs.push_back({"A", "", p, 100 * std::pow(p, -1.5)});
  for (double p : {3.5, 4.2}) obs.push_back({"B", "", p, 30 * std::pow(p, -1.5)});
  const ElasticityResult r = estimate_elasticity(obs, 3);
  ASSERT_TRUE(r.estimate);
  EXPECT_NEAR(r.estimate->elasticity, -1.5, 1e-12);
  EXPECT_NEAR(r.estimate->low, -1.5, 1e-6);
  EXPECT_NEAR(r.estimate->high, -1.5, 1e-6);
  EXPECT_EQ(r.estimate->observations, 5);
  EXPECT_EQ(r.estimate->degrees_of_freedom, 2);
  EXPECT_EQ(r.price_changes, 3);
}

TEST(Elasticity, GivesTheIntervalOfAHandComputedRegression) {
  // ln price = 0, 1, 2, 3 and ln quantity = 1, 3, 2, 5: Sxx = 5, Sxy = 5.5,
  // slope 1.1, SSE 2.7, se = sqrt(2.7 / 2 / 5) = 0.519615, t(0.975, 2) = 4.302653:
  // 1.1 -/+ 2.235724.
  std::vector<PriceObservation> obs;
  const double y[] = {1, 3, 2, 5};
  for (int i = 0; i < 4; ++i) obs.push_back({"store", "", std::exp(i), std::exp(y[i])});
  const ElasticityResult r = estimate_elasticity(obs, 3);
  ASSERT_TRUE(r.estimate);
  EXPECT_NEAR(r.estimate->elasticity, 1.1, 1e-12);
  EXPECT_NEAR(r.estimate->standard_error, 0.5196152, 1e-6);
  EXPECT_NEAR(r.estimate->low, -1.135724, 1e-6);
  EXPECT_NEAR(r.estimate->high, 3.335724, 1e-6);
}

TEST(Elasticity, TakesOutWhatMovesEveryStoreAtOnce) {
  // Two stores over three months; every store's demand doubles in the last
  // month (a season), and store A's price rises 25% from month 2: quantity =
  // level x season x price^-1. The period effect absorbs the season.
  std::vector<PriceObservation> obs;
  const double season[] = {1, 1, 2};
  for (int m = 0; m < 3; ++m) {
    const double price_a = m == 0 ? 4.0 : 5.0;
    obs.push_back({"A", std::to_string(m), price_a, 100 * season[m] / price_a});
    obs.push_back({"B", std::to_string(m), 4.0, 60 * season[m] / 4.0});
  }
  // One more observation so that a degree of freedom is left.
  obs.push_back({"B", "2", 4.0, 60 * 2 / 4.0});
  const ElasticityResult r = estimate_elasticity(obs, 1);
  ASSERT_TRUE(r.estimate);
  EXPECT_NEAR(r.estimate->elasticity, -1.0, 1e-9);
  EXPECT_EQ(r.estimate->periods, 3);
  EXPECT_EQ(r.estimate->degrees_of_freedom, 7 - 2 - 3);
  // Without the period effect, the season would pass for a price response.
  for (PriceObservation& o : obs) o.period = "";
  EXPECT_GT(std::fabs(estimate_elasticity(obs, 1).estimate->elasticity + 1.0), 0.1);
}

TEST(Elasticity, SaysNotEnoughVariationWithoutAPriceChange) {
  const std::vector<PriceObservation> flat = {{"A", "", 4.5, 10}, {"A", "", 4.5, 12}, {"B", "", 4.5, 9}};
  const ElasticityResult none = estimate_elasticity(flat, 0);
  EXPECT_FALSE(none.estimate);
  EXPECT_EQ(none.note, "not enough variation: no price change");
  // A change counted elsewhere but no price variation within any store.
  EXPECT_FALSE(estimate_elasticity(flat, 1).estimate);
  // One change at one store: two observations, no degree of freedom left.
  EXPECT_FALSE(estimate_elasticity({{"A", "", 4.5, 10}, {"A", "", 5.0, 9}}, 1).estimate);
}

TEST(Elasticity, TQuantilesMatchTheTables) {
  EXPECT_NEAR(t_quantile_975(1), 12.706, 1e-3);
  EXPECT_NEAR(t_quantile_975(3), 3.182, 1e-3);
  EXPECT_NEAR(t_quantile_975(10), 2.228, 1e-3);
  EXPECT_NEAR(t_quantile_975(30), 2.042, 1e-3);
  EXPECT_NEAR(t_quantile_975(31), 2.039513, 1e-5);
  EXPECT_NEAR(t_quantile_975(60), 2.000298, 1e-5);
  EXPECT_NEAR(t_quantile_975(1000), 1.962339, 1e-5);
}

}  // namespace
}  // namespace luckyhub::menu
