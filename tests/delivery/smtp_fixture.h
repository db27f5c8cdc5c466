// A real SMTP server for tests: tests/support/smtp_server.py (aiosmtpd) with
// STARTTLS on a self-signed certificate made here with the openssl CLI, AUTH
// checking a password, each message saved to a directory; and a reader of the
// saved messages (headers, and the MIME parts decoded).
#pragma once

#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

#include "delivery/delivery_file.h"

namespace luckyhub::testing {

struct MailPart {
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;                            // decoded (base64, quoted-printable)
};

struct ReceivedMail {
  std::string raw;
  std::map<std::string, std::string> headers;  // lower-case names, unfolded
  std::vector<MailPart> parts;                 // leaves, depth first
  // The first leaf part whose Content-Type starts with `type`; throws when none.
  const MailPart& part(const std::string& type) const;
};

class SmtpServer {
 public:
  static constexpr const char* kUser = "luckyhub-mailer";
  static constexpr const char* kPassword = "S3cret-pa55word-never-logged";

  // `fail`: answer every message with this 4xx/5xx code (0: accept); `spare`:
  // an address still accepted in fail mode.
  explicit SmtpServer(int fail = 0, const std::string& spare = "");
  ~SmtpServer();  // SIGTERM, wait

  int port() const { return port_; }
  const std::string& dir() const { return dir_; }
  const std::string& ca_file() const { return cert_; }
  // Settings that reach this server, the password in the environment
  // variable LUCKYHUB_TEST_SMTP_PASSWORD (set here).
  delivery::SmtpSettings settings() const;
  void set_fail(int code);  // 0: accept again

  std::vector<ReceivedMail> messages() const;  // in arrival order
  // Waits up to `seconds` for at least `count` messages.
  std::vector<ReceivedMail> wait_for(size_t count, double seconds = 20) const;
  std::string auth_log() const;

 private:
  std::string dir_, cert_, key_;
  int port_ = 0;
  pid_t pid_ = -1;
};

ReceivedMail parse_mail(const std::string& raw);
std::string decode_base64(const std::string& text);

}  // namespace luckyhub::testing
