// forecast-accuracy's derived tables: the actuals its forecasts are scored
// against, summed once: consumption per shop, goods and business day from
// the seven weekday stock-change tables, and paid orders per shop and day.
#pragma once

#include <string_view>

namespace luckyhub::forecast_accuracy {

// shop_id, goods_id, biz_date, consumed (milli-units consumed: −Σ change_qty
// of change_type 1, including consumption booked at day end) and
// change_rows. Additive: sync adds each changed movement's contribution.
inline constexpr std::string_view kDailyConsumption = "forecast__goods_consumption";

// shop_id, day (New York day of payment) and orders: the production
// tenant's paid orders (rules::paid_order). Additive.
inline constexpr std::string_view kShopDayOrders = "forecast__shop_orders";

}  // namespace luckyhub::forecast_accuracy
