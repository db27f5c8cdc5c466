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

}  // namespace

// The redemptions lead each join: ClickHouse keeps a join's right side in
// memory, and a cluster reads the left one through join_left.
Query paid_redemptions(Warehouse& wh) {
  Query q = derived_from(wh, "campaigns__redemption");
  const std::string with_order =
      "SELECT d.template_id AS template_id, d.use_time AS use_time, d.order_no AS order_no, "
      "o.user_no AS user_no, "
      "o.create_time AS create_time FROM " +
      wh.dialect().join_left(q.sql) + " d JOIN (SELECT order_no, user_no, create_time FROM " +
      kOrders + " WHERE tenant = 'LKUS' AND " + rules::paid_order() +
      ") o ON o.order_no = d.order_no";
  q.sql =
      "(SELECT p.template_id AS template_id, p.use_time AS use_time, p.user_no AS user_no, "
      "p.create_time AS "
      "create_time, a.coupon_deduct AS coupon_deduct, a.pay_amount AS pay_amount, a.origin_amount "
      "AS origin_amount "
      "FROM (" +
      with_order + ") p JOIN (SELECT order_no, coupon_deduct, pay_amount, origin_amount FROM " +
      kOrderAmounts + " WHERE tenant = 'LKUS') a ON a.order_no = p.order_no)";
  return q;
}

std::optional<double> TemplateResult::roi() const { return ratio(revenue.value, discounts.value); }
std::optional<double> TemplateResult::budget_roi() const {
  return ratio(revenue.value, budget.value);
}
std::optional<double> TemplateResult::redemption_rate() const { return ratio(redeemed, issued); }
std::optional<double> TemplateResult::discount_depth() const {
  return ratio(discounts.value, list_value.value);
}
std::optional<Cents> TemplateResult::cost_per_acquired() const {
  if (acquired == 0) return std::nullopt;
  return Cents((discounts.value + acquired / 2) / acquired);
}

std::vector<TemplateResult> leaderboard(Warehouse& wh, int64_t only) {
  if (!wh.has_table(kTemplates)) return {};
  const std::string only_where = only > 0 ? " AND template_id = ?" : "";
  Query templates{"SELECT id, template_id, template_name, coupon_type, marketing_cost FROM " +
                      std::string(kTemplates) + " WHERE tenant = 'LKUS'" + only_where +
                      " ORDER BY template_id",
                  {}};
  if (only > 0) templates.params.push_back(only);
  Query issued = derived_from(wh, "campaigns__template_coupons");
  issued.sql = "SELECT template_id, coupons FROM " + issued.sql + " d";
  Query redeemed = paid_redemptions(wh);
  const Query first = derived_from(wh, "campaigns__first_order");
  redeemed.sql =
      "SELECT r.template_id AS template_id, COUNT(*) AS redeemed, SUM(r.coupon_deduct) AS "
      "discounts, "
      "SUM(r.pay_amount) AS revenue, SUM(r.origin_amount) AS list_value, "
      "SUM(CASE WHEN f.first_time = r.create_time THEN 1 ELSE 0 END) AS acquired FROM " +
      redeemed.sql + " r JOIN (SELECT user_no, first_time FROM " + first.sql +
      " x) f ON f.user_no = r.user_no GROUP BY r.template_id";
  redeemed.params.insert(redeemed.params.end(), first.params.begin(), first.params.end());
  const std::vector<ResultSet> r = wh.query_all({templates, issued, redeemed});
  std::map<int64_t, int64_t> issued_by_template;
  for (const Row row : r[1])
    issued_by_template[row.integer("template_id")] = row.integer("coupons");
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
    if (const auto it = issued_by_template.find(t.template_id); it != issued_by_template.end())
      t.issued = it->second;
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
  q.sql = "SELECT " + dialect.date_text(dialect.ny_date("r.use_time")) +
          " AS day, COUNT(*) AS redeemed, SUM(r.coupon_deduct) AS discounts, SUM(r.pay_amount) AS "
          "revenue FROM " +
          q.sql + " r WHERE r.use_time >= ? AND r.use_time < ?" +
          (template_id > 0 ? " AND r.template_id = ?" : "") + " GROUP BY day ORDER BY day";
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
