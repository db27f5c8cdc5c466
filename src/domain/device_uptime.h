// A machine's connectivity, one definition for every tool that reports it
// (the machine fleet, the store command center): t_device_event's online and
// offline events make offline spells, and uptime is the share of the time in
// service (from the install time) not inside a spell.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/calendar.h"

namespace luckyhub::device_uptime {

// t_device_event.event_type values.
enum EventType { kOnline = 1, kOffline = 2, kError = 3, kErrorCleared = 4, kMaintenanceStart = 5, kMaintenanceDone = 6 };

struct Event {
  int type = 0;
  Timestamp time;
};

// A spell offline: from an offline event to the next online event (an
// online event with no offline before it ends nothing).
struct Spell {
  Timestamp from;
  std::optional<Timestamp> to;  // none: still offline at the end of the events
  double hours(Timestamp until) const { return static_cast<double>((to ? *to : until) - from) / 3600.0; }
};
std::vector<Spell> offline_spells(const std::vector<Event>& events);

// Seconds offline and in service within [from, to): in service from the
// install time; a spell still open runs to `to`.
struct Uptime {
  int64_t service_s = 0, offline_s = 0;
  double share() const { return service_s ? 1.0 - static_cast<double>(offline_s) / static_cast<double>(service_s) : 1.0; }
};
Uptime uptime(Timestamp install_time, const std::vector<Event>& events, Timestamp from, Timestamp to);

}  // namespace luckyhub::device_uptime
