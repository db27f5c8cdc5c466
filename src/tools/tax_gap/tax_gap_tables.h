// tax-gap's derived table: each order item with the order that says whether
// and when its tax was due (warehouse/lookup_table.h).
#pragma once

#include <string_view>

namespace luckyhub::tax_gap {

// sales_order__t_order_item's columns and its order's order_tenant,
// order_currency_code, order_status and order_pay_time (by order_id).
inline constexpr std::string_view kItemOrders = "wide__order_item";

}  // namespace luckyhub::tax_gap
