#include "domain/production_time.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace luckyhub::production_time {
namespace {

TEST(ProductionTime, PercentilesAreNearestRankOverTimesWithoutOutliers) {
  const std::vector<int64_t> times = {90, 300, 120, 120, 45, 1800, 1801, 9700, 200, 150, 60};
  Histogram h;
  for (int64_t t : times) h.add(t);
  EXPECT_EQ(h.outliers(), 2);  // 1801 and 9700: over 30 minutes; 1800 is not
  EXPECT_EQ(h.count(), 9);
  // Sorted without outliers: 45 60 90 120 120 150 200 300 1800.
  std::vector<int64_t> kept;
  for (int64_t t : times) if (t <= kOutlierSeconds) kept.push_back(t);
  std::sort(kept.begin(), kept.end());
  for (double q : {0.05, 0.25, 0.5, 0.9, 0.95, 1.0}) {
    const size_t rank = static_cast<size_t>(std::ceil(q * kept.size()));
    EXPECT_EQ(h.percentile(q), kept[rank - 1]) << q;
  }
  EXPECT_EQ(h.percentile(0.5), 120);
  EXPECT_EQ(h.percentile(0.95), 1800);
  EXPECT_NEAR(h.mean(), (45 + 60 + 90 + 120 + 120 + 150 + 200 + 300 + 1800) / 9.0, 1e-9);
}

TEST(ProductionTime, CountsAddUp) {
  Histogram h;
  h.add(100, 19);
  h.add(400, 1);
  EXPECT_EQ(h.percentile(0.95), 100);  // rank 19 of 20
  EXPECT_EQ(h.percentile(0.951), 400);
  EXPECT_EQ(Histogram().percentile(0.5), 0);
}

}  // namespace
}  // namespace luckyhub::production_time
