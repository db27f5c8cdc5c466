// Delivery of alert transitions to webhooks in Alertmanager's webhook JSON
// (version 4), so anything that receives Alertmanager's notifications
// (chat bridges, incident tools) receives luckyhub's: one POST per webhook
// per cycle, with the alerts that started firing or resolved in it.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "alerts/alert_tracker.h"

namespace luckyhub::alerts {

// The JSON body for these alerts (firing and resolved ones; others skipped).
// `external_url` is the dashboard's address, for links ("" when unknown).
// Labels: alerts/labels.h; links go to the raising tool's page.
std::string alertmanager_payload(const std::vector<AlertRecord>& alerts, const std::string& external_url);
// The same for one notification of a routed group (alerts/routing_dispatch.h):
// its receiver's name and the group's labels (groupKey, groupLabels).
std::string alertmanager_payload(const std::vector<AlertRecord>& alerts, const std::string& external_url,
                                 const std::string& receiver, const std::map<std::string, std::string>& group_labels);

// POSTs `body` as application/json to an http:// URL within `timeout_ms`.
// Throws Error naming the URL (without any userinfo) and the reason, or the
// status when it is not 2xx.
void post_json(const std::string& url, const std::string& body, int timeout_ms);

// Delivers the alerts of `transitions` that started firing or resolved to
// every webhook (5 s each). A webhook that fails is logged as a warning
// prefixed by `who` ("collect: ..."); the alert stays in the timeline.
// Returns how many webhooks took them.
int deliver(const std::vector<Transition>& transitions, const std::vector<std::string>& webhooks,
            const std::string& external_url, const std::string& who);

}  // namespace luckyhub::alerts
