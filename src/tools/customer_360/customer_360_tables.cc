// Customer 360's derived table: paid LKUS orders and their revenue per
// customer and New York day of create_time. Additive: a sync adds the changed
// orders' contributions (keys never NULL: an additive refresh matches keys
// by equality), so a customer's purchase days stay current without
// rescanning the orders of the other 275K.
#include "domain/order_rules.h"
#include "tools/customer_360/customer_360.h"
#include "warehouse/derived_table.h"

namespace luckyhub::customer_360 {
namespace {

DerivedTable customer_day_table() {
  DerivedTable d{.owner = "customer-360", .refresh = DerivedRefresh::kAdditive};
  d.def.database = "customer_360";
  d.def.name = "customer_day";
  d.def.comment = "paid LKUS orders and their revenue per customer and New York day of create_time";
  d.def.columns = {not_null_column("user_no", ColumnType::kText), not_null_column("day", ColumnType::kDate),
                   not_null_column("orders", ColumnType::kInt), not_null_column("cents", ColumnType::kInt)};
  d.def.primary_key = d.key = {"user_no", "day"};
  d.sources = {{"sales_order__t_order", [](const Dialect& dialect, std::string_view rows) {
                  return "SELECT user_no, " + dialect.ny_date("create_time") +
                         " AS day, COUNT(*) AS orders, SUM(pay_money) AS cents FROM " + std::string(rows) +
                         " WHERE tenant = 'LKUS' AND user_no IS NOT NULL AND create_time IS NOT NULL AND " + rules::paid_order() +
                         " GROUP BY user_no, day";
                }}};
  return d;
}

const DerivedTableRegistration kCustomerDay(customer_day_table());

}  // namespace
}  // namespace luckyhub::customer_360
