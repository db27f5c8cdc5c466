// The IoT machine fleet manager (Tool 14, Operations): every Schaerer machine
// of every store with its state now (online, degraded, offline), its uptime
// and outages from its connectivity events, its production velocity against
// its own baseline, its maintenance and its formulas.
//
// machines_read.cc reads the warehouse into the plain structs below;
// machines_analysis.cc holds the pure rules (offline spells, uptime, the
// velocity check, maintenance due); machines_alerts.cc the alert conditions;
// machines_report.cc, machines_panels.cc and machines_device.cc the report.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "alerts/rules.h"
#include "core/calendar.h"
#include "core/money.h"
#include "domain/device_uptime.h"
#include "tools/window.h"
#include "warehouse/warehouse.h"

namespace luckyhub::machines {

// t_device_event.event_type values, events, offline spells and uptime: the
// shared definition (domain/device_uptime.h).
using device_uptime::Event;
using device_uptime::EventType;
using device_uptime::kError;
using device_uptime::kErrorCleared;
using device_uptime::kMaintenanceDone;
using device_uptime::kMaintenanceStart;
using device_uptime::kOffline;
using device_uptime::kOnline;
using device_uptime::offline_spells;
using device_uptime::Spell;
using device_uptime::Uptime;

struct Scope {
  Window window;              // uptime, outages, cups, errors, formulas
  Timestamp as_of;            // New York midnight starting the as-of day, UTC
  int recent_weeks = 4;       // the velocity check's recent weeks, ending at window.to
  int baseline_weeks = 12;    // the weeks before them
  double degraded_drop = 0.2; // a velocity this much below baseline is degraded
  int64_t min_cups = 5;       // brews each period needs for the check
  double outage_hours = 2;    // an offline spell this long is an outage
  int64_t maintenance_days = 45;  // maintenance due this many days after the last
  int64_t device_id = 0;      // the drill-down, 0 none

  Timestamp window_from() const { return new_york_to_utc(window.from, 0, 0, 0); }
  Timestamp window_to() const { return new_york_to_utc(window.to, 0, 0, 0); }
  Timestamp recent_from() const { return new_york_to_utc(window.to - 7 * recent_weeks, 0, 0, 0); }
  Timestamp baseline_from() const {
    return new_york_to_utc(window.to - 7 * (recent_weeks + baseline_weeks), 0, 0, 0);
  }
};

// The report's parameters, and the scope they give (machines_report.cc).
std::vector<ParamSpec> machine_params();
Scope scope_of(Warehouse& wh, const Params& params);

// Successful brews by their brew time in whole seconds: a histogram, so that
// a median is exact without reading every brew.
using BrewHistogram = std::map<int64_t, int64_t>;  // seconds -> brews

struct Device {
  int64_t id = 0, shop_id = 0;
  std::string device_no, name, machine_type;
  bool brewer = false;  // makes drinks (has brews)
  bool online = true;   // t_device.online_status
  int status = 1;       // t_device.status: 1 in service, 2 maintenance, 3 faulty, 4 retired
  Timestamp install_time, last_online;
  std::vector<Event> events;  // types 1, 2, 6, by time
  int64_t cups = 0;           // successful brews in the window
  int64_t errors = 0;         // error events (type 3) in the window
  int64_t cups_since_maintenance = 0;
  BrewHistogram recent, baseline;  // the velocity check's periods
};

struct FormulaUse {
  int64_t formula_id = 0;
  int64_t cups = 0;
};

struct Formula {
  std::string name, machine_type;
  bool active = false;
};

struct FleetData {
  std::vector<Device> devices;  // by store, then id
  std::map<int64_t, std::string> store_names;  // shop id -> shop no
  std::map<int64_t, Formula> formulas;         // by id
  std::map<std::string, std::vector<FormulaUse>> formula_use;  // device_no -> formulas in the window
  Cents revenue;             // paid orders in the recent weeks, USD
  int64_t recent_cups = 0;   // successful brews of every device in the recent weeks
};

FleetData read_fleet(Warehouse& wh, const Scope& scope);

// The velocity check's brews: device_no, recent (1 or 0), seconds, brews.
// add_brew_times adds one row to its device; returns the row's recent brews.
Query brew_times_query(Warehouse& wh, const Scope& scope);
int64_t add_brew_times(const Row& row, Device& d);

// ---- Analysis (machines_analysis.cc), pure ----

// The device's uptime within [from, to) (device_uptime::uptime).
Uptime uptime(const Device& d, Timestamp from, Timestamp to);

// The median of a histogram's seconds; nullopt when it is empty.
std::optional<double> median_seconds(const BrewHistogram& h);
int64_t brews(const BrewHistogram& h);

// The velocity check of one brewer: cups per brewing hour (3600 / the median
// brew time) in the recent weeks against the weeks before.
struct Velocity {
  int64_t recent_cups = 0, baseline_cups = 0;
  std::optional<double> recent, baseline;  // cups per brewing hour
  std::optional<double> change;            // recent / baseline - 1
  bool judged = false;                     // both periods have min_cups
  bool degraded = false;                   // judged and change < -degraded_drop
  double lost_cups = 0;  // cups the recent brewing time would have made at the baseline velocity, minus those made
};
Velocity velocity(const Device& d, const Scope& scope);

enum class State { kOnline, kDegraded, kOffline };
const char* state_name(State s);
int state_level(State s);  // 0 green, 1 yellow, 2 red: the map's traffic lights
State state_of(const Device& d, const Velocity& v);

// Maintenance: the last maintenance-done event at or before as-of, and when
// the next is due.
struct Maintenance {
  std::optional<Timestamp> last;
  double days_since = 0;  // since the last, or since install when none
  Date due;               // New York date: the last (or install) + interval
  int64_t days_overdue = 0;  // as-of day - due, negative when not yet due
};
Maintenance maintenance(const Device& d, const Scope& scope);

// Everything the report says of one device.
struct Assessed {
  const Device* device = nullptr;
  Velocity velocity;
  State state = State::kOnline;
  Uptime uptime;                // over the window
  std::vector<Spell> outages;   // spells of outage_hours or more overlapping the window
  Maintenance maintenance;
};
std::vector<Assessed> assess(const FleetData& data, const Scope& scope);

// Revenue per cup brewed in the recent weeks (paid orders / cups), for the
// lost revenue of a slow machine; 0 without cups.
double revenue_per_cup_cents(const FleetData& data);

// ---- Alerts (machines_alerts.cc) ----

// The alert conditions of the fleet now: "MachineOffline" for every device
// offline (value: hours since its last heartbeat, threshold 0) and
// "MachineDegraded" for every degraded brewer (value: velocity drop, as a
// fraction; threshold: degraded_drop). instance = the store's shop id, object
// = the device number. In device order.
std::vector<alerts::Signal> machine_signals(const FleetData& data, const Scope& scope);

}  // namespace luckyhub::machines
