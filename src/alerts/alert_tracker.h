// The alert state machine: each (rule, instance, object) whose condition
// holds goes pending, and firing once it has held for the rule's `for`
// duration; a pending alert whose condition clears is dropped (one blip pages
// no one), a firing one becomes resolved. A resolved alert that comes back
// starts pending again.
//
//   inactive --active--> pending --held for `for`--> firing --clear--> resolved
//                           |--clear--> (dropped)            resolved --active--> pending
//
// update() returns the transitions, which the collector logs, appends to the
// timeline and delivers to webhooks. Pure and single-threaded.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "alerts/rules.h"

namespace luckyhub::alerts {

enum class AlertState { kInactive, kPending, kFiring, kResolved };
const char* state_name(AlertState state);
AlertState parse_state(const std::string& name);  // throws Error on an unknown name

struct AlertKey {
  std::string rule, instance, object;
  auto operator<=>(const AlertKey&) const = default;
};

struct AlertRecord {
  AlertKey key;
  AlertState state = AlertState::kInactive;
  std::string severity;
  int64_t active_since = 0;  // when the condition started to hold
  int64_t changed = 0;       // the last transition
  double value = 0, threshold = 0;
  std::string summary;
  // Pending: the seconds the condition has been seen to hold, counted up to
  // the update at `held_at` (unix seconds; 0: not known, as in a record
  // stored before these were kept). Kept with the alert, so that a process
  // that restores it (`collect --once`, a restart) goes on counting.
  int64_t held_s = 0;
  int64_t held_at = 0;
};

// The timeline's record of a transition to `a.state`: its kind ("alert_pending",
// "alert_firing", "alert_resolved", or "alert_cleared" when it went inactive)
// and its severity: the rule's while the condition holds (pending or firing,
// the same colour everywhere: health/severity.h), "info" once it is over.
std::string event_kind(const AlertRecord& a);
std::string event_severity(const AlertRecord& a);

struct Transition {
  AlertRecord alert;  // after the transition
  AlertState from = AlertState::kInactive;
};

class AlertTracker {
 public:
  // `max_step_s` bounds how much of the time between two updates counts
  // toward a rule's `for` (0: no bound). The collector sets it to twice its
  // interval, so a wall clock that jumps forward between cycles does not
  // make an alert that held for one cycle fire; a clock that jumps back
  // counts nothing for that step (docs/health.md). An alert restored pending
  // resumes from its held_s, adding the time from its held_at to its first
  // update under the same bound (from active_since when held_at is 0).
  explicit AlertTracker(const RuleSet& rules, std::vector<AlertRecord> restored = {}, int64_t max_step_s = 0);

  // Advances every alert to `now` given one evaluation of the rules.
  std::vector<Transition> update(int64_t now, const Evaluation& evaluation);

  // Every pending, firing and resolved alert.
  const std::map<AlertKey, AlertRecord>& alerts() const { return alerts_; }

 private:
  const RuleSet& rules_;
  std::map<AlertKey, AlertRecord> alerts_;
  const int64_t max_step_s_;
  std::optional<int64_t> last_now_;
  std::set<AlertKey> restored_pending_;  // not yet updated in this process
  // The time one update adds to a held condition: none backwards, at most max_step_s_.
  int64_t step(int64_t from, int64_t now) const;
};

}  // namespace luckyhub::alerts
