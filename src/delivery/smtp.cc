#include "delivery/smtp.h"

#include <curl/curl.h>
#include <date/date.h>

#include <cstdlib>
#include <memory>
#include <mutex>
#include <random>

#include "core/error.h"

namespace luckyhub::delivery {
namespace {

std::string base64(const std::string& in) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
    out += {kAlphabet[n >> 18], kAlphabet[(n >> 12) & 63], kAlphabet[(n >> 6) & 63], kAlphabet[n & 63]};
  }
  if (i + 1 == in.size()) {
    const uint32_t n = uint8_t(in[i]) << 16;
    out += {kAlphabet[n >> 18], kAlphabet[(n >> 12) & 63], '=', '='};
  } else if (i + 2 == in.size()) {
    const uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8);
    out += {kAlphabet[n >> 18], kAlphabet[(n >> 12) & 63], kAlphabet[(n >> 6) & 63], '='};
  }
  return out;
}

// A header value: no line breaks (they would inject headers); RFC 2047 when not ASCII.
std::string header_value(const std::string& v) {
  std::string clean;
  bool ascii = true;
  for (const char c : v) {
    if (c == '\r' || c == '\n') continue;
    ascii = ascii && static_cast<unsigned char>(c) < 128;
    clean.push_back(c);
  }
  return ascii ? clean : "=?UTF-8?B?" + base64(clean) + "?=";
}

std::string random_hex(int bytes) {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  std::string out;
  static constexpr char kHex[] = "0123456789abcdef";
  for (int i = 0; i < bytes; ++i) {
    const auto b = static_cast<unsigned>(rng() & 0xff);
    out += {kHex[b >> 4], kHex[b & 15]};
  }
  return out;
}

std::string scrub(std::string message, const std::string& secret) {
  if (secret.empty()) return message;
  for (size_t at; (at = message.find(secret)) != std::string::npos;) message.replace(at, secret.size(), "***");
  return message;
}

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct MimeDeleter {
  void operator()(curl_mime* m) const { curl_mime_free(m); }
};
struct ListDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

void append(std::unique_ptr<curl_slist, ListDeleter>& list, const std::string& line) {
  curl_slist* grown = curl_slist_append(list.get(), line.c_str());
  if (grown == nullptr) throw Error("out of memory building a mail");
  list.release();
  list.reset(grown);
}

}  // namespace

Secret resolve_password(const std::string& ref) {
  if (ref.rfind("env:", 0) == 0) {
    const std::string name = ref.substr(4);
    const char* value = std::getenv(name.c_str());
    if (value == nullptr || *value == '\0') throw Error("SMTP password " + ref + ": the variable is not set");
    return Secret(value);
  }
  if (ref.rfind("file:", 0) == 0) {
    try {
      return read_secret_file(ref.substr(5));
    } catch (const Error& e) {
      throw Error("SMTP password " + ref + ": " + e.what());
    }
  }
  throw Error("SMTP password reference must be env:NAME or file:/path");
}

std::string rfc5322_date(Instant t) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto day = date::floor<date::days>(t);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss<std::chrono::seconds> hms{t - day};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %d %02d:%02d:%02d +0000", kDays[date::weekday{day}.c_encoding()],
                static_cast<unsigned>(ymd.day()), kMonths[static_cast<unsigned>(ymd.month()) - 1],
                static_cast<int>(ymd.year()), static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
  return buf;
}

std::string send_mail(const SmtpSettings& smtp, const Mail& mail) {
  static std::once_flag init;
  std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  if (mail.to.empty()) throw Error("a mail needs at least one recipient");
  for (const std::string& a : mail.to) {
    if (!valid_address(a)) throw Error("'" + a + "' is not an e-mail address");
  }
  const Secret password = smtp.password_ref.empty() ? Secret() : resolve_password(smtp.password_ref);

  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) throw Error("cannot start libcurl");
  CURL* c = curl.get();
  char errbuf[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(c, CURLOPT_URL, smtp.url.c_str());
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 120L);
  if (smtp.starttls) curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!smtp.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, smtp.ca_file.c_str());
  if (!smtp.username.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, smtp.username.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, password.value().c_str());
  }
  const std::string from = "<" + smtp.from + ">";
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
  std::unique_ptr<curl_slist, ListDeleter> rcpt;
  std::string to_header;
  for (const std::string& a : mail.to) {
    append(rcpt, "<" + a + ">");
    to_header += (to_header.empty() ? "" : ", ") + a;
  }
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt.get());

  const std::string domain = smtp.from.substr(smtp.from.find('@') + 1);
  const std::string message_id = "<" + random_hex(12) + "." + std::to_string(mail.date.time_since_epoch().count()) +
                                 "@" + domain + ">";
  std::unique_ptr<curl_slist, ListDeleter> headers;
  append(headers, "Date: " + rfc5322_date(mail.date));
  append(headers, "From: " + smtp.from);
  append(headers, "To: " + to_header);
  append(headers, "Subject: " + header_value(mail.subject));
  append(headers, "Message-ID: " + message_id);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());

  std::unique_ptr<curl_mime, MimeDeleter> mime(curl_mime_init(c));
  curl_mime* alt = curl_mime_init(c);
  curl_mimepart* part = curl_mime_addpart(alt);
  curl_mime_data(part, mail.text.data(), mail.text.size());
  curl_mime_type(part, "text/plain; charset=utf-8");
  curl_mime_encoder(part, "quoted-printable");
  part = curl_mime_addpart(alt);
  curl_mime_data(part, mail.html.data(), mail.html.size());
  curl_mime_type(part, "text/html; charset=utf-8");
  curl_mime_encoder(part, "quoted-printable");
  part = curl_mime_addpart(mime.get());
  curl_mime_subparts(part, alt);  // the part owns `alt` now
  curl_mime_type(part, "multipart/alternative");
  {
    curl_slist* inline_header = curl_slist_append(nullptr, "Content-Disposition: inline");
    curl_mime_headers(part, inline_header, 1);
  }
  for (const Attachment& a : mail.attachments) {
    part = curl_mime_addpart(mime.get());
    curl_mime_data(part, a.data.data(), a.data.size());
    curl_mime_type(part, a.content_type.c_str());
    curl_mime_filename(part, a.filename.c_str());
    curl_mime_encoder(part, "base64");
  }
  curl_easy_setopt(c, CURLOPT_MIMEPOST, mime.get());

  const CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) {
    long code = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
    std::string reason = errbuf[0] != '\0' ? errbuf : curl_easy_strerror(rc);
    while (!reason.empty() && (reason.back() == '\n' || reason.back() == '\r')) reason.pop_back();
    std::string message = "SMTP " + smtp.url + ": " + reason;
    if (code > 0) message += " (server answered " + std::to_string(code) + ")";
    throw Error(scrub(message, password.value()));
  }
  return message_id;
}

}  // namespace luckyhub::delivery
