#include "tools/menu/menu_tables.h"

#include "domain/order_rules.h"
#include "warehouse/derived_table.h"

namespace luckyhub::menu {
namespace {

constexpr const char* kItems = "sales_order__t_order_item";
constexpr const char* kOrders = "sales_order__t_order";

TableDef product_days_def() {
  TableDef t;
  t.database = "summary";
  t.name = "menu_product_day";
  t.comment = "paid US sales per product, store, New York day and variant";
  auto column = [](std::string name, ColumnType type) {
    return ColumnDef{.name = std::move(name), .type = type, .nullable = false};
  };
  t.columns = {column("spu_id", ColumnType::kInt),      column("shop_id", ColumnType::kInt),
               column("day", ColumnType::kDate),        column("daypart", ColumnType::kInt),
               column("channel", ColumnType::kInt),     column("cup_size", ColumnType::kInt),
               column("temperature", ColumnType::kInt), column("spu_name", ColumnType::kText),
               column("category", ColumnType::kText)};
  for (const char* sum : {"units", "lines", "revenue_cents", "list_cents"}) {
    t.columns.push_back(column(sum, ColumnType::kInt));
  }
  t.primary_key = {"spu_id", "shop_id", "day", "daypart", "channel", "cup_size", "temperature"};
  t.indexes = {{.name = "idx_day", .columns = {"day"}}};
  return t;
}

// The daypart (menu_tables.h) of the New York hour of payment.
std::string daypart_of(const Dialect& d) {
  const std::string hour = d.ny_hour("pay_time");
  return "CASE WHEN " + hour + " < " + std::to_string(kMiddayFrom) + " THEN 1 WHEN " + hour + " < " +
         std::to_string(kAfternoonFrom) + " THEN 2 WHEN " + hour + " < " + std::to_string(kEveningFrom) +
         " THEN 3 ELSE 4 END";
}

// The paid US orders (id, shop, New York day of payment, daypart, channel)
// among `orders`.
std::string paid_us_orders(const Dialect& d, const std::string& orders) {
  return "SELECT id, shop_id, " + d.ny_date("pay_time") + " AS day, " + daypart_of(d) +
         " AS daypart, channel FROM " + orders +
         " WHERE tenant = 'LKUS' AND currency_code = 'USD' AND pay_time IS NOT NULL AND " + rules::paid_order();
}

Query product_days_select(const Dialect& d, const SourceFilters& filters) {
  Query q;
  const std::string items = filtered_source(filters, kItems, q.params);
  const std::string orders = filtered_source(filters, kOrders, q.params);
  q.sql = "SELECT i.spu_id AS spu_id, o.shop_id AS shop_id, o.day AS day, o.daypart AS daypart,"
          " o.channel AS channel, i.cup_size AS cup_size, i.temperature AS temperature, MAX(i.spu_name) AS spu_name, MAX(i.category) AS category,"
          " SUM(i.quantity) AS units, COUNT(*) AS lines, SUM(i.pay_money) AS revenue_cents,"
          " SUM(i.origin_price * i.quantity) AS list_cents FROM " +
          d.join_left(items) + " i JOIN (" + paid_us_orders(d, orders) + ") o ON o.id = i.order_id GROUP BY " +
          "i.spu_id, o.shop_id, o.day, o.daypart, o.channel, i.cup_size, i.temperature";
  return q;
}

const DerivedTableRegistration kProductDaysTable(DerivedTable{
    .owner = "menu",
    .def = product_days_def(),
    .key = product_days_def().primary_key,
    .refresh = DerivedRefresh::kRecompute,
    .sources = {{kItems,
                 [](const Dialect& d, std::string_view rows) {
                   return "SELECT i.spu_id AS spu_id, o.shop_id AS shop_id, o.day AS day, o.daypart AS daypart,"
                          " o.channel AS channel, i.cup_size AS cup_size, i.temperature AS temperature FROM " + d.join_left(rows) + " i JOIN (" +
                          paid_us_orders(d, kOrders) + ") o ON o.id = i.order_id";
                 }},
                {kOrders,
                 [](const Dialect& d, std::string_view rows) {
                   return "SELECT i.spu_id AS spu_id, o.shop_id AS shop_id, o.day AS day, o.daypart AS daypart,"
                          " o.channel AS channel, i.cup_size AS cup_size, i.temperature AS temperature FROM " + d.join_left(kItems) + " i JOIN (" +
                          paid_us_orders(d, std::string(rows)) + ") o ON o.id = i.order_id";
                 }}},
    .select = product_days_select,
});

}  // namespace
}  // namespace luckyhub::menu
