#include "domain/recipe_use.h"

#include "domain/order_rules.h"
#include "warehouse/derived_table.h"

namespace luckyhub::stock {
namespace {

constexpr const char* kItems = "sales_order__t_order_item";
constexpr const char* kOrders = "sales_order__t_order";
constexpr const char* kRecipes = "scm_commodity__t_formula_spu";

// The paid LKUS orders among `orders`: id, shop and New York day of payment.
std::string paid_orders(const Dialect& d, std::string_view orders) {
  return "SELECT id, shop_id, " + d.ny_date("pay_time") + " AS biz_date FROM " + std::string(orders) +
         " WHERE tenant = 'LKUS' AND pay_time IS NOT NULL AND " + rules::paid_order();
}

// The (shop_id, biz_date) keys the items of `items` and the orders of `orders` feed.
std::string keys_of(const Dialect& d, std::string_view items, std::string_view orders) {
  return "SELECT DISTINCT o.shop_id AS shop_id, o.biz_date AS biz_date FROM " + d.join_left(std::string(items)) +
         " i JOIN (" + paid_orders(d, orders) + ") o ON o.id = i.order_id";
}

// Units sold per shop, day and product variant, then the variants' recipes:
// two joins nested, one per query level (ClickHouse takes one JOIN a level).
Query select(const Dialect& d, const SourceFilters& filters) {
  Query q;
  const std::string items = filtered_source(filters, kItems, q.params);
  const std::string orders = filtered_source(filters, kOrders, q.params);
  q.sql = "SELECT x.shop_id AS shop_id, f.goods_id AS goods_id, x.biz_date AS biz_date,"
          " SUM(x.sold * f.dosage) AS implied, SUM(x.sold) AS units FROM"
          " (SELECT o.shop_id AS shop_id, o.biz_date AS biz_date, i.spu_id AS spu_id, i.cup_size AS cup_size,"
          " i.temperature AS temperature, SUM(i.quantity) AS sold FROM " +
          d.join_left(items) + " i JOIN (" + paid_orders(d, orders) + ") o ON o.id = i.order_id"
          " GROUP BY o.shop_id, o.biz_date, i.spu_id, i.cup_size, i.temperature) x"
          " JOIN (SELECT spu_id, cup_size, temperature, goods_id, SUM(dosage) AS dosage FROM " + std::string(kRecipes) +
          " WHERE status = 1 GROUP BY spu_id, cup_size, temperature, goods_id) f"
          " ON f.spu_id = x.spu_id AND f.cup_size = x.cup_size AND f.temperature = x.temperature"
          " GROUP BY x.shop_id, f.goods_id, x.biz_date";
  return q;
}

DerivedTable recipe_use_table() {
  DerivedTable d{.owner = "domain", .refresh = DerivedRefresh::kRecompute};
  d.def.database = "stock";
  d.def.name = "recipe_use_day";
  d.def.comment = "goods the day's sales used by their recipes, per shop, goods and New York day";
  d.def.columns = {not_null_column("shop_id", ColumnType::kInt), not_null_column("goods_id", ColumnType::kInt),
                   not_null_column("biz_date", ColumnType::kDate), not_null_column("implied", ColumnType::kInt),
                   not_null_column("units", ColumnType::kInt)};
  d.def.primary_key = {"shop_id", "goods_id", "biz_date"};
  d.key = {"shop_id", "biz_date"};
  d.sources = {{kItems, [](const Dialect& dl, std::string_view rows) { return keys_of(dl, rows, kOrders); }},
               {kOrders, [](const Dialect& dl, std::string_view rows) { return keys_of(dl, kItems, rows); }},
               // A changed recipe: the days that sold its product.
               {kRecipes, [](const Dialect& dl, std::string_view rows) {
                  return keys_of(dl, std::string("(SELECT * FROM ") + kItems + " WHERE spu_id IN (SELECT spu_id FROM " +
                                         std::string(rows) + "))", kOrders);
                }}};
  d.select = select;
  return d;
}

const DerivedTableRegistration kRecipeUseTable(recipe_use_table());

}  // namespace
}  // namespace luckyhub::stock
