// The alert endpoints of the dashboard (alerts/routing_*.h):
//
//   GET    /api/alerts          the pending and firing alerts (health and tools' alike) with
//                               their labels, and whether a silence or an inhibition rule
//                               suppresses each: {"now", "alerts": [...], "inhibit_rules"}
//   GET    /api/silences        every silence, newest first: {"silences": [...]}
//   POST   /api/silences        a new silence (alerts/routing_silences.h: matchers, ends or
//                               duration, created_by, comment): 201 {"id": ...}, or 400
//   DELETE /api/silences/{id}   expires it now: 200 {"id", "expired"}, or 404
//
// Silences are kept in the warehouse (an entered table); the alert state is
// the collector's and `luckyhub alerts`' (the health__alerts table of the
// warehouse). Inhibition uses the rules of `serve --routing FILE`.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "alerts/routing_config.h"
#include "server/router.h"

namespace luckyhub::server {

// The inhibition rules the dashboard applies (serve --routing); none by default.
void set_alert_routing(std::shared_ptr<const alerts::RoutingConfig> routing);

// The answer when `target` is one of the endpoints above; nullopt otherwise.
// Throws HttpError (400, 404, 405, 503).
std::optional<HttpResponse> alerts_api(std::string_view method, std::string_view target, std::string_view body,
                                       const std::string& warehouse);

}  // namespace luckyhub::server
