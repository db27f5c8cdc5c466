// tax-gap's derived table: each order item with the order that says whether
// and when its tax was due (warehouse/lookup_table.h).
#pragma once

#include <string_view>

namespace luckyhub::tax_gap {

// sales_order__t_order_item's columns and its order's order_tenant,
// order_currency_code, order_status and order_pay_time (by order_id).
inline constexpr std::string_view kItemOrders = "wide__order_item";

// sales_order__t_order_amount's columns and items_tax, the sum of its order's
// items' tax (by order_id; NULL for an order without items).
inline constexpr std::string_view kOrderTax = "wide__order_amount";

}  // namespace luckyhub::tax_gap
