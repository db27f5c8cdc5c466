// Production, machines and formulas of the ops family, on the synthetic
// company of ops_test_world.h.
#include <gtest/gtest.h>
#include <filesystem>

#include "simulate/ops/../ops/ops_world.h"
#include "simulate/ops_test_world.h"

namespace luckyhub::testing {
namespace {

int64_t count(Warehouse& w, const std::string& sql) {
  const ResultSet r = w.query(sql);
  return r.int_at(0, 0);
}

TEST(OpsProduction, Dump) {
  const OpsTestRun& run = ops_test_run();
  auto w = open_warehouse(run.warehouse_path);
  for (const char* t : {"opproduction__t_production", "opproduction__t_commodity", "iot_platform__t_cup_order_info",
                        "iot_platform__t_device", "iot_platform__t_device_event", "iot_platform__t_coffee_formula",
                        "scm_commodity__t_formula_spu", "scm_commodity__t_mdm_goods",
                        "scm_shopstock__t_shop_goods_stock", "scm_shopstock__t_shop_goods_stock_change_mon",
                        "scm_shopstock__t_shop_goods_stock_change_sat",
                        "ireplenishment__wh_goods_daily_demand_pred", "ireplenishment__t_order_predict_alg_v2",
                        "scm_purchase__t_purchase_order", "scm_purchase__t_ship_order",
                        "scm_purchase__t_supplier_settlement", "scm_purchase__t_purchase_order_item"}) {
    std::printf("%-50s %lld\n", t, static_cast<long long>(count(*w, std::string("SELECT COUNT(*) FROM ") + t)));
  }
  std::filesystem::copy_file(run.warehouse_path, "/tmp/ops-test.db", std::filesystem::copy_options::overwrite_existing);
  std::printf("paid %lld cups %lld\n", (long long)run.paid_orders, (long long)run.cups);
  std::printf("%s\n", run.truth.dump(1).substr(0, 6000).c_str());
}

}  // namespace
}  // namespace luckyhub::testing
