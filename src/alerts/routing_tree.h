// The route tree, as Alertmanager's: the root route takes every alert; an
// alert descends into the first child route whose matchers all match, and
// from there into that child's children; a child with `continue = true` lets
// the following siblings be tried too. The deepest routes that matched (or
// the root, when no child did) are where the alert goes: each names a
// receiver and how its alerts are grouped and paced.
//
// A child route inherits every setting it does not give from its parent
// (resolved when the file is read: routing_config.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "alerts/routing_matcher.h"

namespace luckyhub::alerts {

struct Route {
  std::string id;  // "root", "root/0", "root/0/1": the position in the tree (group keys)
  std::vector<Matcher> matchers;
  std::string receiver;
  std::vector<std::string> group_by;  // labels whose values split the alerts into groups
  int64_t group_wait_s = 30;          // a new group waits this long for more alerts before its first notice
  int64_t group_interval_s = 300;     // a changed group (new or resolved alerts) is notified at most this often
  int64_t repeat_interval_s = 4 * 3600;  // an unchanged firing group is notified again after this
  bool continue_matching = false;     // `continue`: try the next siblings too
  std::vector<Route> routes;
};

// The routes an alert with these labels goes to, in tree order (none only
// when the root's own matchers refuse it).
std::vector<const Route*> match_routes(const Route& root, const Labels& labels);

}  // namespace luckyhub::alerts
