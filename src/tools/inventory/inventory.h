// Tool 16, Inventory Command Center (id "inventory"): stock on hand at every
// store against the demand it sees, as of the warehouse's as-of date.
//
// Per shop x goods (a "SKU-store"), quantities in the goods' stock unit:
//   on hand       Σ stock_qty of its t_shop_goods_stock batches
//   demand        the daily consumption of the last `demand_days` days before
//                 as-of (stock::kGoodsDay; a day without consumption counts 0;
//                 a store open fewer days counts the days since its first
//                 consumption): mean d̄ and sample standard deviation σ
//   days of supply  on hand / d̄ (none when d̄ = 0)
//   lead time L   the goods' mean purchase lead time in days over the
//                 deliveries of its purchase orders, whichever the supplier
//                 (domain/supplier_lead_times.h, orders of the data's start to
//                 as-of); goods never delivered take the mean of all deliveries
//   policy        continuous review (r, Q), Q = d̄ × `order_days`; the reorder
//                 point r = d̄L + zσ√L for the service target: a cycle service
//                 level α (z = Φ⁻¹(α)) or a fill rate β (z from β(z) = target),
//                 domain/inventory_policy.h
//   suggestion    when on hand ≤ r: order up to r + Q, the expected demand
//                 over L + order_days taken from the replenishment system's
//                 forecast (wh_goods_daily_demand_pred, the latest run of each
//                 day from as-of) where it covers those days, else d̄
//   at risk       on hand under `risk_days` of supply (a stock-out within the day)
//   overstock     over `overstock_days` of supply
//   low supply    days of supply under the goods's own threshold (entered,
//                 inventory_thresholds.h) or else `supply_days`: a reorder alert
//   write-offs    Σ written_off (change_type 3) in the report window, and its
//                 share of consumption + write-offs
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "tools/window.h"
#include "warehouse/warehouse.h"

namespace luckyhub::inventory {

enum class ServiceTarget { kCycle, kFillRate };

struct Settings {
  int demand_days = 14;
  double service_level = 0.95;
  ServiceTarget target = ServiceTarget::kCycle;
  int order_days = 7;
  double risk_days = 1;
  double overstock_days = 45;
  double supply_days = 3;                   // the days-of-supply threshold of a goods without its own
  std::map<int64_t, double> own_thresholds;  // goods -> its entered threshold in days
};

struct Goods {
  int64_t id = 0;
  std::string goods_no, name, category, unit;
  int64_t shelf_life_days = 0;  // t_mdm_goods: 0 when not perishable
  double lead_days = 0;
  int64_t lead_samples = 0;  // shipments the lead time rests on; 0: the overall mean
};

struct SkuStore {
  int64_t shop_id = 0, goods_id = 0;
  double on_hand = 0, system_safety_stock = 0;
  double mean_daily = 0, sd_daily = 0;
  int demand_days = 0;  // days the mean is over
  std::optional<double> days_of_supply;
  double safety_stock = 0, reorder_point = 0, order_quantity = 0, z = 0;
  bool below_reorder_point = false;
  double suggested_order = 0;  // 0: no order today
  bool forecast_used = false;
  bool at_risk = false, overstock = false;
  double threshold_days = 0;      // the goods's own, else the default
  bool own_threshold = false;     // entered for the goods
  bool below_threshold = false;   // days of supply < threshold_days
  double consumed = 0, written_off = 0;  // in the report window
  // For the drill-down: the days of the demand window with consumption, and
  // the latest forecast of each day from as-of.
  std::vector<std::pair<Date, double>> history, forecast;
};

struct Inventory {
  Date as_of;
  std::map<int64_t, Goods> goods;
  std::vector<SkuStore> sku_stores;  // by shop, goods
};

Inventory analyse(Warehouse& wh, const Window& window, const Settings& settings);

// Σ written off / Σ (consumed + written off), milli-units summed over
// SKU-stores, rounded to 6 digits (the report's and the home tile's figure).
// REQUIRES written_off + consumed > 0.
double write_off_share(int64_t written_off, int64_t consumed);

// The quantity on hand per shop and goods (milli-units): Σ stock_qty of its
// t_shop_goods_stock batches (LKUS), ordered by shop, goods.
Query on_hand_query();

// ---- Consumption anomalies (inventory_anomalies.cc) ----
//
// Goods that left a store's stock beyond what explains them, per shop, goods
// and business day of the window:
//   usage       consumed (change_type 1) − what the day's sales used by their
//               recipes (stock::kRecipeUseDay). A goods no active recipe uses
//               (packaging, cleaning supplies) is held against its typical
//               day instead, and only a single movement that alone exceeds
//               the threshold makes an anomaly (such goods go out one order
//               at a time, or once a day).
//   write-off   written off (change_type 3) − the stock old enough to have
//               expired: the quantity on hand at the start of the day less
//               what arrived in the last shelf_life × `fresh_share` days
//               (stock leaves first in, first out, and a delivery arrives with
//               at least that share of its shelf life left). Goods without a
//               shelf life never expire.
// A day is an anomaly when the excess is over `anomaly_days` × the SKU-store's
// typical day: its mean daily consumption over the window's days from its
// first movement (days without consumption count 0). The on-hand at the start of a day is today's on hand less the net
// movements (stock::kGoodsDay's net) of that day and every later one.
struct AnomalySettings {
  double anomaly_days = 3;
  double fresh_share = 0.5;
};

enum class AnomalyKind { kUsage, kWriteOff };

// The day's largest movement of the anomaly's kind: the evidence to look up.
struct Movement {
  int64_t id = 0;
  std::string table;  // the weekday table holding it
  std::string ref_no, time;
  double qty = 0;  // as it left the stock (positive)
};

struct ConsumptionAnomaly {
  int64_t shop_id = 0, goods_id = 0;
  Date day;
  AnomalyKind kind = AnomalyKind::kUsage;
  double actual = 0;     // consumed or written off that day
  double explained = 0;  // what the sales used, the typical day, or the stock that could expire
  bool by_recipe = false;  // usage explained by recipes (else by the typical day)
  int64_t units_sold = 0;  // items sold that day whose recipes use the goods
  double typical_daily = 0;
  Movement movement;
  double excess() const { return actual - explained; }
};

std::vector<ConsumptionAnomaly> consumption_anomalies(Warehouse& wh, const Window& window, const AnomalySettings& s);

// The z of a SKU-store's policy (REQUIRES sd > 0 and order_quantity > 0 for a fill rate).
double safety_factor(const Settings& s, double sd_daily, double lead_days, double order_quantity);

}  // namespace luckyhub::inventory
