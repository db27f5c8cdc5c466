// GET /api/home on a real server: the headlines of every tool, computed once
// per warehouse version and never by running a tool's report.
#include <gtest/gtest.h>
#include <utime.h>

#include <nlohmann/json.hpp>

#include "server/http_client.h"
#include "server/http_server.h"
#include "support/shared_sim.h"
#include "support/tiny_warehouse.h"
#include "tools/registry.h"

namespace luckyhub::testing {
namespace {

using nlohmann::json;

// A fresh server (an empty cache) on a warehouse.
class HomeServer {
 public:
  explicit HomeServer(const std::string& warehouse) {
    server::ServerOptions options;
    options.port = 0;
    options.report_wait = std::chrono::milliseconds(60000);  // no 202: the answer itself
    server_ = std::make_unique<server::HttpServer>(options, warehouse);
    server_->start();
  }
  HttpReply get(const std::string& target) const { return http_get(server_->port(), target); }
  json health() const { return json::parse(get("/api/health").body); }
  uint16_t port() const { return server_->port(); }

 private:
  std::unique_ptr<server::HttpServer> server_;
};

const json& tool_in(const json& home, const std::string& id) {
  for (const json& t : home["tools"]) {
    if (t["id"] == id) return t;
  }
  throw std::runtime_error("no tool " + id + " in " + home.dump());
}

TEST(HomeTest, FirstVisitComputesEveryHeadlineAndNoReport) {
  HomeServer server(shared_sim().warehouse_path);
  const uint64_t computes_before = ToolRegistry::instance().computations();
  const HttpReply r = server.get("/api/home");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers.at("content-type"), "application/json");
  const json home = json::parse(r.body);
  EXPECT_EQ(home["as_of"], "2026-02-13");
  // A simulation is complete at its as-of: deletions reconciled at its midnight.
  EXPECT_EQ(home["deletions_reconciled"], "2026-02-13 00:00:00");
  ASSERT_EQ(home["tools"].size(), ToolRegistry::instance().list().size());

  // The figures are the headlines' own, each linked to the report that shows it.
  auto warehouse = open_shared_warehouse();
  for (const Tool* tool : ToolRegistry::instance().list()) {
    const json& entry = tool_in(home, tool->id);
    const Headline expected = run_headline(*tool, *warehouse);
    EXPECT_FALSE(entry.contains("error")) << entry.dump();
    ASSERT_EQ(entry["figures"].size(), expected.figures.size()) << tool->id;
    for (size_t i = 0; i < expected.figures.size(); ++i) {
      const json& figure = entry["figures"][i];
      const HeadlineFigure& want = expected.figures[i];
      EXPECT_EQ(figure["id"], want.tile.id);
      EXPECT_EQ(figure["status"], to_string(want.tile.status));
      if (const auto* n = std::get_if<int64_t>(&want.tile.value)) {
        EXPECT_EQ(figure["value"], *n);
      } else {
        EXPECT_EQ(figure["value"], std::get<double>(want.tile.value));
      }
      EXPECT_EQ(figure["link"].get<std::string>().rfind("/tools/" + tool->id, 0), 0u)
          << figure["link"];
    }
  }
  EXPECT_GE(tool_in(home, "payment-fees")["figures"].size(), 2u);
  EXPECT_EQ(tool_in(home, "payment-fees")["figures"][0]["link"],
            "/tools/payment-fees?from=2026-01-01&to=2026-02-01");

  const json health = server.health();
  EXPECT_EQ(health["home_computations"], 1);
  EXPECT_EQ(health["computations"], 0);                                 // no report job
  EXPECT_EQ(ToolRegistry::instance().computations(), computes_before);  // no tool's compute at all
}

TEST(HomeTest, LaterVisitsAreServedFromMemory) {
  HomeServer server(shared_sim().warehouse_path);
  const HttpReply first = server.get("/api/home");
  ASSERT_EQ(first.status, 200);
  const HttpReply again = server.get("/api/home");
  EXPECT_EQ(again.body, first.body);
  EXPECT_EQ(server.health()["home_computations"], 1);
  HttpConnection c(server.port());
  c.send_raw("GET /api/home HTTP/1.1\r\nHost: x\r\nIf-None-Match: " + first.headers.at("etag") +
             "\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(c.read_reply().status, 304);
}

TEST(HomeTest, ParametersAreRefused) {
  HomeServer server(shared_sim().warehouse_path);
  const HttpReply r = server.get("/api/home?from=2026-01-01");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(json::parse(r.body)["error"], "/api/home takes no parameters (got 'from')");
  EXPECT_EQ(server.get("/api/home/payment-fees").status, 404);
  EXPECT_EQ(server.health()["home_computations"], 0);
}

// A warehouse with one row in each table the headlines read (and no health
// history, which two headlines answer with a note).
void add_sales_rows(TinyWarehouse& w) {
  w.add("luckyus_sales_order", "t_order",
        {{"id", int64_t{1}},
         {"tenant", "LKUS"},
         {"order_no", "O1"},
         {"currency_code", "USD"},
         {"status", int64_t{40}},
         {"pay_money", int64_t{400}},
         {"pay_time", "2026-01-05 15:00:00"}});
  w.add("luckyus_sales_order", "t_order_item",
        {{"id", int64_t{1}},
         {"order_id", int64_t{1}},
         {"pay_money", int64_t{400}},
         {"tax", int64_t{36}},
         {"tax_rate", int64_t{8875}}});
  w.add("luckyus_sales_payment", "t_trade",
        {{"id", int64_t{1}},
         {"tenant", "LKUS"},
         {"trade_no", "T1"},
         {"order_no", "O1"},
         {"trade_type", int64_t{1}},
         {"trade_status", int64_t{20}},
         {"amount", int64_t{400}},
         {"currency_code", "USD"},
         {"pay_time", "2026-01-05 15:00:00"}});
  w.add("luckyus_sales_payment", "t_channel_fee",
        {{"id", int64_t{1}}, {"tenant", "LKUS"}, {"trade_no", "T1"}, {"total_fee", int64_t{8}}});
  w.add("luckyus_opshop", "t_shop_info",
        {{"id", int64_t{1}}, {"tenant", "LKUS"}, {"currency_code", "USD"}});
  w.add(
      "luckyus_ifiaccounting", "t_acc_income_bill",
      {{"id", int64_t{1}}, {"tenant", "LKUS"}, {"currency_code", "USD"}, {"status", int64_t{20}}});
  w.add(
      "luckyus_ifiaccounting", "t_acc_cost_bill",
      {{"id", int64_t{1}}, {"tenant", "LKUS"}, {"currency_code", "USD"}, {"status", int64_t{20}}});
}

TEST(HomeTest, ANewWarehouseVersionIsComputedAgain) {
  TinyWarehouse tiny("2026-01-01", "2026-02-01");  // the last full month: January
  add_sales_rows(tiny);
  tiny.open();
  HomeServer server(tiny.path());
  const json home = json::parse(server.get("/api/home").body);
  EXPECT_EQ(tool_in(home, "payment-fees")["figures"][1]["value"], 8);  // T1's fee
  EXPECT_EQ(tool_in(home, "fleet-health")["figures"].size(), 0u);
  EXPECT_NE(tool_in(home, "fleet-health")["note"].get<std::string>().find("No health history"),
            std::string::npos);
  server.get("/api/home");
  EXPECT_EQ(server.health()["home_computations"], 1);
  const utimbuf later{.actime = 2000000000, .modtime = 2000000000};  // a writer replaced the file
  ASSERT_EQ(::utime(tiny.path().c_str(), &later), 0);
  server.get("/api/home");
  EXPECT_EQ(server.health()["home_computations"], 2);
}

TEST(HomeTest, AFailedHeadlineIsShownInItsToolAndNotKept) {
  TinyWarehouse tiny("2026-01-01", "2026-01-08");  // no sales tables: the finance headlines fail
  tiny.add("luckyus_opshop", "t_shop_info",
           {{"id", int64_t{1}}, {"tenant", "LKUS"}, {"currency_code", "USD"}});
  tiny.open();
  HomeServer server(tiny.path());
  const HttpReply r = server.get("/api/home");
  ASSERT_EQ(r.status, 200);
  const json home = json::parse(r.body);
  EXPECT_NE(tool_in(home, "tax-gap")["error"].get<std::string>().find("the headline failed: "),
            std::string::npos);
  EXPECT_FALSE(tool_in(home, "fleet-health").contains("error"));  // the others still answer
  server.get("/api/home");
  EXPECT_EQ(server.health()["home_computations"], 2);  // tried again
}

}  // namespace
}  // namespace luckyhub::testing
