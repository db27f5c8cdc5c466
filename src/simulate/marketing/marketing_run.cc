// MarketingRun: the per-customer facts every marketing table derives from,
// and generate_marketing, which writes the tables in turn.
#include "simulate/marketing/marketing_run.h"

#include <algorithm>

#include "core/log.h"
#include "simulate/generators.h"

namespace luckyhub::sim {
namespace {

Level level(double value, double mid, double high) {
  return value >= high ? Level::kHigh : value >= mid ? Level::kMid : Level::kLow;
}

Segment classify(std::span<const PaidOrder> orders, int64_t registered, int64_t as_of) {
  constexpr int64_t kDay = 86400;
  Segment s;
  s.member_level = member_level_for(orders.size());
  if (orders.empty()) {
    const bool recent = as_of - registered < kSilentAfterDays * kDay;
    s.lifecycle = recent ? Lifecycle::kNew : Lifecycle::kSilent;
    s.lifecycle_since = recent ? registered : registered + kSilentAfterDays * kDay;
    return s;
  }
  int coupons = 0;
  int64_t streak_start = orders[0].time, recalled_at = -1;
  for (size_t i = 0; i < orders.size(); ++i) {
    s.spend_cents += orders[i].pay_cents;
    if (orders[i].flags & PaidOrder::kCoupon) ++coupons;
    if (i == 0) continue;
    const int64_t gap = int64_t{orders[i].time} - orders[i - 1].time;
    if (gap >= kSilentAfterDays * kDay) streak_start = orders[i].time;
    if (gap >= kChurnedAfterDays * kDay) recalled_at = orders[i].time;
  }
  const int64_t last = orders.back().time;
  const int64_t idle = as_of - last;
  if (idle >= kChurnedAfterDays * kDay) {
    s.lifecycle = Lifecycle::kChurned;
    s.lifecycle_since = last + kChurnedAfterDays * kDay;
  } else if (idle >= kSilentAfterDays * kDay) {
    s.lifecycle = Lifecycle::kSilent;
    s.lifecycle_since = last + kSilentAfterDays * kDay;
  } else if (recalled_at >= 0 && recalled_at == streak_start) {
    s.lifecycle = Lifecycle::kRecalled;
    s.lifecycle_since = recalled_at;
  } else if (as_of - registered < kSilentAfterDays * kDay) {
    s.lifecycle = Lifecycle::kNew;
    s.lifecycle_since = registered;
  } else {
    s.lifecycle = Lifecycle::kActive;
    s.lifecycle_since = std::max<int64_t>(streak_start, registered + kSilentAfterDays * kDay);
    s.lifecycle_since = std::min(s.lifecycle_since, as_of - 1);
  }
  const double weeks = std::max(1.0, static_cast<double>(as_of - orders[0].time) / (7.0 * kDay));
  s.orders_per_week = static_cast<double>(orders.size()) / weeks;
  s.frequency = level(s.orders_per_week, 0.25, 1.0);
  s.value = level(static_cast<double>(s.spend_cents), 2500, 10000);
  s.coupon_share = static_cast<double>(coupons) / static_cast<double>(orders.size());
  s.coupon = level(s.coupon_share, 0.2, 0.5);
  return s;
}

}  // namespace

int member_level_for(size_t paid_orders) {
  return paid_orders >= 80 ? 4 : paid_orders >= 30 ? 3 : paid_orders >= 10 ? 2 : 1;
}

MarketingRun::MarketingRun(SimContext& context, OrderLedger& orders)
    : ctx(context), ledger(orders), customers(context.world.sales.customers) {
  as_of = new_york_to_utc(ctx.config.as_of, 0, 0, 0).seconds;
  const size_t n = customers.size();
  user_no.reserve(n);
  registered.reserve(n);
  for (const Customer& c : customers) {
    user_no.push_back(std::to_string(c.user_no));
    registered.push_back(std::min(registration_time(c).seconds, as_of - 1));
  }
  // Tenants: the home store's.
  tenants.push_back("LKUS");
  const std::vector<Store>& stores = ctx.world.sales.stores;
  tenant_of.reserve(n);
  for (const Customer& c : customers) {
    const size_t store = static_cast<size_t>(c.home_store);
    const std::string& t = store < stores.size() ? stores[store].tenant : tenants[0];
    const auto it = std::find(tenants.begin(), tenants.end(), t);
    tenant_of.push_back(static_cast<uint8_t>(it - tenants.begin()));
    if (it == tenants.end()) tenants.push_back(t);
  }
  by_registration.resize(n);
  for (size_t i = 0; i < n; ++i) by_registration[i] = static_cast<int32_t>(i);
  std::stable_sort(by_registration.begin(), by_registration.end(),
                   [&](int32_t a, int32_t b) { return registered[a] < registered[b]; });
  if (n > 0) {
    first_day = registered[static_cast<size_t>(by_registration[0])] / 86400;
    size_t k = 0;
    for (int64_t day = first_day; day <= as_of / 86400 + 1; ++day) {
      while (k < n && registered[static_cast<size_t>(by_registration[k])] < day * 86400) ++k;
      registered_before_day.push_back(static_cast<uint32_t>(k));
    }
  } else {
    registered_before_day.push_back(0);
  }
  // About 8% of customers came through a friend's invitation.
  Rng rng = ctx.rng("marketing/referrals");
  inviter.assign(n, -1);
  for (size_t rank = 1; rank < n; ++rank) {
    if (!rng.chance(0.08)) continue;
    const int32_t c = by_registration[rank];
    const int32_t friend_ = by_registration[static_cast<size_t>(rng.range(0, static_cast<int64_t>(rank) - 1))];
    if (tenant(friend_) == tenant(c)) inviter[c] = friend_;
  }
  segments.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    segments.push_back(classify(ledger.orders_of(static_cast<int>(i)), registered[i], as_of));
  }
}

size_t MarketingRun::registered_by(int64_t seconds) const {
  const auto it = std::upper_bound(by_registration.begin(), by_registration.end(), seconds,
                                   [&](int64_t t, int32_t c) { return t < registered[c]; });
  return static_cast<size_t>(it - by_registration.begin());
}

int64_t MarketingRun::shop_id(int store) const {
  const std::vector<Store>& stores = ctx.world.sales.stores;
  return store >= 0 && static_cast<size_t>(store) < stores.size() ? stores[static_cast<size_t>(store)].shop_id : 0;
}

void generate_marketing(SimContext& ctx) {
  std::shared_ptr<OrderLedger> ledger = ctx.world.marketing.ledger;
  if (!ledger) {  // no observer ran: no orders were seen
    ledger = std::make_shared<OrderLedger>(ctx.world.sales.customers.size());
    ledger->finish();
  }
  MarketingRun run(ctx, *ledger);
  log::info("marketing: ", run.customers.size(), " customers, ", ledger->paid_orders(),
            " paid orders, ", ledger->redemptions().size(), " coupon redemptions");
  write_crm(run);
  write_cdp(run);
  record_churned_regulars(run);
  write_labels(run);
  write_coupons(run);
  write_experiments(run);
  ctx.world.marketing.ledger.reset();
}

}  // namespace luckyhub::sim
