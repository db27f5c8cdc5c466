// What the marketing table writers share once the orders are in: customers'
// user_no text, registration instants, referrals, and the behavioural
// segment each customer is in at the as-of time (derived from the paid
// orders the ledger saw, so that CDP states, labels and CRM agree with the
// order tables).
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "simulate/context.h"
#include "simulate/marketing/order_ledger.h"

namespace luckyhub::sim {

enum class Lifecycle : uint8_t { kNew, kActive, kSilent, kChurned, kRecalled };
enum class Level : uint8_t { kLow, kMid, kHigh };

// Lifecycle thresholds (days since the last paid order).
constexpr int kSilentAfterDays = 30;
constexpr int kChurnedAfterDays = 60;

struct Segment {
  Lifecycle lifecycle = Lifecycle::kNew;
  int64_t lifecycle_since = 0;  // UTC seconds the lifecycle state took effect
  Level frequency = Level::kLow;
  double orders_per_week = 0;
  Level value = Level::kLow;
  int64_t spend_cents = 0;
  Level coupon = Level::kLow;
  double coupon_share = 0;
  int member_level = 1;        // t_user.member_level
};

struct MarketingRun {
  MarketingRun(SimContext& ctx, OrderLedger& ledger);

  SimContext& ctx;
  OrderLedger& ledger;
  const std::vector<Customer>& customers;
  int64_t as_of = 0;                    // UTC seconds: midnight New York of the as-of day
  std::vector<std::string> user_no;     // per customer
  std::vector<int64_t> registered;      // per customer, UTC seconds
  std::vector<int32_t> inviter;         // per customer, -1 if none
  std::vector<int32_t> by_registration; // customer indexes by registration time
  std::vector<Segment> segments;        // per customer, at as-of
  std::vector<uint8_t> tenant_of;       // per customer, index into tenants
  std::vector<std::string> tenants;
  int64_t first_day = 0;                // UTC day number of the first registration
  std::vector<uint32_t> registered_before_day;  // customers registered before day first_day + i

  const std::string& tenant(int customer) const {
    return tenants[tenant_of[static_cast<size_t>(customer)]];
  }
  // The number of customers registered at or before an instant.
  size_t registered_by(int64_t seconds) const;
  // The number of customers registered before the UTC day of an instant
  // (a lower bound of registered_by, in O(1)).
  size_t registered_before_day_of(int64_t seconds) const {
    const int64_t i = seconds / 86400 - first_day;
    if (i < 0) return 0;
    return registered_before_day[std::min<size_t>(static_cast<size_t>(i), registered_before_day.size() - 1)];
  }
  int64_t shop_id(int store) const;
};

// Member level from paid orders: 1 regular, 2 silver (10+), 3 gold (30+), 4 diamond (80+).
int member_level_for(size_t paid_orders);

void write_crm(MarketingRun& run);
void write_cdp(MarketingRun& run);
void write_labels(MarketingRun& run);
void write_coupons(MarketingRun& run);
void write_experiments(MarketingRun& run);
void record_churned_regulars(MarketingRun& run);

}  // namespace luckyhub::sim
