// build_sales_world and generate_sales: the entry points of the sales family.
#include "core/log.h"
#include "simulate/generators.h"
#include "simulate/sales/neighbourhood_store.h"
#include "simulate/sales/preparing_store.h"
#include "simulate/sales/sales_internal.h"
#include "simulate/sales/store_plants.h"
#include "simulate/sales/tastes.h"

namespace luckyhub::sim {

void build_sales_world(SimContext& ctx) {
  SalesWorld& sales = ctx.world.sales;
  build_stores(sales);
  plant_location_type(sales);
  plan_preparing_store(ctx);
  plan_neighbourhood_store(ctx);
  build_products(sales);
  build_channels(sales);
  ctx.world.start = sales.stores.front().opened;
  for (const Store& s : sales.stores) {
    if (!s.test_store && s.opened < ctx.world.start) ctx.world.start = s.opened;
  }
  build_customers(ctx);
  assign_tastes(ctx);
  build_coupon_templates(ctx);
}

void generate_sales(SimContext& ctx, const std::vector<OrderObserver*>& observers) {
  describe_sales_anomalies(ctx.truth);
  write_shops(ctx);
  write_commodities(ctx);
  write_user_channels(ctx);
  SalesPlan plan = plan_orders(ctx);
  plant_order_anomalies(ctx, plan);
  calibrate_money(ctx, plan);
  assign_payment_channels(ctx, plan);
  emit_sales(ctx, plan, observers);
  write_cost_bills(ctx, plan);
}

}  // namespace luckyhub::sim
