// The forecast accuracy metrics against a published reference vector, and
// their behaviour at zero actuals.
#include "domain/forecast_metrics.h"

#include <gtest/gtest.h>

namespace luckyhub::forecast {
namespace {

// The reference vector: y = [3, −0.5, 2, 7, 2], ŷ = [2.5, 0, 2, 8, 1.25],
// training series [5, 0.5, 4, 6, 3, 5, 2] (seasonal naive with m = 1).
ErrorSums reference_sums() {
  const double actual[] = {3, -0.5, 2, 7, 2};
  const double predicted[] = {2.5, 0, 2, 8, 1.25};
  ErrorSums sums;
  for (int i = 0; i < 5; ++i) sums.add(actual[i], predicted[i]);
  return sums;
}

TEST(ForecastMetrics, ReferenceVector) {
  const Accuracy a = accuracy(reference_sums(), naive_scale({5, 0.5, 4, 6, 3, 5, 2}, 1));
  EXPECT_EQ(a.n, 5);
  EXPECT_NEAR(*a.mape, 0.336905, 5e-7);
  EXPECT_NEAR(*a.smape, 0.555338, 5e-7);
  EXPECT_NEAR(*a.mase, 0.183333, 5e-7);
  EXPECT_NEAR(*a.wape, 0.189655, 5e-7);
  EXPECT_NEAR(*a.bias, 0.05, 1e-12);
  EXPECT_NEAR(*a.mae, 0.55, 1e-12);
  // |ŷ − y| = [0.5, 0.5, 0, 1, 0.75] against 20% of |y| = [0.6, 0.1, 0.4, 1.4, 0.4].
  EXPECT_DOUBLE_EQ(*a.hit_rate_20, 0.6);
  EXPECT_TRUE(a.notes.empty());
}

TEST(ForecastMetrics, NaiveScaleOfASeason) {
  // m = 2: |4 − 5|, |6 − 0.5|, |3 − 4|, |5 − 6|, |2 − 3| → 9.5 / 5.
  EXPECT_NEAR(*naive_scale({5, 0.5, 4, 6, 3, 5, 2}, 2), 1.9, 1e-12);
  EXPECT_FALSE(naive_scale({5, 0.5}, 2));
}

TEST(ForecastMetrics, ZeroActualsLeaveMapeUndefinedAndTheRestDefined) {
  ErrorSums sums;
  sums.add(0, 1);
  sums.add(4, 5);
  sums.add(0, 0);
  const Accuracy a = accuracy(sums, 2.0);
  EXPECT_FALSE(a.mape);
  ASSERT_EQ(a.notes.size(), 1u);
  EXPECT_NE(a.notes[0].find("2 of 3 actuals are zero"), std::string::npos) << a.notes[0];
  EXPECT_NEAR(*a.wape, 2.0 / 4, 1e-12);
  // 2·1/1 + 2·1/9 + 0 (both zero: no error).
  EXPECT_NEAR(*a.smape, (2.0 + 2.0 / 9) / 3, 1e-12);
  EXPECT_NEAR(*a.mase, (2.0 / 3) / 2.0, 1e-12);
  EXPECT_NEAR(*a.hit_rate_20, 1.0 / 3, 1e-12);  // 0→1 and 4→5 (25%) miss; 0→0 hits
}

TEST(ForecastMetrics, AllZeroActualsAndAConstantTrainingSeries) {
  ErrorSums sums;
  sums.add(0, 2);
  const Accuracy a = accuracy(sums, naive_scale({3, 3, 3}, 1));
  EXPECT_FALSE(a.mape);
  EXPECT_FALSE(a.wape);
  EXPECT_FALSE(a.mase);
  EXPECT_EQ(a.notes.size(), 3u);
  EXPECT_NEAR(*a.bias, 2, 1e-12);
}

TEST(ForecastMetrics, MergedGroupsEqualOneSum) {
  ErrorSums left, right, all;
  for (double y : {1.0, 2.0, 3.0}) left.add(y, y * 1.1), all.add(y, y * 1.1);
  for (double y : {0.0, 5.0}) right.add(y, y + 1), all.add(y, y + 1);
  left.merge(right);
  EXPECT_EQ(left.n, all.n);
  EXPECT_EQ(left.zero_actuals, all.zero_actuals);
  EXPECT_EQ(left.hits_20, all.hits_20);
  EXPECT_DOUBLE_EQ(left.sape, all.sape);
  EXPECT_DOUBLE_EQ(left.abs_error, all.abs_error);
}

TEST(ForecastMetrics, ImprovementOverABaseline) {
  EXPECT_NEAR(*improvement_over(0.75, 1.0), 0.25, 1e-12);
  EXPECT_NEAR(*improvement_over(1.5, 1.0), -0.5, 1e-12);
  EXPECT_FALSE(improvement_over(1.0, 0.0));
}

}  // namespace
}  // namespace luckyhub::forecast
