// The dashboard server in-process on an ephemeral loopback port, asked by a
// real socket client: the API's answers, its refusals, and that it keeps
// serving after each refusal.
#include <gtest/gtest.h>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <nlohmann/json.hpp>

#include "report/render.h"
#include "server/http_client.h"
#include "server/http_server.h"
#include "support/shared_sim.h"
#include "tools/registry.h"

namespace luckyhub::testing {
namespace {

using nlohmann::json;

class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server::ServerOptions options;
    options.port = 0;
    options.read_timeout = std::chrono::milliseconds(2000);
    options.report_wait = std::chrono::milliseconds(60000);  // 202 is tested separately
    server_ = std::make_unique<server::HttpServer>(options, shared_sim().warehouse_path);
    server_->start();
    port_ = server_->port();
  }
  static void TearDownTestSuite() { server_.reset(); }

  static HttpReply get(const std::string& target) { return http_get(port_, target); }
  static void expect_still_serving() { EXPECT_EQ(get("/api/health").status, 200); }
  static void expect_json_error(HttpReply r, int status) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.headers["content-type"], "application/json");
    EXPECT_TRUE(json::parse(r.body).contains("error")) << r.body;
    expect_still_serving();
  }

  static inline std::unique_ptr<server::HttpServer> server_;
  static inline uint16_t port_ = 0;
};

TEST_F(ServerTest, ToolsListsPaymentFeesAndTheSixDepartments) {
  HttpReply r = get("/api/tools");
  ASSERT_EQ(r.status, 200);
  const json doc = json::parse(r.body);
  EXPECT_EQ(doc["departments"].size(), 6u);
  const auto tool = std::find_if(doc["tools"].begin(), doc["tools"].end(),
                                 [](const json& t) { return t["id"] == "payment-fees"; });
  ASSERT_NE(tool, doc["tools"].end());
  EXPECT_EQ((*tool)["number"], 8);
  EXPECT_EQ((*tool)["department"], "finance");
  const json& currency = (*tool)["params"][2];
  EXPECT_EQ(currency["name"], "currency");
  EXPECT_EQ(currency["type"], "choice");
  EXPECT_EQ(currency["default"], "USD");
  EXPECT_EQ(currency["choices"], json::array({"USD", "NZD"}));
}

TEST_F(ServerTest, ReportRoundTripsAsRunToolsJson) {
  HttpReply r = get("/api/reports/payment-fees?shift_share=0.2&currency=USD");
  ASSERT_EQ(r.status, 200) << r.body;
  auto warehouse = open_shared_warehouse();
  const Report expected = run_tool(ToolRegistry::instance().get("payment-fees"), *warehouse,
                                   {{"shift_share", "0.2"}, {"currency", "USD"}});
  EXPECT_EQ(json::parse(r.body), report_to_json(expected));
  EXPECT_FALSE(r.headers["etag"].empty());
}

TEST_F(ServerTest, RepeatedRequestIsACacheHit) {
  get("/api/reports/payment-fees?shift_share=0.3");
  const json before = json::parse(get("/api/health").body);
  // The same canonical parameters, spelled differently: one computation.
  const HttpReply again = get("/api/reports/payment-fees?currency=USD&shift_share=0.3");
  ASSERT_EQ(again.status, 200);
  const json after = json::parse(get("/api/health").body);
  EXPECT_EQ(after["computations"], before["computations"]);
  EXPECT_EQ(after["cache_hits"].get<int>(), before["cache_hits"].get<int>() + 1);
}

TEST_F(ServerTest, ConditionalRequestGets304) {
  const HttpReply first = get("/api/reports/payment-fees");
  HttpConnection c(port_);
  c.send_raw("GET /api/reports/payment-fees HTTP/1.1\r\nHost: x\r\nIf-None-Match: " +
             first.headers.at("etag") + "\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(c.read_reply().status, 304);
}

TEST_F(ServerTest, CsvOfATablePanelIsAnAttachment) {
  HttpReply r = get("/api/reports/payment-fees.csv?panel=channels&currency=USD");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers["content-type"], "text/csv; charset=utf-8");
  EXPECT_EQ(r.headers["content-disposition"], "attachment; filename=\"payment-fees-channels.csv\"");
  EXPECT_EQ(r.body.substr(0, r.body.find('\n')),
            "channel_id,channel_name,transactions,revenue_cents,fee_cents,effective_rate,cost_rank,"
            "avg_ticket_cents,fixed_fee_cents,percent_fee,annual_fee_cents");
  expect_json_error(get("/api/reports/payment-fees.csv?panel=summary"), 400);  // not a table
}

TEST_F(ServerTest, MetricsArePrometheusTextOfTheFleet) {
  HttpReply r = get("/metrics");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.headers["content-type"], "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_NE(r.body.find("# TYPE luckyhub_up gauge\n"), std::string::npos);
  EXPECT_NE(r.body.find("luckyhub_up{instance=\"redis-42\",kind=\"redis\"} 1\n"), std::string::npos);
  EXPECT_NE(r.body.find("luckyhub_memory_used_ratio{instance=\"redis-42\",kind=\"redis\"} 0.91"), std::string::npos);
  EXPECT_NE(r.body.find("luckyhub_alert{alertname=\"RedisMemoryHigh\",instance=\"redis-42\",object=\"\","
                        "severity=\"warning\",state=\"firing\"} 1\n"),
            std::string::npos);
  // Every sample line is name{labels} value.
  size_t lines = 0;
  for (size_t at = 0, end; (end = r.body.find('\n', at)) != std::string::npos; at = end + 1) {
    const std::string line = r.body.substr(at, end - at);
    if (line.empty() || line[0] == '#') continue;
    ++lines;
    ASSERT_EQ(line.rfind("luckyhub_", 0), 0u) << line;
    ASSERT_NE(line.find("} "), std::string::npos) << line;
  }
  EXPECT_GT(lines, 143u * 5);
}

TEST_F(ServerTest, UnknownToolIs404) { expect_json_error(get("/api/reports/no-such-tool"), 404); }

TEST_F(ServerTest, UnknownOrInvalidParameterIs400WithParamsMessage) {
  HttpReply r = get("/api/reports/payment-fees?colour=red");
  expect_json_error(r, 400);
  EXPECT_NE(json::parse(r.body)["error"].get<std::string>().find("unknown parameter 'colour'"),
            std::string::npos);
  r = get("/api/reports/payment-fees?from=yesterday");
  expect_json_error(r, 400);
  EXPECT_EQ(json::parse(r.body)["error"], "parameter from='yesterday' is not a date (YYYY-MM-DD)");
  expect_json_error(get("/api/reports/payment-fees?currency=USD&currency=NZD"), 400);
  expect_json_error(get("/api/reports/payment-fees?shift_share=%zz"), 400);
}

TEST_F(ServerTest, ForecastAccuracyParameterOutOfRangeIs400) {
  expect_json_error(get("/api/reports/forecast-accuracy?bias_threshold=0"), 400);
  expect_json_error(get("/api/reports/forecast-accuracy?worst=lots"), 400);
  expect_json_error(get("/api/reports/inventory?service_level=2"), 400);
  expect_json_error(get("/api/reports/inventory?service_target=maybe"), 400);
}

TEST_F(ServerTest, SuppliersParameterOutOfRangeIs400) {
  expect_json_error(get("/api/reports/suppliers?price_rise=0"), 400);
  expect_json_error(get("/api/reports/suppliers?min_orders=few"), 400);
}

TEST_F(ServerTest, ProductionTimeParameterOutOfRangeIs400) {
  expect_json_error(get("/api/reports/production-time?slow_ratio=1"), 400);
  expect_json_error(get("/api/reports/production-time?min_tickets=none"), 400);
}

TEST_F(ServerTest, AnInstanceNotInTheHealthHistoryIs400) {
  for (const std::string tool : {"fleet-health", "redis-console"}) {
    const HttpReply r = get("/api/reports/" + tool + "?instance=no-such-server");
    expect_json_error(r, 400);
    EXPECT_NE(json::parse(r.body)["error"].get<std::string>().find("no-such-server"), std::string::npos) << r.body;
  }
}

TEST_F(ServerTest, PathTraversalIsRefused) {
  for (const std::string target :
       {"/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/assets/..%2f..%2fCMakeLists.txt",
        "/assets/%2E%2E/%2E%2E/etc/passwd", "/tools/..\\..\\etc", "/assets/%5c..%5c..%5cetc",
        "//etc/passwd", "/./index.html", "/assets/x%00.js"}) {
    SCOPED_TRACE(target);
    expect_json_error(get(target), 400);
  }
  expect_json_error(get("http://evil.example/etc/passwd"), 400);  // absolute-form
  expect_json_error(get("/etc/passwd"), 404);
}

TEST_F(ServerTest, OnlyGetAndHead) {
  for (const std::string method : {"POST", "PUT", "DELETE", "OPTIONS", "PATCH"}) {
    HttpReply r = http_get(port_, "/api/tools", method);
    EXPECT_EQ(r.headers["allow"], "GET, HEAD");
    expect_json_error(r, 405);
  }
  const HttpReply head = http_get(port_, "/api/tools", "HEAD");
  EXPECT_EQ(head.status, 200);
}

TEST_F(ServerTest, OversizedHeadersAre431AndBodies413) {
  HttpConnection big_header(port_);
  big_header.send_raw("GET /api/tools HTTP/1.1\r\nHost: x\r\nX-Fill: " + std::string(20000, 'a') + "\r\n\r\n");
  expect_json_error(big_header.read_reply(), 431);

  HttpConnection long_target(port_);
  long_target.send_raw("GET /api/reports/payment-fees?from=" + std::string(20000, '1') + " HTTP/1.1\r\n\r\n");
  expect_json_error(long_target.read_reply(), 431);

  HttpConnection big_body(port_);
  big_body.send_raw("GET /api/tools HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\n\r\n" + std::string(1000, 'b'));
  expect_json_error(big_body.read_reply(), 413);
}

TEST_F(ServerTest, MalformedRequestsAre400) {
  for (const std::string bytes : {"GARBAGE\r\n\r\n", "GET / HTTP/9.9\r\n\r\n", "GET / HTTP/1.1\r\nBad Header\r\n\r\n",
                                  "GET / HTTP/1.1\r\nContent-Length: -5\r\n\r\n"}) {
    SCOPED_TRACE(bytes);
    HttpConnection c(port_);
    c.send_raw(bytes);
    expect_json_error(c.read_reply(), 400);
  }
}

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  HttpConnection c(port_);
  for (int i = 0; i < 3; ++i) {
    c.send_raw("GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(c.read_reply().status, 200);
  }
}

TEST_F(ServerTest, SecurityHeadersAndNoCors) {
  HttpReply r = get("/");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.headers["x-content-type-options"], "nosniff");
  EXPECT_NE(r.headers["content-security-policy"].find("script-src 'self'"), std::string::npos);
  EXPECT_EQ(r.headers.count("access-control-allow-origin"), 0u);
  EXPECT_EQ(get("/tools/payment-fees?currency=NZD").body, r.body);  // a client route: the app
}

TEST_F(ServerTest, ASlowClientIsDisconnectedAndOthersAreServed) {
  HttpConnection slow(port_);
  slow.send_raw("GET /api/health HTTP/1.1\r\nHost");  // and never more
  expect_still_serving();
  EXPECT_EQ(slow.read_reply().status, 0);  // closed after the 2 s read timeout
}

// A tool slow by construction: its computation waits until the test opens
// the gate (open by default, so that other tests running every tool pass).
struct Gate {
  std::mutex mutex;
  std::condition_variable changed;
  bool open = true;
  void set(bool to) {
    {
      std::lock_guard lock(mutex);
      open = to;
    }
    changed.notify_all();
  }
};
Gate& slow_gate() {
  static Gate gate;
  return gate;
}

Report gated_report(Warehouse&, const Params&) {
  Gate& gate = slow_gate();
  std::unique_lock lock(gate.mutex);
  gate.changed.wait_for(lock, std::chrono::seconds(60), [&] { return gate.open; });
  Report r;
  r.panels.push_back({.id = "note", .title = "Note", .kind = PanelKind::kText, .text = "computed"});
  return r;
}

const ToolRegistration kSlowTool(Tool{.id = "test-slow", .number = 98, .department = "it", .title = "Slow test tool",
                                      .summary = "Waits for its test.", .compute = gated_report});

TEST(ServerComputingTest, ASlowReportIsAnswered202ThenServed) {
  server::ServerOptions options;
  options.port = 0;
  options.report_wait = std::chrono::milliseconds(0);
  server::HttpServer server(options, shared_sim().warehouse_path);
  server.start();
  slow_gate().set(false);
  // While the computation waits: 202 with its progress, every time asked.
  for (int i = 0; i < 2; ++i) {
    const HttpReply r = http_get(server.port(), "/api/reports/test-slow");
    ASSERT_EQ(r.status, 202) << r.body;
    const json body = json::parse(r.body);
    EXPECT_EQ(body["status"], "computing");
    EXPECT_GE(body["progress"].get<double>(), 0.0);
    EXPECT_LE(body["progress"].get<double>(), 1.0);
    EXPECT_GE(body["elapsed_ms"].get<int64_t>(), 0);
  }
  slow_gate().set(true);
  HttpReply r = http_get(server.port(), "/api/reports/test-slow");
  for (int i = 0; i < 600 && r.status == 202; ++i) {  // bounded polling: the job finishes promptly once open
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    r = http_get(server.port(), "/api/reports/test-slow");
  }
  ASSERT_EQ(r.status, 200) << r.body;
  const json body = json::parse(r.body);
  EXPECT_EQ(body["tool"], "test-slow");
  EXPECT_EQ(body["panels"][0]["text"], "computed");
}

}  // namespace
}  // namespace luckyhub::testing
