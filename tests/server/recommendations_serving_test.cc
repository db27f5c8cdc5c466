// GET /api/recommendations/{user_no}?n= on the shared simulation: the list
// equals the report's profile_recommendations for the same customer and k
// (the same blend, trained once per warehouse version); an unknown customer
// is 404, a bad user_no, n or parameter 400.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "server/http_client.h"
#include "server/http_server.h"
#include "support/shared_sim.h"

namespace luckyhub::testing {
namespace {

using nlohmann::json;

class RecommendationsServingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server::ServerOptions options;
    options.port = 0;
    options.report_wait = std::chrono::milliseconds(60000);
    server_ = std::make_unique<server::HttpServer>(options, shared_sim().warehouse_path);
    server_->start();
  }
  json panel(const json& report, const std::string& id) {
    for (const json& p : report["panels"]) {
      if (p["id"] == id) return p;
    }
    ADD_FAILURE() << "no panel " << id;
    return {};
  }
  std::unique_ptr<server::HttpServer> server_;
};

TEST_F(RecommendationsServingTest, EqualsTheReportsProfile) {
  // A customer from the report's own evaluation: customer-360's churn-risk list.
  const HttpReply c360 = http_get(server_->port(), "/api/reports/customer-360");
  ASSERT_EQ(c360.status, 200) << c360.body;
  const std::string user = panel(json::parse(c360.body), "churn_risk")["rows"][0][0];
  const HttpReply report = http_get(server_->port(), "/api/reports/recommendations?k=5&user=" + user);
  ASSERT_EQ(report.status, 200) << report.body;
  const json expected = panel(json::parse(report.body), "profile_recommendations")["rows"];
  ASSERT_FALSE(expected.empty());

  const HttpReply served = http_get(server_->port(), "/api/recommendations/" + user + "?n=5");
  ASSERT_EQ(served.status, 200) << served.body;
  const json got = json::parse(served.body);
  EXPECT_EQ(got["user_no"], user);
  ASSERT_EQ(got["recommendations"].size(), expected.size());
  for (size_t r = 0; r < expected.size(); ++r) {
    EXPECT_EQ(got["recommendations"][r]["rank"], expected[r][0]);
    EXPECT_EQ(got["recommendations"][r]["product"], expected[r][1]);
    EXPECT_EQ(got["recommendations"][r]["score"], expected[r][3]);
    EXPECT_EQ(got["recommendations"][r]["reason"], expected[r][4]);
  }
  // Served again from the trained model: the same answer.
  EXPECT_EQ(http_get(server_->port(), "/api/recommendations/" + user + "?n=5").body, served.body);
}

TEST_F(RecommendationsServingTest, RefusesWhatItCannotAnswer) {
  EXPECT_EQ(http_get(server_->port(), "/api/recommendations/1").status, 404);
  EXPECT_EQ(http_get(server_->port(), "/api/recommendations/12ab").status, 400);
  EXPECT_EQ(http_get(server_->port(), "/api/recommendations/10000027?n=0").status, 400);
  EXPECT_EQ(http_get(server_->port(), "/api/recommendations/10000027?n=51").status, 400);
  EXPECT_EQ(http_get(server_->port(), "/api/recommendations/10000027?n=x").status, 400);
  EXPECT_EQ(http_get(server_->port(), "/api/recommendations/10000027?limit=3").status, 400);
}

}  // namespace
}  // namespace luckyhub::testing
