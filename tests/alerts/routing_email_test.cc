// The e-mail receiver over the scheduler's SMTP client, against a real SMTP
// server (tests/delivery/smtp_fixture.h: aiosmtpd with STARTTLS and AUTH):
// one mail per group notice, to the receiver's addresses, its subject and
// text naming the alerts.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "alerts/routing_dispatch.h"
#include "alerts/routing_email.h"
#include "delivery/smtp_fixture.h"
#include "support/shared_sim.h"

namespace luckyhub::alerts {
namespace {

TEST(RoutingEmail, AGroupNoticeArrivesAsOneMail) {
  testing::SmtpServer server;
  const std::string path = testing::write_file(testing::temp_dir(), "delivery.toml", R"(
[route]
receiver = "finance"
group_by = ["department"]
group_wait = "0s"

[[receiver]]
name = "finance"
email_to = ["finance@luckin.example", "cfo@luckin.example"]
)");
  const RoutingConfig config = load_routing(path);
  config.check_email(true);
  std::map<AlertKey, AlertRecord> alerts;
  for (const char* day : {"2025-10-02", "2025-12-09"}) {
    const AlertRecord a{{"ReconciliationBreak", "USD", day}, AlertState::kFiring, "critical", 1767225600, 1767225600, 1, 1,
                        std::string(day) + " does not reconcile"};
    alerts[a.key] = a;
  }
  Dispatcher dispatcher(config);
  const ReceiverContext context{.external_url = "http://luckyhub:8080", .email = smtp_email_sender(server.settings())};
  EXPECT_TRUE(deliver_notifications(config, dispatcher.tick(1767225600, alerts, {}), context, "test").empty());
  const auto mails = server.wait_for(1);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].headers.at("subject"), "luckyhub alerts [FIRING:2] department=finance");
  EXPECT_NE(mails[0].headers.at("to").find("cfo@luckin.example"), std::string::npos) << mails[0].headers.at("to");
  const std::string text = mails[0].part("text/plain").body;
  EXPECT_NE(text.find("FIRING ReconciliationBreak (critical) USD 2025-10-02: 2025-10-02 does not reconcile"), std::string::npos)
      << text;
  EXPECT_NE(text.find("FIRING ReconciliationBreak (critical) USD 2025-12-09"), std::string::npos) << text;
  EXPECT_NE(text.find("http://luckyhub:8080/tools/reconciliation"), std::string::npos) << text;
  EXPECT_NE(mails[0].part("text/html").body.find("2025-12-09 does not reconcile"), std::string::npos);
}

}  // namespace
}  // namespace luckyhub::alerts
