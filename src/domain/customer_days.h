// Customers' purchase days: paid LKUS orders and their revenue per customer,
// New York day of create_time and order channel (t_order.channel) — the
// derived table kCustomerDay, additive (a sync adds the changed orders'
// contributions, so one customer's history stays current without rescanning
// the other customers' orders). Read by customer-360 (recency, frequency,
// cohorts, the churn models) and channels (acquisition cohorts, the order
// mix); a reader that does not need the channel sums it away.
#pragma once

#include <string_view>

namespace luckyhub::customers {

inline constexpr std::string_view kCustomerDay = "sales__customer_day";

}  // namespace luckyhub::customers
