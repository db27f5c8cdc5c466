// The cannibalisation of nearby stores by an opening: a nearby store's paid
// orders as a share of the reference stores' in the weeks before and after
// the opening. The reference (the stores neither opening nor nearby, trading
// for cannibal_weeks before the before-window) carries the season and the
// weekday mix, so the change is against the store's own course.
#include <cmath>

#include "core/geo.h"
#include "tools/stores/stores.h"

namespace luckyhub::stores {
namespace {

int64_t orders_between(const StoreData& data, int64_t shop_id, Date from, Date to) {
  const auto s = data.days.find(shop_id);
  if (s == data.days.end()) return 0;
  int64_t n = 0;
  for (auto it = s->second.lower_bound(from); it != s->second.end() && it->first < to; ++it) n += it->second.orders;
  return n;
}

}  // namespace

double distance_km(const Store& a, const Store& b) {
  return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude);
}

std::vector<Cannibalisation> cannibalisation(const StoreData& data, const Scope& scope) {
  std::vector<Cannibalisation> out;
  const int span = 7 * scope.cannibal_weeks;
  for (const Store& o : data.stores) {
    const Date before = o.opened - span, after = o.opened + span;
    if (after > scope.as_of) continue;
    int64_t ref_before = 0, ref_after = 0;
    for (const Store& t : data.stores) {
      if (t.id == o.id || distance_km(t, o) <= scope.radius_km || t.opened > before - span) continue;
      ref_before += orders_between(data, t.id, before, o.opened);
      ref_after += orders_between(data, t.id, o.opened, after);
    }
    if (ref_before <= 0 || ref_after <= 0) continue;
    for (const Store& s : data.stores) {
      const double km = distance_km(s, o);
      if (s.id == o.id || km > scope.radius_km || s.opened > before) continue;
      Cannibalisation c{.opened = &o, .nearby = &s, .km = km,
                        .before = orders_between(data, s.id, before, o.opened),
                        .after = orders_between(data, s.id, o.opened, after),
                        .ref_before = ref_before, .ref_after = ref_after};
      if (c.before <= 0) continue;
      const double share_before = static_cast<double>(c.before) / static_cast<double>(ref_before);
      const double share_after = static_cast<double>(c.after) / static_cast<double>(ref_after);
      c.change = share_after / share_before - 1.0;
      c.lost_orders = share_before * static_cast<double>(ref_after) - static_cast<double>(c.after);
      c.cannibalised = c.change <= -scope.min_drop;
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace luckyhub::stores
