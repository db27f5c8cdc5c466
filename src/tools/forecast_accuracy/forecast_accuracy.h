// Tool 18, Demand Forecasting Accuracy Monitor (id "forecast-accuracy"): the
// replenishment system's daily goods forecasts (wh_goods_daily_demand_pred,
// one row per shop, goods, day and nightly run) scored against the goods'
// actual consumption (the stock-change tables' change_type 1, summed per
// shop, goods and day: forecast_accuracy_tables.h), with the metrics of
// domain/forecast_metrics.h.
//
// Every prediction of a day whose actual is known (before as-of) is a pair;
// a shop x goods x day with no consumption has actual 0. Lead time is the
// predicted day minus the New York day of the run (create_time).
//
// Baselines, scored on the same pairs: "last week" predicts the actual of
// the same weekday a week before; "trailing mean" the mean of the 7 days
// before. They exist for the days at least a week after the shop's first
// consumption. MASE here is the forecast's MAE over last week's MAE on
// those pairs (below 1: the forecast beats the naive one).
//
// Bias: an SKU-store's relative bias is Σ(ŷ − y) / Σy over its pairs. A store
// is biased when the median of its SKU-stores' relative biases is at least
// `bias_threshold` (a parameter, 0.1 by default) from 0; a category when the
// median over its SKU-stores outside biased stores is. Medians keep one biased category from moving a
// store, and a biased store from moving a category.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "domain/forecast_metrics.h"
#include "report/report.h"
#include "tools/window.h"
#include "warehouse/warehouse.h"

namespace luckyhub::forecast_accuracy {

// A segment (store, category, weekday, lead time, week) and its pairs.
struct Segment {
  std::string id;     // "12", "dairy", "Mon", "7", "2026-01-05"
  std::string label;  // what a reader sees
  forecast::ErrorSums sums;
  int64_t sku_stores = 0;                     // store and category segments
  std::optional<double> median_relative_bias;  // store and category segments
  bool biased = false;
};

// One shop x goods series over the window.
struct SkuStore {
  int64_t shop_id = 0, goods_id = 0;
  std::string goods_name, category;
  forecast::ErrorSums sums;
  std::optional<double> relative_bias() const;  // Σ(ŷ − y) / Σy; none when Σy = 0
};

// One goods category's pairs in one week (from its Monday).
struct CategoryWeek {
  std::string category;
  Date monday;
  forecast::ErrorSums sums;
};

struct ForecastAccuracy {
  forecast::ErrorSums overall;
  // On the pairs where the baselines exist: the system, last week, trailing mean.
  forecast::ErrorSums system_vs_baselines, last_week, trailing_mean;
  std::vector<Segment> stores, categories, weekdays, leads, weeks;
  std::vector<SkuStore> sku_stores;  // by shop, goods
  std::vector<CategoryWeek> category_weeks;  // by category, week; only those with pairs
};

// The WAPE's traffic light: green under 20%, red from 35% (none when undefined).
Status wape_status(const std::optional<double>& wape);

// The sums of forecast::ErrorSums read back from a row of error_sums()'s
// columns (forecast_accuracy_tables.h).
forecast::ErrorSums read_sums(const Row& row);

// ForecastAccuracy::overall alone: the same per shop x goods x day sums,
// merged in the same order, so the figures equal the report's to the bit.
forecast::ErrorSums overall_sums(Warehouse& warehouse, const Window& window);

// The predictions of the window's days (before as-of), scored.
ForecastAccuracy analyse(Warehouse& warehouse, const Window& window, double bias_threshold);

// ---- Order forecasts: t_order_predict_alg_v2 (hourly, one version per lead
// time: 14, 7, 1 and 0 days) summed per store and day, against the store's
// paid orders of the day (kShopDayOrders). The same weekday a week before is
// the naive baseline.

struct StoreDay {
  int64_t shop_id = 0;
  Date day;
  int lead_days = 0;
  int64_t predicted = 0, actual = 0;
  std::optional<int64_t> last_week;  // none before the shop's first order + 7 days
};

// By shop, day and lead time; none when the warehouse lacks the order
// forecasts or the orders (a partial sync).
std::vector<StoreDay> analyse_orders(Warehouse& warehouse, const Window& window);

// The SKU-stores with the highest WAPE (at least 7 pairs with Σy > 0), worst first.
std::vector<SkuStore> worst_predicted(const std::vector<SkuStore>& sku_stores, size_t count);

}  // namespace luckyhub::forecast_accuracy
