// Offline spells and uptime from connectivity events (device_uptime.h).
#include "domain/device_uptime.h"

#include <algorithm>

namespace luckyhub::device_uptime {

std::vector<Spell> offline_spells(const std::vector<Event>& events) {
  std::vector<Spell> spells;
  bool offline = false;
  for (const Event& e : events) {
    if (e.type == kOffline && !offline) {
      spells.push_back({e.time, std::nullopt});
      offline = true;
    } else if (e.type == kOnline && offline) {
      spells.back().to = e.time;
      offline = false;
    }
  }
  return spells;
}

Uptime uptime(Timestamp install_time, const std::vector<Event>& events, Timestamp from, Timestamp to) {
  const Timestamp start = std::max(from, install_time);
  Uptime u;
  if (to <= start) return u;
  u.service_s = to - start;
  for (const Spell& s : offline_spells(events)) {
    const Timestamp a = std::max(s.from, start), b = std::min(s.to.value_or(to), to);
    if (b > a) u.offline_s += b - a;
  }
  return u;
}

}  // namespace luckyhub::device_uptime
