// The leaderboard and the daily series: the coupon templates with their
// issued coupons (campaigns__template_coupons) and their paid redemptions
// (campaigns__redemption joined to the order and its amounts).
#include <algorithm>
#include <map>

#include "domain/order_rules.h"
#include "tools/campaigns/campaigns.h"
#include "warehouse/derived_table.h"

namespace luckyhub::campaigns {
namespace {

std::optional<double> ratio(int64_t num, int64_t den) {
  if (den == 0) return std::nullopt;
  return static_cast<double>(num) / static_cast<double>(den);
}

// " FROM <redemptions> d JOIN <paid LKUS orders> o JOIN <their amounts> a",
// the derived table's parameters first. The redemptions lead: ClickHouse
// keeps the right sides of its joins in memory, and a cluster reads the
// left one through join_left.
Query paid_redemptions(Warehouse& wh) {
  Query q = derived_from(wh, "campaigns__redemption");
  q.sql = " FROM " + wh.dialect().join_left(q.sql) + " d JOIN (SELECT order_no, user_no, create_time FROM " +
          kOrders + " WHERE tenant = 'LKUS' AND " + rules::paid_order() +
          ") o ON o.order_no = d.order_no JOIN (SELECT order_no, coupon_deduct, pay_amount, origin_amount FROM " +
          kOrderAmounts + " WHERE tenant = 'LKUS') a ON a.order_no = d.order_no";
  return q;
}

}  // namespace

std::optional<double> TemplateResult::roi() const { return ratio(revenue.value, discounts.value); }
std::optional<double> TemplateResult::budget_roi() const { return ratio(revenue.value, budget.value); }
std::optional<double> TemplateResult::redemption_rate() const { return ratio(redeemed, issued); }
std::optional<double> TemplateResult::discount_depth() const { return ratio(discounts.value, list_value.value); }
std::optional<Cents> TemplateResult::cost_per_acquired() const {
  if (acquired == 0) return std::nullopt;
  return Cents((discounts.value + acquired / 2) / acquired);
}

std::vector<TemplateResult> leaderboard(Warehouse& wh, int64_t only) {
  if (!wh.has_table(kTemplates)) return {};
  const std::string only_where = only > 0 ? " AND template_id = ?" : "";
  Query templates{"SELECT id, template_id, template_name, coupon_type, marketing_cost FROM " + std::string(kTemplates) +
                      " WHERE tenant = 'LKUS'" + only_where + " ORDER BY template_id",
                  {}};
  if (only > 0) templates.params.push_back(only);
  Query issued = derived_from(wh, "campaigns__template_coupons");
  issued.sql = "SELECT template_id, coupons FROM " + issued.sql + " d";
  Query redeemed = paid_redemptions(wh);
  const Query first = derived_from(wh, "campaigns__first_order");
  redeemed.sql = "SELECT d.template_id AS template_id, COUNT(*) AS redeemed, SUM(a.coupon_deduct) AS discounts, "
                 "SUM(a.pay_amount) AS revenue, SUM(a.origin_amount) AS list_value, "
                 "SUM(CASE WHEN f.first_time = o.create_time THEN 1 ELSE 0 END) AS acquired" +
                 redeemed.sql + " JOIN (SELECT user_no, first_time FROM " + first.sql + " x) f ON f.user_no = o.user_no" +
                 " GROUP BY d.template_id";
  redeemed.params.insert(redeemed.params.end(), first.params.begin(), first.params.end());
  const std::vector<ResultSet> r = wh.query_all({templates, issued, redeemed});
  std::map<int64_t, int64_t> issued_by_template;
  for (const Row row : r[1]) issued_by_template[row.integer("template_id")] = row.integer("coupons");
  std::map<int64_t, TemplateResult> used;
  for (const Row row : r[2]) {
    used[row.integer("template_id")] = {.redeemed = row.integer("redeemed"),
                                        .discounts = row.cents("discounts"),
                                        .revenue = row.cents("revenue"),
                                        .list_value = row.cents("list_value"),
                                        .acquired = row.integer("acquired")};
  }
  std::vector<TemplateResult> out;
  for (const Row row : r[0]) {
    TemplateResult t;
    t.template_id = row.integer("template_id");
    if (const auto it = used.find(t.template_id); it != used.end()) t = it->second;
    t.id = row.integer("id");
    t.template_id = row.integer("template_id");
    t.name = row.text("template_name");
    t.coupon_type = static_cast<int>(row.integer("coupon_type"));
    t.budget = row.cents("marketing_cost");
    if (const auto it = issued_by_template.find(t.template_id); it != issued_by_template.end()) t.issued = it->second;
    out.push_back(std::move(t));
  }
  std::stable_sort(out.begin(), out.end(), [](const TemplateResult& a, const TemplateResult& b) {
    const std::optional<double> ra = a.roi(), rb = b.roi();
    if (ra.has_value() != rb.has_value()) return ra.has_value();
    if (ra && *ra != *rb) return *ra > *rb;
    return a.template_id < b.template_id;
  });
  return out;
}

std::vector<DayResult> daily(Warehouse& wh, Date from, Date to, int64_t template_id) {
  std::vector<DayResult> out;
  for (Date d = from; d < to; d = d + 1) out.push_back({.day = d});
  if (!wh.has_table(kLiveCoupons) || !wh.has_table(kOrderAmounts) || from >= to) return out;
  const Dialect& dialect = wh.dialect();
  Query q = paid_redemptions(wh);
  q.sql = "SELECT " + dialect.date_text(dialect.ny_date("d.use_time")) +
          " AS day, COUNT(*) AS redeemed, SUM(a.coupon_deduct) AS discounts, SUM(a.pay_amount) AS revenue" + q.sql +
          " WHERE d.use_time >= ? AND d.use_time < ?" + (template_id > 0 ? " AND d.template_id = ?" : "") +
          " GROUP BY day ORDER BY day";
  q.params.push_back(new_york_to_utc(from, 0, 0, 0).str());
  q.params.push_back(new_york_to_utc(to, 0, 0, 0).str());
  if (template_id > 0) q.params.push_back(template_id);
  for (const Row row : wh.query(q.sql, q.params)) {
    const Date day = Date::parse(row.text("day"));
    if (day < from || day >= to) continue;
    DayResult& d = out[static_cast<size_t>(day - from)];
    d.redeemed = row.integer("redeemed");
    d.discounts = row.cents("discounts");
    d.revenue = row.cents("revenue");
  }
  return out;
}

}  // namespace luckyhub::campaigns
