// forecast-accuracy's derived table: the actual consumption each forecast is
// scored against, per shop, goods and business day, summed once from the
// seven weekday stock-change tables.
#pragma once

#include <string_view>

namespace luckyhub::forecast_accuracy {

// shop_id, goods_id, biz_date, consumed (milli-units consumed: −Σ change_qty
// of change_type 1, including consumption booked at day end) and
// change_rows. Additive: sync adds each changed movement's contribution.
inline constexpr std::string_view kDailyConsumption = "forecast__goods_consumption";

}  // namespace luckyhub::forecast_accuracy
