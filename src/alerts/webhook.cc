#include "alerts/webhook.h"

#include <poll.h>
#include <sys/socket.h>

#include <chrono>
#include <iterator>

#include <nlohmann/json.hpp>

#include "alerts/labels.h"
#include "core/calendar.h"
#include "core/error.h"
#include "core/log.h"
#include "core/tcp.h"

namespace luckyhub::alerts {
namespace {

std::string rfc3339(int64_t unix_s) {
  std::string text = Timestamp{unix_s}.str();  // 'YYYY-MM-DD HH:MM:SS'
  text[10] = 'T';
  return text + "Z";
}

struct Url {
  std::string host, port = "80", path = "/", shown;
};

Url parse_url(const std::string& url) {
  if (url.rfind("http://", 0) != 0) throw Error("webhook " + url + ": only http:// URLs are supported");
  std::string rest = url.substr(7);
  Url u;
  const size_t slash = rest.find('/');
  std::string authority = rest.substr(0, slash);
  if (slash != std::string::npos) u.path = rest.substr(slash);
  if (const size_t at = authority.rfind('@'); at != std::string::npos) authority = authority.substr(at + 1);
  u.shown = "http://" + authority + u.path;  // never the userinfo
  const size_t colon = authority.rfind(':');
  u.host = authority.substr(0, colon);
  if (colon != std::string::npos) u.port = authority.substr(colon + 1);
  if (u.host.empty()) throw Error("webhook " + u.shown + ": no host");
  return u;
}

}  // namespace

std::string alertmanager_payload(const std::vector<AlertRecord>& alerts, const std::string& external_url) {
  return alertmanager_payload(alerts, external_url, "luckyhub", {{"service", "luckyhub"}});
}

std::string alertmanager_payload(const std::vector<AlertRecord>& alerts, const std::string& external_url,
                                 const std::string& receiver, const std::map<std::string, std::string>& group_labels) {
  nlohmann::json list = nlohmann::json::array();
  bool any_firing = false;
  std::map<std::string, std::string> common;
  bool first = true;
  for (const AlertRecord& a : alerts) {
    if (a.state != AlertState::kFiring && a.state != AlertState::kResolved) continue;
    const bool firing = a.state == AlertState::kFiring;
    any_firing = any_firing || firing;
    const Labels labels = alert_labels(a);
    if (first) {
      common = labels, first = false;
    } else {
      for (auto it = common.begin(); it != common.end();) {
        const auto l = labels.find(it->first);
        it = l == labels.end() || l->second != it->second ? common.erase(it) : std::next(it);
      }
    }
    const auto tool = labels.find("tool");
    list.push_back({{"status", firing ? "firing" : "resolved"},
                    {"labels", labels},
                    {"annotations", {{"summary", a.summary}, {"value", a.value}, {"threshold", a.threshold}}},
                    {"startsAt", rfc3339(a.active_since)},
                    {"endsAt", firing ? "0001-01-01T00:00:00Z" : rfc3339(a.changed)},
                    {"generatorURL", external_url.empty() ? "" : external_url + "/tools/" + tool->second},
                    {"fingerprint", fingerprint(a.key)}});
  }
  std::string group_key = "{}:{";
  for (auto it = group_labels.begin(); it != group_labels.end(); ++it)
    group_key += (it == group_labels.begin() ? "" : ",") + it->first + "=" + nlohmann::json(it->second).dump();
  group_key += "}";
  return nlohmann::json{{"version", "4"},
                        {"groupKey", group_key},
                        {"truncatedAlerts", 0},
                        {"status", any_firing ? "firing" : "resolved"},
                        {"receiver", receiver},
                        {"groupLabels", group_labels},
                        {"commonLabels", common},
                        {"commonAnnotations", nlohmann::json::object()},
                        {"externalURL", external_url},
                        {"alerts", list}}
      .dump();
}

void post_json(const std::string& url, const std::string& body, int timeout_ms) {
  const Url u = parse_url(url);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  const tcp::Socket s = tcp::connect(u.host, u.port, deadline, "webhook " + u.shown);
  const std::string request = "POST " + u.path + " HTTP/1.1\r\nHost: " + u.host + ":" + u.port +
                              "\r\nContent-Type: application/json\r\nUser-Agent: luckyhub\r\nContent-Length: " +
                              std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
  tcp::send_all(s, request, deadline, "webhook " + u.shown, "webhook " + u.shown + ": send timed out");
  std::string response;
  while (response.find("\r\n") == std::string::npos) {
    if (!tcp::wait_for(s.fd(), POLLIN, deadline)) throw Error("webhook " + u.shown + ": no answer in time");
    char buffer[1024];
    const ssize_t n = ::recv(s.fd(), buffer, sizeof buffer, 0);
    if (n == 0) break;
    if (n < 0 && errno != EAGAIN) throw Error("webhook " + u.shown + ": read failed: " + std::strerror(errno));
    if (n > 0) response.append(buffer, static_cast<size_t>(n));
  }
  // "HTTP/1.1 200 OK"
  const size_t space = response.find(' ');
  const int status = space == std::string::npos ? 0 : std::atoi(response.c_str() + space + 1);
  if (status < 200 || status > 299) {
    throw Error("webhook " + u.shown + ": answered " + (status ? std::to_string(status) : "nothing"));
  }
}

int deliver(const std::vector<Transition>& transitions, const std::vector<std::string>& webhooks,
            const std::string& external_url, const std::string& who) {
  std::vector<AlertRecord> changed;
  for (const Transition& t : transitions)
    if (t.alert.state == AlertState::kFiring || t.alert.state == AlertState::kResolved) changed.push_back(t.alert);
  if (changed.empty() || webhooks.empty()) return 0;
  constexpr int kTimeoutMs = 5000;
  const std::string body = alertmanager_payload(changed, external_url);
  int delivered = 0;
  for (const std::string& url : webhooks) {
    try {
      post_json(url, body, kTimeoutMs);
      log::info(who, ": delivered ", changed.size(), " alert(s) to a webhook");
      ++delivered;
    } catch (const Error& e) {
      log::warn(who, ": ", e.what());
    }
  }
  return delivered;
}

}  // namespace luckyhub::alerts
