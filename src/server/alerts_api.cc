#include "server/alerts_api.h"

#include <atomic>
#include <ctime>
#include <mutex>

#include <nlohmann/json.hpp>

#include "alerts/routing_dispatch.h"
#include "core/calendar.h"
#include "server/http_error.h"
#include "server/request_target.h"

namespace luckyhub::server {
namespace {

std::mutex g_mutex;
std::shared_ptr<const alerts::RoutingConfig> g_routing;

std::string rfc3339(int64_t unix_s) {
  std::string text = Timestamp{unix_s}.str();
  text[10] = 'T';
  return text + "Z";
}

HttpResponse alerts_json_response(int status, const nlohmann::json& body) {
  return {.status = status, .content_type = "application/json",
          .body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
          .headers = {{"Cache-Control", "no-store"}}};
}

std::unique_ptr<Warehouse> open_or_503(const std::string& location) {
  try {
    return open_warehouse(location);
  } catch (const Error& e) {
    throw HttpError(503, e.what());
  }
}

std::map<alerts::AlertKey, alerts::AlertRecord> read_alerts(Warehouse& wh) {
  std::map<alerts::AlertKey, alerts::AlertRecord> out;
  if (!wh.has_table("health__alerts")) return out;
  const ResultSet r = wh.query(
      "SELECT rule, instance, object, state, severity, active_since, changed, value, threshold, summary "
      "FROM health__alerts WHERE state IN ('pending', 'firing')");
  for (const Row row : r) {
    alerts::AlertRecord a{{row.text("rule"), row.text("instance"), row.text("object")},
                          alerts::parse_state(row.text("state")),
                          row.text("severity"),
                          row.integer("active_since"),
                          row.integer("changed"),
                          row.number("value"),
                          row.number("threshold"),
                          row.text("summary")};
    out[a.key] = a;
  }
  return out;
}

nlohmann::json silence_json(const alerts::Silence& s, int64_t now) {
  nlohmann::json matchers = nlohmann::json::array();
  for (const alerts::Matcher& m : s.matchers) matchers.push_back(m.str());
  return {{"id", s.id},           {"matchers", matchers},       {"starts", rfc3339(s.starts)},
          {"ends", rfc3339(s.ends)}, {"created_by", s.created_by}, {"comment", s.comment},
          {"state", s.state(now)},  {"updated", rfc3339(s.updated)}};
}

HttpResponse get_alerts(Warehouse& wh, int64_t now) {
  std::shared_ptr<const alerts::RoutingConfig> routing;
  {
    std::lock_guard lock(g_mutex);
    routing = g_routing;
  }
  const std::vector<alerts::InhibitRule> none;
  const auto views = alerts::classify(read_alerts(wh), routing ? routing->inhibit : none, alerts::read_silences(wh), now);
  nlohmann::json list = nlohmann::json::array();
  for (const alerts::AlertView& v : views) {
    const alerts::AlertRecord& a = v.alert;
    list.push_back({{"fingerprint", v.fingerprint}, {"rule", a.key.rule},       {"instance", a.key.instance},
                    {"object", a.key.object},       {"state", alerts::state_name(a.state)},
                    {"severity", a.severity},       {"summary", a.summary},      {"value", a.value},
                    {"threshold", a.threshold},     {"since", rfc3339(a.active_since)},
                    {"labels", v.labels},           {"silenced_by", v.silenced_by}, {"inhibited", v.inhibited}});
  }
  return alerts_json_response(200, {{"now", rfc3339(now)}, {"alerts", list},
                             {"inhibit_rules", routing ? routing->inhibit.size() : 0}});
}

}  // namespace

void set_alert_routing(std::shared_ptr<const alerts::RoutingConfig> routing) {
  std::lock_guard lock(g_mutex);
  g_routing = std::move(routing);
}

std::optional<HttpResponse> alerts_api(std::string_view method, std::string_view target, std::string_view body,
                                       const std::string& warehouse) {
  if (target.rfind("/api/alerts", 0) != 0 && target.rfind("/api/silences", 0) != 0) return std::nullopt;
  const RequestTarget t = parse_request_target(target);
  const std::string prefix = "/api/silences/";
  const bool is_alerts = t.path == "/api/alerts", silences = t.path == "/api/silences";
  const bool one = t.path.rfind(prefix, 0) == 0 && t.path.size() > prefix.size();
  if (!is_alerts && !silences && !one) return std::nullopt;
  if (!t.query.empty()) throw HttpError(400, t.path + " takes no parameters (got '" + t.query.begin()->first + "')");
  const std::string allowed = is_alerts ? "GET" : silences ? "GET, POST" : "DELETE";
  const bool get = method == "GET" || method == "HEAD";
  if ((is_alerts && !get) || (silences && !get && method != "POST") || (one && method != "DELETE"))
    throw HttpError(405, "method not allowed: " + allowed + " on " + (one ? prefix + "{id}" : t.path));
  const int64_t now = std::time(nullptr);
  auto wh = open_or_503(warehouse);
  if (is_alerts) return get_alerts(*wh, now);
  if (silences && get) {
    const std::vector<alerts::Silence> all = alerts::read_silences(*wh);
    nlohmann::json list = nlohmann::json::array();
    for (auto it = all.rbegin(); it != all.rend(); ++it) list.push_back(silence_json(*it, now));
    return alerts_json_response(200, {{"silences", list}});
  }
  if (silences) {
    alerts::Silence s;
    try {
      s = alerts::parse_silence(body, now);
    } catch (const Error& e) {
      throw HttpError(400, e.what());
    }
    s = alerts::create_silence(*wh, std::move(s), now);
    return alerts_json_response(201, {{"id", s.id}, {"silence", silence_json(s, now)}});
  }
  const std::string id = t.path.substr(prefix.size());
  bool expired = false;
  try {
    expired = alerts::expire_silence(*wh, id, now);
  } catch (const Error& e) {
    throw HttpError(404, e.what());
  }
  return alerts_json_response(200, {{"id", id}, {"expired", expired}});
}

}  // namespace luckyhub::server
