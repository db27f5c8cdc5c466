// The recommendations tool's derived table: what each customer bought, per
// product, store and New York day of the order (create_time): the
// interaction matrix's events, read in one scan instead of joining every
// order item to its order.
#pragma once

#include <string_view>

namespace luckyhub::recommendations {

// Key user_no, spu_id, shop_id, day; columns units (sum of quantity), lines
// and cents (sum of pay_money). Only items of paid (rules::paid_order) LKUS
// orders in USD with a customer.
inline constexpr std::string_view kUserItemDays = "recommendations__user_item_day";

}  // namespace luckyhub::recommendations
