#include "tools/recommendations/recommendations_tables.h"

#include "domain/order_rules.h"
#include "warehouse/derived_table.h"

namespace luckyhub::recommendations {
namespace {

constexpr const char* kItems = "sales_order__t_order_item";
constexpr const char* kOrders = "sales_order__t_order";

TableDef user_item_days_def() {
  TableDef t{.database = "recommendations", .name = "user_item_day"};
  t.comment = "paid US items per customer, product, store and New York day of the order";
  t.columns = {not_null_column("user_no", ColumnType::kText), not_null_column("spu_id", ColumnType::kInt),
               not_null_column("shop_id", ColumnType::kInt),  not_null_column("day", ColumnType::kDate),
               not_null_column("units", ColumnType::kInt),    not_null_column("lines", ColumnType::kInt),
               not_null_column("cents", ColumnType::kInt)};
  t.primary_key = {"user_no", "spu_id", "shop_id", "day"};
  return t;
}

// The paid US orders with a customer among `orders`: id, user_no, shop_id, day.
std::string customer_orders(const Dialect& d, const std::string& orders) {
  return "SELECT id, user_no, shop_id, " + d.ny_date("create_time") + " AS day FROM " + orders +
         " WHERE tenant = 'LKUS' AND currency_code = 'USD' AND user_no IS NOT NULL AND create_time IS NOT NULL AND " +
         rules::paid_order();
}

std::string keys_of(const Dialect& d, const std::string& items, const std::string& orders) {
  return "SELECT o.user_no AS user_no, i.spu_id AS spu_id, o.shop_id AS shop_id, o.day AS day FROM " +
         d.join_left(items) + " i JOIN (" + customer_orders(d, orders) + ") o ON o.id = i.order_id";
}

Query user_item_days_select(const Dialect& d, const SourceFilters& filters) {
  Query q;
  const std::string items = filtered_source(filters, kItems, q.params);
  const std::string orders = filtered_source(filters, kOrders, q.params);
  q.sql = "SELECT o.user_no AS user_no, i.spu_id AS spu_id, o.shop_id AS shop_id, o.day AS day,"
          " SUM(i.quantity) AS units, COUNT(*) AS lines, SUM(i.pay_money) AS cents FROM " +
          d.join_left(items) + " i JOIN (" + customer_orders(d, orders) +
          ") o ON o.id = i.order_id GROUP BY o.user_no, i.spu_id, o.shop_id, o.day";
  return q;
}

const DerivedTableRegistration kUserItemDaysTable(DerivedTable{
    .owner = "recommendations",
    .def = user_item_days_def(),
    .key = user_item_days_def().primary_key,
    .refresh = DerivedRefresh::kRecompute,
    .sources = {{kItems, [](const Dialect& d, std::string_view rows) { return keys_of(d, std::string(rows), kOrders); }},
                {kOrders, [](const Dialect& d, std::string_view rows) { return keys_of(d, kItems, std::string(rows)); }}},
    .select = user_item_days_select,
});

}  // namespace
}  // namespace luckyhub::recommendations
