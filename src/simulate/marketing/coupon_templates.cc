// t_coupon_template and t_market_activity, and the coupon ROI truths:
// `coupon_template_low_roi` (templates whose redemptions came mostly from
// customers who were ordering regularly anyway, and whose budget dwarfs the
// revenue of the redeeming orders) and `coupon_template_unredeemed`.
#include <algorithm>
#include <cmath>

#include "simulate/marketing/coupon_plan.h"
#include "simulate/marketing/text_format.h"

namespace luckyhub::sim {
namespace {

constexpr int64_t kDay = 86400;
constexpr int kMinRedemptions = 5;

struct TemplateOutcome {
  int64_t redemptions = 0, regular_redemptions = 0, revenue_cents = 0, deduct_cents = 0;
  double regular_share() const {
    return redemptions ? static_cast<double>(regular_redemptions) / static_cast<double>(redemptions) : 0;
  }
};

// A redemption by a customer with 3+ paid orders in the 28 days before it:
// they would have ordered anyway.
bool by_regular(const MarketingRun& run, const Redemption& r) {
  if (r.customer < 0) return false;
  const auto orders = run.ledger.orders_of(r.customer);
  const auto end = std::lower_bound(orders.begin(), orders.end(), r.time,
                                    [](const PaidOrder& o, uint32_t t) { return o.time < t; });
  const auto begin = std::lower_bound(orders.begin(), end, r.time - 28 * kDay,
                                      [](const PaidOrder& o, int64_t t) { return o.time < t; });
  return end - begin >= 3;
}

std::vector<TemplateOutcome> outcomes(const MarketingRun& run) {
  std::vector<TemplateOutcome> out(run.ctx.world.marketing.coupon_templates.size());
  for (const Redemption& r : run.ledger.redemptions()) {
    TemplateOutcome& o = out[static_cast<size_t>(r.template_index)];
    ++o.redemptions;
    o.regular_redemptions += by_regular(run, r);
    o.revenue_cents += r.pay_cents;
    o.deduct_cents += r.deduct_cents;
  }
  return out;
}

// The templates planted as low ROI: among templates with enough redemptions,
// the 8% most dominated by regulars (at least half of redemptions).
std::vector<bool> pick_low_roi(const std::vector<TemplateOutcome>& o, const std::vector<CouponTemplate>& t) {
  std::vector<size_t> eligible;
  for (size_t i = 0; i < o.size(); ++i) {
    if (o[i].redemptions >= kMinRedemptions && o[i].regular_share() >= 0.5) eligible.push_back(i);
  }
  std::stable_sort(eligible.begin(), eligible.end(), [&](size_t a, size_t b) {
    if (o[a].regular_share() != o[b].regular_share()) return o[a].regular_share() > o[b].regular_share();
    return t[a].template_id < t[b].template_id;
  });
  size_t n_eligible = 0;
  for (const TemplateOutcome& x : o) n_eligible += x.redemptions >= kMinRedemptions;
  const size_t k = std::min(eligible.size(), std::max<size_t>(n_eligible ? 1 : 0, (n_eligible * 8 + 99) / 100));
  std::vector<bool> low(o.size(), false);
  for (size_t i = 0; i < k; ++i) low[eligible[i]] = true;
  return low;
}

void write_activities(MarketingRun& run) {
  RowSink& s = run.ctx.out.sink("luckyus_sales_marketing", "t_market_activity");
  const int c_id = s.col("id"), c_tenant = s.col("tenant"), c_aid = s.col("activity_id"),
            c_name = s.col("activity_name"), c_type = s.col("activity_type"), c_shop = s.col("shop_id"),
            c_budget = s.col("budget"), c_start = s.col("start_time"), c_end = s.col("end_time"),
            c_status = s.col("status"), c_create = s.col("create_time"), c_update = s.col("update_time");
  UtcText utc;
  int64_t id = 0;
  for (const MarketingActivity& a : run.ctx.world.marketing.activities) {
    const int64_t start = new_york_to_utc(a.start, 0, 0, 0).seconds;
    const int64_t end = new_york_to_utc(a.end, 0, 0, 0).seconds;
    s.set_int(c_id, ++id);
    s.set_text(c_tenant, "LKUS");
    s.set_int(c_aid, a.activity_id);
    s.set_text(c_name, a.name);
    s.set_int(c_type, a.activity_type);
    if (a.store >= 0) s.set_int(c_shop, run.shop_id(a.store));
    s.set_int(c_budget, a.budget_cents);
    s.set_text(c_start, utc(start));
    s.set_text(c_end, utc(end));
    s.set_int(c_status, a.status);
    s.set_text(c_create, utc(start - 3 * kDay));
    s.set_text(c_update, utc(std::min(run.as_of - 1, a.status == 2 ? start : end)));
    s.end_row();
  }
}

}  // namespace

void write_templates_and_activities(MarketingRun& run, const IssuePlan& plan) {
  write_activities(run);
  const MarketingWorld& m = run.ctx.world.marketing;
  const std::vector<TemplateOutcome> outcome = outcomes(run);
  const std::vector<bool> low = pick_low_roi(outcome, m.coupon_templates);
  Truth& truth = run.ctx.truth;
  truth.describe("coupon_template_low_roi", "luckyus_sales_marketing.t_coupon_template",
                 "templates whose redemptions came mostly (>= 50%, the most of all templates with "
                 ">= 5 redemptions) from customers with 3+ paid orders in the 28 days before, and "
                 "whose marketing_cost is 2.5-4x the pay_money of the redeeming orders (ROI < 0.4; "
                 "every other redeemed template has ROI >= 2); ids are t_coupon_template.id");
  truth.describe("coupon_template_unredeemed", "luckyus_sales_marketing.t_coupon_template",
                 "templates that issued coupons but no order ever redeemed one (ROI 0); ids are "
                 "t_coupon_template.id");
  RowSink& s = run.ctx.out.sink("luckyus_sales_marketing", "t_coupon_template");
  const int c_id = s.col("id"), c_tenant = s.col("tenant"), c_tid = s.col("template_id"),
            c_name = s.col("template_name"), c_type = s.col("coupon_type"),
            c_amount = s.col("discount_amount"), c_rate = s.col("discount_rate"),
            c_threshold = s.col("threshold_amount"), c_activity = s.col("activity_id"),
            c_valid = s.col("valid_days"), c_quantity = s.col("total_quantity"),
            c_cost = s.col("marketing_cost"), c_start = s.col("start_time"), c_end = s.col("end_time"),
            c_status = s.col("status"), c_create = s.col("create_time"), c_update = s.col("update_time");
  Rng rng = run.ctx.rng("marketing/template-cost");
  UtcText utc;
  int64_t low_count = 0, unredeemed = 0;
  for (size_t i = 0; i < m.coupon_templates.size(); ++i) {
    const CouponTemplate& t = m.coupon_templates[i];
    const TemplateOutcome& o = outcome[i];
    const int64_t id = static_cast<int64_t>(i) + 1;
    const int64_t issued = plan.expired[i] + plan.active[i] + plan.revoked[i] + o.redemptions;
    int64_t cost = 100 * rng.range(50, 200);  // a planning budget
    if (low[i]) {
      cost = std::max<int64_t>(std::llround(static_cast<double>(o.deduct_cents) * rng.uniform(6, 9)),
                      std::llround(static_cast<double>(o.revenue_cents) * rng.uniform(2.5, 4)));
    } else if (o.redemptions > 0) {
      cost = std::min<int64_t>(std::llround(static_cast<double>(o.deduct_cents) * rng.uniform(1.1, 1.5)),
                      o.revenue_cents / 2);
      cost = std::max<int64_t>(cost, 1);
    }
    if (low[i]) {
      ++low_count;
      truth.add_id("coupon_template_low_roi", id);
      truth.add_item("coupon_template_low_roi",
                     {{"template_id", t.template_id}, {"redemptions", o.redemptions},
                      {"regular_share", std::round(o.regular_share() * 1000) / 1000},
                      {"revenue_cents", o.revenue_cents}, {"marketing_cost_cents", cost}});
    } else if (o.redemptions == 0 && issued > 0) {
      ++unredeemed;
      truth.add_id("coupon_template_unredeemed", id);
    }
    const int64_t start = new_york_to_utc(t.valid_from, 0, 0, 0).seconds;
    const int64_t end = new_york_to_utc(t.valid_to, 0, 0, 0).seconds;
    s.set_int(c_id, id);
    s.set_text(c_tenant, "LKUS");
    s.set_int(c_tid, t.template_id);
    s.set_text(c_name, t.name);
    s.set_int(c_type, t.coupon_type);
    s.set_int(c_amount, t.coupon_type == 1 || t.coupon_type == 4 || t.coupon_type == 5 ? t.discount_cents : 0);
    s.set_int(c_rate, t.coupon_type == 2 ? t.discount_percent * 100 : 0);
    s.set_int(c_threshold, t.threshold_cents);
    if (t.activity >= 0) s.set_int(c_activity, m.activities[static_cast<size_t>(t.activity)].activity_id);
    s.set_int(c_valid, t.valid_days);
    s.set_int(c_quantity, rng.chance(0.6) ? 0 : (issued * 3 / 2 / 1000 + 1) * 1000);
    s.set_int(c_cost, cost);
    s.set_text(c_start, utc(start));
    s.set_text(c_end, utc(end));
    s.set_int(c_status, t.status);
    s.set_text(c_create, utc(start - kDay * rng.range(1, 10)));
    s.set_text(c_update, utc(std::min(run.as_of - 1, t.status == 3 ? end : start)));
    s.end_row();
  }
  truth.set_figure("coupon_templates_low_roi", low_count);
  truth.set_figure("coupon_templates_unredeemed", unredeemed);
}

void write_coupons(MarketingRun& run) {
  const IssuePlan plan = plan_issuance(run);
  write_issued_coupons(run, plan);
  write_templates_and_activities(run, plan);
}

}  // namespace luckyhub::sim
