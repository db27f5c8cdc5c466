// Parameters a person can read, through the server: /api/tools gives every
// parameter its label and marks those whose values come from the data, and
// GET /api/tools/{tool}/options lists those values by name, checked here
// against plain SQL on the shared small simulation.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <nlohmann/json.hpp>

#include "server/http_client.h"
#include "server/http_server.h"
#include "support/shared_sim.h"

namespace luckyhub::testing {
namespace {

using nlohmann::json;

class ParamOptionsApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server::ServerOptions options;
    options.port = 0;
    options.report_wait = std::chrono::milliseconds(60000);
    server_ = std::make_unique<server::HttpServer>(options, shared_sim().warehouse_path);
    server_->start();
  }
  static void TearDownTestSuite() { server_.reset(); }
  static HttpReply get(const std::string& target) { return http_get(server_->port(), target); }

  static inline std::unique_ptr<server::HttpServer> server_;
};

const json& tool_of(const json& doc, const std::string& id) {
  for (const json& t : doc.at("tools"))
    if (t.at("id") == id) return t;
  throw std::runtime_error("no tool " + id);
}

TEST_F(ParamOptionsApiTest, ToolsGivesEveryParameterALabelAndMarksTheDataValuedOnes) {
  const HttpReply r = get("/api/tools");
  ASSERT_EQ(r.status, 200);
  const json doc = json::parse(r.body);
  int params = 0;
  for (const json& t : doc.at("tools")) {
    for (const json& p : t.at("params")) {
      ++params;
      ASSERT_TRUE(p.contains("label")) << t["id"] << " " << p["name"];
      EXPECT_FALSE(p.at("label").get<std::string>().empty()) << t["id"] << " " << p["name"];
    }
  }
  EXPECT_GE(params, 96);
  // Written out from the catalog: a parameter naming a store, a channel, an instance.
  const std::map<std::string, std::set<std::string>> data_valued = {
      {"payment-fees", {"shift_from", "shift_to", "incentive_to"}}, {"staffing", {"store"}},
      {"fleet-health", {"instance"}}, {"redis-console", {"instance"}}, {"machines", {"device"}}};
  for (const auto& [id, names] : data_valued) {
    for (const json& p : tool_of(doc, id).at("params")) {
      const bool marked = p.value("options", false);
      EXPECT_EQ(marked, names.count(p.at("name").get<std::string>()) > 0) << id << " " << p["name"];
    }
  }
  const json& fees = tool_of(doc, "payment-fees");
  for (const json& p : fees.at("params")) {
    if (p.at("name") == "shift_from") {
      EXPECT_EQ(p.at("label"), "What-if: steer away from channel");
    }
    if (p.at("name") == "currency") {
      EXPECT_FALSE(p.contains("options"));
    }
  }
  for (const json& p : tool_of(doc, "redis-console").at("params")) {
    if (p.at("name") == "usd_per_gib_month") {
      EXPECT_EQ(p.at("label"), "Memory price (USD per GiB-month)");
    }
  }
}

TEST_F(ParamOptionsApiTest, StoresAreListedByNameAsTheWarehouseHoldsThem) {
  const HttpReply r = get("/api/tools/staffing/options");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers.at("content-type"), "application/json");
  EXPECT_FALSE(r.headers.at("etag").empty());
  const json doc = json::parse(r.body);
  ASSERT_EQ(doc.size(), 1u) << r.body;  // staffing's one data-valued parameter
  const auto wh = open_shared_warehouse();
  const ResultSet stores =
      wh->query("SELECT id, shop_name FROM opshop__t_shop_info WHERE tenant = 'LKUS' ORDER BY id", {});
  ASSERT_GE(stores.size(), 2u);
  json expected = json::array();
  for (size_t i = 0; i < stores.size(); ++i)
    expected.push_back({{"value", stores.text_at(i, 0)}, {"name", stores.text_at(i, 1)}});
  EXPECT_EQ(doc.at("store"), expected);
  // The same list for every tool with a store parameter.
  for (const std::string tool : {"stores", "menu", "production-time", "recommendations"}) {
    const HttpReply o = get("/api/tools/" + tool + "/options");
    ASSERT_EQ(o.status, 200) << tool << " " << o.body;
    EXPECT_EQ(json::parse(o.body).at("store"), expected) << tool;
  }
  // Asked again: the same body and validator (kept per warehouse version).
  const HttpReply again = get("/api/tools/staffing/options");
  EXPECT_EQ(again.body, r.body);
  EXPECT_EQ(again.headers.at("etag"), r.headers.at("etag"));
  HttpConnection c(server_->port());
  c.send_raw("GET /api/tools/staffing/options HTTP/1.1\r\nHost: x\r\nIf-None-Match: " + r.headers.at("etag") +
             "\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(c.read_reply().status, 304);
}

TEST_F(ParamOptionsApiTest, ChannelsAndInstancesByName) {
  const HttpReply r = get("/api/tools/payment-fees/options");
  ASSERT_EQ(r.status, 200) << r.body;
  const json doc = json::parse(r.body);
  EXPECT_EQ(doc.size(), 3u);
  EXPECT_EQ(doc.at("shift_from"), doc.at("shift_to"));
  EXPECT_EQ(doc.at("shift_from"), doc.at("incentive_to"));
  bool debit = false;
  for (const json& o : doc.at("shift_to")) debit = debit || (o == json{{"value", "3"}, {"name", "Debit card (3)"}});
  EXPECT_TRUE(debit) << doc.at("shift_to");
  const auto wh = open_shared_warehouse();
  EXPECT_EQ(doc.at("shift_to").size(),
            wh->query("SELECT channel_id FROM sales_payment__t_trade WHERE tenant = 'LKUS' GROUP BY channel_id", {})
                .size());
  const json redis = json::parse(get("/api/tools/redis-console/options").body).at("instance");
  const ResultSet instances = wh->query("SELECT instance FROM health__targets WHERE kind = 'redis' ORDER BY instance", {});
  ASSERT_EQ(redis.size(), instances.size());
  for (size_t i = 0; i < instances.size(); ++i) EXPECT_EQ(redis[i].at("value"), instances.text_at(i, 0));
}

TEST_F(ParamOptionsApiTest, NoDataValuedParametersIsEmptyAndAnUnknownToolIs404) {
  const HttpReply none = get("/api/tools/tax-gap/options");
  ASSERT_EQ(none.status, 200) << none.body;
  EXPECT_EQ(none.body, "{}");
  const HttpReply unknown = get("/api/tools/no-such-tool/options");
  EXPECT_EQ(unknown.status, 404) << unknown.body;
  EXPECT_TRUE(json::parse(unknown.body).contains("error"));
  EXPECT_EQ(get("/api/tools/staffing").status, 404);
  EXPECT_EQ(get("/api/tools/staffing/values").status, 404);
  EXPECT_EQ(get("/api/tools/options").status, 404);
  EXPECT_EQ(get("/api/tools/staffing/options?store=1").status, 400);
}

}  // namespace
}  // namespace luckyhub::testing
