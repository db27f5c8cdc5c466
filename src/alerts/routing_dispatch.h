// The routing of alerts to receivers, one tick at a time (the collector each
// cycle, `luckyhub alerts` each run), with a clock the caller gives:
//
//  1. each alert's labels (labels.h); a firing alert matched by an active
//     silence, or inhibited by another firing alert, is suppressed;
//  2. each firing alert not suppressed joins, for every route it matches
//     (routing_tree.h), the group of that route and its group_by values;
//  3. a group is notified — one notice with all its alerts, not one per
//     alert — group_wait after it was created, then whenever it changed (a
//     new firing alert, or one it notified resolved) and group_interval has
//     passed since its last notice, or unchanged once repeat_interval has;
//  4. an alert a group notified as firing that has resolved is in the next
//     notice as resolved (when the receiver has send_resolved), then leaves
//     the group; a group with no alert left ends.
//
// A suppressed alert leaves its groups; when the silence ends it joins again
// as new (so it is notified again). The state (the groups) can be saved and
// restored for a process that runs once per tick.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "alerts/routing_config.h"
#include "alerts/routing_silences.h"

namespace luckyhub::alerts {

// An alert as routing sees it: the dashboard's /api/alerts lists these.
struct AlertView {
  AlertRecord alert;
  Labels labels;
  std::string fingerprint;
  std::string silenced_by;  // the silence's id, "" when none
  bool inhibited = false;
  bool suppressed() const { return !silenced_by.empty() || inhibited; }
};

std::vector<AlertView> classify(const std::map<AlertKey, AlertRecord>& alerts, const std::vector<InhibitRule>& inhibit,
                                const std::vector<Silence>& silences, int64_t now);

class Dispatcher {
 public:
  explicit Dispatcher(const RoutingConfig& config);  // keeps a reference

  // The notices due at `now` (to be sent with deliver_notifications).
  std::vector<Notification> tick(int64_t now, const std::map<AlertKey, AlertRecord>& alerts,
                                 const std::vector<Silence>& silences);

  std::string save() const;             // the groups, as JSON
  void restore(const std::string& text);  // "" or save()'s text; groups of routes no longer there are dropped
  size_t groups() const { return groups_.size(); }

 private:
  struct Group {
    std::string route;
    Labels labels;
    int64_t created = 0, last_sent = -1;
    std::set<AlertKey> notified;  // the firing alerts its last notice had
  };
  const RoutingConfig& config_;
  std::map<std::string, const Route*> routes_;  // by id
  std::map<std::string, Group> groups_;         // by group key
};

// Sends each notice to its receiver; returns the errors ("receiver NAME
// (channel): reason"), each also logged as a warning prefixed by `who`.
std::vector<std::string> deliver_notifications(const RoutingConfig& config, const std::vector<Notification>& notices,
                                               const ReceiverContext& context, const std::string& who);

}  // namespace luckyhub::alerts
