// The alert endpoints (server/alerts_api.h) on a copy of the shared
// simulation after one `luckyhub alerts` run: /api/alerts lists the tools'
// firing alerts with their labels; a silence created by POST /api/silences
// marks exactly the alerts it matches, DELETE expires it; bad bodies are
// 400, wrong methods 405, unknown silences 404; the inhibition rules of
// `serve --routing` mark the inhibited alerts.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include <nlohmann/json.hpp>

#include "server/alerts_api.h"
#include "server/http_client.h"
#include "server/http_server.h"
#include "support/shared_sim.h"

namespace luckyhub::testing {
namespace {

using nlohmann::json;

class AlertsApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = temp_dir() + "/alerts-api.db";
    std::filesystem::copy_file(shared_sim().warehouse_path, path_);
    std::string out, err;
    ASSERT_EQ(run_luckyhub("--quiet alerts --warehouse " + path_ + " --format json", &out, &err), 0) << err;
    evaluated_ = json::parse(out);
    server::ServerOptions options;
    options.port = 0;
    server_ = std::make_unique<server::HttpServer>(options, path_);
    server_->start();
  }
  void TearDown() override { server::set_alert_routing(nullptr); }

  HttpReply send(const std::string& method, const std::string& target, const std::string& body = "") {
    HttpConnection c(server_->port());
    c.send_raw(method + " " + target + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " +
               std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    return c.read_reply();
  }

  json get(const std::string& target) {
    const HttpReply r = http_get(server_->port(), target);
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body);
  }

  std::string path_;
  json evaluated_;
  std::unique_ptr<server::HttpServer> server_;
};

TEST_F(AlertsApiTest, ListsAlertsAndSilencesThemUntilExpired) {
  const json listed = get("/api/alerts");
  std::map<std::string, json> by_key;  // rule/instance/object -> alert
  for (const json& a : listed["alerts"]) by_key[a["rule"].get<std::string>() + "/" + a["instance"].get<std::string>() + "/" + a["object"].get<std::string>()] = a;
  // The tools' alerts of the run, and the simulated fleet's health alerts (the collector's).
  ASSERT_GT(by_key.size(), evaluated_["alerts"].size());
  for (const auto& [key, a] : by_key) {
    if (a["labels"]["tool"] != "fleet-health") continue;
    EXPECT_EQ(a["labels"]["department"], "it");
    EXPECT_EQ(a["labels"]["alertname"], a["rule"]);
  }
  for (const json& a : evaluated_["alerts"]) {
    const std::string key = a["rule"].get<std::string>() + "/" + a["instance"].get<std::string>() + "/" + a["object"].get<std::string>();
    ASSERT_TRUE(by_key.count(key)) << key;
    EXPECT_EQ(by_key[key]["labels"], a["labels"]);
    EXPECT_EQ(by_key[key]["state"], "firing");
    EXPECT_EQ(by_key[key]["silenced_by"], "");
    EXPECT_EQ(by_key[key]["inhibited"], false);
  }
  EXPECT_EQ(get("/api/silences")["silences"], json::array());

  // Silence every DeliveryOverdue of one supplier.
  std::string supplier;
  int overdue_of_supplier = 0;
  for (const json& a : listed["alerts"])
    if (a["rule"] == "DeliveryOverdue") supplier = a["instance"];
  ASSERT_FALSE(supplier.empty());
  for (const json& a : listed["alerts"]) overdue_of_supplier += a["rule"] == "DeliveryOverdue" && a["instance"] == supplier;
  const HttpReply created = send("POST", "/api/silences",
                                 json{{"matchers", {"alertname=DeliveryOverdue", "instance=" + json(supplier).dump()}},
                                      {"duration", "2h"}, {"created_by", "test"}, {"comment", "supplier called"}}.dump());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = json::parse(created.body)["id"];
  int silenced = 0;
  const json after = get("/api/alerts");
  for (const json& a : after["alerts"]) {
    const bool match = a["rule"] == "DeliveryOverdue" && a["instance"] == supplier;
    EXPECT_EQ(a["silenced_by"], match ? id : "") << a["summary"];
    silenced += match;
  }
  EXPECT_EQ(silenced, overdue_of_supplier);
  const json silences = get("/api/silences")["silences"];
  ASSERT_EQ(silences.size(), 1u);
  EXPECT_EQ(silences[0]["state"], "active");
  EXPECT_EQ(silences[0]["created_by"], "test");
  EXPECT_EQ(silences[0]["matchers"][0], "alertname=\"DeliveryOverdue\"");

  const HttpReply expired = send("DELETE", "/api/silences/" + id);
  ASSERT_EQ(expired.status, 200) << expired.body;
  EXPECT_EQ(json::parse(expired.body)["expired"], true);
  EXPECT_EQ(json::parse(send("DELETE", "/api/silences/" + id).body)["expired"], false);
  EXPECT_EQ(get("/api/silences")["silences"][0]["state"], "expired");
  const json finally = get("/api/alerts");
  for (const json& a : finally["alerts"]) EXPECT_EQ(a["silenced_by"], "");
}

TEST_F(AlertsApiTest, RefusesBadRequests) {
  const HttpReply bad = send("POST", "/api/silences", R"({"matchers": ["alertname=X"], "duration": "2h"})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(json::parse(bad.body)["error"], "silence: \"created_by\" is required (a non-empty string)");
  EXPECT_EQ(send("POST", "/api/silences", "{").status, 400);
  EXPECT_EQ(send("DELETE", "/api/silences/s-unknown").status, 404);
  EXPECT_EQ(send("PUT", "/api/silences", "{}").status, 405);
  EXPECT_EQ(send("POST", "/api/alerts", "{}").status, 405);
  EXPECT_EQ(http_get(server_->port(), "/api/alerts?state=firing").status, 400);
  EXPECT_EQ(get("/api/silences")["silences"], json::array());  // nothing stored
}

TEST_F(AlertsApiTest, InhibitionRulesOfTheRoutingFileMarkInhibitedAlerts) {
  const std::string file = write_file(temp_dir(), "routing.toml", R"(
[route]
receiver = "it"
[[receiver]]
name = "it"
webhook_url = "http://127.0.0.1:9/"
[[inhibit]]
source_matchers = ["alertname=ReconciliationBreak"]
target_matchers = ["department=supply-chain"]
)");
  server::set_alert_routing(std::make_shared<const alerts::RoutingConfig>(alerts::load_routing(file)));
  const json listed = get("/api/alerts");
  EXPECT_EQ(listed["inhibit_rules"], 1);
  int inhibited = 0, supply = 0;
  for (const json& a : listed["alerts"]) {
    EXPECT_EQ(a["inhibited"], a["labels"]["department"] == "supply-chain") << a["summary"];
    inhibited += a["inhibited"].get<bool>();
    supply += a["labels"]["department"] == "supply-chain";
  }
  EXPECT_GT(inhibited, 0);
  EXPECT_EQ(inhibited, supply);
}

}  // namespace
}  // namespace luckyhub::testing
