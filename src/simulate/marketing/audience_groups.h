// The realtime audience groups of the CDP (t_realtime_user_group_log) and
// their membership rules. Their ids are also t_user_group_label.label_id:
// a customer still in a group at the as-of time carries it as a label.
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>

#include "simulate/marketing/order_ledger.h"

namespace luckyhub::sim {

enum AudienceGroup : int {
  kGroupNewUser = 1001,      // registered, no order yet (leaves on first order or after 30 days)
  kGroupActive7d = 1002,     // ordered in the last 7 days
  kGroupLapsed14d = 1003,    // no order for 14+ days (leaves on the next order)
  kGroupLapsed30d = 1004,    // no order for 30+ days
  kGroupChurnRisk = 1005,    // habitual customer (4+ orders) idle 3x their usual gap, at least 10 days
  kGroupBrowsing = 1006,     // opened the app without ordering (enters on app_open, leaves next batch)
};

const char* audience_group_name(int group);

// One membership change: group, 1 in / 2 out, trigger event, UTC seconds.
struct GroupChange {
  int group;
  int action;
  const char* trigger;
  int64_t time;
};

// Calls emit(GroupChange) for every change caused by registration and paid
// orders before as_of, in time order per group. Returns the groups the
// customer is in at as_of as a bit mask (bit g - 1001).
template <typename Emit>
unsigned order_group_changes(std::span<const PaidOrder> orders, int64_t registered, int64_t as_of,
                             Emit emit) {
  constexpr int64_t kDay = 86400;
  unsigned in = 0;
  auto enter = [&](int g, const char* trigger, int64_t t) {
    if (t >= as_of || (in >> (g - 1001) & 1)) return;
    in |= 1u << (g - 1001);
    emit(GroupChange{g, 1, trigger, t});
  };
  auto leave = [&](int g, const char* trigger, int64_t t) {
    if (t >= as_of || !(in >> (g - 1001) & 1)) return;
    in &= ~(1u << (g - 1001));
    emit(GroupChange{g, 2, trigger, t});
  };
  enter(kGroupNewUser, "app_open", registered);
  if (orders.empty()) leave(kGroupNewUser, "daily_batch", registered + 30 * kDay);
  int64_t gap_sum = 0;
  for (size_t i = 0; i < orders.size(); ++i) {
    const int64_t t = orders[i].time;
    if (i == 0) {
      if (t - registered >= 30 * kDay) leave(kGroupNewUser, "daily_batch", registered + 30 * kDay);
      leave(kGroupNewUser, "order_paid", t);
    }
    leave(kGroupLapsed14d, "order_paid", t);
    leave(kGroupLapsed30d, "order_paid", t);
    leave(kGroupChurnRisk, "order_paid", t);
    enter(kGroupActive7d, "order_paid", t);
    if (i > 0) gap_sum += t - orders[i - 1].time;
    const int64_t next = i + 1 < orders.size() ? int64_t{orders[i + 1].time} : as_of;
    // The idle stretch after this order, checked by the daily batch.
    if (next - t > 7 * kDay) leave(kGroupActive7d, "daily_batch", t + 7 * kDay);
    if (next - t > 14 * kDay) enter(kGroupLapsed14d, "daily_batch", t + 14 * kDay);
    if (next - t > 30 * kDay) enter(kGroupLapsed30d, "daily_batch", t + 30 * kDay);
    if (i >= 3) {
      const int64_t usual = gap_sum / static_cast<int64_t>(i);
      const int64_t risk = std::max<int64_t>(10 * kDay, 3 * usual);
      if (next - t > risk) enter(kGroupChurnRisk, "daily_batch", t + risk);
    }
  }
  return in;
}

}  // namespace luckyhub::sim
