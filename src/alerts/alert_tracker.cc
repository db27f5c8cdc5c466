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
    if (rules_.find(r.key.rule)) alerts_[r.key] = std::move(r);  // a rule removed from the file is forgotten
  }
}

std::vector<Transition> AlertTracker::update(int64_t now, const Evaluation& evaluation) {
  std::vector<Transition> out;
  auto move = [&](AlertRecord& a, AlertState to) {
    const AlertState from = a.state;
    a.state = to;
    a.changed = now;
    out.push_back({a, from});
  };
  // The time this update adds to a held condition: none backwards, at most max_step_s_.
  int64_t step = last_now_ ? std::max<int64_t>(0, now - *last_now_) : 0;
  if (max_step_s_ > 0) step = std::min(step, max_step_s_);
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
      held_s_[key] = 0;
      move(a, AlertState::kPending);
    } else if (a.state == AlertState::kPending) {
      const auto held = held_s_.find(key);
      if (held == held_s_.end()) {
        held_s_[key] = std::max<int64_t>(0, now - a.active_since);  // restored pending
      } else {
        held->second += step;
      }
    }
    if (a.state == AlertState::kPending && held_s_[key] >= rule->for_s) {
      held_s_.erase(key);
      move(a, AlertState::kFiring);
    }
  }
  for (auto it = alerts_.begin(); it != alerts_.end();) {
    AlertRecord& a = it->second;
    const bool checked = evaluation.evaluated.count({a.key.rule, a.key.instance}) > 0;
    if (!checked || active.count(a.key)) {
      ++it;
      continue;
    }
    if (a.state == AlertState::kPending) {
      held_s_.erase(a.key);
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
