// forecast-accuracy's derived tables: the actuals its forecasts are scored
// against, summed once: consumption per shop, goods and business day (the
// shared stock::kGoodsDay, domain/stock_movements.h), and paid orders per
// shop and day; and the forecasts scored against those actuals, summed at the
// two grains the report reads (forecast_accuracy_pairs.cc).
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "domain/stock_movements.h"
#include "warehouse/derived_table.h"

namespace luckyhub::forecast_accuracy {

// shop_id, goods_id, biz_date, consumed (milli-units), consume_rows (0: a
// day with receipts or write-offs only).
inline constexpr std::string_view kDailyConsumption = stock::kGoodsDay;

// shop_id, day (New York day of payment) and orders: the production
// tenant's paid orders (rules::paid_order). Additive.
inline constexpr std::string_view kShopDayOrders = "forecast__shop_orders";

// The forecasts of every day, each paired with its actual (pairs()), summed
// (error_sums()'s columns: n, abs_error, abs_actual, signed_error,
// zero_actuals, hits, ape_ppm, sape_ppm). Recompute: a changed prediction or
// stock movement recomputes the groups of its shop, goods and day (per key)
// or of its day (per run).
//  kPairsPerKey: shop_id, goods_id, pred_date, actual (the day's consumption,
//                milli-units, 0 without any), the sums of the day's predictions;
//  kPairsPerRun: pred_date, run_day (New York day of the run), the sums.
inline constexpr std::string_view kPairsPerKey = "forecast__pairs_per_key";
inline constexpr std::string_view kPairsPerRun = "forecast__pairs_per_run";

// The predictions table (warehouse name).
inline constexpr std::string_view kPredictions = "ireplenishment__wh_goods_daily_demand_pred";

// Every production prediction with its actual, as a FROM item aliased x:
// shop_id, goods_id, pred_date, q (predicted), a (actual, 0 without
// consumption), create_time; milli-units. `filters` apply to the predictions
// and to the stock-change tables the actuals come from.
// `present` (nullptr: every table) says which stock-change tables there are.
Query pairs(const Dialect& dialect, const SourceFilters& filters, const DerivedTable::Present* present = nullptr);

// kPairsPerKey or kPairsPerRun as a FROM item: derived_from() when the
// warehouse holds every source, else the same SELECT inline over the
// stock-change tables it has (a partial sync), `filters` applied.
Query pair_sums_from(Warehouse& warehouse, std::string_view table, const SourceFilters& filters);

// The integer sums of forecast::ErrorSums over the pairs of a group (columns
// n, abs_error, abs_actual, signed_error, zero_actuals, hits, ape_ppm,
// sape_ppm), as select items over x.
std::string error_sums(const Dialect& dialect);

// The columns error_sums() names, in its order.
inline constexpr std::array<std::string_view, 8> kSumColumns = {
    "n", "abs_error", "abs_actual", "signed_error", "zero_actuals", "hits", "ape_ppm", "sape_ppm"};

}  // namespace luckyhub::forecast_accuracy
