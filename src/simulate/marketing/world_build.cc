// build_marketing_world: the campaigns, the marketing fields of the sales
// family's coupon templates, and the A/B experiments with their planted
// effects. Runs after build_sales_world and before any order.
#include <algorithm>
#include <string>

#include "simulate/generators.h"

namespace luckyhub::sim {
namespace {

Date first_day(const World& world) {
  return world.start.days > 0 ? world.start : Date::from_ymd(2025, 6, 1);
}

void add_activity(MarketingWorld& m, int type, std::string name, Date start, Date end, int store,
                  Rng& rng, Date as_of) {
  MarketingActivity a;
  a.activity_id = 880000 + static_cast<int64_t>(m.activities.size()) + 1;
  a.name = std::move(name);
  a.activity_type = type;
  a.store = store;
  a.start = start;
  a.end = end;
  a.budget_cents = 100 * rng.range(type == 3 ? 2000 : 500, type == 1 ? 60000 : 15000);
  a.status = end <= as_of ? (rng.chance(0.03) ? 4 : 3) : 2;
  m.activities.push_back(std::move(a));
}

// Always-on programmes, one store-opening campaign per store, holiday
// promotions, and coupon drops and limited-time offers every week or two.
void build_activities(SimContext& ctx) {
  MarketingWorld& m = ctx.world.marketing;
  Rng rng = ctx.rng("marketing/activities");
  const Date start = first_day(ctx.world), as_of = ctx.config.as_of;
  const Date forever = as_of + 365;
  add_activity(m, 1, "New user welcome gift", start, forever, -1, rng, as_of);
  add_activity(m, 2, "Invite a friend, both get a drink", start, forever, -1, rng, as_of);
  add_activity(m, 5, "Luckin stamp card", start + 45, forever, -1, rng, as_of);
  const std::vector<Store>& stores = ctx.world.sales.stores;
  for (size_t i = 0; i < stores.size(); ++i) {
    if (stores[i].test_store || stores[i].opened >= as_of) continue;
    add_activity(m, 6, "Grand opening " + stores[i].name, stores[i].opened, stores[i].opened + 14,
                 static_cast<int>(i), rng, as_of);
  }
  const struct { int month, day; const char* name; } holidays[] = {
      {7, 4, "Fourth of July"}, {9, 1, "Labor Day"},   {10, 31, "Halloween"},
      {11, 27, "Thanksgiving"}, {12, 20, "Holiday season"}, {12, 31, "New Year"},
      {2, 10, "Valentine's Day"}, {8, 15, "Summer send-off"}};
  for (const auto& h : holidays) {
    for (int year = start.year(); year <= as_of.year(); ++year) {
      const Date d = Date::from_ymd(year, h.month, h.day);
      if (d < start || d - 5 >= as_of) continue;
      add_activity(m, 7, std::string(h.name) + " " + std::to_string(year), d - 5, d + 3, -1, rng,
                   as_of);
    }
  }
  int week = 0;
  for (Date d = start + 7; d < as_of; d = d + static_cast<int>(rng.range(5, 10)), ++week) {
    const bool drop = rng.chance(0.65);
    const std::string name = drop ? "Coupon drop #" + std::to_string(week + 1)
                                  : "Limited-time deal #" + std::to_string(week + 1);
    add_activity(m, drop ? 3 : 4, name, d, d + static_cast<int>(rng.range(3, 14)), -1, rng, as_of);
  }
}

// The campaign running when a template starts issuing, preferring coupon
// drops; valid days by coupon type; mass issuance weights.
void fill_templates(SimContext& ctx) {
  MarketingWorld& m = ctx.world.marketing;
  Rng rng = ctx.rng("marketing/templates");
  const Date as_of = ctx.config.as_of;
  for (CouponTemplate& t : m.coupon_templates) {
    static const int kValidDays[] = {0, 14, 10, 30, 7, 7};
    const int base = t.coupon_type >= 1 && t.coupon_type <= 5 ? kValidDays[t.coupon_type] : 14;
    t.valid_days = std::max(3, base + static_cast<int>(rng.range(-3, 7)));
    std::vector<int> candidates;
    for (size_t i = 0; i < m.activities.size(); ++i) {
      const MarketingActivity& a = m.activities[i];
      if (a.start <= t.valid_from && t.valid_from < a.end) candidates.push_back(static_cast<int>(i));
    }
    if (!candidates.empty()) {
      t.activity = candidates[static_cast<size_t>(rng.range(0, static_cast<int64_t>(candidates.size()) - 1))];
    } else if (!m.activities.empty()) {
      t.activity = static_cast<int>(rng.range(0, 2));  // an always-on programme
    }
    t.status = t.valid_to <= as_of ? 3 : (rng.chance(0.08) ? 2 : 1);
    // Mass drops (37M expired coupons) come from a minority of templates.
    t.issue_weight = rng.chance(0.25) ? rng.lognormal(1.5, 1.0) : rng.lognormal(0, 0.8);
  }
}

void add_experiment(MarketingWorld& m, const char* name, const char* scene, Date start, int days,
                    std::vector<double> lifts, Rng& rng, Date as_of) {
  Experiment e;
  e.experiment_id = 5100 + static_cast<int64_t>(m.experiments.size()) + 1;
  e.name = name;
  e.scene = scene;
  e.start = start;
  e.end = start + days;
  e.status = e.end > as_of ? 2 : (lifts[0] > 0.05 ? 4 : 3);
  e.reach = rng.uniform(0.35, 0.9);
  const double groups = static_cast<double>(lifts.size() + 1);
  e.groups.push_back({1, "control", true, 1.0 / groups, 0});
  static const char* const kVariants[] = {"variant_a", "variant_b", "variant_c"};
  for (size_t i = 0; i < lifts.size(); ++i) {
    e.groups.push_back({static_cast<int>(i) + 2, kVariants[i], false, 1.0 / groups, lifts[i]});
  }
  m.experiments.push_back(std::move(e));
}

// Experiments spread over the months since launch. Some have a real effect
// on conversion (lifts of 15-40%, one harmful), the others none.
void build_experiments(SimContext& ctx) {
  MarketingWorld& m = ctx.world.marketing;
  Rng rng = ctx.rng("marketing/experiments");
  const Date start = first_day(ctx.world), as_of = ctx.config.as_of;
  const struct { const char* name; const char* scene; std::vector<double> lifts; } specs[] = {
      {"home_banner_layout_v1", "home_page", {0}},
      {"menu_photo_size_v2", "menu_page", {0.25}},
      {"checkout_one_tap_pay", "checkout", {0.30}},
      {"coupon_push_morning_vs_noon", "coupon_push", {0}},
      {"recommendation_rail_v1", "recommendation", {0, 0}},
      {"home_banner_layout_v2", "home_page", {0}},
      {"coupon_push_winback_copy", "coupon_push", {0.40}},
      {"menu_category_order", "menu_page", {0}},
      {"checkout_tip_prompt", "checkout", {-0.15}},
      {"recommendation_rail_v2", "recommendation", {0.20, 0}},
      {"home_new_user_onboarding", "home_page", {0}},
      {"coupon_push_frequency_cap", "coupon_push", {0}},
      {"menu_seasonal_highlight", "menu_page", {0.15}},
      {"checkout_upsell_food", "checkout", {0}},
      {"home_banner_layout_v3", "home_page", {0, 0}},
      {"recommendation_reorder_button", "recommendation", {0.35}},
      {"coupon_push_weekend_boost", "coupon_push", {0}},
      {"menu_price_anchor", "menu_page", {0}},
      {"checkout_pickup_eta", "checkout", {0.20}},
      {"home_stamp_card_entry", "home_page", {0}},
  };
  const int n = static_cast<int>(std::size(specs));
  const int span = std::max(30, (as_of - start) - 40);
  for (int i = 0; i < n; ++i) {
    const Date s = start + 20 + span * i / n + static_cast<int>(rng.range(0, 6));
    add_experiment(m, specs[i].name, specs[i].scene, s, static_cast<int>(rng.range(14, 35)),
                   specs[i].lifts, rng, as_of);
  }
  // One more, after the others (their dates and draws unchanged): no effect,
  // but its variant loses a third of its users, a sample ratio mismatch.
  Rng srm_rng = ctx.rng("marketing/experiment-srm");
  add_experiment(m, "home_pickup_banner_logging", "home_page", start + 20 + span / 3 + 3, 28, {0}, srm_rng, as_of);
  m.experiments.back().lost_share = 1.0 / 3;
}

}  // namespace

void build_marketing_world(SimContext& ctx) {
  build_activities(ctx);
  fill_templates(ctx);
  build_experiments(ctx);
}

}  // namespace luckyhub::sim
