// PUT /api/staffing/actual on a copy of the shared simulation's warehouse
// (on ClickHouse, the shared simulation itself: its entered tables): a valid
// week is stored and shows in the staffing report; a negative staff count,
// an unknown store, a week that is not a Monday, a bad body are 400 and
// change nothing. The week written, 2026-01-26, is none of the weeks the
// cross-engine tests compare (tests/clickhouse/clickhouse_reports_test.cc).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "server/http_client.h"
#include "server/http_server.h"
#include "support/shared_sim.h"

namespace luckyhub::testing {
namespace {

using nlohmann::json;

class StaffingPutTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = clickhouse_test_location("luckyhub");
    if (path_.empty()) {
      path_ = temp_dir() + "/staffing.db";
      std::filesystem::copy_file(shared_sim().warehouse_path, path_);
    }
    server::ServerOptions options;
    options.port = 0;
    options.report_wait = std::chrono::milliseconds(60000);
    server_ = std::make_unique<server::HttpServer>(options, path_);
    server_->start();
  }

  HttpReply put(const std::string& body, const std::string& target = "/api/staffing/actual") {
    HttpConnection c(server_->port());
    c.send_raw("PUT " + target + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " +
               std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    return c.read_reply();
  }

  // The actual staff column of store 1's week of 2026-01-26, Monday 08:00.
  json monday_eight() {
    const HttpReply r = http_get(server_->port(), "/api/reports/staffing?store=1&week=2026-01-26");
    EXPECT_EQ(r.status, 200) << r.body;
    const json report = json::parse(r.body);
    for (const json& p : report["panels"]) {
      if (p["id"] != "hours") continue;
      for (const json& row : p["rows"])
        if (row[0] == "2026-01-26" && row[1] == "08:00") return row[11];
    }
    ADD_FAILURE() << "no Monday 08:00 row";
    return {};
  }

  static std::string body(int64_t store, const std::string& week, int monday_eight_staff) {
    json staff = json::array();
    for (int d = 0; d < 7; ++d) {
      json day = json::array();
      for (int h = 0; h < 24; ++h) day.push_back(d == 0 && h == 8 ? json(monday_eight_staff) : json(nullptr));
      staff.push_back(day);
    }
    return json{{"store", store}, {"week", week}, {"staff", staff}}.dump();
  }

  std::string path_;
  std::unique_ptr<server::HttpServer> server_;
};

TEST_F(StaffingPutTest, StoredAndShownThenBadBodiesChangeNothing) {
  EXPECT_TRUE(monday_eight().is_null());
  EXPECT_EQ(put(body(1, "2026-01-26", 3)).status, 204);
  EXPECT_EQ(monday_eight(), 3);
  for (const std::string& bad : {body(1, "2026-01-26", -2), body(99999, "2026-01-26", 4), body(1, "2026-01-27", 4),
                                 body(1, "2030-01-07", 4), std::string("{\"store\":1}"), std::string("[1,2")}) {
    SCOPED_TRACE(bad.substr(0, 60));
    const HttpReply r = put(bad);
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_TRUE(json::parse(r.body).contains("error")) << r.body;
  }
  EXPECT_EQ(monday_eight(), 3);
  const HttpReply elsewhere = put(body(1, "2026-01-26", 4), "/api/staffing/other");
  EXPECT_EQ(elsewhere.status, 405);
  EXPECT_EQ(monday_eight(), 3);
}

// The schedule PDF: one page per store, its text extractable (pdftotext).
TEST_F(StaffingPutTest, SchedulePdfHasAPagePerStoreAsText) {
  ASSERT_EQ(put(body(1, "2026-01-26", 3)).status, 204);
  const HttpReply one = http_get(server_->port(), "/api/staffing/schedule.pdf?store=1&week=2026-01-26");
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(one.headers.at("content-type"), "application/pdf");
  const std::string dir = temp_dir();
  auto text_of = [&](const std::string& pdf) {
    std::ofstream(dir + "/s.pdf", std::ios::binary) << pdf;
    EXPECT_EQ(std::system(("pdftotext -layout " + dir + "/s.pdf " + dir + "/s.txt").c_str()), 0);
    std::ifstream in(dir + "/s.txt");
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  const std::string text = text_of(one.body);
  EXPECT_NE(text.find("Weekly staffing schedule: Luckin Coffee"), std::string::npos) << text;
  EXPECT_NE(text.find("Week of 2026-01-26 to 2026-02-01"), std::string::npos) << text;
  EXPECT_NE(text.find("Mon 01-26"), std::string::npos) << text;
  std::string monday_eight = text.substr(text.find("\n08:00"), 60);
  std::erase(monday_eight, ' ');
  EXPECT_NE(monday_eight.find("/3"), std::string::npos) << "Monday 08:00's actual staff after the slash: " << text;
  EXPECT_EQ(std::count(text.begin(), text.end(), '\f'), 1) << "one page";

  const HttpReply all = http_get(server_->port(), "/api/staffing/schedule.pdf?week=2026-01-26");
  ASSERT_EQ(all.status, 200);
  const std::string every = text_of(all.body);
  const HttpReply report = http_get(server_->port(), "/api/reports/staffing?week=2026-01-26");
  const json doc = json::parse(report.body);
  size_t stores = 0;
  for (const json& p : doc["panels"])
    if (p["id"] == "stores") stores = p["rows"].size();
  EXPECT_GT(stores, 1u);
  EXPECT_EQ(static_cast<size_t>(std::count(every.begin(), every.end(), '\f')), stores);
  size_t titles = 0;
  for (size_t at = every.find("Weekly staffing schedule:"); at != std::string::npos; at = every.find("Weekly staffing schedule:", at + 1))
    ++titles;
  EXPECT_EQ(titles, stores);

  EXPECT_EQ(http_get(server_->port(), "/api/staffing/schedule.pdf?week=2026-01-27").status, 400);

  // /api/reports/staffing.pdf is the generic report export, as for every tool.
  const HttpReply generic = http_get(server_->port(), "/api/reports/staffing.pdf?week=2026-01-26");
  ASSERT_EQ(generic.status, 200) << generic.body;
  EXPECT_EQ(generic.headers.at("content-disposition").rfind("attachment; filename=\"staffing-", 0), 0u);
  EXPECT_NE(text_of(generic.body).find("Demand and recommended staff per hour"), std::string::npos);
}

}  // namespace
}  // namespace luckyhub::testing
