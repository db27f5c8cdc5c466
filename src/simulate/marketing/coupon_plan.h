// How many coupons each template issued beyond the ones orders redeemed:
// expired unused (t_coupon_record_expired), still active and revoked
// (t_coupon_record), apportioned over templates by their issuing windows and
// issue weights so that the tables hit their calibrated sizes.
#pragma once

#include <cstdint>
#include <vector>

#include "simulate/marketing/marketing_run.h"

namespace luckyhub::sim {

struct IssueWindow {
  int64_t from = 0, to = 0;  // receive times in [from, to), UTC seconds
  bool empty() const { return to <= from; }
};

struct IssuePlan {
  std::vector<IssueWindow> expired_window, active_window;
  std::vector<int64_t> expired, active, revoked;  // per template
  std::vector<bool> partake;                      // template's campaign records participation
};

IssuePlan plan_issuance(const MarketingRun& run);
void write_issued_coupons(MarketingRun& run, const IssuePlan& plan);
void write_templates_and_activities(MarketingRun& run, const IssuePlan& plan);

}  // namespace luckyhub::sim
