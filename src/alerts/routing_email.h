// The e-mail receivers' sender over the scheduler's SMTP client
// (delivery/smtp.h): the notice's plain text, and the same text as HTML.
// Whoever has the delivery file's [smtp] (`serve --delivery`, `luckyhub
// alerts --routing`) passes this as ReceiverContext::email.
#pragma once

#include "alerts/routing_receivers.h"
#include "delivery/delivery_file.h"

namespace luckyhub::alerts {

EmailSender smtp_email_sender(const delivery::SmtpSettings& smtp);

}  // namespace luckyhub::alerts
