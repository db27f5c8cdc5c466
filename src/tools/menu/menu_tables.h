// The menu tool's derived table: paid US sales per product, store, New York
// day of payment, daypart, order channel and variant (cup size, temperature), so that the scorecard,
// the matrix, the heat map and the price history read a few rows per product
// and day instead of joining every order item to its order.
#pragma once

#include <string_view>

namespace luckyhub::menu {

// Key spu_id, shop_id, day, daypart, channel, cup_size, temperature; columns spu_name and
// category (as the items name them), units (sum of quantity), lines,
// revenue_cents (sum of pay_money) and list_cents (sum of origin_price x
// quantity). Only items of paid (rules::paid_order) LKUS orders in USD.
inline constexpr std::string_view kProductDays = "summary__menu_product_day";

// Dayparts by the New York hour of payment: 1 morning (before 11:00), 2
// midday (11:00-14:00), 3 afternoon (14:00-17:00), 4 evening (from 17:00).
inline constexpr int kMiddayFrom = 11, kAfternoonFrom = 14, kEveningFrom = 17;

}  // namespace luckyhub::menu
