// The ops family inside the whole simulation (the shared scale-0.02 run):
// volumes against the calibration figures x 0.02, exact owned counts, and every ops
// anomaly kind in the manifest. A run without orders is a failure, not a skip.
#include <gtest/gtest.h>

#include "support/shared_sim.h"

namespace luckyhub::testing {
namespace {

int64_t scalar(Warehouse& w, const std::string& sql) { return w.query(sql).int_at(0, 0); }

class OpsSharedSim : public ::testing::Test {
 protected:
  void SetUp() override {
    w_ = open_shared_warehouse();
    ASSERT_GT(scalar(*w_, "SELECT COUNT(*) FROM sales_order__t_order WHERE pay_time IS NOT NULL"), 0)
        << "the shared simulation has no paid orders";
  }
  std::unique_ptr<Warehouse> w_;
};

TEST_F(OpsSharedSim, VolumesMatchCalibration) {
  const double scale = shared_sim().scale;
  auto near = [&](const char* table, double figure, double tolerance) {
    const double rows = static_cast<double>(scalar(*w_, std::string("SELECT COUNT(*) FROM ") + table));
    EXPECT_NEAR(rows, figure * scale, figure * scale * tolerance) << table;
  };
  near("opproduction__t_production", 502000, 0.1);
  near("opproduction__t_commodity", 567000, 0.12);
  near("iot_platform__t_cup_order_info", 587000, 0.12);
  near("scm_shopstock__t_shop_goods_stock", 150000, 0.1);
  EXPECT_EQ(scalar(*w_, "SELECT COUNT(*) FROM iot_platform__t_device"), 216);
  EXPECT_EQ(scalar(*w_, "SELECT COUNT(*) FROM iot_platform__t_coffee_formula"), 217);
  EXPECT_EQ(scalar(*w_, "SELECT COUNT(*) FROM scm_commodity__t_formula_spu"), 32000);
  EXPECT_EQ(scalar(*w_, "SELECT COUNT(*) FROM scm_commodity__t_mdm_goods"), 1448);
  // One ticket per paid order (plus remakes), every ticket for a real order.
  EXPECT_EQ(scalar(*w_, "SELECT COUNT(*) FROM opproduction__t_production p LEFT JOIN sales_order__t_order o "
                        "ON o.order_no = p.order_no WHERE o.pay_time IS NULL"), 0);
  const double mean = w_->query("SELECT AVG((julianday(done_time) - julianday(accept_time)) * 86400) "
                                "FROM opproduction__t_production").double_at(0, 0);
  EXPECT_NEAR(mean, 217.9, 217.9 * 0.02);
}

TEST_F(OpsSharedSim, EveryOpsAnomalyKindIsPlanted) {
  const nlohmann::json& anomalies = shared_sim().truth["anomalies"];
  for (const char* kind : {"production_outlier", "device_offline", "device_degraded", "forecast_bias",
                           "stockout_risk", "consumption_anomaly", "supplier_late",
                           "supplier_price_increase", "delivery_overdue"}) {
    ASSERT_TRUE(anomalies.contains(kind)) << kind;
    EXPECT_FALSE(anomalies[kind]["items"].empty() && anomalies[kind]["ids"].empty()) << kind;
  }
}

}  // namespace
}  // namespace luckyhub::testing
