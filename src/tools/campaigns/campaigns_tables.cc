// The campaigns tool's derived tables, kept by sync:
//  - campaigns__template_coupons (additive): coupons issued per template, live
//    and expired together (37M expired rows at scale 1 become 1,262 rows);
//  - campaigns__redemption (selection): the used coupons, one row each, with
//    the order that redeemed them;
//  - campaigns__first_order (recompute): each customer's first paid order
//    time, which says whether a redemption acquired the customer;
//  - campaigns__experiment_user (recompute): each experiment user's group and
//    first exposure, from the 6.4M exposure rows.
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

Query experiment_user_select(const Dialect&, const SourceFilters& filters) {
  Query q;
  const std::string where = source_filter(filters, kHits, q.params);
  q.sql = "SELECT experiment_id, group_id, user_no, MIN(hit_time) AS first_hit FROM " +
          std::string(kHits) + " WHERE tenant = 'LKUS'" + where +
          " GROUP BY experiment_id, group_id, user_no";
  return q;
}

DerivedTable experiment_user_table() {
  DerivedTable d{.owner = "campaigns", .refresh = DerivedRefresh::kRecompute};
  d.def.database = "campaigns";
  d.def.name = "experiment_user";
  d.def.comment = "each LKUS user exposed to an experiment: group and first exposure";
  d.def.columns = {column("experiment_id", ColumnType::kInt), column("group_id", ColumnType::kInt),
                   column("user_no", ColumnType::kText),
                   column("first_hit", ColumnType::kDateTime)};
  d.def.primary_key = d.key = {"experiment_id", "group_id", "user_no"};
  d.sources = {{kHits,
                [](const Dialect&, std::string_view rows) {
                  return "SELECT experiment_id, group_id, user_no FROM " + std::string(rows) +
                         " WHERE tenant = 'LKUS'";
                },
                false,
                [](const Dialect&, std::string_view keys) {
                  return "user_no IN (SELECT user_no FROM " + std::string(keys) + ")";
                }}};
  d.select = experiment_user_select;
  return d;
}

const DerivedTableRegistration kTemplateCoupons(template_coupons_table());
const DerivedTableRegistration kRedemption(redemption_table());
const DerivedTableRegistration kFirstOrder(first_order_table());
const DerivedTableRegistration kExperimentUser(experiment_user_table());

}  // namespace
}  // namespace luckyhub::campaigns
