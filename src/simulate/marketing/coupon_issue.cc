// Mass-issued coupons: tens of millions of campaign coupons that expired
// unused (t_coupon_record_expired), the ones still active at as-of and a few
// revoked (t_coupon_record), and campaign participation
// (t_market_activity_partake) for the campaigns users take part in. Rows are
// generated in one tight loop per template; nothing per coupon is kept.
#include <algorithm>
#include <cmath>

#include "simulate/marketing/coupon_plan.h"
#include "simulate/marketing/text_format.h"
#include "simulate/progress.h"

namespace luckyhub::sim {
namespace {

constexpr double kExpired = 37000000, kActive = 2400000, kLiveRecords = 2600000, kPartake = 514000;
constexpr int64_t kDay = 86400;
// The window after a coupon's receipt over which a planted campaign's effect
// on receivers' spend is defined (docs/simulator/marketing.md).
constexpr int64_t kEffectWindow = 28 * kDay;

bool participatory(int activity_type) {
  return activity_type == 1 || activity_type == 2 || activity_type == 5 || activity_type == 6 ||
         activity_type == 7;
}

// A coupon's face value in cents, for partake reward_amount.
int64_t face_value_cents(const CouponTemplate& t) {
  if (t.coupon_type == 1 || t.coupon_type == 4 || t.coupon_type == 5) return t.discount_cents;
  if (t.coupon_type == 2) return 450 * t.discount_percent / 100;
  return 450;  // a free drink
}

std::vector<double> window_weights(const std::vector<CouponTemplate>& templates,
                                   const std::vector<IssueWindow>& windows) {
  std::vector<double> w(templates.size(), 0);
  for (size_t i = 0; i < templates.size(); ++i) {
    if (!windows[i].empty()) {
      w[i] = templates[i].issue_weight * static_cast<double>(windows[i].to - windows[i].from) / kDay;
    }
  }
  return w;
}

bool all_zero(const std::vector<double>& w) {
  return std::all_of(w.begin(), w.end(), [](double x) { return x <= 0; });
}

}  // namespace

IssuePlan plan_issuance(const MarketingRun& run) {
  const std::vector<CouponTemplate>& templates = run.ctx.world.marketing.coupon_templates;
  const size_t n = templates.size();
  IssuePlan plan;
  plan.expired_window.resize(n);
  plan.active_window.resize(n);
  plan.partake.resize(n);
  plan.expired.assign(n, 0);
  plan.active.assign(n, 0);
  plan.revoked.assign(n, 0);
  if (n == 0 || run.customers.empty()) return plan;
  const int64_t first_user = run.registered[static_cast<size_t>(run.by_registration[0])];
  for (size_t i = 0; i < n; ++i) {
    const CouponTemplate& t = templates[i];
    const int64_t valid = int64_t{t.valid_days} * kDay;
    const int64_t from = std::max(new_york_to_utc(t.valid_from, 0, 0, 0).seconds, first_user + 60);
    const int64_t to = std::min(new_york_to_utc(t.valid_to, 0, 0, 0).seconds, run.as_of);
    plan.expired_window[i] = {from, std::min(to, run.as_of - valid - 3600)};
    plan.active_window[i] = {std::max(from, run.as_of - valid + 3600), to};
    const auto& activities = run.ctx.world.marketing.activities;
    plan.partake[i] = t.activity >= 0 && participatory(activities[static_cast<size_t>(t.activity)].activity_type);
  }
  std::vector<double> we = window_weights(templates, plan.expired_window);
  std::vector<double> wa = window_weights(templates, plan.active_window);
  if (all_zero(wa)) {
    // No template issues at as-of: the newest ones keep issuing past their window.
    for (size_t i = 0; i < n; ++i) {
      plan.active_window[i] = {run.as_of - int64_t{templates[i].valid_days} * kDay + 3600, run.as_of};
      wa[i] = templates[i].issue_weight;
    }
  }
  if (!all_zero(we)) plan.expired = apportion(run.ctx.scaled(kExpired), we);
  plan.active = apportion(run.ctx.scaled(kActive), wa);
  const int64_t used = run.ledger.coupon_record_rows;
  const int64_t revoked = std::max<int64_t>(0, run.ctx.scaled(kLiveRecords) - run.ctx.scaled(kActive) - used);
  plan.revoked = apportion(revoked, all_zero(we) ? wa : we);
  return plan;
}

namespace {

// Writes one template's coupons of one kind. Coupon numbers come from the
// ledger's sequence (shared with the redeemed coupons).
class CouponWriter {
 public:
  explicit CouponWriter(MarketingRun& run)
      : run_(run),
        rng_(run.ctx.rng("marketing/coupons")),
        live_(run.ctx.out.sink("luckyus_sales_marketing", "t_coupon_record")),
        expired_(run.ctx.out.sink("luckyus_sales_marketing", "t_coupon_record_expired")),
        partake_(run.ctx.out.sink("luckyus_sales_marketing", "t_market_activity_partake")) {}

  // kind: 1 active, 3 expired, 4 revoked.
  void issue(const CouponTemplate& t, const MarketingActivity* activity, const IssueWindow& w,
             int64_t count, int kind, double partake_share, Progress& progress) {
    if (count <= 0 || w.empty()) return;
    RowSink& s = kind == 3 ? expired_ : live_;
    const int64_t valid = int64_t{t.valid_days} * kDay;
    const double len = static_cast<double>(w.to - w.from);
    const bool rising = kind != 1;  // user base grows: later days issue more
    for (int64_t i = 0; i < count; ++i) {
      const double u = rng_.uniform();
      int64_t receive = w.from + static_cast<int64_t>(len * (rising ? std::sqrt(u) : u));
      const size_t eligible = std::max<size_t>(1, run_.registered_before_day_of(receive));
      const size_t c = static_cast<size_t>(run_.by_registration[static_cast<size_t>(rng_.range(0, static_cast<int64_t>(eligible) - 1))]);
      receive = std::max(receive, run_.registered[c] + 60);
      const std::string_view coupon_no = number_("C", kCouponNoBase + run_.ledger.next_coupon_seq());
      const int64_t id = kind == 3 ? ++expired_rows_ : ++run_.ledger.coupon_record_rows;
      s.set_int(col_id_, id);
      s.set_text(col_tenant_, run_.tenant(static_cast<int>(c)));
      s.set_text(col_coupon_no_, coupon_no);
      s.set_int(col_template_, t.template_id);
      s.set_text(col_user_, run_.user_no[c]);
      s.set_int(col_status_, kind);
      const std::string_view rt = utc_(receive);
      s.set_text(col_receive_, rt);
      s.set_text(col_create_, rt);
      s.set_text(col_expire_, utc_(receive + valid));
      int64_t updated = receive;
      if (kind == 3) updated = receive + valid + rng_.range(60, 3600);  // hourly archive job
      if (kind == 4) updated = std::min(run_.as_of - 60, receive + rng_.range(3600, valid));
      s.set_text(col_update_, utc_(updated));
      s.set_int(col_deduct_, 0);
      s.end_row();
      if (activity && kind != 4) {
        partake_credit_ += partake_share;
        if (partake_credit_ >= 1) {
          partake_credit_ -= 1;
          write_partake(*activity, c, receive, 1, coupon_no, face_value_cents(t), -1);
        }
      }
      progress.advance();
    }
  }

  // A planted campaign's expired coupons (effect 1 positive, -1 cannibalising):
  // receivers and receive times are chosen from the paid orders, with their
  // own random stream, so that the campaign's true effect on receivers' spend
  // in the kEffectWindow after receipt has a known sign. Positive: each coupon
  // arrives 1 hour to 2 days before one of the receiver's paid orders.
  // Cannibalising: each arrives 1 to 60 minutes after a paid order that the
  // receiver follows with no paid order for the whole window. Returns the
  // number written (all of `count` when there are candidate orders).
  int64_t issue_planted(const CouponTemplate& t, const MarketingActivity* activity,
                        const IssueWindow& w, int64_t count, int effect, double partake_share,
                        Progress& progress, Rng& rng) {
    std::vector<std::pair<int32_t, uint32_t>> candidates;  // customer, order time
    for (size_t c = 0; c < run_.customers.size(); ++c) {
      const auto orders = run_.ledger.orders_of(static_cast<int>(c));
      for (size_t k = 0; k < orders.size(); ++k) {
        const int64_t at = orders[k].time;
        if (effect > 0) {
          if (at < w.from + 2 * kDay || at >= w.to) continue;
        } else {
          if (at < w.from || at + 3600 >= w.to || at + kEffectWindow + 3600 > run_.as_of) continue;
          if (k + 1 < orders.size() && int64_t{orders[k + 1].time} <= at + 3600 + kEffectWindow) continue;
        }
        candidates.emplace_back(static_cast<int32_t>(c), orders[k].time);
      }
    }
    if (candidates.empty()) return 0;
    const int64_t valid = int64_t{t.valid_days} * kDay;
    for (int64_t i = 0; i < count; ++i) {
      const auto& [c, at] = candidates[static_cast<size_t>(rng.range(0, static_cast<int64_t>(candidates.size()) - 1))];
      int64_t receive = effect > 0 ? int64_t{at} - rng.range(3600, 2 * kDay) : int64_t{at} + rng.range(60, 3600);
      receive = std::max(receive, run_.registered[static_cast<size_t>(c)] + 60);
      const std::string_view coupon_no = number_("C", kCouponNoBase + run_.ledger.next_coupon_seq());
      expired_.set_int(col_id_, ++expired_rows_);
      expired_.set_text(col_tenant_, run_.tenant(c));
      expired_.set_text(col_coupon_no_, coupon_no);
      expired_.set_int(col_template_, t.template_id);
      expired_.set_text(col_user_, run_.user_no[static_cast<size_t>(c)]);
      expired_.set_int(col_status_, 3);
      const std::string_view rt = utc_(receive);
      expired_.set_text(col_receive_, rt);
      expired_.set_text(col_create_, rt);
      expired_.set_text(col_expire_, utc_(receive + valid));
      expired_.set_text(col_update_, utc_(receive + valid + rng.range(60, 3600)));
      expired_.set_int(col_deduct_, 0);
      expired_.end_row();
      if (activity) {
        partake_credit_ += partake_share;
        if (partake_credit_ >= 1) {
          partake_credit_ -= 1;
          write_partake(*activity, static_cast<size_t>(c), receive, 1, coupon_no, face_value_cents(t), -1);
        }
      }
      progress.advance();
    }
    return count;
  }

  void write_partake(const MarketingActivity& a, size_t c, int64_t when, int reward_type,
                     std::string_view ref, int64_t amount_cents, int store) {
    static const int c_id = partake_.col("id"), c_tenant = partake_.col("tenant"),
                     c_activity = partake_.col("activity_id"), c_user = partake_.col("user_no"),
                     c_shop = partake_.col("shop_id"), c_time = partake_.col("partake_time"),
                     c_type = partake_.col("reward_type"), c_ref = partake_.col("reward_ref"),
                     c_amount = partake_.col("reward_amount"), c_create = partake_.col("create_time"),
                     c_update = partake_.col("update_time");
    partake_.set_int(c_id, ++partake_rows_);
    partake_.set_text(c_tenant, run_.tenant(static_cast<int>(c)));
    partake_.set_int(c_activity, a.activity_id);
    partake_.set_text(c_user, run_.user_no[c]);
    const int shop_store = store >= 0 ? store : a.store;
    if (shop_store >= 0) partake_.set_int(c_shop, run_.shop_id(shop_store));
    const std::string_view t = utc_(when);
    partake_.set_text(c_time, t);
    partake_.set_int(c_type, reward_type);
    if (!ref.empty()) partake_.set_text(c_ref, ref);
    partake_.set_int(c_amount, amount_cents);
    partake_.set_text(c_create, t);
    partake_.set_text(c_update, t);
    partake_.end_row();
  }

  int64_t partake_rows() const { return partake_rows_; }
  Rng& rng() { return rng_; }

  void resolve_columns() {
    // Both coupon tables have the same columns in the same order.
    col_id_ = live_.col("id");
    col_tenant_ = live_.col("tenant");
    col_coupon_no_ = live_.col("coupon_no");
    col_template_ = live_.col("template_id");
    col_user_ = live_.col("user_no");
    col_status_ = live_.col("status");
    col_receive_ = live_.col("receive_time");
    col_expire_ = live_.col("expire_time");
    col_deduct_ = live_.col("deduct_amount");
    col_create_ = live_.col("create_time");
    col_update_ = live_.col("update_time");
  }

 private:
  MarketingRun& run_;
  Rng rng_;
  RowSink &live_, &expired_, &partake_;
  UtcText utc_;
  NumberText number_;
  int64_t expired_rows_ = 0, partake_rows_ = 0;
  double partake_credit_ = 0;
  int col_id_ = 0, col_tenant_ = 0, col_coupon_no_ = 0, col_template_ = 0, col_user_ = 0,
      col_status_ = 0, col_receive_ = 0, col_expire_ = 0, col_deduct_ = 0, col_create_ = 0,
      col_update_ = 0;
};

// The three planted campaigns: the templates with the most expired coupons
// (ties by template id), the first positive, the second without effect (its
// receivers drawn like every other template's), the third cannibalising.
// Per template: 1 positive, 0 no effect, -1 cannibalising, 2 not planted.
std::vector<int> planted_effects(MarketingRun& run, const IssuePlan& plan) {
  const std::vector<CouponTemplate>& t = run.ctx.world.marketing.coupon_templates;
  std::vector<int> effect(t.size(), 2);
  std::vector<size_t> order;
  for (size_t i = 0; i < t.size(); ++i) {
    if (plan.expired[i] > 0 && !plan.expired_window[i].empty()) order.push_back(i);
  }
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return plan.expired[a] != plan.expired[b] ? plan.expired[a] > plan.expired[b]
                                              : t[a].template_id < t[b].template_id;
  });
  Truth& truth = run.ctx.truth;
  truth.describe("campaign_effect", "luckyus_sales_marketing.t_coupon_template",
                 "campaigns (coupon templates) with a planted effect on receivers' paid spend in the "
                 "28 days after an expired coupon's receipt, against similar customers who did not "
                 "receive one: positive (each coupon received 1 h to 2 days before one of the "
                 "receiver's paid orders), zero (receivers and times drawn independently of orders, "
                 "like every other template) and cannibalising (each received 1 to 60 min after a "
                 "paid order followed by none for 28 days); ids are t_coupon_template.template_id");
  const int kinds[3] = {1, 0, -1};
  const char* names[3] = {"positive", "zero", "cannibalising"};
  for (size_t k = 0; k < 3 && k < order.size(); ++k) {
    effect[order[k]] = kinds[k];
    truth.add_id("campaign_effect", t[order[k]].template_id);
    truth.add_item("campaign_effect", {{"template_id", t[order[k]].template_id},
                                       {"effect", names[k]},
                                       {"sign", kinds[k]},
                                       {"window_days", kEffectWindow / kDay},
                                       {"expired_coupons", plan.expired[order[k]]}});
  }
  return effect;
}

}  // namespace

void write_issued_coupons(MarketingRun& run, const IssuePlan& plan) {
  const MarketingWorld& m = run.ctx.world.marketing;
  CouponWriter writer(run);
  writer.resolve_columns();
  int64_t total = 0, participatory_coupons = 0;
  for (size_t i = 0; i < m.coupon_templates.size(); ++i) {
    total += plan.expired[i] + plan.active[i] + plan.revoked[i];
    if (plan.partake[i]) participatory_coupons += plan.expired[i] + plan.active[i];
  }
  // Coupon rewards make up most participation; stamp-card stamps on paid
  // orders (loyalty points) the rest.
  const int64_t target = run.ctx.scaled(kPartake);
  const int64_t coupon_partakes = std::min<int64_t>(target * 6 / 10, participatory_coupons);
  const double share = participatory_coupons == 0 ? 0 : static_cast<double>(coupon_partakes) / static_cast<double>(participatory_coupons);
  Progress progress("coupons", static_cast<uint64_t>(total));
  const std::vector<int> effect = planted_effects(run, plan);
  Rng planted_rng = run.ctx.rng("marketing/campaign-effects");
  for (size_t i = 0; i < m.coupon_templates.size(); ++i) {
    const CouponTemplate& t = m.coupon_templates[i];
    const MarketingActivity* activity = plan.partake[i] ? &m.activities[static_cast<size_t>(t.activity)] : nullptr;
    if (effect[i] == 1 || effect[i] == -1) {
      const int64_t n = writer.issue_planted(t, activity, plan.expired_window[i], plan.expired[i],
                                             effect[i], share, progress, planted_rng);
      writer.issue(t, activity, plan.expired_window[i], plan.expired[i] - n, 3, share, progress);
    } else {
      writer.issue(t, activity, plan.expired_window[i], plan.expired[i], 3, share, progress);
    }
    writer.issue(t, activity, plan.active_window[i], plan.active[i], 1, share, progress);
    const IssueWindow& rw = plan.expired_window[i].empty() ? plan.active_window[i] : plan.expired_window[i];
    writer.issue(t, nullptr, rw, plan.revoked[i], 4, 0, progress);
  }
  progress.done();
  const MarketingActivity* stamp_card = nullptr;
  for (const MarketingActivity& a : m.activities) {
    if (a.activity_type == 5 && !stamp_card) stamp_card = &a;
  }
  if (!stamp_card) return;
  const int64_t stamp_start = new_york_to_utc(stamp_card->start, 0, 0, 0).seconds;
  int64_t eligible = 0;
  for (size_t c = 0; c < run.customers.size(); ++c) {
    for (const PaidOrder& o : run.ledger.orders_of(static_cast<int>(c))) eligible += o.time >= stamp_start;
  }
  const int64_t left = std::max<int64_t>(0, target - writer.partake_rows());
  const double p = eligible == 0 ? 0 : std::min(1.0, static_cast<double>(left) / static_cast<double>(eligible));
  for (size_t c = 0; c < run.customers.size(); ++c) {
    for (const PaidOrder& o : run.ledger.orders_of(static_cast<int>(c))) {
      if (o.time < stamp_start || !writer.rng().chance(p)) continue;
      writer.write_partake(*stamp_card, c, o.time + 5, 2, "", 0, o.store);
    }
  }
}

}  // namespace luckyhub::sim
