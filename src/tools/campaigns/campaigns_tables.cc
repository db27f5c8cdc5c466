// The campaigns tool's derived tables, kept by sync:
//  - campaigns__template_coupons (additive): coupons issued per template, live
//    and expired together (37M expired rows at scale 1 become 1,262 rows);
//  - campaigns__redemption (selection): the used coupons, one row each, with
//    the order that redeemed them;
//  - campaigns__template_day (recompute): the paid redemptions per template
//    and New York day of use with their discounts, revenue, list value and
//    acquisitions: the leaderboard and the daily series read these rows;
//  - campaigns__first_order (recompute): each customer's first paid order
//    time, which says whether a redemption acquired the customer;
//  - campaigns__experiment_user (recompute): each experiment user's group and
//    first exposure, from the 6.4M exposure rows, with the paid orders of the
//    7 days after it and their revenue (the conversion window);
//  - campaigns__activity_user (additive): each customer's participations in
//    each campaign (t_market_activity_partake, 514K rows at scale 1) with the
//    rewards they got: a campaign's participants are its rows.
#include "domain/order_rules.h"
#include "tools/campaigns/campaigns.h"
#include "warehouse/derived_table.h"

namespace luckyhub::campaigns {
namespace {

ColumnDef column(std::string name, ColumnType type) {
  return not_null_column(std::move(name), type);
}

std::string issued_per_template(std::string_view rows) {
  return "SELECT template_id, COUNT(*) AS coupons FROM " + std::string(rows) +
         " WHERE tenant = 'LKUS' GROUP BY template_id";
}

DerivedTable template_coupons_table() {
  DerivedTable d{.owner = "campaigns", .refresh = DerivedRefresh::kAdditive};
  d.def.database = "campaigns";
  d.def.name = "template_coupons";
  d.def.comment = "LKUS coupons issued per template, live (t_coupon_record) and expired together";
  d.def.columns = {column("template_id", ColumnType::kInt), column("coupons", ColumnType::kInt)};
  d.def.primary_key = d.key = {"template_id"};
  d.sources = {{kLiveCoupons,
                [](const Dialect&, std::string_view rows) { return issued_per_template(rows); }},
               {kExpiredCoupons,
                [](const Dialect&, std::string_view rows) { return issued_per_template(rows); },
                /*optional=*/true}};
  return d;
}

DerivedTable redemption_table() {
  DerivedTable d{.owner = "campaigns", .refresh = DerivedRefresh::kSelection};
  d.def.database = "campaigns";
  d.def.name = "redemption";
  d.def.comment = "LKUS coupons used on an order (status 2), one row each";
  d.def.columns = {column("id", ColumnType::kInt), column("template_id", ColumnType::kInt),
                   column("user_no", ColumnType::kText), column("order_no", ColumnType::kText),
                   column("use_time", ColumnType::kDateTime)};
  d.def.primary_key = d.key = {"id"};
  d.def.indexes = {{.name = "idx_redemption_order", .columns = {"order_no"}}};
  d.sources = {{kLiveCoupons, [](const Dialect&, std::string_view rows) {
                  return "SELECT id, template_id, user_no, order_no, use_time FROM " +
                         std::string(rows) +
                         " WHERE tenant = 'LKUS' AND status = 2 AND order_no IS NOT NULL AND "
                         "use_time IS NOT NULL";
                }}};
  return d;
}

Query first_order_select(const Dialect&, const SourceFilters& filters) {
  Query q;
  const std::string where = source_filter(filters, kOrders, q.params);
  q.sql = "SELECT user_no, MIN(create_time) AS first_time FROM " + std::string(kOrders) +
          " WHERE tenant = 'LKUS' AND " + rules::paid_order() + where + " GROUP BY user_no";
  return q;
}

DerivedTable first_order_table() {
  DerivedTable d{.owner = "campaigns", .refresh = DerivedRefresh::kRecompute};
  d.def.database = "campaigns";
  d.def.name = "first_order";
  d.def.comment = "each LKUS customer's first paid order (its create_time)";
  d.def.columns = {column("user_no", ColumnType::kText),
                   column("first_time", ColumnType::kDateTime)};
  d.def.primary_key = d.key = {"user_no"};
  d.sources = {{kOrders,
                [](const Dialect&, std::string_view rows) {
                  return "SELECT user_no FROM " + std::string(rows) + " WHERE tenant = 'LKUS'";
                },
                false,
                [](const Dialect&, std::string_view keys) {
                  return "user_no IN (SELECT user_no FROM " + std::string(keys) + ")";
                }}};
  d.select = first_order_select;
  return d;
}

// The paid redemptions per template and New York day of use: the coupons
// used (status 2) joined to their paid order, its amounts and its customer's
// first paid order. One join per SELECT, nested (ClickHouse 18.16).
Query template_day_select(const Dialect& d, const SourceFilters& filters) {
  Query q;
  const std::string coupons =
      "SELECT template_id, use_time, order_no AS c_order FROM " + std::string(kLiveCoupons) +
      " WHERE tenant = 'LKUS' AND status = 2 AND order_no IS NOT NULL AND use_time IS NOT "
      "NULL" +
      source_filter(filters, kLiveCoupons, q.params);
  const std::string orders = "SELECT order_no AS o_order, user_no, create_time FROM " +
                             std::string(kOrders) + " WHERE tenant = 'LKUS' AND " +
                             rules::paid_order() + source_filter(filters, kOrders, q.params);
  const std::string with_order =
      "SELECT c.template_id AS template_id, c.use_time AS use_time, c.c_order AS order_no, "
      "o.user_no AS user_no, "
      "o.create_time AS create_time FROM " +
      d.join_left("(" + coupons + ")") + " c JOIN (" + orders + ") o ON o.o_order = c.c_order";
  const std::string amounts =
      "SELECT order_no AS a_order, coupon_deduct, pay_amount, origin_amount FROM " +
      std::string(kOrderAmounts) + " WHERE tenant = 'LKUS'" +
      source_filter(filters, kOrderAmounts, q.params);
  const std::string with_amounts =
      "SELECT p.template_id AS template_id, p.use_time AS use_time, p.user_no AS user_no, "
      "p.create_time AS "
      "create_time, a.coupon_deduct AS coupon_deduct, a.pay_amount AS pay_amount, a.origin_amount "
      "AS origin_amount "
      "FROM (" +
      with_order + ") p JOIN (" + amounts + ") a ON a.a_order = p.order_no";
  const std::string first = "SELECT user_no AS f_user, MIN(create_time) AS first_time FROM " +
                            std::string(kOrders) + " WHERE tenant = 'LKUS' AND " +
                            rules::paid_order() + source_filter(filters, kOrders, q.params) +
                            " GROUP BY user_no";
  q.sql = "SELECT r.template_id AS template_id, " + d.ny_date("r.use_time") +
          " AS day, COUNT(*) AS redeemed, SUM(r.coupon_deduct) AS discounts, SUM(r.pay_amount) AS "
          "revenue, "
          "SUM(r.origin_amount) AS list_value, SUM(CASE WHEN f.first_time = r.create_time THEN 1 "
          "ELSE 0 END) AS "
          "acquired FROM (" +
          with_amounts + ") r LEFT JOIN (" + first +
          ") f ON f.f_user = r.user_no GROUP BY r.template_id, day";
  return q;
}

// The keys (template, day) of the used coupons whose order_no is in `orders`
// (a SELECT of order numbers).
std::string redeemed_keys(const Dialect& d, const std::string& orders) {
  return "SELECT template_id, " + d.ny_date("use_time") + " AS day FROM " +
         std::string(kLiveCoupons) +
         " WHERE tenant = 'LKUS' AND status = 2 AND use_time IS NOT NULL AND order_no IN (" +
         orders + ") GROUP BY template_id, day";
}

DerivedTable template_day_table() {
  DerivedTable d{.owner = "campaigns", .refresh = DerivedRefresh::kRecompute};
  d.def.database = "campaigns";
  d.def.name = "template_day";
  d.def.comment =
      "LKUS coupons used on a paid order per template and New York day of use: redemptions, "
      "discounts, revenue, "
      "list value, and those on their customer's first paid order";
  d.def.columns = {column("template_id", ColumnType::kInt), column("day", ColumnType::kDate),
                   column("redeemed", ColumnType::kInt),    column("discounts", ColumnType::kInt),
                   column("revenue", ColumnType::kInt),     column("list_value", ColumnType::kInt),
                   column("acquired", ColumnType::kInt)};
  d.def.primary_key = d.key = {"template_id", "day"};
  d.def.indexes = {{.name = "idx_template_day_day", .columns = {"day"}}};
  d.sources = {
      {kLiveCoupons,
       [](const Dialect& dialect, std::string_view rows) {
         return "SELECT template_id, " + dialect.ny_date("use_time") + " AS day FROM " +
                std::string(rows) +
                " WHERE tenant = 'LKUS' AND use_time IS NOT NULL GROUP BY template_id, day";
       },
       false,
       [](const Dialect&, std::string_view keys) {
         return "template_id IN (SELECT template_id FROM " + std::string(keys) + ")";
       }},
      // An order feeds its own redemptions, and through its customer's first
      // paid order the acquisitions of every redemption of that customer.
      {kOrders,
       [](const Dialect& dialect, std::string_view rows) {
         return redeemed_keys(dialect, "SELECT order_no FROM " + std::string(rows) +
                                           " UNION SELECT order_no FROM " + std::string(kOrders) +
                                           " WHERE user_no IN (SELECT user_no FROM " +
                                           std::string(rows) + ")");
       }},
      {kOrderAmounts, [](const Dialect& dialect, std::string_view rows) {
         return redeemed_keys(dialect, "SELECT order_no FROM " + std::string(rows));
       }}};
  d.select = template_day_select;
  return d;
}

// Each user's first exposure, and the paid orders of the 7 days after it
// (pay_time within (first_hit, first_hit + 7 days]) with their pay_money: the
// experiments' conversion and revenue per user read these sums instead of
// joining the orders at each report.
Query experiment_user_select(const Dialect& d, const SourceFilters& filters) {
  Query q;
  const std::string hits =
      "SELECT experiment_id, group_id, user_no, MIN(hit_time) AS first_hit FROM " +
      std::string(kHits) + " WHERE tenant = 'LKUS'" + source_filter(filters, kHits, q.params) +
      " GROUP BY experiment_id, group_id, user_no";
  const std::string paid = "SELECT user_no AS o_user, pay_time, pay_money FROM " +
                           std::string(kOrders) + " WHERE tenant = 'LKUS' AND " +
                           rules::paid_order() + " AND pay_time IS NOT NULL" +
                           source_filter(filters, kOrders, q.params);
  const std::string after = d.seconds_between("e.first_hit", "o.pay_time");
  const std::string in_window = "o.pay_time IS NOT NULL AND " + after + " > 0 AND " + after +
                                " <= " + std::to_string(kConversionWindowSeconds);
  q.sql =
      "SELECT e.experiment_id AS experiment_id, e.group_id AS group_id, e.user_no AS user_no, "
      "e.first_hit AS "
      "first_hit, SUM(CASE WHEN " +
      in_window + " THEN 1 ELSE 0 END) AS orders, SUM(CASE WHEN " + in_window +
      " THEN o.pay_money ELSE 0 END) AS revenue FROM " + d.join_left("(" + hits + ")") +
      " e LEFT JOIN (" + paid +
      ") o ON o.o_user = e.user_no GROUP BY e.experiment_id, e.group_id, e.user_no, e.first_hit";
  return q;
}

DerivedTable experiment_user_table() {
  DerivedTable d{.owner = "campaigns", .refresh = DerivedRefresh::kRecompute};
  d.def.database = "campaigns";
  d.def.name = "experiment_user";
  d.def.comment =
      "each LKUS user exposed to an experiment: group, first exposure, paid orders and their "
      "pay_money in the 7 days "
      "after it";
  d.def.columns = {
      column("experiment_id", ColumnType::kInt), column("group_id", ColumnType::kInt),
      column("user_no", ColumnType::kText),      column("first_hit", ColumnType::kDateTime),
      column("orders", ColumnType::kInt),        column("revenue", ColumnType::kInt)};
  d.def.primary_key = d.key = {"experiment_id", "group_id", "user_no"};
  const auto of_users = [](const Dialect&, std::string_view keys) {
    return "user_no IN (SELECT user_no FROM " + std::string(keys) + ")";
  };
  d.sources = {{kHits,
                [](const Dialect&, std::string_view rows) {
                  return "SELECT experiment_id, group_id, user_no FROM " + std::string(rows) +
                         " WHERE tenant = 'LKUS'";
                },
                false, of_users},
               // An order changes the window sums of its customer's exposures.
               {kOrders,
                [](const Dialect&, std::string_view rows) {
                  return "SELECT experiment_id, group_id, user_no FROM " + std::string(kHits) +
                         " WHERE tenant = 'LKUS' AND user_no IN (SELECT user_no FROM " +
                         std::string(rows) +
                         " WHERE tenant = 'LKUS') GROUP BY experiment_id, group_id, user_no";
                },
                false, of_users}};
  d.select = experiment_user_select;
  return d;
}

DerivedTable activity_user_table() {
  DerivedTable d{.owner = "campaigns", .refresh = DerivedRefresh::kAdditive};
  d.def.database = "campaigns";
  d.def.name = "activity_user";
  d.def.comment =
      "LKUS participations per campaign and customer: how many, the coupon and loyalty-point "
      "rewards among them and the rewards' face value (cents)";
  d.def.columns = {column("activity_id", ColumnType::kInt), column("user_no", ColumnType::kText),
                   column("partakes", ColumnType::kInt),    column("coupon_rewards", ColumnType::kInt),
                   column("point_rewards", ColumnType::kInt), column("reward_value", ColumnType::kInt)};
  d.def.primary_key = d.key = {"activity_id", "user_no"};
  d.sources = {{kPartake, [](const Dialect&, std::string_view rows) {
                  return "SELECT activity_id, user_no, COUNT(*) AS partakes, SUM(CASE WHEN "
                         "reward_type = 1 THEN 1 ELSE 0 END) AS coupon_rewards, SUM(CASE WHEN "
                         "reward_type = 2 THEN 1 ELSE 0 END) AS point_rewards, SUM(reward_amount) "
                         "AS reward_value FROM " +
                         std::string(rows) + " WHERE tenant = 'LKUS' GROUP BY activity_id, user_no";
                }}};
  return d;
}

const DerivedTableRegistration kTemplateCoupons(template_coupons_table());
const DerivedTableRegistration kRedemption(redemption_table());
const DerivedTableRegistration kFirstOrder(first_order_table());
const DerivedTableRegistration kTemplateDay(template_day_table());
const DerivedTableRegistration kExperimentUser(experiment_user_table());
const DerivedTableRegistration kActivityUser(activity_user_table());

}  // namespace
}  // namespace luckyhub::campaigns
