// Alert delivery: Alertmanager's webhook JSON, POSTed to a receiver on a
// loopback socket.
#include "alerts/webhook.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "core/error.h"
#include "support/webhook_receiver.h"

namespace luckyhub::alerts {
namespace {

std::vector<AlertRecord> sample_alerts() {
  return {{{"ConnectionsNearMax", "db1", ""}, AlertState::kFiring, "warning", 1767225600, 1767225720, 0.9, 0.8, "db1: 90 of 100"},
          {{"TableGrowthWeekOverWeek", "db2", "s.t"}, AlertState::kResolved, "warning", 1767225600, 1767229200, 0.1, 0.2, "s.t"},
          {{"RedisMemoryHigh", "r1", ""}, AlertState::kPending, "warning", 1767225600, 1767225600, 0.9, 0.85, "pending"}};
}

TEST(Webhook, PayloadIsAlertmanagers) {
  const nlohmann::json j = nlohmann::json::parse(alertmanager_payload(sample_alerts(), "http://dash:8080"));
  EXPECT_EQ(j["version"], "4");
  EXPECT_EQ(j["status"], "firing");
  EXPECT_EQ(j["receiver"], "luckyhub");
  ASSERT_EQ(j["alerts"].size(), 2u);  // the pending one is not delivered
  const auto& a = j["alerts"][0];
  EXPECT_EQ(a["status"], "firing");
  EXPECT_EQ(a["labels"]["alertname"], "ConnectionsNearMax");
  EXPECT_EQ(a["labels"]["instance"], "db1");
  EXPECT_EQ(a["labels"]["severity"], "warning");
  EXPECT_EQ(a["startsAt"], "2026-01-01T00:00:00Z");
  EXPECT_EQ(a["endsAt"], "0001-01-01T00:00:00Z");
  EXPECT_EQ(a["generatorURL"], "http://dash:8080/tools/fleet-health");
  EXPECT_EQ(a["fingerprint"].get<std::string>().size(), 16u);
  const auto& r = j["alerts"][1];
  EXPECT_EQ(r["status"], "resolved");
  EXPECT_EQ(r["labels"]["object"], "s.t");
  EXPECT_EQ(r["endsAt"], "2026-01-01T01:00:00Z");
}

TEST(Webhook, PostsToALoopbackReceiver) {
  testing::WebhookReceiver receiver(200);
  const std::string body = alertmanager_payload(sample_alerts(), "");
  post_json(receiver.url(), body, 5000);
  const std::string request = receiver.wait_request();
  EXPECT_EQ(request.rfind("POST /alerts HTTP/1.1\r\n", 0), 0u);
  EXPECT_NE(request.find("Content-Type: application/json"), std::string::npos);
  EXPECT_EQ(request.substr(request.find("\r\n\r\n") + 4), body);
}

TEST(Webhook, ARefusalIsAnErrorNamingTheUrlWithoutUserinfo) {
  testing::WebhookReceiver receiver(500);
  const std::string url = "http://user:hunter2@127.0.0.1:" + receiver.url().substr(17);
  try {
    post_json(url, "{}", 5000);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("answered 500"), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).find("hunter2"), std::string::npos) << e.what();
  }
  receiver.wait_request();
}

TEST(Webhook, ANobodyListeningIsAnError) {
  int port;
  {
    testing::WebhookReceiver r(200);  // take a free port, then let it go
    port = std::stoi(r.url().substr(17));
    post_json(r.url(), "{}", 2000);
  }
  EXPECT_THROW(post_json("http://127.0.0.1:" + std::to_string(port) + "/x", "{}", 2000), Error);
}

}  // namespace
}  // namespace luckyhub::alerts
