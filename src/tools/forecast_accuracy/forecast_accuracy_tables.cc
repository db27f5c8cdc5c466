#include "tools/forecast_accuracy/forecast_accuracy_tables.h"

#include "domain/order_rules.h"
#include "warehouse/derived_table.h"

namespace luckyhub::forecast_accuracy {
namespace {

constexpr const char* kWeekdayTables[] = {
    "scm_shopstock__t_shop_goods_stock_change_mon", "scm_shopstock__t_shop_goods_stock_change_tue",
    "scm_shopstock__t_shop_goods_stock_change_wed", "scm_shopstock__t_shop_goods_stock_change_thu",
    "scm_shopstock__t_shop_goods_stock_change_fri", "scm_shopstock__t_shop_goods_stock_change_sat",
    "scm_shopstock__t_shop_goods_stock_change_sun"};

ColumnDef column(std::string name, ColumnType type) { return ColumnDef{.name = std::move(name), .type = type, .nullable = false}; }

// Each weekday table is optional: a partial sync sums the days it has.
DerivedTable consumption_table() {
  DerivedTable d{.owner = "forecast-accuracy", .refresh = DerivedRefresh::kAdditive};
  d.def.database = "forecast";
  d.def.name = "goods_consumption";
  d.def.comment = "consumption per shop, goods and business day";
  d.def.columns = {column("shop_id", ColumnType::kInt), column("goods_id", ColumnType::kInt),
                   column("biz_date", ColumnType::kDate), column("consumed", ColumnType::kInt),
                   column("change_rows", ColumnType::kInt)};
  d.def.primary_key = d.key = {"shop_id", "goods_id", "biz_date"};
  for (const char* table : kWeekdayTables) {
    d.sources.push_back({table, [](const Dialect&, std::string_view rows) {
                           return "SELECT shop_id, goods_id, biz_date, -SUM(change_qty) AS consumed, COUNT(*) AS change_rows FROM " +
                                  std::string(rows) + " WHERE change_type = 1 AND tenant = 'LKUS' GROUP BY shop_id, goods_id, biz_date";
                         },
                         /*optional=*/true});
  }
  return d;
}

DerivedTable shop_orders_table() {
  DerivedTable d{.owner = "forecast-accuracy", .refresh = DerivedRefresh::kAdditive};
  d.def.database = "forecast";
  d.def.name = "shop_orders";
  d.def.comment = "paid orders per shop and New York day";
  d.def.columns = {column("shop_id", ColumnType::kInt), column("day", ColumnType::kDate),
                   column("orders", ColumnType::kInt)};
  d.def.primary_key = d.key = {"shop_id", "day"};
  d.sources = {{"sales_order__t_order", [](const Dialect& dialect, std::string_view rows) {
                  return "SELECT shop_id, " + dialect.ny_date("pay_time") + " AS day, COUNT(*) AS orders FROM " +
                         std::string(rows) + " WHERE tenant = 'LKUS' AND pay_time IS NOT NULL AND " + rules::paid_order() +
                         " GROUP BY shop_id, day";
                }}};
  return d;
}

const DerivedTableRegistration kConsumption(consumption_table());
const DerivedTableRegistration kShopOrders(shop_orders_table());

}  // namespace
}  // namespace luckyhub::forecast_accuracy
