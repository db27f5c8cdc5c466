#include "alerts/routing_receivers.h"

#include <curl/curl.h>

#include <nlohmann/json.hpp>

#include "alerts/webhook.h"
#include "core/calendar.h"
#include "core/error.h"

namespace luckyhub::alerts {
namespace {

size_t firing_count(const Notification& n) {
  size_t k = 0;
  for (const AlertRecord& a : n.alerts) k += a.state == AlertState::kFiring;
  return k;
}

std::string group_text(const Notification& n) {
  std::string text;
  for (const auto& [name, value] : n.group_labels) text += (text.empty() ? "" : ", ") + name + "=" + value;
  return text.empty() ? "all alerts" : text;
}

std::string tool_of(const AlertRecord& a) {
  const Labels l = alert_labels(a);
  return l.at("tool");
}

std::string headline(const Notification& n) {
  const size_t firing = firing_count(n), resolved = n.alerts.size() - firing;
  std::string text = firing > 0 ? "[FIRING:" + std::to_string(firing) + "]" : "[RESOLVED]";
  if (firing > 0 && resolved > 0) text += "[RESOLVED:" + std::to_string(resolved) + "]";
  return text + " " + group_text(n);
}

std::string line_of(const AlertRecord& a) {
  return std::string(a.state == AlertState::kFiring ? "FIRING" : "RESOLVED") + " " + a.key.rule + " (" + a.severity +
         ") " + a.key.instance + (a.key.object.empty() ? "" : " " + a.key.object) + ": " + a.summary;
}

std::string shown_url(const std::string& url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  const size_t slash = url.find('/', scheme + 3);
  std::string authority = url.substr(scheme + 3, slash == std::string::npos ? std::string::npos : slash - scheme - 3);
  if (const size_t at = authority.rfind('@'); at != std::string::npos) authority = authority.substr(at + 1);
  return url.substr(0, scheme + 3) + authority + (slash == std::string::npos ? "" : url.substr(slash));
}

size_t discard(char*, size_t size, size_t n, void*) { return size * n; }

// A Slack webhook's path is its secret: messages name the host only.
std::string without_path(std::string message, const std::string& url) {
  const std::string shown = shown_url(url);
  const size_t scheme = shown.find("://");
  const size_t slash = scheme == std::string::npos ? std::string::npos : shown.find('/', scheme + 3);
  if (slash == std::string::npos) return message;
  const std::string host_only = shown.substr(0, slash) + "/…";
  for (size_t at = message.find(shown); at != std::string::npos; at = message.find(shown, at + host_only.size()))
    message.replace(at, shown.size(), host_only);
  return message;
}

}  // namespace

std::string slack_payload(const Notification& n, const std::string& external_url) {
  nlohmann::json blocks = nlohmann::json::array();
  const std::string title = headline(n);
  blocks.push_back({{"type", "header"}, {"text", {{"type", "plain_text"}, {"text", title.substr(0, 150)}}}});
  std::string text = title;
  for (const AlertRecord& a : n.alerts) {
    const std::string line = line_of(a);
    text += "\n" + line;
    std::string md = std::string(a.state == AlertState::kFiring ? ":red_circle: *" : ":large_green_circle: *") +
                     a.key.rule + "* (" + a.severity + ") " + a.key.instance +
                     (a.key.object.empty() ? "" : " / " + a.key.object) + "\n" + a.summary;
    if (!external_url.empty()) md += "\n<" + external_url + "/tools/" + tool_of(a) + "|Open in luckyhub>";
    blocks.push_back({{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", md.substr(0, 3000)}}}});
  }
  if (!external_url.empty()) {
    blocks.push_back({{"type", "context"},
                      {"elements", {{{"type", "mrkdwn"}, {"text", "<" + external_url + "/alerts|All alerts and silences>"}}}}});
    text += "\n" + external_url + "/alerts";
  }
  return nlohmann::json{{"text", text}, {"blocks", blocks}}.dump();
}

std::string email_subject(const Notification& n) { return "luckyhub alerts " + headline(n); }

std::string email_text(const Notification& n, const std::string& external_url) {
  std::string text = headline(n) + "\n\n";
  for (const AlertRecord& a : n.alerts) {
    text += line_of(a) + "\n  since " + Timestamp{a.active_since}.str() + " UTC";
    if (a.state == AlertState::kResolved) text += ", resolved " + Timestamp{a.changed}.str() + " UTC";
    text += "\n";
    if (!external_url.empty()) text += "  " + external_url + "/tools/" + tool_of(a) + "\n";
  }
  if (!external_url.empty()) text += "\nAll alerts and silences: " + external_url + "/alerts\n";
  return text;
}

void post_json_any(const std::string& url, const std::string& body, int timeout_ms) {
  if (url.rfind("http://", 0) == 0) return post_json(url, body, timeout_ms);
  if (url.rfind("https://", 0) != 0) throw Error("receiver URL " + shown_url(url) + ": only http:// and https://");
  CURL* curl = curl_easy_init();
  if (curl == nullptr) throw Error("receiver " + shown_url(url) + ": libcurl failed to start");
  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_ms));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "luckyhub");
  const CURLcode rc = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) throw Error("receiver " + shown_url(url) + ": " + curl_easy_strerror(rc));
  if (status < 200 || status > 299) throw Error("receiver " + shown_url(url) + ": answered " + std::to_string(status));
}

void send_notification(const Receiver& r, const Notification& n, const ReceiverContext& context) {
  std::string failed;
  auto attempt = [&](const std::string& channel, const std::function<void()>& send) {
    try {
      send();
    } catch (const std::exception& e) {
      if (failed.empty()) failed = "receiver " + r.name + " (" + channel + "): " + e.what();
    }
  };
  if (!r.webhook_url.empty()) {
    attempt("webhook", [&] {
      post_json_any(r.webhook_url, alertmanager_payload(n.alerts, context.external_url, r.name, n.group_labels),
                    context.timeout_ms);
    });
  }
  if (!r.slack_url.empty()) {
    attempt("slack", [&] {
      try {
        post_json_any(r.slack_url, slack_payload(n, context.external_url), context.timeout_ms);
      } catch (const Error& e) {
        throw Error(without_path(e.what(), r.slack_url));
      }
    });
  }
  if (!r.email_to.empty()) {
    attempt("email", [&] {
      if (!context.email) throw Error("no e-mail sender configured (an [smtp] section)");
      context.email(r.email_to, email_subject(n), email_text(n, context.external_url));
    });
  }
  if (!failed.empty()) throw Error(failed);
}

}  // namespace luckyhub::alerts
