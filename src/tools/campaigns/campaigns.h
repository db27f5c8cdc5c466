// Tool 5, campaigns (Marketing): which coupon templates bring revenue, at
// what cost, and what the A/B experiments show.
//
//  - The leaderboard ranks every coupon template by ROI as the catalog defines
//    it: revenue of the paid orders that redeemed it
//    (t_order_amount.pay_amount) / the template's marketing_cost, with the
//    coupons issued, the redemption rate (redeemed / issued), the discount
//    depth (discounts / list price of the redeeming orders), the customers it
//    acquired (whose first paid order redeemed it), the cost per acquired
//    customer (discounts / acquired) and, beside ROI, the ROI on discounts:
//    the same revenue / the discounts given (t_order_amount.coupon_deduct).
//  - The experiments panel: per experiment and group, the users exposed,
//    conversion (a paid order within 7 days after the first exposure) and
//    revenue per user over those 7 days, each against the control by the
//    experiment engine (domain/experiment_stats.h), with the sample ratio
//    check against the planned traffic.
//  - The daily series: redemptions, discounts and revenue per New York day.
//
// Reads its derived tables (campaigns_tables.cc) through derived_from().
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/money.h"
#include "domain/experiment_stats.h"
#include "tools/registry.h"
#include "warehouse/warehouse.h"

namespace luckyhub::campaigns {

inline constexpr const char* kTemplates = "sales_marketing__t_coupon_template";
inline constexpr const char* kActivities = "sales_marketing__t_market_activity";
inline constexpr const char* kPartake = "sales_marketing__t_market_activity_partake";
inline constexpr const char* kLiveCoupons = "sales_marketing__t_coupon_record";
inline constexpr const char* kExpiredCoupons = "sales_marketing__t_coupon_record_expired";
inline constexpr const char* kOrders = "sales_order__t_order";
inline constexpr const char* kOrderAmounts = "sales_order__t_order_amount";
inline constexpr const char* kExperiments = "isalesdatamarketing__t_experiment";
inline constexpr const char* kHits = "isalesdatamarketing__t_user_hit_experiment_record";

inline constexpr int64_t kConversionWindowSeconds = 7 * 86400;

struct TemplateResult {
  int64_t id = 0;           // t_coupon_template.id
  int64_t template_id = 0;  // the business id
  std::string name;
  int coupon_type = 0;
  int64_t activity_id = 0;  // its campaign (t_market_activity), 0 for none
  Cents budget;          // marketing_cost
  int64_t issued = 0;    // coupons received by customers, used or not
  int64_t redeemed = 0;  // used on a paid order
  Cents discounts, revenue, list_value;
  int64_t acquired = 0;  // customers whose first paid order redeemed it

  std::optional<double> roi() const;           // revenue / budget (marketing_cost)
  std::optional<double> discount_roi() const;  // revenue / discounts
  std::optional<double> redemption_rate() const;
  std::optional<double> discount_depth() const;
  std::optional<Cents> cost_per_acquired() const;
};

// Every LKUS template, best ROI first (templates without a budget last, by
// template id). `only` > 0 keeps that template_id.
std::vector<TemplateResult> leaderboard(Warehouse& wh, int64_t only = 0);

// The campaigns (t_market_activity) with their participation
// (t_market_activity_partake: one row per customer taking part, with the
// reward given) and the paid redemptions of their templates' coupons, from
// `templates` (the leaderboard). ROI = that revenue / the campaign's budget.
// Most participations first (ties by activity id).
struct ActivityResult {
  int64_t activity_id = 0;
  std::string name;
  int type = 0, status = 0;
  int64_t shop_id = 0;  // 0: every store
  Cents budget;
  std::string start, end;  // UTC "YYYY-MM-DD HH:MM:SS"
  int64_t partakes = 0, participants = 0, coupon_rewards = 0, point_rewards = 0;
  Cents reward_value;  // the face value of the rewards given
  int64_t templates = 0, redeemed = 0;
  Cents revenue;
  std::optional<double> roi() const;
};
std::vector<ActivityResult> activities(Warehouse& wh, const std::vector<TemplateResult>& templates);

struct DayResult {
  Date day;
  int64_t redeemed = 0;
  Cents discounts, revenue;
};
// Paid redemptions per New York day of use in [from, to), every day listed.
std::vector<DayResult> daily(Warehouse& wh, Date from, Date to, int64_t template_id = 0);

struct ArmResult {
  int group_id = 0;
  std::string group_name;
  bool control = false;
  double traffic = 0;  // planned share
  int64_t users = 0, converters = 0;
  Cents revenue;
  double revenue_squares = 0;  // Σ (dollars per user)²
  experiment::Moments conversion, revenue_per_user;
  experiment::Effect conversion_effect, revenue_effect;  // against the control; none for it
  // With CUPED (cuped_days > 0): Σ of each user's pre-period spend X (dollars
  // paid in the cuped_days before the first exposure), of X², of X · revenue.
  double pre_sum = 0, pre_squares = 0, pre_products = 0;
};

struct ExperimentResult {
  int64_t experiment_id = 0;
  std::string name, scene;
  int status = 0;
  std::vector<ArmResult> arms;  // control first
  double srm_p = 1;
  bool srm() const { return srm_p < experiment::kSrmThreshold; }
};

// cuped_days > 0: revenue per user is compared by CUPED, the covariate each
// user's paid spend in the cuped_days before the first exposure (θ pooled over
// the control and the group, the lift over the raw control mean).
std::vector<ExperimentResult> experiments(Warehouse& wh, const experiment::Options& options,
                                          int cuped_days = 0);

// Before launch: what a test of `test_days` days on one store's customers
// (split 50/50) can detect, from the customers who ordered there in the last
// `test_days` days before as-of (n of them: n/2 per arm). Revenue per
// customer is a mean; revenue per order a ratio (Σ revenue / Σ orders per
// customer, delta method). The days a `target_lift` needs scale the window
// by the users it needs against those seen: days = test_days · needed / (n/2).
struct StorePower {
  int64_t shop_id = 0;
  int64_t customers = 0, orders = 0;
  experiment::Moments per_customer, per_order;  // dollars
  double mde_per_customer = 0, mde_per_order = 0;
  double days_per_customer = 0, days_per_order = 0;
};
std::vector<StorePower> store_power(Warehouse& wh, Date as_of, int test_days, double target_lift);

// Incremental revenue of a template's coupons against a matched baseline
// (campaigns_incremental.cc): per receipt by a customer who had already
// ordered (one per customer, template and New York day d), the spend on days
// d+1 … d+28 against customers on Mondays without a receipt of the template
// within 27 days, matched exactly on the week, prior 91-day orders, spend and
// recency buckets; the receipts-weighted difference of the stratum means, its
// variance Σ w² (var_T/n_T + var_C/n_C), a normal interval. Dollars per receipt.
inline constexpr int kIncrementalWindowDays = 28;
struct Incrementality {
  int64_t template_id = 0;
  int64_t receipts = 0;  // by existing customers, with a complete window
  int64_t matched = 0;   // of those, in a stratum with at least 2 baseline units
  double receivers_mean = 0, baseline_mean = 0;  // dollars per matched receipt
  double effect = 0, stddev = 0, ci_low = 0, ci_high = 0, p_value = 1;
  bool computable = false;
  bool significant(double alpha) const { return computable && p_value < alpha; }
};
// One result per template id, in the order given.
std::vector<Incrementality> incrementality(Warehouse& wh, Date as_of,
                                           const std::vector<int64_t>& template_ids, double alpha);

// Last-touch attribution (campaigns_attribution.cc): each paid LKUS order's
// pay_money goes to the template of the coupon it redeemed, else to that of
// the last coupon its customer received within `days` days before its
// create_time (ties: the highest template id), else to none. Templates with
// attributed orders, most revenue first; none when days is 0.
struct Attribution {
  int64_t template_id = 0;
  int64_t redeemed_orders = 0, received_orders = 0;
  Cents revenue;
};
std::vector<Attribution> attribution(Warehouse& wh, int days);

}  // namespace luckyhub::campaigns
