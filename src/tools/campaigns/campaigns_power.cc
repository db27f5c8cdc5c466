// Before launch: per store, the minimum detectable effect of a test and the
// days a target lift needs, from the store's own recent customers.
#include <cmath>

#include "domain/order_rules.h"
#include "tools/campaigns/campaigns.h"

namespace luckyhub::campaigns {

std::vector<StorePower> store_power(Warehouse& wh, Date as_of, int test_days, double target_lift) {
  if (!wh.has_table(kOrders)) return {};
  // Inner names apart from the outer aliases (ClickHouse resolves a name to an alias first).
  const std::string sql =
      "SELECT shop_id, COUNT(*) AS customers, SUM(n) AS orders, SUM(n * n) AS orders_squared, "
      "SUM(c) AS cents, "
      "SUM(c * c) AS cents_squared, SUM(c * n) AS cents_orders FROM (SELECT shop_id, user_no, "
      "COUNT(*) AS n, "
      "SUM(pay_money) AS c FROM " +
      std::string(kOrders) + " WHERE tenant = 'LKUS' AND " + rules::paid_order() +
      " AND create_time >= ? AND create_time < ? GROUP BY shop_id, user_no) per_customer GROUP BY "
      "shop_id "
      "ORDER BY shop_id";
  const std::vector<SqlValue> params = {new_york_to_utc(as_of - test_days, 0, 0, 0).str(),
                                        new_york_to_utc(as_of, 0, 0, 0).str()};
  std::vector<StorePower> out;
  for (const Row row : wh.query(sql, params)) {
    StorePower s{.shop_id = row.integer("shop_id"),
                 .customers = row.integer("customers"),
                 .orders = row.integer("orders")};
    const double n = static_cast<double>(s.customers);
    const double dollars = static_cast<double>(row.integer("cents")) / 100;
    const double dollars_squared = static_cast<double>(row.integer("cents_squared")) / 10000;
    s.per_customer = experiment::sample_mean(n, dollars, dollars_squared);
    s.per_order = experiment::ratio(n, dollars, dollars_squared, static_cast<double>(s.orders),
                                    static_cast<double>(row.integer("orders_squared")),
                                    static_cast<double>(row.integer("cents_orders")) / 100);
    const double per_arm = n / 2;
    s.mde_per_customer = experiment::minimum_detectable_effect(s.per_customer, per_arm);
    s.mde_per_order = experiment::minimum_detectable_effect(s.per_order, per_arm);
    if (per_arm > 0) {
      s.days_per_customer =
          test_days * experiment::users_per_arm_needed(s.per_customer, target_lift) / per_arm;
      s.days_per_order =
          test_days * experiment::users_per_arm_needed(s.per_order, target_lift) / per_arm;
    }
    out.push_back(s);
  }
  return out;
}

}  // namespace luckyhub::campaigns
