// Last-touch attribution: each paid LKUS order's revenue goes to the template
// of the coupon it redeemed, else to the template of the last coupon its
// customer received in the `days` days before it (at or before its
// create_time), else to none.
#include <algorithm>
#include <map>
#include <unordered_map>

#include "domain/order_rules.h"
#include "tools/campaigns/campaigns.h"
#include "warehouse/derived_table.h"

namespace luckyhub::campaigns {

std::vector<Attribution> attribution(Warehouse& wh, int days) {
  if (days <= 0 || !wh.has_table(kLiveCoupons) || !wh.has_table(kOrders)) return {};
  const Dialect& d = wh.dialect();
  Query orders{"SELECT order_no, user_no, create_time, pay_money FROM " + std::string(kOrders) +
                   " WHERE tenant = 'LKUS' AND user_no IS NOT NULL AND create_time IS NOT NULL AND " +
                   rules::paid_order(),
               {}};
  Query redeemed = derived_from(wh, "campaigns__redemption");
  redeemed.sql = "SELECT r.order_no AS order_no, r.template_id AS template_id, r.id AS id FROM " + redeemed.sql + " r";
  // Receipts by customers, from `days` before their first paid order on.
  auto coupons = [](const char* table) {
    return "SELECT template_id, user_no, receive_time FROM " + std::string(table) +
           " WHERE tenant = 'LKUS' AND receive_time IS NOT NULL";
  };
  std::string union_sql = coupons(kLiveCoupons);
  if (wh.has_table(kExpiredCoupons)) union_sql += " UNION ALL " + coupons(kExpiredCoupons);
  Query first = derived_from(wh, "campaigns__first_order");
  Query receipts{"SELECT r.template_id AS template_id, r.user_no AS user_no, r.receive_time AS receive_time FROM " +
                     d.join_left("(" + union_sql + ")") + " r JOIN (SELECT user_no, first_time FROM " + first.sql +
                     " x) f ON f.user_no = r.user_no WHERE " + d.seconds_between("r.receive_time", "f.first_time") +
                     " <= " + std::to_string(int64_t{days} * 86400),
                 first.params};
  const std::vector<ResultSet> r = wh.query_all({orders, redeemed, receipts});

  // The coupon each order redeemed (the highest coupon id when several).
  std::unordered_map<std::string, std::pair<int64_t, int64_t>> redemption;  // order_no → (id, template)
  for (const Row row : r[1]) {
    auto& [id, template_id] = redemption[row.text("order_no")];
    if (row.integer("id") > id) {
      id = row.integer("id");
      template_id = row.integer("template_id");
    }
  }
  // Each customer's receipts, sorted by time then template id.
  std::unordered_map<std::string, std::vector<std::pair<int64_t, int64_t>>> received;
  for (const Row row : r[2]) {
    received[row.text("user_no")].push_back(
        {Timestamp::parse(row.text("receive_time")).seconds, row.integer("template_id")});
  }
  for (auto& [user, list] : received) std::sort(list.begin(), list.end());

  std::map<int64_t, Attribution> by_template;
  const int64_t window = int64_t{days} * 86400;
  for (const Row row : r[0]) {
    const Cents pay = row.cents("pay_money");
    if (const auto it = redemption.find(row.text("order_no")); it != redemption.end()) {
      Attribution& a = by_template[it->second.second];
      ++a.redeemed_orders;
      a.revenue = a.revenue + pay;
      continue;
    }
    const auto it = received.find(row.text("user_no"));
    if (it == received.end()) continue;
    const int64_t at = Timestamp::parse(row.text("create_time")).seconds;
    const auto& list = it->second;
    // The last receipt at or before the order (the highest template id among equal times).
    auto last = std::upper_bound(list.begin(), list.end(), std::pair<int64_t, int64_t>{at, INT64_MAX});
    if (last == list.begin()) continue;
    --last;
    if (last->first < at - window) continue;
    Attribution& a = by_template[last->second];
    ++a.received_orders;
    a.revenue = a.revenue + pay;
  }
  std::vector<Attribution> out;
  for (auto& [id, a] : by_template) {
    a.template_id = id;
    out.push_back(a);
  }
  std::stable_sort(out.begin(), out.end(), [](const Attribution& a, const Attribution& b) {
    return a.revenue.value != b.revenue.value ? a.revenue.value > b.revenue.value : a.template_id < b.template_id;
  });
  return out;
}

}  // namespace luckyhub::campaigns
