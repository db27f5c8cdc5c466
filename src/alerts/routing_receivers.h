// Receivers of routed notifications: where one notification of a group goes.
//
//   webhook_url  Alertmanager's webhook JSON (version 4, alerts/webhook.h)
//   slack_url    Slack-compatible JSON: {"text": ..., "blocks": [...]} with a
//                link to the dashboard (an incoming webhook, or any bridge
//                taking Slack's format)
//   email_to     a plain-text e-mail through an injected sender (the SMTP
//                client is the scheduler's: delivery/smtp.h); a receiver with
//                e-mail and no sender is a configuration error, never a
//                silent drop
//
// A receiver may have any of the three; send_resolved (default true) says
// whether it is told when its alerts resolve.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "alerts/alert_tracker.h"
#include "alerts/labels.h"

namespace luckyhub::alerts {

using EmailSender = std::function<void(const std::vector<std::string>& to, const std::string& subject,
                                       const std::string& text)>;

struct Receiver {
  std::string name;
  std::string webhook_url, slack_url;  // http:// or https://
  std::vector<std::string> email_to;
  bool send_resolved = true;
  int line = 0;  // where the file gave it (0: not from a file)
};

// One notice of one group to one receiver: the group's firing alerts (and
// the resolved ones it had notified, when the receiver wants them).
struct Notification {
  std::string receiver;
  std::string route;  // the route's id
  Labels group_labels;
  std::vector<AlertRecord> alerts;
  int64_t ts = 0;
};

struct ReceiverContext {
  std::string external_url;  // the dashboard, for links ("" when unknown)
  EmailSender email;         // null: no SMTP configured
  int timeout_ms = 5000;
};

std::string slack_payload(const Notification& n, const std::string& external_url);
std::string email_subject(const Notification& n);
std::string email_text(const Notification& n, const std::string& external_url);

// POSTs JSON to an http:// (alerts/webhook.h) or https:// (libcurl) URL.
// Throws Error naming the URL without userinfo.
void post_json_any(const std::string& url, const std::string& body, int timeout_ms);

// Sends to each of the receiver's channels; throws Error naming the receiver
// and channel of the first that failed (the others are still tried).
void send_notification(const Receiver& receiver, const Notification& n, const ReceiverContext& context);

}  // namespace luckyhub::alerts
