// The channels tool's own derived table, additive (sync adds the changed
// trades' contributions): channels__user_payment, successful LKUS payments
// and their amount per customer and payment method (t_trade.channel_id).
// Its purchase days are the shared sales__customer_day (domain/customer_days.h).
#include "tools/channels/channels_tables.h"

#include "domain/order_rules.h"
#include "warehouse/derived_table.h"

namespace luckyhub::channels {
namespace {

DerivedTable user_payment_table() {
  DerivedTable d{.owner = "channels", .refresh = DerivedRefresh::kAdditive};
  d.def.database = "channels";
  d.def.name = "user_payment";
  d.def.comment = "successful payments and their amount per customer and payment method";
  d.def.columns = {not_null_column("user_no", ColumnType::kText), not_null_column("channel_id", ColumnType::kInt),
                   not_null_column("payments", ColumnType::kInt), not_null_column("cents", ColumnType::kInt)};
  d.def.primary_key = d.key = {"user_no", "channel_id"};
  // Keys are never NULL: an additive refresh matches keys by equality.
  d.sources = {{"sales_payment__t_trade", [](const Dialect&, std::string_view rows) {
                  return "SELECT user_no, channel_id, COUNT(*) AS payments, SUM(amount) AS cents FROM " +
                         std::string(rows) + " WHERE tenant = 'LKUS' AND user_no IS NOT NULL AND " + rules::successful_payment() +
                         " GROUP BY user_no, channel_id";
                }}};
  return d;
}

const DerivedTableRegistration kUserPayment(user_payment_table());

}  // namespace
}  // namespace luckyhub::channels
