// The access layer through the server (server/access_gate.h, access/policy.h)
// on the shared small simulation, with a real access file:
// - the matrix: every role (and a store manager, and API tokens) x every tool
//   x every path (page, share link, JSON, CSV, XLSX, PDF) answers exactly 200
//   or 403, against the catalog's departments written out here by hand;
// - a store manager's answers never name another store;
// - CSRF, sign-out, expiry, throttling, and no secret in the log or the audit log.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>
#include <nlohmann/json.hpp>
#include <set>

#include "access/access_store.h"
#include "core/log.h"
#include "server/access_gate.h"
#include "server/http_client.h"
#include "server/http_server.h"
#include "support/shared_sim.h"
#include "warehouse/warehouse.h"

namespace luckyhub::testing {
namespace {

using nlohmann::json;

// The catalog's tools and their departments (what the policy must enforce).
const std::map<std::string, std::string> kDepartmentOf = {
    {"fleet-health", "it"},          {"tenant-audit", "it"},          {"redis-console", "it"},
    {"customer-360", "marketing"},   {"campaigns", "marketing"},      {"channels", "marketing"},
    {"payment-fees", "finance"},     {"reconciliation", "finance"},   {"tax-gap", "finance"},
    {"menu", "product"},             {"production-time", "product"},  {"recommendations", "product"},
    {"stores", "operations"},        {"staffing", "operations"},      {"machines", "operations"},
    {"inventory", "supply-chain"},   {"suppliers", "supply-chain"},   {"forecast-accuracy", "supply-chain"}};
// The per-store tools a store manager may open (pinned to their store).
const std::set<std::string> kPerStore = {"staffing", "stores", "menu", "production-time"};
const std::vector<std::string> kDepartments = {"it", "marketing", "finance", "product", "operations", "supply-chain"};
constexpr int64_t kStore = 1;

std::string password_of(const std::string& user) { return "pw-" + user + "-Ju8#kq2!x"; }

struct Client {
  std::string name, role;
  bool restricted = false;
  std::string cookie, csrf, bearer;
};

HttpReply request(uint16_t port, const std::string& method, const std::string& target, const Client* who,
                  const std::string& body = "", std::vector<std::string> headers = {}) {
  HttpConnection c(port);
  std::string raw = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  if (who && !who->cookie.empty()) raw += "Cookie: luckyhub_session=" + who->cookie + "\r\n";
  if (who && !who->bearer.empty()) raw += "Authorization: Bearer " + who->bearer + "\r\n";
  for (const std::string& h : headers) raw += h + "\r\n";
  if (!body.empty() || method == "POST" || method == "PUT") {
    raw += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  }
  c.send_raw(raw + "\r\n" + body);
  return c.read_reply();
}

class AccessMatrixTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    access_path_ = temp_dir() + "/matrix.access.db";
    std::filesystem::remove(access_path_);
    store_ = access::AccessStore::open(access_path_);
    add("root", "admin", {});
    for (const std::string& d : kDepartments) add("u-" + d, d, {});
    add("sm-ops", "operations", {kStore});
    add("sm-product", "product", {kStore});
    server::ServerOptions options;
    options.port = 0;
    options.report_wait = std::chrono::milliseconds(120000);
    options.access = std::make_shared<server::AccessGate>(store_);
    server_ = std::make_unique<server::HttpServer>(options, shared_sim().warehouse_path);
    server_->start();
    for (auto& [name, c] : clients_) login(c);
    const auto metrics = store_->create_token("prometheus", access::Role::kMetrics, {}, "test");
    clients_["token-metrics"] = {.name = "token-metrics", .role = "metrics", .bearer = metrics.secret};
    const auto finance = store_->create_token("nightly", access::Role::kFinance, {}, "test");
    clients_["token-finance"] = {.name = "token-finance", .role = "finance", .bearer = finance.secret};
  }
  static void TearDownTestSuite() {
    server_.reset();
    store_.reset();
  }
  static void add(const std::string& name, const std::string& role, std::vector<int64_t> stores) {
    store_->add_user(name, *access::parse_role(role), stores, password_of(name));
    clients_[name] = {.name = name, .role = role, .restricted = !stores.empty()};
  }
  static HttpReply login_reply(const std::string& user, const std::string& password) {
    return request(server_->port(), "POST", "/api/login", nullptr,
                   json{{"user", user}, {"password", password}}.dump());
  }
  static void login(Client& c) {
    const HttpReply r = login_reply(c.name, password_of(c.name));
    ASSERT_EQ(r.status, 200) << c.name << " " << r.body;
    const std::string set_cookie = r.headers.at("set-cookie");
    ASSERT_EQ(set_cookie.rfind("luckyhub_session=", 0), 0u) << set_cookie;
    c.cookie = set_cookie.substr(17, set_cookie.find(';') - 17);
    c.csrf = json::parse(r.body).at("csrf").get<std::string>();
  }
  static uint16_t port() { return server_->port(); }

  static inline std::string access_path_;
  static inline std::shared_ptr<access::AccessStore> store_;
  static inline std::unique_ptr<server::HttpServer> server_;
  static inline std::map<std::string, Client> clients_;
};

// Whether a client may open a tool, from the catalog (not from the code under test).
bool allowed(const Client& c, const std::string& tool) {
  if (c.role == "admin") return true;
  if (c.role != kDepartmentOf.at(tool)) return false;
  return !c.restricted || kPerStore.count(tool) > 0;
}

TEST_F(AccessMatrixTest, EveryRoleToolAndPathGivesExactlyTheAllowedAnswer) {
  ASSERT_EQ(kDepartmentOf.size(), 18u);
  // Every other store's name and code: none may reach a store manager.
  const auto warehouse = open_warehouse(shared_sim().warehouse_path);
  std::vector<std::string> other_stores;
  std::string own;
  for (const auto& row : warehouse->query("SELECT id, shop_name, shop_no FROM opshop__t_shop_info").rows) {
    if (std::get<int64_t>(row[0]) == kStore) {
      own = std::get<std::string>(row[1]);
      continue;
    }
    other_stores.push_back(std::get<std::string>(row[1]));
    other_stores.push_back(std::get<std::string>(row[2]));
  }
  ASSERT_FALSE(own.empty());
  // A table panel of every tool, for its CSV (from the admin's JSON).
  std::map<std::string, std::string> table_panel;
  for (const auto& [tool, department] : kDepartmentOf) {
    const HttpReply r = request(port(), "GET", "/api/reports/" + tool, &clients_.at("root"));
    ASSERT_EQ(r.status, 200) << tool << " " << r.body.substr(0, 300);
    const json report = json::parse(r.body);
    for (const json& p : report.at("panels"))
      if (p.at("kind") == "table" && !table_panel.count(tool)) table_panel[tool] = p.at("id").get<std::string>();
  }
  int checked = 0, leaks_checked = 0;
  for (const auto& [name, c] : clients_) {
    for (const auto& [tool, department] : kDepartmentOf) {
      const bool ok = allowed(c, tool) && c.role != "metrics";
      std::vector<std::string> targets = {"/tools/" + tool, "/reports/" + tool + "?from=2026-01-01",
                                          "/api/reports/" + tool, "/api/reports/" + tool + ".xlsx",
                                          "/api/reports/" + tool + ".pdf", "/api/tools/" + tool + "/options"};
      targets.push_back(".csv");  // after the JSON: of a table panel the client's own report has
      std::string csv_panel = table_panel.count(tool) ? table_panel[tool] : "";
      for (std::string target : targets) {
        if (target == ".csv") {
          if (csv_panel.empty()) continue;
          target = "/api/reports/" + tool + ".csv?panel=" + csv_panel;
        }
        const bool page = target[1] != 'a';
        if (page && !c.bearer.empty()) continue;  // a token is for the API
        const HttpReply r = request(port(), "GET", target, &c);
        if (r.status == 200 && target == "/api/reports/" + tool) {
          csv_panel.clear();
          const json own = json::parse(r.body);
          for (const json& p : own.at("panels"))
            if (p.at("kind") == "table" && csv_panel.empty()) csv_panel = p.at("id").get<std::string>();
        }
        ++checked;
        // A share link's parameters may be wrong for the tool: the page is served all the same.
        EXPECT_EQ(r.status, ok ? 200 : 403) << name << " " << target << " " << r.body.substr(0, 200);
        if (c.restricted && r.status == 200) {
          ++leaks_checked;
          for (const std::string& other : other_stores)
            EXPECT_EQ(r.body.find(other), std::string::npos) << name << " " << target << " shows " << other;
        }
      }
    }
  }
  EXPECT_GT(checked, 18 * 6 * 9);
  EXPECT_GT(leaks_checked, 0);
}

TEST_F(AccessMatrixTest, TheToolListAndHomeShowOnlyWhatTheRoleMayOpen) {
  for (const auto& [name, c] : clients_) {
    if (c.role == "metrics") {
      EXPECT_EQ(request(port(), "GET", "/api/tools", &c).status, 403);
      continue;
    }
    const HttpReply tools = request(port(), "GET", "/api/tools", &c);
    ASSERT_EQ(tools.status, 200) << name;
    std::set<std::string> listed, expected;
    const json tools_doc = json::parse(tools.body);
    for (const json& t : tools_doc.at("tools"))
      if (kDepartmentOf.count(t.at("id").get<std::string>())) listed.insert(t.at("id").get<std::string>());  // not the tests' own tools
    for (const auto& [tool, d] : kDepartmentOf)
      if (allowed(c, tool)) expected.insert(tool);
    EXPECT_EQ(listed, expected) << name;
    if (!c.bearer.empty()) continue;
    const HttpReply home = request(port(), "GET", "/api/home", &c);
    ASSERT_EQ(home.status, 200) << name;
    std::set<std::string> tiles;
    const json home_doc = json::parse(home.body);
    for (const json& t : home_doc.at("tools")) {
      if (!kDepartmentOf.count(t.at("id").get<std::string>())) continue;
      tiles.insert(t.at("id").get<std::string>());
      if (c.restricted) {
        EXPECT_TRUE(t.at("figures").empty()) << name << " sees chain-wide figures of " << t.at("id");
      }
    }
    EXPECT_EQ(tiles, expected) << name;
  }
}

TEST_F(AccessMatrixTest, AStoreManagerIsPinnedToTheirStore) {
  const Client& sm = clients_.at("sm-ops");
  EXPECT_EQ(request(port(), "GET", "/api/reports/staffing?store=2", &sm).status, 403);
  EXPECT_EQ(request(port(), "GET", "/api/reports/staffing.pdf?store=2", &sm).status, 403);
  EXPECT_EQ(request(port(), "GET", "/api/staffing/schedule.pdf?store=2", &sm).status, 403);
  EXPECT_EQ(request(port(), "GET", "/api/staffing/schedule.pdf", &sm).status, 200);
  const HttpReply pinned = request(port(), "GET", "/api/reports/stores", &sm);
  ASSERT_EQ(pinned.status, 200);
  EXPECT_EQ(json::parse(pinned.body).at("params").at("store"), std::to_string(kStore))
      << "the grid (store=0) became their store's page";
  // A week of another store is refused before anything is stored.
  const std::string week = json{{"store", 2}, {"week", "2026-01-26"}, {"staff", json::array()}}.dump();
  EXPECT_EQ(request(port(), "PUT", "/api/staffing/actual", &sm, week, {"X-CSRF-Token: " + sm.csrf}).status, 403);
  EXPECT_EQ(request(port(), "GET", "/api/recommendations/U1", &clients_.at("sm-product")).status, 403);
}

TEST_F(AccessMatrixTest, AStoreManagersStoreSelectListsOnlyTheirStore) {
  const auto warehouse = open_warehouse(shared_sim().warehouse_path);
  const ResultSet own = warehouse->query("SELECT shop_name FROM opshop__t_shop_info WHERE id = ?", {kStore});
  ASSERT_EQ(own.size(), 1u);
  const json only = json::array({{{"value", std::to_string(kStore)}, {"name", own.text_at(0, 0)}}});
  for (const std::string tool : {"staffing", "stores", "production-time"}) {
    const HttpReply r = request(port(), "GET", "/api/tools/" + tool + "/options", &clients_.at("sm-ops"));
    if (tool == "production-time") {  // a product tool: not operations'
      EXPECT_EQ(r.status, 403);
      continue;
    }
    ASSERT_EQ(r.status, 200) << tool << " " << r.body;
    EXPECT_EQ(json::parse(r.body).at("store"), only) << tool;
  }
  const HttpReply menu = request(port(), "GET", "/api/tools/menu/options", &clients_.at("sm-product"));
  ASSERT_EQ(menu.status, 200) << menu.body;
  EXPECT_EQ(json::parse(menu.body).at("store"), only);
  EXPECT_FALSE(json::parse(menu.body).at("product").empty()) << "products are not narrowed";
  // Their department's colleague without a store restriction sees every store.
  const HttpReply all = request(port(), "GET", "/api/tools/staffing/options", &clients_.at("u-operations"));
  ASSERT_EQ(all.status, 200);
  EXPECT_EQ(json::parse(all.body).at("store").size(),
            warehouse->query("SELECT id FROM opshop__t_shop_info WHERE tenant = 'LKUS'", {}).size());
  EXPECT_NE(all.headers.at("etag"), request(port(), "GET", "/api/tools/staffing/options", &clients_.at("sm-ops")).headers.at("etag"));
}

TEST_F(AccessMatrixTest, EveryOtherAreaFollowsItsRule) {
  struct Case {
    std::string method, target;
    std::set<std::string> allowed;  // roles ("*": every user role), others 403
  };
  const std::vector<Case> cases = {
      {"GET", "/api/alerts", {"admin", "it"}},
      {"GET", "/api/silences", {"admin", "it"}},
      {"GET", "/alerts", {"admin", "it"}},
      {"GET", "/api/schedules", {"*"}},
      {"GET", "/schedules", {"*"}},
      {"GET", "/metrics", {"admin", "metrics"}},
      {"GET", "/api/users", {"admin"}},
      {"GET", "/api/tokens", {"admin"}},
      {"GET", "/api/audit", {"admin"}},
      {"GET", "/admin/users", {"admin"}},
      {"GET", "/", {"*"}},
      {"GET", "/api/session", {"*"}},
  };
  for (const Case& k : cases) {
    for (const auto& [name, c] : clients_) {
      if (k.target[1] != 'a' && k.target != "/metrics" && !c.bearer.empty()) continue;
      const bool ok = (k.allowed.count("*") && c.role != "metrics") || k.allowed.count(c.role);
      const bool staff_restricted_it = c.restricted && k.target.find("alert") != std::string::npos;
      const HttpReply r = request(port(), k.method, k.target, &c);
      EXPECT_EQ(r.status, ok && !staff_restricted_it ? 200 : 403) << name << " " << k.target << " " << r.body.substr(0, 200);
    }
  }
}

TEST_F(AccessMatrixTest, WithoutASessionTheApiIs401AndAPageRedirectsToSignIn) {
  EXPECT_EQ(request(port(), "GET", "/api/reports/tax-gap", nullptr).status, 401);
  EXPECT_EQ(request(port(), "GET", "/api/tools", nullptr).status, 401);
  EXPECT_EQ(request(port(), "GET", "/metrics", nullptr).status, 401);
  const HttpReply page = request(port(), "GET", "/tools/tax-gap?from=2026-01-01", nullptr);
  EXPECT_EQ(page.status, 303);
  EXPECT_EQ(page.headers.at("location"), "/login?next=/tools/tax-gap%3Ffrom%3D2026-01-01");
  EXPECT_EQ(request(port(), "GET", "/login", nullptr).status, 200);
  EXPECT_EQ(request(port(), "GET", "/api/health", nullptr).status, 200);
  Client forged{.name = "x", .cookie = std::string(43, 'A')};
  EXPECT_EQ(request(port(), "GET", "/api/tools", &forged).status, 401);
  Client bad_token{.name = "x", .bearer = "lh_000000000000_" + std::string(43, 'A')};
  EXPECT_EQ(request(port(), "GET", "/api/tools", &bad_token).status, 401);
}

TEST_F(AccessMatrixTest, AStateChangingRequestNeedsTheSessionsCsrfToken) {
  const Client& it = clients_.at("u-it");
  const std::string silence = json{{"matchers", {"alertname=Nothing"}}, {"duration", "1h"}, {"created_by", "t"}, {"comment", "csrf"}}.dump();
  EXPECT_EQ(request(port(), "POST", "/api/silences", &it, silence).status, 403) << "no token";
  EXPECT_EQ(request(port(), "POST", "/api/silences", &it, silence, {"X-CSRF-Token: " + clients_.at("root").csrf}).status, 403)
      << "another session's token";
  // With its own token the request passes access and is judged on its body (a
  // bad one: nothing is stored).
  const HttpReply passed = request(port(), "POST", "/api/silences", &it, "{}", {"X-CSRF-Token: " + it.csrf});
  EXPECT_EQ(passed.status, 400) << passed.body;
  // A bearer token needs none (a browser never sends one on its own).
  const HttpReply token = request(port(), "PUT", "/api/staffing/actual", &clients_.at("token-finance"), "{}");
  EXPECT_EQ(token.status, 403) << "finance may not write staffing: refused by role, not by CSRF: " << token.body;
  EXPECT_EQ(json::parse(token.body).at("error").get<std::string>().find("CSRF"), std::string::npos);
}

TEST_F(AccessMatrixTest, SignOutEndsTheSessionAndADisabledUserCannotSignIn) {
  Client c{.name = "u-marketing"};
  login(c);
  EXPECT_EQ(request(port(), "GET", "/api/session", &c).status, 200);
  EXPECT_EQ(request(port(), "POST", "/api/logout", &c, "", {"X-CSRF-Token: " + c.csrf}).status, 204);
  EXPECT_EQ(request(port(), "GET", "/api/session", &c).status, 401);
  EXPECT_EQ(request(port(), "GET", "/api/reports/campaigns", &c).status, 401);
  // The admin disables a user through the API: their sessions end at once.
  Client victim{.name = "u-supply-chain"};
  login(victim);
  const Client& root = clients_.at("root");
  EXPECT_EQ(request(port(), "PUT", "/api/users/u-supply-chain", &root, R"({"disabled":true})", {"X-CSRF-Token: " + root.csrf}).status, 204);
  EXPECT_EQ(request(port(), "GET", "/api/session", &victim).status, 401);
  EXPECT_EQ(login_reply("u-supply-chain", password_of("u-supply-chain")).status, 401);
  EXPECT_EQ(request(port(), "PUT", "/api/users/u-supply-chain", &root, R"({"disabled":false})", {"X-CSRF-Token: " + root.csrf}).status, 204);
  login(clients_.at("u-supply-chain"));
}

TEST_F(AccessMatrixTest, AnIdleSessionExpires) {
  const std::string path = temp_dir() + "/idle.access.db";
  std::filesystem::remove(path);
  auto store = access::AccessStore::open(path);
  store->add_user("ana", access::Role::kFinance, {}, password_of("ana"));
  server::ServerOptions options;
  options.port = 0;
  options.access = std::make_shared<server::AccessGate>(
      std::shared_ptr<access::AccessStore>(std::move(store)),
      server::AccessOptions{.sessions = {.idle = std::chrono::seconds(1), .absolute = std::chrono::seconds(3600)}});
  server::HttpServer server(options, shared_sim().warehouse_path);
  server.start();
  const HttpReply r = request(server.port(), "POST", "/api/login", nullptr,
                              json{{"user", "ana"}, {"password", password_of("ana")}}.dump());
  ASSERT_EQ(r.status, 200);
  const std::string set_cookie = r.headers.at("set-cookie");
  EXPECT_NE(set_cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(set_cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(set_cookie.find("Secure"), std::string::npos) << "not over TLS";
  Client ana{.name = "ana", .cookie = set_cookie.substr(17, set_cookie.find(';') - 17)};
  EXPECT_EQ(request(server.port(), "GET", "/api/session", &ana).status, 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  EXPECT_EQ(request(server.port(), "GET", "/api/session", &ana).status, 401);
}

TEST_F(AccessMatrixTest, FailedSignInsAreThrottledAndNoSecretIsLoggedOrAudited) {
  log::set_level(log::Level::kDebug);
  ::testing::internal::CaptureStderr();
  ASSERT_EQ(request(port(), "GET", "/api/reports/tax-gap.pdf", &clients_.at("u-finance")).status, 200);
  const std::string wrong = "not-the-password-Zz9!";
  for (int i = 0; i < 5; ++i) {
    const HttpReply r = login_reply("u-product", wrong);
    EXPECT_EQ(r.status, 401) << i;
    EXPECT_EQ(json::parse(r.body).at("error"), "wrong user name or password");
  }
  const HttpReply locked = login_reply("u-product", password_of("u-product"));
  EXPECT_EQ(locked.status, 429) << "the right password does not get through a lock";
  EXPECT_NE(json::parse(locked.body).at("error").get<std::string>().find("try again in"), std::string::npos);
  EXPECT_GT(std::stoi(locked.headers.at("retry-after")), 0);
  EXPECT_EQ(login_reply("nobody", wrong).status, 401) << "an unknown user answers as a wrong password";
  const std::string logged = ::testing::internal::GetCapturedStderr();
  log::set_level(log::Level::kWarn);
  std::vector<std::string> secrets = {wrong, password_of("u-product")};
  for (const auto& [name, c] : clients_) {
    secrets.push_back(password_of(name));
    if (!c.cookie.empty()) secrets.push_back(c.cookie), secrets.push_back(c.csrf);
    if (!c.bearer.empty()) secrets.push_back(c.bearer);
  }
  std::string audit_text;
  for (const access::AuditEvent& e : store_->audit_log(5000))
    audit_text += e.actor + "|" + e.address + "|" + e.action + "|" + e.object + "|" + e.outcome + "|" + e.detail + "\n";
  EXPECT_NE(audit_text.find("|login_failed|"), std::string::npos) << audit_text;
  EXPECT_NE(audit_text.find("|login|"), std::string::npos);
  EXPECT_NE(audit_text.find("|export|/api/reports/tax-gap.pdf"), std::string::npos);
  std::string file;
  {
    std::ifstream in(access_path_, std::ios::binary);
    file.assign(std::istreambuf_iterator<char>(in), {});
  }
  for (const std::string& s : secrets) {
    EXPECT_EQ(logged.find(s), std::string::npos) << "a secret in the log";
    EXPECT_EQ(audit_text.find(s), std::string::npos) << "a secret in the audit log";
    EXPECT_EQ(file.find(s), std::string::npos) << "a secret in the access file";
  }
}

}  // namespace
}  // namespace luckyhub::testing
