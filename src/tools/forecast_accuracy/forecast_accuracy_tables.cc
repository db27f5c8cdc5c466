#include "tools/forecast_accuracy/forecast_accuracy_tables.h"

#include "domain/order_rules.h"
#include "warehouse/derived_table.h"

namespace luckyhub::forecast_accuracy {
namespace {

DerivedTable shop_orders_table() {
  DerivedTable d{.owner = "forecast-accuracy", .refresh = DerivedRefresh::kAdditive};
  d.def.database = "forecast";
  d.def.name = "shop_orders";
  d.def.comment = "paid orders per shop and New York day";
  d.def.columns = {not_null_column("shop_id", ColumnType::kInt), not_null_column("day", ColumnType::kDate),
                   not_null_column("orders", ColumnType::kInt)};
  d.def.primary_key = d.key = {"shop_id", "day"};
  d.sources = {{"sales_order__t_order", [](const Dialect& dialect, std::string_view rows) {
                  return "SELECT shop_id, " + dialect.ny_date("pay_time") + " AS day, COUNT(*) AS orders FROM " +
                         std::string(rows) + " WHERE tenant = 'LKUS' AND pay_time IS NOT NULL AND " + rules::paid_order() +
                         " GROUP BY shop_id, day";
                }}};
  return d;
}

const DerivedTableRegistration kShopOrders(shop_orders_table());

}  // namespace
}  // namespace luckyhub::forecast_accuracy
