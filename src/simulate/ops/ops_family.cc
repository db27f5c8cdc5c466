// The ops generator family's entry points (generators.h): build the ops
// world, observe orders (production and stock as they happen), then write
// the tables that need the whole history (forecasts, purchasing) and the
// master data.
#include <memory>

#include "simulate/generators.h"
#include "simulate/ops/ops_internal.h"
#include "simulate/ops/production.h"
#include "simulate/ops/stock_ledger.h"
#include "simulate/progress.h"

namespace luckyhub::sim {
namespace ops {

std::vector<int> production_stores(const World& world) {
  std::vector<int> out;
  for (size_t s = 0; s < world.sales.stores.size(); ++s)
    if (!world.sales.stores[s].test_store) out.push_back(static_cast<int>(s));
  return out;
}

int host_store(const World& world, int store) {
  const auto& stores = world.sales.stores;
  const auto& brewers = world.ops.brewers_of_store;
  if (store < static_cast<int>(brewers.size()) && !brewers[store].empty()) return store;
  for (size_t s = 0; s < stores.size(); ++s)
    if (!stores[s].test_store && stores[s].shop_id == stores[store].shop_id) return static_cast<int>(s);
  const std::vector<int> production = production_stores(world);
  return production.empty() ? store : production.front();
}

namespace {

class OpsObserver : public OrderObserver {
 public:
  explicit OpsObserver(SimContext& ctx) : production_(ctx), stock_(ctx) {}
  void on_order(const OrderEvent& order) override {
    production_.on_order(order);
    stock_.on_order(order);
  }
  void on_day_end(Date day) override { stock_.on_day_end(day); }
  void finish() override {
    production_.finish();
    stock_.finish();
  }

 private:
  ProductionRecorder production_;
  StockLedger stock_;
};

// Planted forecast biases: a store over-forecast, dairy under-forecast.
void choose_biases(SimContext& ctx) {
  OpsWorld& ops = ctx.world.ops;
  Rng rng = ctx.rng("ops/forecast-bias");
  const std::vector<int> stores = production_stores(ctx.world);
  if (!stores.empty()) {
    ops.biased_store = stores[rng.range(0, static_cast<int64_t>(stores.size()) - 1)];
    ops.biased_store_pct = 22;
  }
  ops.biased_category = "dairy";
  ops.biased_category_pct = -18;
}

}  // namespace
}  // namespace ops

void build_ops_world(SimContext& ctx) {
  ops::build_goods_and_suppliers(ctx);
  ops::build_recipes(ctx);
  ops::build_machines(ctx);
  ops::plan_purchasing(ctx);
  ops::choose_biases(ctx);
}

std::unique_ptr<OrderObserver> make_ops_observer(SimContext& ctx) {
  return std::make_unique<ops::OpsObserver>(ctx);
}

void generate_ops(SimContext& ctx) {
  Progress progress("ops tables", 5);
  ops::write_catalog_tables(ctx);
  progress.advance();
  ops::write_formula_spu(ctx);
  progress.advance();
  ops::write_machine_tables(ctx);
  progress.advance();
  ops::write_forecasts(ctx);
  ops::write_order_forecasts(ctx);
  ops::write_staff_shifts(ctx);
  progress.advance();
  ops::write_purchasing(ctx);
  progress.advance();
  progress.done();
}

}  // namespace luckyhub::sim
