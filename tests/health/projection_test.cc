// The capacity projection's math on known inputs.
#include "health/projection.h"

#include <gtest/gtest.h>

#include <cmath>

namespace luckyhub::health {
namespace {

TEST(Projection, AnExactLineHasNoInterval) {
  std::vector<Point> pts;
  for (int d = 0; d < 10; ++d) pts.push_back({double(d), 100 + 5.0 * d});
  const Projection p = project(pts, 9, {30, 60, 90}, 1000);
  EXPECT_NEAR(p.slope_per_day, 5, 1e-12);
  EXPECT_NEAR(p.intercept, 100, 1e-9);
  ASSERT_EQ(p.forecasts.size(), 3u);
  EXPECT_NEAR(p.forecasts[0].value, 100 + 5 * 39, 1e-9);
  EXPECT_NEAR(p.forecasts[2].value, 100 + 5 * 99, 1e-9);
  EXPECT_NEAR(p.forecasts[2].high - p.forecasts[2].low, 0, 1e-9);
  // 145 now, limit 1000: (1000 - 145) / 5 days.
  ASSERT_TRUE(p.days_until_limit.has_value());
  EXPECT_NEAR(*p.days_until_limit, 171, 1e-9);
}

TEST(Projection, PredictionIntervalMatchesTheTextbook) {
  // x = 1..5, y = 2, 4, 5, 4, 5: b = 0.6, a = 2.2, SSE = 2.4, s = sqrt(0.8),
  // at x0 = 6: fit 5.8, half = t(0.975, 3) s sqrt(1 + 1/5 + (6 - 3)^2 / 10) = 3.182 * 0.894427 * 1.449138.
  const std::vector<Point> pts = {{1, 2}, {2, 4}, {3, 5}, {4, 4}, {5, 5}};
  const Projection p = project(pts, 5, {1});
  EXPECT_NEAR(p.slope_per_day, 0.6, 1e-12);
  EXPECT_NEAR(p.intercept, 2.2, 1e-12);
  EXPECT_NEAR(p.residual_sd, std::sqrt(0.8), 1e-12);
  const double half = 3.182 * std::sqrt(0.8) * std::sqrt(1 + 0.2 + 0.9);
  EXPECT_NEAR(p.forecasts[0].value, 5.8, 1e-12);
  EXPECT_NEAR(p.forecasts[0].high, 5.8 + half, 1e-9);
  EXPECT_NEAR(p.forecasts[0].low, 5.8 - half, 1e-9);
}

TEST(Projection, DaysUntilLimitOnlyWhenGrowingTowardIt) {
  const std::vector<Point> shrinking = {{0, 10}, {1, 9}, {2, 8}};
  EXPECT_FALSE(project(shrinking, 2, {30}, 100).days_until_limit.has_value());
  EXPECT_FALSE(project(shrinking, 2, {30}).days_until_limit.has_value());
  const std::vector<Point> over = {{0, 100}, {1, 110}, {2, 120}};
  EXPECT_EQ(project(over, 2, {30}, 50).days_until_limit.value(), 0);
}

TEST(Projection, TooFewPointsGiveNoForecast) {
  EXPECT_TRUE(project({{0, 1}, {1, 2}}, 1, {30}).forecasts.empty());
  EXPECT_TRUE(project({{3, 1}, {3, 2}, {3, 3}}, 3, {30}).forecasts.empty());  // one day only
}

TEST(Projection, StudentT) {
  EXPECT_NEAR(t_975(1), 12.706, 1e-3);
  EXPECT_NEAR(t_975(5), 2.571, 1e-3);
  EXPECT_NEAR(t_975(10), 2.228, 2e-3);
  EXPECT_NEAR(t_975(30), 2.042, 1e-3);
  EXPECT_NEAR(t_975(1000), 1.962, 1e-3);
}

}  // namespace
}  // namespace luckyhub::health
