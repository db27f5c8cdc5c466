// Alert routing's configuration: the top-level keys `route` (the root of the
// route tree), `receiver` (an array of tables) and `inhibit` (an array of
// tables) of the delivery file (the file the scheduler reads: its other keys,
// scheduler, smtp, schedule and job, are the scheduler's). docs/alerts.md
// describes them:
//
//   [route]                receiver, group_by, group_wait, group_interval,
//                          repeat_interval, and [[route.routes]] children with
//                          matchers = ["department=finance", "severity=~warning|critical"],
//                          continue = true, and the same settings (inherited)
//   [[receiver]]           name, webhook_url, slack_url, email_to = [...], send_resolved
//   [[inhibit]]            source_matchers, target_matchers, equal = ["instance"]
//
// Errors are Error("<file>:<line>: <reason>"), as the fleet file's; an
// unknown key inside these is an error.
#pragma once

#define TOML_HEADER_ONLY 0
#define TOML_SHARED_LIB 1
#include <toml++/toml.h>

#include <string>
#include <vector>

#include "alerts/routing_inhibit.h"
#include "alerts/routing_receivers.h"
#include "alerts/routing_tree.h"

namespace luckyhub::alerts {

struct RoutingConfig {
  Route root;  // no receiver: no [route] given (only `everything` routes)
  std::vector<Route> everything;  // routes outside the tree taking every alert (--webhook)
  std::vector<Receiver> receivers;
  std::vector<InhibitRule> inhibit;
  std::string path;  // the file ("" when built in code)

  const Receiver* receiver(const std::string& name) const;
  bool empty() const { return receivers.empty(); }
  // The routes an alert goes to: the tree's and `everything`.
  std::vector<const Route*> routes_for(const Labels& labels) const;
  // Throws "<file>:<line>: receiver NAME sends e-mail (email_to) but no e-mail
  // sender is configured" when a receiver has email_to and !have_email_sender.
  void check_email(bool have_email_sender) const;
};

// Reads the routing keys of a parsed delivery file (`path` for the messages).
// A file without [route] gives an empty configuration (nothing routed).
RoutingConfig parse_routing(const toml::table& root, const std::string& path);

// Parses the file and reads its routing keys; the top-level keys it accepts
// are those of the delivery file (route, receiver, inhibit, and the
// scheduler's scheduler, smtp, schedule, job, left alone).
RoutingConfig load_routing(const std::string& path);

// `--webhook URL` (and a rules file's [[webhook]]): a receiver per URL that
// takes every alert, at once, one notice per change (group_wait and
// group_interval 0, one group), beside `config`'s route tree.
void add_webhooks(RoutingConfig& config, const std::vector<std::string>& urls);

}  // namespace luckyhub::alerts
