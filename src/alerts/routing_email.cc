#include "alerts/routing_email.h"

#include <chrono>

#include "delivery/smtp.h"

namespace luckyhub::alerts {
namespace {

std::string escape_html(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

EmailSender smtp_email_sender(const delivery::SmtpSettings& smtp) {
  return [smtp](const std::vector<std::string>& to, const std::string& subject, const std::string& text) {
    delivery::Mail mail{.to = to,
                        .subject = subject,
                        .text = text,
                        .html = "<pre style=\"font-family: sans-serif\">" + escape_html(text) + "</pre>",
                        .date = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now())};
    delivery::send_mail(smtp, mail);
  };
}

}  // namespace luckyhub::alerts
