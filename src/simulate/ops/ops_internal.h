// Pieces of the ops generator family (simulate/ops/) and how they call each
// other. build_ops_world (ops_family.cc) runs the build_* steps in order;
// the ops order observer feeds ProductionRecorder and StockLedger; then
// generate_ops runs the write_* steps.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "simulate/context.h"

namespace luckyhub::sim::ops {

constexpr int64_t kMilli = 1000;

// The UTC time of a New York local hour (fractional: 23.6 is 23:36) of a day.
inline Timestamp at_local(Date day, double hour) {
  const int seconds = static_cast<int>(hour * 3600);
  return new_york_to_utc(day, seconds / 3600, (seconds / 60) % 60, seconds % 60);
}

// Columns every table has, resolved once per sink.
struct CommonColumns {
  int id, tenant, create_time, update_time;
  explicit CommonColumns(const RowSink& s)
      : id(s.col("id")), tenant(s.col("tenant")), create_time(s.col("create_time")),
        update_time(s.col("update_time")) {}
  void set(RowSink& s, int64_t row_id, std::string_view tenant_code, Timestamp created,
           Timestamp updated) const {
    s.set_int(id, row_id);
    s.set_text(tenant, tenant_code);
    s.set_text(create_time, created.str());
    s.set_text(update_time, updated.str());
  }
};

// Production stores (the 10 LKUS stores), as indexes into world.sales.stores.
std::vector<int> production_stores(const World& world);
// The store whose devices and stock serve a store's orders: itself for a
// production store; for a test store the production store with its shop_id,
// else the first production store.
int host_store(const World& world, int store);

// goods_catalog.cc: goods master (1,448), suppliers, menu categories.
void build_goods_and_suppliers(SimContext& ctx);
void write_catalog_tables(SimContext& ctx);

// recipes.cc: active recipes per product variant; t_formula_spu (32,000 rows).
void build_recipes(SimContext& ctx);
void write_formula_spu(SimContext& ctx);
// The recipe of a sold line (falls back to the product's closest variant);
// -1 if the product has none.
int find_recipe(const OpsWorld& ops, int product, int cup_size, int temperature);

// machines.cc: machine types, 216 devices, 217 machine formulas, device events.
void build_machines(SimContext& ctx);
void write_machine_tables(SimContext& ctx);
int find_formula(const OpsWorld& ops, int product, int machine_type, int cup_size,
                 int temperature);

// purchasing.cc: suppliers' purchase orders, shipments, settlements.
void plan_purchasing(SimContext& ctx);
void write_purchasing(SimContext& ctx);
// The ship_no of the latest shipment that brought a goods in by `day`
// (falling back to the goods' supplier, then any supplier); "" if none.
std::string latest_shipment_for(const OpsWorld& ops, int goods, Date day);

// forecasts.cc: goods demand forecasts (and the forecast_bias manifest).
void write_forecasts(SimContext& ctx);
// order_forecasts.cc: hourly order and cup forecasts, one row per lead time.
void write_order_forecasts(SimContext& ctx);
// staff_shifts.cc: the stores' rota and attendance (and the staff_no_show manifest).
void write_staff_shifts(SimContext& ctx);

}  // namespace luckyhub::sim::ops
