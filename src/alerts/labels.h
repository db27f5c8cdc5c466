// The labels of an alert, as routing, silences, inhibition and the webhooks
// see them: one function for the collector's health alerts and the tools'
// alerts alike.
//
//   alertname   the rule ("ConnectionsNearMax", "DeliveryOverdue")
//   severity    info, warning or critical
//   tool        the tool that raised it: a registered tool alert's tool
//               (alerts/tool_alerts.h), "fleet-health" for the collector's rules
//   department  that tool's department in the tool registry ("it" for health)
//   instance    what the alert is about (a server, a store, a supplier)
//   object      the detail (a table, a goods, a shipment); absent when empty
//   store       the store id, when the rule is about a store (absent otherwise)
//   service     "luckyhub", as the webhooks always said
#pragma once

#include <map>
#include <string>

#include "alerts/alert_tracker.h"

namespace luckyhub::alerts {

using Labels = std::map<std::string, std::string>;

Labels alert_labels(const AlertRecord& alert);

// A stable id per alert, as Alertmanager's fingerprint (FNV-1a of its key), 16 hex digits.
std::string fingerprint(const AlertKey& key);

}  // namespace luckyhub::alerts
