#include "domain/customer_days.h"

#include "domain/order_rules.h"
#include "warehouse/derived_table.h"

namespace luckyhub::customers {
namespace {

DerivedTable customer_day_table() {
  DerivedTable d{.owner = "domain", .refresh = DerivedRefresh::kAdditive};
  d.def.database = "sales";
  d.def.name = "customer_day";
  d.def.comment = "paid LKUS orders and their revenue per customer, New York day of create_time and order channel";
  d.def.columns = {not_null_column("user_no", ColumnType::kText), not_null_column("day", ColumnType::kDate),
                   not_null_column("channel", ColumnType::kInt), not_null_column("orders", ColumnType::kInt),
                   not_null_column("cents", ColumnType::kInt)};
  d.def.primary_key = d.key = {"user_no", "day", "channel"};
  // Keys are never NULL: an additive refresh matches keys by equality.
  d.sources = {{"sales_order__t_order", [](const Dialect& dialect, std::string_view rows) {
                  return "SELECT user_no, " + dialect.ny_date("create_time") +
                         " AS day, channel, COUNT(*) AS orders, SUM(pay_money) AS cents FROM " + std::string(rows) +
                         " WHERE tenant = 'LKUS' AND user_no IS NOT NULL AND create_time IS NOT NULL AND " +
                         rules::paid_order() + " GROUP BY user_no, day, channel";
                }}};
  return d;
}

const DerivedTableRegistration kCustomerDays(customer_day_table());

}  // namespace
}  // namespace luckyhub::customers
