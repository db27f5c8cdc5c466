// The stores tool's derived table: paid LKUS orders per shop, New York day
// and hour, with their revenue. Additive: sync adds the changed orders'
// contributions.
#include "domain/order_rules.h"
#include "tools/stores/stores.h"
#include "warehouse/derived_table.h"

namespace luckyhub::stores {
namespace {

DerivedTable shop_hour_table() {
  DerivedTable d{.owner = "stores", .refresh = DerivedRefresh::kAdditive};
  d.def.database = "stores";
  d.def.name = "shop_hour";
  d.def.comment = "paid orders and their revenue per shop, New York day and hour of create_time";
  d.def.columns = {not_null_column("shop_id", ColumnType::kInt), not_null_column("day", ColumnType::kDate),
                   not_null_column("hour", ColumnType::kInt), not_null_column("orders", ColumnType::kInt),
                   not_null_column("cents", ColumnType::kInt)};
  d.def.primary_key = d.key = {"shop_id", "day", "hour"};
  d.sources = {{"sales_order__t_order", [](const Dialect& dialect, std::string_view rows) {
                  return "SELECT shop_id, " + dialect.ny_date("create_time") + " AS day, " +
                         dialect.ny_hour("create_time") + " AS hour, COUNT(*) AS orders, SUM(pay_money) AS cents FROM " +
                         std::string(rows) + " WHERE tenant = 'LKUS' AND create_time IS NOT NULL AND " + rules::paid_order() +
                         " GROUP BY shop_id, day, hour";
                }}};
  return d;
}

const DerivedTableRegistration kShopHour(shop_hour_table());

}  // namespace
}  // namespace luckyhub::stores
