// The marketing section of the simulated world: coupon templates, campaigns
// and A/B experiments, plus the ledger of what the marketing observer saw of
// the orders. Owned by simulate/marketing/.
//
// The sales family builds coupon_templates (its fields up to `weight`);
// build_marketing_world fills the marketing fields after it and builds the
// campaigns and experiments.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/calendar.h"

namespace luckyhub::sim {

struct CouponTemplate {
  int64_t template_id = 0;
  std::string name;
  int coupon_type = 1;          // as documented in the schema
  int64_t discount_cents = 0;   // fixed discount, or 0
  int discount_percent = 0;     // percent off, or 0
  int64_t threshold_cents = 0;  // minimum spend
  Date valid_from, valid_to;
  double weight = 1.0;          // how often orders use it

  // Filled by build_marketing_world.
  int valid_days = 14;          // a received coupon's validity
  int activity = -1;            // index into MarketingWorld::activities
  int status = 1;               // 1 active, 2 paused, 3 ended
  double issue_weight = 1.0;    // share of mass issuance (expired and active coupons)
};

struct MarketingActivity {
  int64_t activity_id = 0;
  std::string name;
  int activity_type = 3;  // schema codes: 1 new user gift ... 7 holiday promotion
  int store = -1;         // index into SalesWorld::stores, -1 for all stores
  int64_t budget_cents = 0;
  Date start, end;        // [start, end)
  int status = 3;
};

struct ExperimentGroup {
  int group_id = 0;
  std::string name;
  bool control = false;
  double traffic = 0.5;
  double lift = 0;  // planted relative change of the conversion rate against control
};

// An A/B test. The metric is "a paid order within 7 days after the user's
// first exposure"; each treatment group's lift is the planted relative change
// of that rate against control (0 in experiments without effect).
struct Experiment {
  int64_t experiment_id = 0;
  std::string name;
  std::string scene;
  Date start, end;          // end > as-of while running
  int status = 3;
  double reach = 0.5;       // share of eligible users exposed
  // A planted sample ratio mismatch: this share of the last group's users is
  // never logged (as by a broken assignment), converted or not alike, so the
  // group's conversion rate stays the control's while its share of users falls.
  double lost_share = 0;
  std::vector<ExperimentGroup> groups;  // control first
};

class OrderLedger;  // simulate/marketing/order_ledger.h

struct MarketingWorld {
  std::vector<CouponTemplate> coupon_templates;
  std::vector<MarketingActivity> activities;
  std::vector<Experiment> experiments;
  // What the marketing observer saw of the orders; read by generate_marketing.
  std::shared_ptr<OrderLedger> ledger;
};

}  // namespace luckyhub::sim
