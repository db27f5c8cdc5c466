#include "alerts/alert_tracker.h"

#include <algorithm>
#include <set>

#include "core/error.h"

namespace luckyhub::alerts {

const char* state_name(AlertState state) {
  switch (state) {
    case AlertState::kInactive: return "inactive";
    case AlertState::kPending: return "pending";
    case AlertState::kFiring: return "firing";
    case AlertState::kResolved: return "resolved";
  }
  return "?";
}

AlertState parse_state(const std::string& name) {
  for (AlertState s : {AlertState::kInactive, AlertState::kPending, AlertState::kFiring, AlertState::kResolved}) {
    if (name == state_name(s)) return s;
  }
  throw Error("unknown alert state '" + name + "'");
}

std::string event_kind(const AlertRecord& a) {
  return a.state == AlertState::kInactive ? "alert_cleared" : std::string("alert_") + state_name(a.state);
}

std::string event_severity(const AlertRecord& a) {
  return a.state == AlertState::kPending || a.state == AlertState::kFiring ? a.severity : "info";
}

AlertTracker::AlertTracker(const RuleSet& rules, std::vector<AlertRecord> restored, int64_t max_step_s)
    : rules_(rules), max_step_s_(max_step_s) {
  for (AlertRecord& r : restored) {
    if (!rules_.find(r.key.rule)) continue;  // a rule removed from the file is forgotten
    if (r.state == AlertState::kPending) restored_pending_.insert(r.key);
    alerts_[r.key] = std::move(r);
  }
}

int64_t AlertTracker::step(int64_t from, int64_t now) const {
  const int64_t s = std::max<int64_t>(0, now - from);
  return max_step_s_ > 0 ? std::min(s, max_step_s_) : s;
}

std::vector<Transition> AlertTracker::update(int64_t now, const Evaluation& evaluation) {
  std::vector<Transition> out;
  auto move = [&](AlertRecord& a, AlertState to) {
    const AlertState from = a.state;
    a.state = to;
    a.changed = now;
    out.push_back({a, from});
  };
  const std::optional<int64_t> last_now = last_now_;
  last_now_ = now;
  std::set<AlertKey> active;
  for (const Signal& s : evaluation.active) {
    const Rule* rule = rules_.find(s.rule);
    if (rule == nullptr) continue;
    const AlertKey key{s.rule, s.instance, s.object};
    active.insert(key);
    AlertRecord& a = alerts_[key];
    a.key = key;
    a.severity = rule->severity;
    a.value = s.value;
    a.threshold = s.threshold;
    a.summary = s.summary;
    if (a.state == AlertState::kInactive || a.state == AlertState::kResolved) {
      a.active_since = now;
      a.held_s = 0;
      a.held_at = now;
      move(a, AlertState::kPending);
    } else if (a.state == AlertState::kPending) {
      // Since the last update; for an alert restored pending, since its own
      // last count (its first update in this process).
      if (restored_pending_.erase(key) > 0) {
        a.held_s += step(a.held_at > 0 ? a.held_at : a.active_since, now);
      } else if (last_now) {
        a.held_s += step(*last_now, now);
      }
      a.held_at = now;
    }
    if (a.state == AlertState::kPending && a.held_s >= rule->for_s) move(a, AlertState::kFiring);
  }
  for (auto it = alerts_.begin(); it != alerts_.end();) {
    AlertRecord& a = it->second;
    const bool checked = evaluation.evaluated.count({a.key.rule, a.key.instance}) > 0;
    if (!checked || active.count(a.key)) {
      ++it;
      continue;
    }
    if (a.state == AlertState::kPending) {
      restored_pending_.erase(a.key);
      move(a, AlertState::kInactive);
      it = alerts_.erase(it);
      continue;
    }
    if (a.state == AlertState::kFiring) move(a, AlertState::kResolved);
    ++it;
  }
  return out;
}

}  // namespace luckyhub::alerts
