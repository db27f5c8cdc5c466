// customer_360__profile (recompute, one row per LKUS customer of t_user):
// what a profile card shows that does not depend on the day it is looked at
// — registration day and origin, the phone's last four digits (shown only
// masked), paid orders and their revenue, first and last purchase day, the
// favourite store (most paid orders, then the lowest shop_id), the three
// products bought most (cups, then name) and the CDP's current segment in
// each of its four dimensions. Sync recomputes the rows of the customers
// whose t_user, t_order, t_order_item or t_user_state rows changed: each
// source's rows are read for those customers only (of_keys), not rescanned.
// Active coupons (they depend on the day), segment history, labels and A/B
// exposures stay queried per lookup, by user_no.
// customer_360__phone (recompute, the same customers, from t_user alone): the
// phone's last four digits and the registration day, indexed by the digits,
// so a masked-phone search is an index range, not a scan of every customer.
#include "domain/order_rules.h"
#include "tools/customer_360/customer_360.h"
#include "warehouse/derived_table.h"

namespace luckyhub::customer_360 {
namespace {

constexpr const char* kUsers = "sales_crm__t_user";
constexpr const char* kOrders = "sales_order__t_order";
constexpr const char* kItems = "sales_order__t_order_item";
constexpr const char* kStates = "isales_cdp__t_user_state";

TableDef profile_def() {
  TableDef t{.database = "customer_360", .name = "profile"};
  t.comment = "one row per LKUS customer: registration, paid orders, favourite store, top 3 products, CDP segments";
  t.columns = {not_null_column("user_no", ColumnType::kText),
               ColumnDef{.name = "registered", .type = ColumnType::kDate},
               ColumnDef{.name = "origin", .type = ColumnType::kInt},
               ColumnDef{.name = "phone_tail", .type = ColumnType::kText},
               not_null_column("orders", ColumnType::kInt),
               not_null_column("cents", ColumnType::kInt),
               ColumnDef{.name = "first_day", .type = ColumnType::kDate},
               ColumnDef{.name = "last_day", .type = ColumnType::kDate},
               ColumnDef{.name = "favourite_store", .type = ColumnType::kInt},
               ColumnDef{.name = "product_1", .type = ColumnType::kText},
               ColumnDef{.name = "product_2", .type = ColumnType::kText},
               ColumnDef{.name = "product_3", .type = ColumnType::kText},
               ColumnDef{.name = "lifecycle", .type = ColumnType::kText},
               ColumnDef{.name = "frequency_segment", .type = ColumnType::kText},
               ColumnDef{.name = "value_segment", .type = ColumnType::kText},
               ColumnDef{.name = "coupon_segment", .type = ColumnType::kText}};
  t.primary_key = {"user_no"};
  return t;
}

// The paid LKUS orders with a customer, of `orders` (a FROM item).
std::string paid_orders(const std::string& orders) {
  return orders + " WHERE tenant = 'LKUS' AND user_no IS NOT NULL AND create_time IS NOT NULL AND " +
         rules::paid_order();
}

// The profile's SELECT, portable to every engine the warehouse runs on: no
// window functions and one JOIN per SELECT (ClickHouse 18.16), so each
// "most" is a MAX or MIN of a sortable key, and the joins nest.
//  - favourite store: MAX(orders × 10⁹ + (999999999 − shop_id)) over the
//    customer's stores: most orders, then the lowest id; decoded by % 10⁹.
//  - top products: k = text(2·10¹⁰ − cups) ‖ name (11 digits, fewer cups
//    sort later, then by name): the first is MIN(k), the second the MIN of
//    those above it, the third likewise; the name is k from its 12th character.
Query profile_select(const Dialect& d, const SourceFilters& filters) {
  Query q;
  const auto users = [&] { return filtered_source(filters, kUsers, q.params); };
  const auto orders = [&] { return filtered_source(filters, kOrders, q.params); };
  const auto items = [&] { return filtered_source(filters, kItems, q.params); };
  const auto states = [&] { return filtered_source(filters, kStates, q.params); };
  // The parameters follow the SQL's order: each piece is made left to right.
  const std::string customers =
      "SELECT user_no, " + d.ny_date("register_time") + " AS registered, origin, phone_tail FROM " + users() +
      " WHERE tenant = 'LKUS'";
  const std::string per_store = "SELECT user_no, shop_id, COUNT(*) AS n, SUM(pay_money) AS cents, MIN(" +
                                d.ny_date("create_time") + ") AS first_day, MAX(" + d.ny_date("create_time") +
                                ") AS last_day FROM " + paid_orders(orders()) + " GROUP BY user_no, shop_id";
  const std::string bought =
      "SELECT user_no AS o_user, SUM(n) AS orders, SUM(cents) AS cents, MIN(first_day) AS first_day, MAX(last_day) AS "
      "last_day, MAX(n * 1000000000 + (999999999 - shop_id)) AS store_key FROM (" + per_store + ") ps GROUP BY user_no";
  const std::string with_orders =
      "SELECT c.user_no AS user_no, c.registered AS registered, c.origin AS origin, c.phone_tail AS phone_tail, "
      "b.orders AS orders, b.cents AS cents, b.first_day AS first_day, b.last_day AS last_day, b.store_key AS "
      "store_key FROM (" + customers + ") c LEFT JOIN (" + bought + ") b ON b.o_user = c.user_no";
  const std::string segments =
      "SELECT user_no AS s_user, MAX(CASE WHEN state_type = 1 THEN state_code END) AS lifecycle, MAX(CASE WHEN "
      "state_type = 2 THEN state_code END) AS frequency_segment, MAX(CASE WHEN state_type = 3 THEN state_code END) AS "
      "value_segment, MAX(CASE WHEN state_type = 4 THEN state_code END) AS coupon_segment FROM " + states() +
      " WHERE tenant = 'LKUS' GROUP BY user_no";
  const std::string with_segments =
      "SELECT w.user_no AS user_no, w.registered AS registered, w.origin AS origin, w.phone_tail AS phone_tail, "
      "w.orders AS orders, w.cents AS cents, w.first_day AS first_day, w.last_day AS last_day, w.store_key AS "
      "store_key, g.lifecycle AS lifecycle, g.frequency_segment AS frequency_segment, g.value_segment AS "
      "value_segment, g.coupon_segment AS coupon_segment FROM (" + with_orders + ") w LEFT JOIN (" + segments +
      ") g ON g.s_user = w.user_no";
  // One customer's products, each a key k (three times: each level of the
  // top three reads them).
  const auto keyed = [&] {
    const std::string item_rows = items();  // (its values before the orders': separate statements)
    const std::string order_rows = orders();
    return "SELECT po.user_no AS user_no, CAST(20000000000 - SUM(i.quantity) AS TEXT) || i.spu_name AS k FROM " +
           d.join_left(item_rows) + " i JOIN (SELECT id, user_no FROM " + paid_orders(order_rows) +
           ") po ON po.id = i.order_id WHERE i.spu_name IS NOT NULL AND i.quantity > 0 GROUP BY po.user_no, "
           "i.spu_name";
  };
  const std::string keyed_3 = keyed();  // (the first in the SQL: the outer level's)
  const std::string keyed_2 = keyed();
  const std::string keyed_1 = keyed();
  const std::string first = "SELECT user_no AS t_user, MIN(k) AS k1 FROM (" + keyed_1 + ") g1 GROUP BY user_no";
  const std::string second = "SELECT g2.user_no AS t_user, t1.k1 AS k1, MIN(CASE WHEN g2.k > t1.k1 THEN g2.k END) AS k2 "
                             "FROM (" + keyed_2 + ") g2 JOIN (" + first + ") t1 ON t1.t_user = g2.user_no GROUP BY "
                             "g2.user_no, t1.k1";
  const std::string third = "SELECT g3.user_no AS p_user, t2.k1 AS k1, t2.k2 AS k2, MIN(CASE WHEN g3.k > t2.k2 THEN "
                            "g3.k END) AS k3 FROM (" + keyed_3 + ") g3 JOIN (" + second + ") t2 ON t2.t_user = "
                            "g3.user_no GROUP BY g3.user_no, t2.k1, t2.k2";
  q.sql = "SELECT x.user_no AS user_no, x.registered AS registered, x.origin AS origin, x.phone_tail AS phone_tail, "
          "COALESCE(x.orders, 0) AS orders, COALESCE(x.cents, 0) AS cents, x.first_day AS first_day, x.last_day AS "
          "last_day, 999999999 - x.store_key % 1000000000 AS favourite_store, substring(p.k1, 12) AS product_1, "
          "substring(p.k2, 12) AS product_2, substring(p.k3, 12) AS product_3, x.lifecycle AS lifecycle, "
          "x.frequency_segment AS frequency_segment, x.value_segment AS value_segment, x.coupon_segment AS "
          "coupon_segment FROM (" + with_segments + ") x LEFT JOIN (" + third + ") p ON p.p_user = x.user_no";
  return q;
}

std::string user_nos(std::string_view keys) { return "user_no IN (SELECT user_no FROM " + std::string(keys) + ")"; }

DerivedTable profile_table() {
  DerivedTable d{.owner = "customer-360", .def = profile_def(), .refresh = DerivedRefresh::kRecompute};
  d.key = d.def.primary_key;
  d.sources = {
      {kUsers, [](const Dialect&, std::string_view rows) { return "SELECT user_no FROM " + std::string(rows); }, false,
       [](const Dialect&, std::string_view keys) { return user_nos(keys); }},
      {kOrders,
       [](const Dialect&, std::string_view rows) {
         return "SELECT user_no FROM " + std::string(rows) + " WHERE user_no IS NOT NULL";
       },
       false, [](const Dialect&, std::string_view keys) { return user_nos(keys); }},
      {kItems,
       [](const Dialect&, std::string_view rows) {
         return "SELECT o.user_no AS user_no FROM " + std::string(rows) + " i JOIN " + std::string(kOrders) +
                " o ON o.id = i.order_id WHERE o.user_no IS NOT NULL";
       },
       false,
       [](const Dialect&, std::string_view keys) {
         return "order_id IN (SELECT id FROM " + std::string(kOrders) + " WHERE " + user_nos(keys) + ")";
       }},
      {kStates, [](const Dialect&, std::string_view rows) { return "SELECT user_no FROM " + std::string(rows); }, false,
       [](const Dialect&, std::string_view keys) { return user_nos(keys); }},
  };
  d.select = profile_select;
  return d;
}

const DerivedTableRegistration kProfileTable(profile_table());

TableDef phone_def() {
  TableDef t{.database = "customer_360", .name = "phone"};
  t.comment = "one row per LKUS customer: the phone's last four digits (never the phone) and the registration day";
  t.columns = {not_null_column("user_no", ColumnType::kText), ColumnDef{.name = "phone_tail", .type = ColumnType::kText},
               ColumnDef{.name = "registered", .type = ColumnType::kDate}};
  t.primary_key = {"user_no"};
  t.indexes = {{.name = "idx_phone_tail", .columns = {"phone_tail", "user_no"}}};
  return t;
}

Query phone_select(const Dialect& d, const SourceFilters& filters) {
  Query q;
  q.sql = "SELECT user_no, phone_tail, " + d.ny_date("register_time") + " AS registered FROM " +
          filtered_source(filters, kUsers, q.params) + " WHERE tenant = 'LKUS'";
  return q;
}

DerivedTable phone_table() {
  DerivedTable d{.owner = "customer-360", .def = phone_def(), .refresh = DerivedRefresh::kRecompute};
  d.key = d.def.primary_key;
  d.sources = {{kUsers, [](const Dialect&, std::string_view rows) { return "SELECT user_no FROM " + std::string(rows); },
                false, [](const Dialect&, std::string_view keys) { return user_nos(keys); }}};
  d.select = phone_select;
  return d;
}

const DerivedTableRegistration kPhoneTable(phone_table());

}  // namespace

SourceFilters phone_tail_of(const std::string& tail) {
  return {{kUsers, {.where = "phone_tail = ?", .params = {tail}}}};
}

SourceFilters profile_of(const std::string& user_no) {
  const SourceFilter by_user{.where = "user_no = ?", .params = {user_no}};
  return {{kUsers, by_user},
          {kOrders, by_user},
          {kItems, {.where = "order_id IN (SELECT id FROM " + std::string(kOrders) + " WHERE user_no = ?)",
                    .params = {user_no}}},
          {kStates, by_user}};
}

}  // namespace luckyhub::customer_360
