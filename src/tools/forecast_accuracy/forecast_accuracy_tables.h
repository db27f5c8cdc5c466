// forecast-accuracy's derived tables: the actuals its forecasts are scored
// against, summed once: consumption per shop, goods and business day (the
// shared stock::kGoodsDay, domain/stock_movements.h), and paid orders per
// shop and day.
#pragma once

#include <string_view>

#include "domain/stock_movements.h"

namespace luckyhub::forecast_accuracy {

// shop_id, goods_id, biz_date, consumed (milli-units), consume_rows (0: a
// day with receipts or write-offs only).
inline constexpr std::string_view kDailyConsumption = stock::kGoodsDay;

// shop_id, day (New York day of payment) and orders: the production
// tenant's paid orders (rules::paid_order). Additive.
inline constexpr std::string_view kShopDayOrders = "forecast__shop_orders";

}  // namespace luckyhub::forecast_accuracy
