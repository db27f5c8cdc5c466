// SMTP by libcurl against a real server (aiosmtpd) with STARTTLS and AUTH.
#include "delivery/smtp.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "delivery/smtp_fixture.h"

namespace luckyhub::delivery {
namespace {

Mail sample_mail() {
  return {.to = {"a@luckin.example", "b@luckin.example"},
          .subject = "Payment fees — daily",
          .text = "Fees: $1,234.56\n",
          .html = "<p>Fees: <b>$1,234.56</b></p>",
          .attachments = {{.filename = "payment-fees.csv", .content_type = "text/csv; charset=utf-8",
                           .data = "channel,fees\n53,\"1,234\"\n"}},
          .date = parse_utc("2026-03-08T13:00:00Z")};
}

TEST(Smtp, SendsOverStartTlsWithAuthAndMime) {
  testing::SmtpServer server;
  const std::string id = send_mail(server.settings(), sample_mail());
  const auto mails = server.wait_for(1);
  ASSERT_EQ(mails.size(), 1u);
  const testing::ReceivedMail& m = mails[0];
  EXPECT_EQ(m.headers.at("from"), "reports@luckin.example");
  EXPECT_EQ(m.headers.at("to"), "a@luckin.example, b@luckin.example");
  EXPECT_EQ(m.headers.at("x-envelope-to"), "a@luckin.example, b@luckin.example");
  EXPECT_EQ(m.headers.at("date"), "Sun, 08 Mar 2026 13:00:00 +0000");
  EXPECT_EQ(m.headers.at("message-id"), id);
  EXPECT_EQ(id.back(), '>');
  EXPECT_NE(id.find("@luckin.example>"), std::string::npos);
  // The em dash makes the subject RFC 2047.
  EXPECT_EQ(m.headers.at("subject").rfind("=?UTF-8?B?", 0), 0u);
  EXPECT_EQ(testing::decode_base64(m.headers.at("subject").substr(10)), "Payment fees — daily");
  EXPECT_EQ(m.part("text/plain").body, "Fees: $1,234.56\n");
  EXPECT_EQ(m.part("text/html").body, "<p>Fees: <b>$1,234.56</b></p>");
  const testing::MailPart& csv = m.part("text/csv");
  EXPECT_EQ(csv.body, "channel,fees\n53,\"1,234\"\n");
  EXPECT_NE(csv.headers.at("content-disposition").find("payment-fees.csv"), std::string::npos);
  EXPECT_NE(server.auth_log().find("ok "), std::string::npos);
}

TEST(Smtp, AWrongPasswordFailsAndTheMessageHoldsNoPassword) {
  testing::SmtpServer server;
  SmtpSettings s = server.settings();
  ::setenv("LUCKYHUB_TEST_WRONG_PASSWORD", "Wr0ng-secret-value", 1);
  s.password_ref = "env:LUCKYHUB_TEST_WRONG_PASSWORD";
  try {
    send_mail(s, sample_mail());
    FAIL() << "sent with a wrong password";
  } catch (const Error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("SMTP smtp://localhost:"), std::string::npos) << what;
    EXPECT_EQ(what.find("Wr0ng-secret-value"), std::string::npos) << what;
    EXPECT_EQ(what.find(testing::SmtpServer::kPassword), std::string::npos) << what;
  }
  EXPECT_NE(server.auth_log().find("bad "), std::string::npos);
  EXPECT_TRUE(server.messages().empty());
}

TEST(Smtp, RefusesAnUntrustedCertificate) {
  testing::SmtpServer server;
  SmtpSettings s = server.settings();
  s.ca_file = "";  // the system store does not trust the test's self-signed certificate
  EXPECT_THROW(send_mail(s, sample_mail()), Error);
  EXPECT_TRUE(server.messages().empty());
}

TEST(Smtp, AServerFailureIsAnErrorWithItsCode) {
  testing::SmtpServer server(451);
  try {
    send_mail(server.settings(), sample_mail());
    FAIL() << "sent to a failing server";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("451"), std::string::npos) << e.what();
  }
}

TEST(Smtp, PasswordReferences) {
  ::setenv("LUCKYHUB_TEST_PW_REF", "from-env", 1);
  EXPECT_EQ(resolve_password("env:LUCKYHUB_TEST_PW_REF").value(), "from-env");
  ::unsetenv("LUCKYHUB_TEST_PW_UNSET");
  try {
    resolve_password("env:LUCKYHUB_TEST_PW_UNSET");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "SMTP password env:LUCKYHUB_TEST_PW_UNSET: the variable is not set");
  }
  EXPECT_THROW(resolve_password("file:/nonexistent/pw"), Error);
  EXPECT_EQ(rfc5322_date(parse_utc("2026-11-01T06:30:05Z")), "Sun, 01 Nov 2026 06:30:05 +0000");
}

}  // namespace
}  // namespace luckyhub::delivery
