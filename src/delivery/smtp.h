// Mail over SMTP with libcurl: STARTTLS required when the settings say so
// (CURLUSESSL_ALL: no fallback to plain text), AUTH with the password read
// from its reference ("env:NAME" or "file:/path", an owner-only file) at send
// time, and a MIME message built with curl_mime: a multipart/alternative of
// text/plain and text/html, then the attachments (base64). Headers: From, To,
// Subject (RFC 2047 when not ASCII), Date, Message-ID.
//
// The password is never logged, never put in an error message (a failure
// message that would contain it has it replaced by "***"), and libcurl's
// verbose output is never enabled.
//
// Thread safety: send_mail() may be called from several threads at once.
#pragma once

#include <string>
#include <vector>

#include "delivery/cron.h"
#include "delivery/delivery_file.h"
#include "sources/fleet.h"

namespace luckyhub::delivery {

struct Attachment {
  std::string filename;
  std::string content_type;
  std::string data;
};

struct Mail {
  std::vector<std::string> to;
  std::string subject;
  std::string text;  // text/plain, UTF-8
  std::string html;  // text/html, UTF-8
  std::vector<Attachment> attachments;
  Instant date;
};

// Reads the password behind "env:NAME" or "file:/path". Throws Error naming
// the reference (never the value) when it cannot be read.
Secret resolve_password(const std::string& ref);

// Sends the mail; returns its Message-ID. Throws Error with the server's or
// libcurl's reason (without the password).
std::string send_mail(const SmtpSettings& smtp, const Mail& mail);

// The RFC 5322 date of an instant: "Sun, 08 Mar 2026 13:00:00 +0000".
std::string rfc5322_date(Instant t);

}  // namespace luckyhub::delivery
