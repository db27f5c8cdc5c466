// The leaderboard and the daily series: the coupon templates with their
// issued coupons (campaigns__template_coupons) and their paid redemptions per
// New York day (campaigns__template_day).
#include <algorithm>
#include <map>

#include "tools/campaigns/campaigns.h"
#include "warehouse/derived_table.h"

namespace luckyhub::campaigns {
namespace {

std::optional<double> ratio(int64_t num, int64_t den) {
  if (den == 0) return std::nullopt;
  return static_cast<double>(num) / static_cast<double>(den);
}

}  // namespace

std::optional<double> TemplateResult::roi() const { return ratio(revenue.value, budget.value); }
std::optional<double> TemplateResult::discount_roi() const {
  return ratio(revenue.value, discounts.value);
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
  Query templates{"SELECT id, template_id, template_name, coupon_type, activity_id, marketing_cost FROM " +
                      std::string(kTemplates) + " WHERE tenant = 'LKUS'" + only_where +
                      " ORDER BY template_id",
                  {}};
  if (only > 0) templates.params.push_back(only);
  Query issued = derived_from(wh, "campaigns__template_coupons");
  issued.sql = "SELECT template_id, coupons FROM " + issued.sql + " d";
  Query redeemed = derived_from(wh, "campaigns__template_day");
  redeemed.sql =
      "SELECT d.template_id AS template_id, SUM(d.redeemed) AS redeemed, SUM(d.discounts) AS "
      "discounts, "
      "SUM(d.revenue) AS revenue, SUM(d.list_value) AS list_value, SUM(d.acquired) AS acquired "
      "FROM " +
      redeemed.sql + " d" + (only > 0 ? " WHERE d.template_id = ?" : "") +
      " GROUP BY d.template_id";
  if (only > 0) redeemed.params.push_back(only);
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
    t.activity_id = row.is_null("activity_id") ? 0 : row.integer("activity_id");
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
  Query q = derived_from(wh, "campaigns__template_day");
  q.sql = "SELECT " + wh.dialect().date_text("d.day") +
          " AS day, SUM(d.redeemed) AS redeemed, SUM(d.discounts) AS discounts, SUM(d.revenue) AS "
          "revenue FROM " +
          q.sql + " d WHERE d.day >= ? AND d.day < ?" +
          (template_id > 0 ? " AND d.template_id = ?" : "") + " GROUP BY d.day ORDER BY d.day";
  q.params.push_back(from.str());
  q.params.push_back(to.str());
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
