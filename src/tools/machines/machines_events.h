// Machine events against production (Tool 14): what the stores' tickets
// (opproduction.t_production) did around the machines' faults and
// maintenance (iot_platform.t_device_event).
//
//  - An event is an error (type 3) or a maintenance start (type 5) in the
//    window; it lasts until the device's next error cleared (4) or
//    maintenance done (6) within a day, else one hour.
//  - Around an event: for each hour k from -3 to +3 of the New York hour
//    holding it, the store's finished tickets (not over 30 minutes) in that
//    hour against the store's normal for that weekday and hour — the mean
//    over the window's other days of that weekday on which the store made a
//    ticket — and their mean time against the normal mean time. Each ratio
//    is averaged over the events with a normal (and, for time, a ticket).
//  - An event hits production when at least kHitTickets of the store's
//    tickets accepted while it lasts took over 30 minutes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "report/report.h"
#include "tools/machines/machines.h"

namespace luckyhub::machines {

inline constexpr int kEventHours = 3;  // the hours shown either side of an event
inline constexpr int64_t kHitTickets = 2;

struct MachineEvent {
  std::string device_no, error_code;
  int64_t shop_id = 0;
  int type = 0;  // 3 error, 5 maintenance start
  Timestamp from, to;
  int64_t long_tickets = 0;  // over 30 minutes, accepted in [from, to]
  int64_t longest_s = 0;
  bool hit() const { return long_tickets >= kHitTickets; }
};

// The mean ratios of one event type at each hour offset, -kEventHours..+kEventHours.
struct EventStudy {
  int type = 0;
  int64_t events = 0;
  std::vector<std::optional<double>> tickets_ratio, time_ratio;
};

struct EventImpact {
  std::vector<MachineEvent> events;  // by device, time
  std::vector<EventStudy> studies;   // errors, then maintenance
};

EventImpact event_impact(Warehouse& wh, const Scope& scope);

Panel event_study_panel(const EventImpact& impact);
Panel event_impact_panel(const EventImpact& impact);
Panel event_hits_panel(const EventImpact& impact);

}  // namespace luckyhub::machines
