// The inventory policy math against stockpyl's published examples (Snyder &
// Shen's Examples 3.1, 4.3 and the EOQ + SS approximation of 5.1) and hand
// computations from normal tables.
#include "domain/inventory_policy.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace luckyhub::inventory {
namespace {

TEST(InventoryPolicy, EconomicOrderQuantityMatchesStockpyl) {
  // economic_order_quantity(fixed_cost=8, holding_cost=0.225, demand_rate=1300)
  EXPECT_NEAR(economic_order_quantity(8, 0.225, 1300), 304.04678, 5e-6);
}

TEST(InventoryPolicy, EoqWithSafetyStockMatchesStockpyl) {
  // r_q_eoqss_approx(holding 0.225, stockout 7.5, fixed 8, mean 1300, sd 150, lead time 1/12)
  const ReorderPolicy p = eoq_with_safety_stock(0.225, 7.5, 8, 1300, 150, 1.0 / 12);
  EXPECT_NEAR(p.reorder_point, 190.33700, 5e-6);
  EXPECT_NEAR(p.order_quantity, 304.04678, 5e-6);
  EXPECT_NEAR(p.safety_stock, 190.33700 - 1300.0 / 12, 5e-6);
}

TEST(InventoryPolicy, NormalNewsvendorMatchesStockpyl) {
  // newsvendor_normal(holding 0.18, stockout 0.70, mean 50, sd 8)
  EXPECT_NEAR(newsvendor_normal(0.18, 0.70, 50, 8), 56.60396, 5e-6);
}

TEST(InventoryPolicy, CycleServicePolicyFromTheNormalTable) {
  // z(0.95) = 1.644854; SS = 1.644854 × 3 × √4 = 9.869122; r = 10 × 4 + SS.
  const ReorderPolicy p = cycle_service_policy(10, 3, 4, 0.95);
  EXPECT_NEAR(p.z, 1.644854, 5e-7);
  EXPECT_NEAR(p.safety_stock, 9.869122, 5e-6);
  EXPECT_NEAR(p.reorder_point, 49.869122, 5e-6);
}

TEST(InventoryPolicy, NormalLossFunctionFromTables) {
  EXPECT_NEAR(normal_loss(0), 0.3989423, 5e-8);  // φ(0) = 1/√(2π)
  EXPECT_NEAR(normal_loss(1), 0.0833155, 5e-7);  // 0.2419707 − (1 − 0.8413447)
}

TEST(InventoryPolicy, FillRatePolicyMeetsItsTargetExactly) {
  // σ√L = 6 and Q = 20: β(0) = 1 − 6 × 0.3989423 / 20 = 0.880317; a target of
  // 0.98 needs G(z) = 0.02 × 20 / 6 = 0.0666667.
  EXPECT_NEAR(fill_rate(0, 3, 4, 20), 0.8803173, 5e-7);
  const ReorderPolicy p = fill_rate_policy(10, 3, 4, 20, 0.98);
  EXPECT_NEAR(fill_rate(p.z, 3, 4, 20), 0.98, 1e-9);
  EXPECT_NEAR(normal_loss(p.z), 0.02 * 20 / 6, 1e-9);
  EXPECT_DOUBLE_EQ(p.reorder_point, 40 + p.z * 6);
  // A target already met without safety stock asks for none.
  EXPECT_DOUBLE_EQ(fill_rate_policy(10, 3, 4, 20, 0.85).z, 0);
}

TEST(InventoryPolicy, RejectsImpossibleInputs) {
  EXPECT_THROW(economic_order_quantity(0, 0.2, 100), std::invalid_argument);
  EXPECT_THROW(cycle_service_policy(10, 3, 4, 1.0), std::invalid_argument);
  EXPECT_THROW(cycle_service_policy(10, 3, -1, 0.9), std::invalid_argument);
  EXPECT_THROW(newsvendor_normal(0.18, 0.7, 50, 0), std::invalid_argument);
  EXPECT_THROW(fill_rate_policy(10, 3, 4, 0, 0.9), std::invalid_argument);
}

}  // namespace
}  // namespace luckyhub::inventory
