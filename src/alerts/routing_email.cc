#include "alerts/routing_email.h"

#include <chrono>

#include "delivery/report_mail.h"
#include "delivery/smtp.h"

namespace luckyhub::alerts {

EmailSender smtp_email_sender(const delivery::SmtpSettings& smtp) {
  return [smtp](const std::vector<std::string>& to, const std::string& subject, const std::string& text) {
    delivery::Mail mail{.to = to,
                        .subject = subject,
                        .text = text,
                        .html = "<pre style=\"font-family: sans-serif\">" + delivery::html_escape(text) + "</pre>",
                        .date = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now())};
    delivery::send_mail(smtp, mail);
  };
}

}  // namespace luckyhub::alerts
