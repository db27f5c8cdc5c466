// The marketing family in the shared scale-0.02 simulation: sizes against
// calibration x 0.02 and used coupons against t_order_amount.coupon_deduct.
// A simulation without customers or orders is a failure, not a skip.
#include <gtest/gtest.h>

#include "support/shared_sim.h"

namespace luckyhub::testing {
namespace {

int64_t scalar(Warehouse& w, const std::string& sql) { return w.query(sql).int_at(0, 0); }

class MarketingShared : public ::testing::Test {
 protected:
  void SetUp() override {
    w_ = open_shared_warehouse();
    users_ = scalar(*w_, "SELECT COUNT(*) FROM sales_crm__t_user");
    ASSERT_GT(users_, 0) << "the shared simulation has no customers";
  }
  int64_t count(const std::string& table) { return scalar(*w_, "SELECT COUNT(*) FROM " + table); }
  std::unique_ptr<Warehouse> w_;
  int64_t users_ = 0;
};

TEST_F(MarketingShared, SizesFollowCalibrationTimesScale) {
  const double s = shared_sim().scale;
  EXPECT_NEAR(users_, 275000 * s, 275000 * s * 0.15);
  EXPECT_EQ(count("sales_marketing__t_coupon_template"), 1262);
  EXPECT_EQ(count("sales_marketing__t_coupon_record_expired"), std::llround(37000000 * s));
  EXPECT_EQ(scalar(*w_, "SELECT COUNT(*) FROM sales_marketing__t_coupon_record WHERE status = 1 AND "
                        "expire_time > '2026-02-13 05:00:00'"),
            std::llround(2400000 * s));
  EXPECT_NEAR(count("sales_marketing__t_coupon_record"), 2600000 * s, 2600000 * s * 0.1);
  EXPECT_NEAR(count("sales_crm__t_user_profile"), 193000 * s, 193000 * s * 0.1);
  EXPECT_NEAR(count("sales_crm__t_user_history"), 498000 * s, 498000 * s * 0.15);
  EXPECT_NEAR(count("isales_cdp__t_user_state"), 980000 * s, 980000 * s * 0.1);
  EXPECT_NEAR(count("isales_cdp__t_realtime_user_group_log"), 2300000 * s, 2300000 * s * 0.15);
  EXPECT_NEAR(count("isales_cdp__t_user_event_track"), 168000 * s, 168000 * s * 0.1);
  EXPECT_NEAR(count("sales_marketing__t_user_group_label"), 3900000 * s, 3900000 * s * 0.1);
  EXPECT_NEAR(count("sales_marketing__t_market_activity_partake"), 514000 * s, 514000 * s * 0.1);
  EXPECT_NEAR(count("isalesdatamarketing__t_user_hit_experiment_record"), 6400000 * s, 6400000 * s * 0.1);
}

TEST_F(MarketingShared, UsedCouponsReconcileWithOrderAmounts) {
  ASSERT_GT(count("sales_order__t_order_amount"), 0) << "the shared simulation has no orders";
  // Per order: the sum of its used coupons' deduct_amount = coupon_deduct.
  EXPECT_EQ(scalar(*w_, "SELECT COUNT(*) FROM sales_order__t_order_amount a LEFT JOIN (SELECT order_no, "
                        "SUM(deduct_amount) AS d FROM sales_marketing__t_coupon_record WHERE status = 2 "
                        "GROUP BY order_no) c ON c.order_no = a.order_no WHERE COALESCE(c.d, 0) <> a.coupon_deduct"),
            0);
  EXPECT_EQ(scalar(*w_, "SELECT COUNT(*) FROM sales_marketing__t_coupon_record c WHERE status = 2 AND NOT EXISTS "
                        "(SELECT 1 FROM sales_order__t_order o WHERE o.order_no = c.order_no)"),
            0);
}

TEST_F(MarketingShared, PlantedKindsAreDeclared) {
  const nlohmann::json& anomalies = shared_sim().truth.at("anomalies");
  for (const char* kind : {"experiment_effect", "experiment_no_effect", "coupon_template_low_roi",
                           "coupon_template_unredeemed", "churned_regular_customer"}) {
    EXPECT_TRUE(anomalies.contains(kind)) << kind;
  }
  EXPECT_FALSE(anomalies.at("experiment_effect").value("items", nlohmann::json::array()).empty());
}

}  // namespace
}  // namespace luckyhub::testing
