// The channels tool's derived tables, both additive (sync adds the changed
// rows' contributions):
//   channels__user_day      paid LKUS orders and their revenue per customer,
//                           New York day of create_time and order channel;
//   channels__user_payment  successful LKUS payments and their amount per
//                           customer and payment method (t_trade.channel_id).
#include "tools/channels/channels_tables.h"

#include "domain/order_rules.h"
#include "warehouse/derived_table.h"

namespace luckyhub::channels {
namespace {

DerivedTable user_day_table() {
  DerivedTable d{.owner = "channels", .refresh = DerivedRefresh::kAdditive};
  d.def.database = "channels";
  d.def.name = "user_day";
  d.def.comment = "paid orders and their revenue per customer, New York day of create_time and order channel";
  d.def.columns = {not_null_column("user_no", ColumnType::kText), not_null_column("day", ColumnType::kDate),
                   not_null_column("channel", ColumnType::kInt), not_null_column("orders", ColumnType::kInt),
                   not_null_column("cents", ColumnType::kInt)};
  d.def.primary_key = d.key = {"user_no", "day", "channel"};
  d.sources = {{"sales_order__t_order", [](const Dialect& dialect, std::string_view rows) {
                  return "SELECT user_no, " + dialect.ny_date("create_time") +
                         " AS day, channel, COUNT(*) AS orders, SUM(pay_money) AS cents FROM " + std::string(rows) +
                         " WHERE tenant = 'LKUS' AND " + rules::paid_order() + " GROUP BY user_no, day, channel";
                }}};
  return d;
}

DerivedTable user_payment_table() {
  DerivedTable d{.owner = "channels", .refresh = DerivedRefresh::kAdditive};
  d.def.database = "channels";
  d.def.name = "user_payment";
  d.def.comment = "successful payments and their amount per customer and payment method";
  d.def.columns = {not_null_column("user_no", ColumnType::kText), not_null_column("channel_id", ColumnType::kInt),
                   not_null_column("payments", ColumnType::kInt), not_null_column("cents", ColumnType::kInt)};
  d.def.primary_key = d.key = {"user_no", "channel_id"};
  d.sources = {{"sales_payment__t_trade", [](const Dialect&, std::string_view rows) {
                  return "SELECT user_no, channel_id, COUNT(*) AS payments, SUM(amount) AS cents FROM " +
                         std::string(rows) + " WHERE tenant = 'LKUS' AND " + rules::successful_payment() +
                         " GROUP BY user_no, channel_id";
                }}};
  return d;
}

const DerivedTableRegistration kUserDay(user_day_table());
const DerivedTableRegistration kUserPayment(user_payment_table());

}  // namespace
}  // namespace luckyhub::channels
