// The operations and supply-chain section of the simulated world: goods,
// recipes, machines and their formulas, suppliers and the purchasing plan,
// plus the planted operational anomalies. Owned by simulate/ops/:
// build_ops_world fills everything but `history`, which the ops order
// observer fills while orders stream past and generate_ops reads at the end.
//
// Quantities of goods are integer thousandths of the goods' stock unit
// ("milli-units"), the DECIMAL(…,3) scale of the stock and recipe tables, so
// stock before/after arithmetic is exact.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/calendar.h"

namespace luckyhub::sim {

struct Goods {
  int64_t goods_id = 0;       // t_mdm_goods.id
  std::string goods_no;       // "G000123"
  std::string name;
  int goods_type = 1;         // 1 raw, 2 packaging, 3 consumable, 4 finished food, 5 part
  std::string category;       // "dairy", "coffee beans", …
  std::string spec;
  std::string unit;           // stock unit: g, ml, pcs
  std::string purchase_unit;  // case, bag, bottle, …
  int64_t unit_ratio_milli = 1000;  // stock units per purchase unit, x1000
  int storage_type = 1;       // 1 ambient, 2 chilled, 3 frozen
  int shelf_life_days = 0;    // 0 = not perishable
  int status = 1;             // 1 active, 2 discontinued
  int supplier = -1;          // index into OpsWorld::suppliers
  int64_t price_cents = 0;    // base price per purchase unit
  int64_t pack_milli = 1000;  // smallest pack a store receives, milli-units
  bool stocked = false;       // held in store stock (used by recipes or daily)
  int64_t daily_use_per_order_milli = 0;  // consumables used per order, booked daily
  int stocked_index = -1;     // index into OpsWorld::stocked_goods
};

struct RecipeLine {
  int goods = 0;             // index into OpsWorld::goods
  int64_t dosage_milli = 0;  // per cup (or per food item)
};

// The active recipe of one product variant (size x temperature).
struct Recipe {
  std::string formula_no;
  int product = 0;  // index into SalesWorld::products
  int cup_size = 0;
  int temperature = 0;
  int version = 1;  // the active version; older ones are written as obsolete
  std::vector<RecipeLine> lines;
};

struct MachineType {
  std::string code;     // SCH_COFFEE_SOUL_12, …
  bool brewer = false;  // makes drinks (appears in t_cup_order_info)
  double speed = 1.0;   // brew-time factor: lower is faster
};

struct Device {
  int64_t device_id = 0;   // t_device.id
  std::string device_no;   // "DV10010003"
  int store = 0;           // index into SalesWorld::stores
  int machine_type = 0;    // index into OpsWorld::machine_types
  Timestamp install_time;
  Timestamp offline_since{INT64_MAX};   // planted: offline at as-of from here
  Timestamp degraded_from{INT64_MAX};   // planted: slower from here
  double degrade_factor = 1.0;          // brew-time multiplier once degraded
  // Planted: a past outage [outage_from, outage_to): offline, no brews, no
  // other events, back online at outage_to. Both INT64_MAX: none.
  Timestamp outage_from{INT64_MAX}, outage_to{INT64_MAX};

  bool out_at(Timestamp t) const { return outage_from <= t && t < outage_to; }
};

struct MachineFormula {
  int64_t formula_id = 0;  // t_coffee_formula.id
  std::string formula_no;
  int product = 0;
  int machine_type = 0;
  int cup_size = 2;
  int temperature = 1;
  int step_count = 0;
  int version = 1;
  int status = 1;
};

struct Supplier {
  int64_t supplier_id = 0;
  std::string supplier_no, name, city, state;
  int supplier_type = 1;
  int payment_term_days = 30;
  double on_time_rate = 0.95;         // share of shipments arriving by the promise
  double late_days_mean = 2.0;        // mean delay of a late shipment
  double price_growth_per_month = 0;  // planted: rising prices
  bool per_shipment_settlement = true;
  double spend_weight = 1.0;          // share of purchase orders
};

struct PlannedShipment {
  std::string ship_no;
  Date ship_date, expected_arrival;
  Date arrival{INT32_MAX};  // INT32_MAX: not arrived by as-of
  bool overdue = false;     // planted: promised before as-of, not arrived
};

struct PlannedPurchaseOrder {
  int seq = 0;  // 1.. in order-date order
  std::string po_no;
  int supplier = 0;
  int warehouse_id = 1;
  Date order_date, expected_arrival;
  bool cancelled = false;
  bool buys_all_stocked = false;  // every stocked goods of its supplier
  std::vector<int> goods;  // indexes into OpsWorld::goods
  std::vector<PlannedShipment> shipments;
};

// Shipments by arrival day, for the ship_no a store receipt refers to:
// pairs of (arrival day, index into ship_nos), sorted.
struct ArrivalIndex {
  std::vector<std::string> ship_nos;
  std::vector<std::vector<std::pair<int32_t, int32_t>>> by_goods, by_supplier;
  std::vector<std::pair<int32_t, int32_t>> all;
};

// Aggregates the observer keeps while orders stream (compact: per store x
// stocked goods x day, per store x day x hour), read by generate_ops.
struct OpsHistory {
  int days = 0;  // world.end - world.start
  // consumption[(store * stocked + g) * days + day], milli-units, order driven
  // and daily usage, excluding planted anomalies.
  std::vector<int64_t> consumption;
  std::vector<int32_t> orders_by_hour;  // [(store * days + day) * 24 + hour]
  std::vector<int32_t> cups_by_hour;
  // Stock movements received per goods per day across stores, milli-units,
  // for purchase order quantities.
  std::vector<int64_t> received_by_goods_day;  // [goods * days + day]
};

struct OpsWorld {
  std::vector<Goods> goods;          // 1,448, ids 1..n
  std::vector<int> stocked_goods;    // indexes into goods held at stores
  std::vector<Recipe> recipes;       // active recipes
  std::vector<std::vector<int>> recipes_of_product;  // product -> recipe indexes
  std::vector<int> order_packaging;  // goods consumed once per order (bag, napkin…)
  std::vector<MachineType> machine_types;  // 14
  std::vector<Device> devices;             // 216
  std::vector<std::vector<int>> brewers_of_store;  // store -> device indexes
  std::vector<MachineFormula> formulas;    // 217
  std::vector<std::vector<int>> formulas_of_product;
  std::vector<Supplier> suppliers;
  std::vector<PlannedPurchaseOrder> purchase_orders;
  ArrivalIndex arrivals;
  int late_supplier = -1;            // planted: unreliable deliveries
  int price_rising_supplier = -1;    // planted: prices rising month on month

  // Planted forecast biases: a store and a goods category.
  int biased_store = -1;
  double biased_store_pct = 0;
  std::string biased_category;
  double biased_category_pct = 0;

  OpsHistory history;
};

}  // namespace luckyhub::sim
