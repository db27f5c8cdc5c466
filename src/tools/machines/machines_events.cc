// Machine events against production (machines_events.h): the reads, the
// event study around faults and maintenance, and its three panels.
#include "tools/machines/machines_events.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "domain/production_time.h"

namespace luckyhub::machines {
namespace {

using production_time::kOutlierSeconds;

constexpr int64_t kHour = 3600;
constexpr int64_t kMaxSpan = 24 * kHour;

std::string ticket_seconds(const Dialect& d) { return d.seconds_between("accept_time", "done_time"); }

std::string finished_tickets(const Dialect& d, const Scope& s) {
  return " FROM opproduction__t_production WHERE tenant = 'LKUS' AND status IN (30, 40) AND done_time IS NOT NULL AND " +
         s.window.range(d, "accept_time");
}

// Tickets (not over 30 minutes) per store and UTC hour.
Query hours_query(const Dialect& d, const Scope& s) {
  return {"SELECT shop_id, " + d.utc_hour("accept_time") + " AS utc_hour, COUNT(*) AS tickets, SUM(" + ticket_seconds(d) +
              ") AS seconds" + finished_tickets(d, s) + " AND " + ticket_seconds(d) + " <= " +
              std::to_string(kOutlierSeconds) + " GROUP BY shop_id, utc_hour ORDER BY shop_id, utc_hour",
          {s.window.utc_from(), s.window.utc_to()}};
}

// Tickets over 30 minutes, each.
Query long_query(const Dialect& d, const Scope& s) {
  return {"SELECT shop_id, accept_time, " + ticket_seconds(d) + " AS seconds" + finished_tickets(d, s) + " AND " +
              ticket_seconds(d) + " > " + std::to_string(kOutlierSeconds) + " ORDER BY shop_id, accept_time, seconds",
          {s.window.utc_from(), s.window.utc_to()}};
}

Query events_query(const Dialect& d, const Scope& s) {
  return {"SELECT device_no, shop_id, event_type, error_code, event_time FROM iot_platform__t_device_event"
          " WHERE tenant = 'LKUS' AND event_type IN (3, 4, 5, 6) AND " + s.window.range(d, "event_time") +
              " ORDER BY device_no, event_time, id",
          {s.window.utc_from(), s.window.utc_to()}};
}

Timestamp hour_of(Timestamp t) { return Timestamp{t.seconds - ((t.seconds % kHour) + kHour) % kHour}; }

struct HourSums {
  int64_t tickets = 0, seconds = 0;
};

// The store-hours and, per store, New York weekday and hour, their sums and
// the days traded.
struct Hours {
  std::map<std::pair<int64_t, int64_t>, HourSums> cells;         // (shop, UTC hour start) -> tickets
  std::map<std::tuple<int64_t, int, int>, HourSums> by_slot;      // (shop, weekday, NY hour) -> Σ
  std::map<std::pair<int64_t, int>, int64_t> days;            // (shop, weekday) -> days with a ticket
};

Hours read_hours(const ResultSet& r) {
  Hours h;
  std::map<int64_t, std::vector<Date>> traded;
  for (const Row row : r) {
    const Timestamp t = Timestamp::parse(row.text("utc_hour").substr(0, 13) + ":00:00");
    const int64_t shop = row.integer("shop_id");
    const HourSums c{row.integer("tickets"), row.integer("seconds")};
    h.cells[{shop, t.seconds}] = c;
    const Date day = new_york_date(t);
    HourSums& slot = h.by_slot[{shop, day.weekday(), new_york_hour(t)}];
    slot.tickets += c.tickets, slot.seconds += c.seconds;
    traded[shop].push_back(day);
  }
  for (auto& [shop, days] : traded) {
    std::sort(days.begin(), days.end());
    days.erase(std::unique(days.begin(), days.end()), days.end());
    for (const Date d : days) ++h.days[{shop, d.weekday()}];
  }
  return h;
}

std::vector<MachineEvent> read_events(const ResultSet& r) {
  std::vector<MachineEvent> out;
  std::vector<std::tuple<std::string, int, Timestamp>> ends;  // device, type, time
  for (const Row row : r) {
    const int type = static_cast<int>(row.integer("event_type"));
    const Timestamp t = Timestamp::parse(row.text("event_time"));
    if (type == 3 || type == 5) {
      out.push_back({.device_no = row.text("device_no"), .error_code = row.text("error_code"),
                     .shop_id = row.integer("shop_id"), .type = type, .from = t, .to = t + kHour});
    } else {
      ends.emplace_back(row.text("device_no"), type, t);
    }
  }
  for (MachineEvent& e : out) {  // the device's next clearance of the same kind, within a day
    for (const auto& [device, type, t] : ends) {
      if (device != e.device_no || type != e.type + 1 || t < e.from || t - e.from > kMaxSpan) continue;
      e.to = t;
      break;
    }
  }
  return out;
}

EventStudy study(const std::vector<MachineEvent>& events, int type, const Hours& h) {
  EventStudy s{.type = type};
  const int width = 2 * kEventHours + 1;
  std::vector<double> tickets_sum(width, 0), time_sum(width, 0);
  std::vector<int64_t> tickets_n(width, 0), time_n(width, 0);
  for (const MachineEvent& e : events) {
    if (e.type != type) continue;
    ++s.events;
    for (int k = -kEventHours; k <= kEventHours; ++k) {
      const Timestamp t = hour_of(e.from) + k * kHour;
      const Date day = new_york_date(t);
      const auto slot = h.by_slot.find({e.shop_id, day.weekday(), new_york_hour(t)});
      const auto days = h.days.find({e.shop_id, day.weekday()});
      if (slot == h.by_slot.end() || days == h.days.end()) continue;
      const auto it = h.cells.find({e.shop_id, t.seconds});
      const HourSums here = it == h.cells.end() ? HourSums{} : it->second;
      // The normal leaves out the hour itself (and its day, when it traded).
      const int64_t other_days = days->second - (here.tickets > 0 ? 1 : 0);
      const int64_t other_tickets = slot->second.tickets - here.tickets, other_seconds = slot->second.seconds - here.seconds;
      if (other_days <= 0 || other_tickets <= 0) continue;
      const double normal = static_cast<double>(other_tickets) / static_cast<double>(other_days);
      tickets_sum[k + kEventHours] += static_cast<double>(here.tickets) / normal;
      ++tickets_n[k + kEventHours];
      if (here.tickets > 0) {
        const double normal_s = static_cast<double>(other_seconds) / static_cast<double>(other_tickets);
        time_sum[k + kEventHours] += static_cast<double>(here.seconds) / static_cast<double>(here.tickets) / normal_s;
        ++time_n[k + kEventHours];
      }
    }
  }
  for (int i = 0; i < width; ++i) {
    s.tickets_ratio.push_back(tickets_n[i] ? std::optional<double>(tickets_sum[i] / static_cast<double>(tickets_n[i])) : std::nullopt);
    s.time_ratio.push_back(time_n[i] ? std::optional<double>(time_sum[i] / static_cast<double>(time_n[i])) : std::nullopt);
  }
  return s;
}

const char* type_name(int type) { return type == 3 ? "error" : "maintenance"; }

luckyhub::Cell ratio_cell(std::optional<double> v) {
  return v ? luckyhub::Cell{std::round(*v * 1000) / 1000} : luckyhub::Cell{};
}

}  // namespace

EventImpact event_impact(Warehouse& wh, const Scope& scope) {
  EventImpact out;
  if (!wh.has_table("opproduction__t_production") || !wh.has_table("iot_platform__t_device_event")) return out;
  const Dialect& d = wh.dialect();
  const std::vector<ResultSet> r =
      wh.query_all({hours_query(d, scope), long_query(d, scope), events_query(d, scope)});
  const Hours hours = read_hours(r[0]);
  out.events = read_events(r[2]);
  std::map<int64_t, std::vector<std::pair<Timestamp, int64_t>>> long_tickets;  // shop -> (accept, seconds)
  for (const Row row : r[1])
    long_tickets[row.integer("shop_id")].emplace_back(Timestamp::parse(row.text("accept_time")), row.integer("seconds"));
  for (MachineEvent& e : out.events) {
    const auto it = long_tickets.find(e.shop_id);
    if (it == long_tickets.end()) continue;
    for (const auto& [accept, seconds] : it->second) {
      if (accept < e.from || e.to < accept) continue;
      ++e.long_tickets;
      e.longest_s = std::max(e.longest_s, seconds);
    }
  }
  out.studies = {study(out.events, 3, hours), study(out.events, 5, hours)};
  return out;
}

Panel event_study_panel(const EventImpact& impact) {
  Panel p{.id = "event_study", .title = "Tickets around machine events, against the store's normal",
          .kind = PanelKind::kTimeseries};
  p.description = "Hours from the New York hour of each error and maintenance start: the store's tickets and their "
                  "mean time (tickets over 30 minutes apart) over its normal for that weekday and hour, averaged over "
                  "the events; 1 = a usual hour.";
  p.series.x_label = "hours from the event";
  for (int k = -kEventHours; k <= kEventHours; ++k) p.series.x.push_back((k > 0 ? "+" : "") + std::to_string(k));
  for (const EventStudy& s : impact.studies) {
    Series tickets{.id = std::string(type_name(s.type)) + "_tickets",
                   .label = std::string("Tickets vs normal, ") + type_name(s.type) + "s", .type = ValueType::kNumber,
                   .unit = "x"};
    Series time{.id = std::string(type_name(s.type)) + "_time", .label = std::string("Ticket time vs normal, ") + type_name(s.type) + "s",
                .type = ValueType::kNumber, .unit = "x"};
    for (size_t i = 0; i < s.tickets_ratio.size(); ++i) {
      tickets.values.push_back(ratio_cell(s.tickets_ratio[i]));
      time.values.push_back(ratio_cell(s.time_ratio[i]));
    }
    p.series.series.push_back(tickets);
    p.series.series.push_back(time);
  }
  return p;
}

Panel event_impact_panel(const EventImpact& impact) {
  Panel p{.id = "event_impact", .title = "Machine events and production", .kind = PanelKind::kTable};
  p.description = "In the event's own hour: the store's tickets and their mean time over its normal (mean of the "
                  "events). Hit production: at least " + std::to_string(kHitTickets) +
                  " of the store's tickets accepted while the event lasted took over 30 minutes.";
  p.table.columns = {{"type", "Event", ValueType::kText},
                     {"events", "Events", ValueType::kInt},
                     {"tickets_ratio", "Tickets vs normal", ValueType::kNumber, "", "x"},
                     {"time_ratio", "Ticket time vs normal", ValueType::kNumber, "", "x"},
                     {"hits", "Hit production", ValueType::kInt}};
  for (const EventStudy& s : impact.studies) {
    int64_t hits = 0;
    for (const MachineEvent& e : impact.events) hits += e.type == s.type && e.hit();
    p.table.rows.push_back({std::string(type_name(s.type)), s.events, ratio_cell(s.tickets_ratio[kEventHours]),
                            ratio_cell(s.time_ratio[kEventHours]), hits});
  }
  return p;
}

Panel event_hits_panel(const EventImpact& impact) {
  Panel p{.id = "event_hits", .title = "Events that hit production", .kind = PanelKind::kTable};
  p.description = "Errors and maintenance during which at least " + std::to_string(kHitTickets) +
                  " of the store's tickets took over 30 minutes.";
  p.table.columns = {{"device_no", "Machine", ValueType::kText},
                     {"shop_id", "Store", ValueType::kInt},
                     {"type", "Event", ValueType::kText},
                     {"error_code", "Code", ValueType::kText},
                     {"from", "From (UTC)", ValueType::kText},
                     {"to", "To (UTC)", ValueType::kText},
                     {"long_tickets", "Tickets over 30 min", ValueType::kInt},
                     {"longest_min", "Longest", ValueType::kNumber, "", "min"}};
  for (const MachineEvent& e : impact.events) {
    if (!e.hit()) continue;
    p.table.rows.push_back({e.device_no, e.shop_id, std::string(type_name(e.type)), e.error_code, e.from.str(), e.to.str(),
                            e.long_tickets, std::round(static_cast<double>(e.longest_s) / 6.0) / 10});
  }
  return p;
}

}  // namespace luckyhub::machines
