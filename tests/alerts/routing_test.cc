// Alert routing (alerts/routing_*.h) with a controllable clock: the route
// tree sends each alert to exactly the receivers its labels match (real HTTP
// receivers recording the POSTs), `continue`, grouping, repeat_interval,
// inhibition, silences that suppress and then expire, resolved notices, the
// Slack and e-mail receivers, and a bad routing file's file:line errors.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <tuple>

#include <nlohmann/json.hpp>

#include "alerts/routing_dispatch.h"
#include "core/error.h"
#include "support/http_recorder.h"
#include "support/shared_sim.h"
#include "support/tiny_warehouse.h"

namespace luckyhub::alerts {
namespace {

using Alerts = std::map<AlertKey, AlertRecord>;

AlertRecord firing(const std::string& rule, const std::string& instance, const std::string& object,
                   const std::string& severity, int64_t since) {
  return {{rule, instance, object}, AlertState::kFiring, severity, since, since, 1, 0, rule + " on " + instance};
}

void put(Alerts& alerts, const AlertRecord& a) { alerts[a.key] = a; }

void resolve(Alerts& alerts, const AlertKey& key, int64_t at) {
  alerts.at(key).state = AlertState::kResolved;
  alerts.at(key).changed = at;
}

RoutingConfig routing_from(const std::string& toml_text) {
  const std::string path = testing::write_file(testing::temp_dir(), "delivery.toml", toml_text);
  return load_routing(path);
}

// Receivers it, finance, oncall, ops, all webhooks on `recorder` at /<name>.
std::string receivers(const testing::HttpRecorder& recorder, bool send_resolved = true) {
  std::string text;
  for (const char* name : {"it", "finance", "oncall", "ops"}) {
    text += std::string("[[receiver]]\nname = \"") + name + "\"\nwebhook_url = \"" + recorder.url(std::string("/") + name) +
            "\"\nsend_resolved = " + (send_resolved ? "true" : "false") + "\n";
  }
  return text;
}

// What each receiver got: path -> every (status, alertname/instance) in its notices.
std::map<std::string, std::multiset<std::string>> received(testing::HttpRecorder& recorder, size_t* notices = nullptr) {
  std::map<std::string, std::multiset<std::string>> out;
  const auto requests = recorder.take();
  if (notices) *notices = requests.size();
  for (const auto& r : requests) {
    const nlohmann::json j = nlohmann::json::parse(r.body);
    EXPECT_EQ(j["version"], "4");
    for (const auto& a : j["alerts"])
      out[r.path].insert(a["status"].get<std::string>() + ":" + a["labels"]["alertname"].get<std::string>() + "/" +
                         a["labels"]["instance"].get<std::string>());
  }
  return out;
}

using Got = std::map<std::string, std::multiset<std::string>>;

TEST(Routing, EachAlertGoesToExactlyTheReceiversItsLabelsMatch) {
  testing::HttpRecorder recorder;
  const RoutingConfig config = routing_from(R"(
[route]
receiver = "it"
group_by = ["alertname"]
group_wait = "0s"

[[route.routes]]
matchers = ["department=finance"]
receiver = "finance"
continue = true

[[route.routes]]
matchers = ["severity=critical"]
receiver = "oncall"

[[route.routes]]
matchers = ["department=~supply-chain|operations"]
receiver = "ops"
)" + receivers(recorder));
  Alerts alerts;
  put(alerts, firing("ReconciliationBreak", "USD", "2025-10-02", "critical", 1000));  // finance, then (continue) oncall
  put(alerts, firing("FiTaxLive", "luckyus_fi_tax", "tax_invoice", "info", 1000));   // finance only
  put(alerts, firing("DeliveryOverdue", "Acme Beans", "S-1", "warning", 1000));      // supply-chain: ops
  put(alerts, firing("MachineOffline", "12", "M-7", "critical", 1000));              // operations, but oncall first
  put(alerts, firing("ConnectionsNearMax", "db1", "", "warning", 1000));             // it, no child: the root's
  Dispatcher dispatcher(config);
  const auto notices = dispatcher.tick(1000, alerts, {});
  EXPECT_TRUE(deliver_notifications(config, notices, {}, "test").empty());
  EXPECT_EQ(received(recorder),
            (Got{{"/finance", {"firing:ReconciliationBreak/USD", "firing:FiTaxLive/luckyus_fi_tax"}},
                 {"/oncall", {"firing:ReconciliationBreak/USD", "firing:MachineOffline/12"}},
                 {"/ops", {"firing:DeliveryOverdue/Acme Beans"}},
                 {"/it", {"firing:ConnectionsNearMax/db1"}}}));
}

TEST(Routing, LabelsNameTheToolDepartmentAndStore) {
  const Labels machine = alert_labels(firing("MachineOffline", "12", "M-7", "critical", 0));
  EXPECT_EQ(machine.at("tool"), "machines");
  EXPECT_EQ(machine.at("department"), "operations");
  EXPECT_EQ(machine.at("store"), "12");
  EXPECT_EQ(machine.at("object"), "M-7");
  const Labels stock = alert_labels(firing("StockoutRisk", "Shop 4", "Oat milk", "critical", 0));
  EXPECT_EQ(stock.at("store"), "4");
  EXPECT_EQ(stock.at("department"), "supply-chain");
  const Labels health = alert_labels(firing("InstanceDown", "db1", "", "critical", 0));
  EXPECT_EQ(health.at("tool"), "fleet-health");
  EXPECT_EQ(health.at("department"), "it");
  EXPECT_EQ(health.count("store"), 0u);
  EXPECT_EQ(health.count("object"), 0u);
  const Labels recon = alert_labels(firing("ReconciliationBreak", "USD", "2025-10-02", "critical", 0));
  EXPECT_EQ(recon.at("tool"), "reconciliation");
  EXPECT_EQ(recon.at("department"), "finance");
  EXPECT_EQ(alert_labels(firing("TaxShortfall", "NY", "", "critical", 0)).at("tool"), "tax-gap");
}

TEST(Routing, GroupsBatchAndRepeatIntervalResends) {
  testing::HttpRecorder recorder;
  const RoutingConfig config = routing_from(R"(
[route]
receiver = "it"
group_by = ["alertname"]
group_wait = "30s"
group_interval = "60s"
repeat_interval = "1h"
)" + receivers(recorder));
  Dispatcher dispatcher(config);
  Alerts alerts;
  put(alerts, firing("ConnectionsNearMax", "db1", "", "warning", 0));
  put(alerts, firing("ConnectionsNearMax", "db2", "", "warning", 0));
  put(alerts, firing("SlowQueries", "db1", "", "warning", 0));
  auto tick = [&](int64_t now, size_t* notices) {
    deliver_notifications(config, dispatcher.tick(now, alerts, {}), {}, "test");
    return received(recorder, notices);
  };
  size_t notices = 0;
  EXPECT_TRUE(tick(0, &notices).empty());  // group_wait
  EXPECT_TRUE(tick(29, &notices).empty());
  // One notice per group, not one per alert.
  EXPECT_EQ(tick(30, &notices), (Got{{"/it", {"firing:ConnectionsNearMax/db1", "firing:ConnectionsNearMax/db2",
                                               "firing:SlowQueries/db1"}}}));
  EXPECT_EQ(notices, 2u);
  put(alerts, firing("ConnectionsNearMax", "db3", "", "warning", 40));
  EXPECT_TRUE(tick(40, &notices).empty());  // group_interval since the last notice
  EXPECT_EQ(tick(90, &notices), (Got{{"/it", {"firing:ConnectionsNearMax/db1", "firing:ConnectionsNearMax/db2",
                                               "firing:ConnectionsNearMax/db3"}}}));
  EXPECT_EQ(notices, 1u);
  EXPECT_TRUE(tick(600, &notices).empty());   // unchanged
  EXPECT_TRUE(tick(3629, &notices).empty());  // SlowQueries' group: 30 + 3600 is not yet
  EXPECT_EQ(tick(3630, &notices), (Got{{"/it", {"firing:SlowQueries/db1"}}}));
  EXPECT_EQ(tick(3690, &notices), (Got{{"/it", {"firing:ConnectionsNearMax/db1", "firing:ConnectionsNearMax/db2",
                                                 "firing:ConnectionsNearMax/db3"}}}));
  // The state survives a restart (the one-shot `luckyhub alerts`).
  Dispatcher again(config);
  again.restore(dispatcher.save());
  EXPECT_EQ(again.groups(), 2u);
  EXPECT_TRUE(again.tick(3700, alerts, {}).empty());
}

TEST(Routing, InhibitionSuppressesTargetsWithTheSameEqualLabels) {
  testing::HttpRecorder recorder;
  const RoutingConfig config = routing_from(R"(
[route]
receiver = "it"
group_wait = "0s"

[[inhibit]]
source_matchers = ["alertname=InstanceDown"]
target_matchers = ["severity=warning"]
equal = ["instance"]
)" + receivers(recorder));
  Alerts alerts;
  put(alerts, firing("InstanceDown", "db1", "", "critical", 0));
  put(alerts, firing("ConnectionsNearMax", "db1", "", "warning", 0));  // inhibited: db1 is down
  put(alerts, firing("ConnectionsNearMax", "db2", "", "warning", 0));  // another instance
  Dispatcher dispatcher(config);
  deliver_notifications(config, dispatcher.tick(0, alerts, {}), {}, "test");
  EXPECT_EQ(received(recorder), (Got{{"/it", {"firing:InstanceDown/db1", "firing:ConnectionsNearMax/db2"}}}));
  const auto views = classify(alerts, config.inhibit, {}, 0);
  int inhibited = 0;
  for (const AlertView& v : views) inhibited += v.inhibited;
  EXPECT_EQ(inhibited, 1);
}

TEST(Routing, ASilenceSuppressesAndThenExpires) {
  testing::HttpRecorder recorder;
  const RoutingConfig config = routing_from(R"(
[route]
receiver = "it"
group_wait = "0s"
group_interval = "0s"
)" + receivers(recorder));
  testing::TinyWarehouse tiny("2026-01-01", "2026-01-11");
  auto wh = tiny.open();
  EXPECT_TRUE(read_silences(*wh).empty());
  const int64_t t0 = 1767225600;
  const Silence created = create_silence(
      *wh, parse_silence(R"({"matchers": ["instance=db1"], "duration": "10m", "created_by": "ana", "comment": "upgrade"})", t0), t0);
  const Silence other = create_silence(
      *wh, parse_silence(R"({"matchers": [{"name": "alertname", "value": "Slow.*", "isRegex": true}], "ends": "2026-01-01T01:00:00Z", "created_by": "bo", "comment": "noisy"})", t0), t0);
  std::vector<Silence> silences = read_silences(*wh);
  ASSERT_EQ(silences.size(), 2u);
  EXPECT_EQ(silences[0].id, created.id);
  EXPECT_EQ(silences[0].ends, t0 + 600);
  EXPECT_EQ(silences[0].created_by, "ana");
  EXPECT_EQ(silences[1].ends, t0 + 3600);

  Alerts alerts;
  put(alerts, firing("ConnectionsNearMax", "db1", "", "warning", t0));
  put(alerts, firing("SlowQueries", "db2", "", "warning", t0));
  put(alerts, firing("ConnectionsNearMax", "db2", "", "warning", t0));
  Dispatcher dispatcher(config);
  auto tick = [&](int64_t now) {
    deliver_notifications(config, dispatcher.tick(now, alerts, read_silences(*wh)), {}, "test");
    return received(recorder);
  };
  EXPECT_EQ(tick(t0), (Got{{"/it", {"firing:ConnectionsNearMax/db2"}}}));
  EXPECT_TRUE(tick(t0 + 599).empty());
  // The first silence ends: its alert is notified (with the group's others).
  EXPECT_EQ(tick(t0 + 600), (Got{{"/it", {"firing:ConnectionsNearMax/db1", "firing:ConnectionsNearMax/db2"}}}));
  // Expiring the second one now (DELETE /api/silences/{id}).
  EXPECT_TRUE(expire_silence(*wh, other.id, t0 + 700));
  EXPECT_FALSE(expire_silence(*wh, other.id, t0 + 701));  // already over
  EXPECT_THROW(expire_silence(*wh, "s-none", t0 + 701), Error);
  EXPECT_EQ(read_silences(*wh)[1].state(t0 + 700), "expired");
  EXPECT_EQ(tick(t0 + 700), (Got{{"/it", {"firing:ConnectionsNearMax/db1", "firing:ConnectionsNearMax/db2",
                                           "firing:SlowQueries/db2"}}}));
}

TEST(Routing, AResolvedNoticeGoesOutWhenAConditionClears) {
  testing::HttpRecorder recorder;
  const RoutingConfig config = routing_from(R"(
[route]
receiver = "it"
group_wait = "0s"
group_interval = "1m"

[[route.routes]]
matchers = ["instance=db2"]
receiver = "ops"
)" + receivers(recorder, true) + R"(
[[receiver]]
name = "quiet"
webhook_url = ")" + recorder.url("/quiet") + R"("
send_resolved = false
)");
  // "ops" routes db2's alerts; "quiet" takes db2's too, without resolved notices.
  RoutingConfig both = config;
  both.root.routes.insert(both.root.routes.begin(),
                          Route{.id = "root/q", .matchers = {make_matcher("instance", MatchOp::kEqual, "db2")},
                                .receiver = "quiet", .group_wait_s = 0, .group_interval_s = 60, .continue_matching = true});
  Alerts alerts;
  put(alerts, firing("ConnectionsNearMax", "db1", "", "warning", 0));
  put(alerts, firing("ConnectionsNearMax", "db2", "", "warning", 0));
  Dispatcher dispatcher(both);
  auto tick = [&](int64_t now) {
    deliver_notifications(both, dispatcher.tick(now, alerts, {}), {}, "test");
    return received(recorder);
  };
  EXPECT_EQ(tick(0), (Got{{"/it", {"firing:ConnectionsNearMax/db1"}},
                          {"/ops", {"firing:ConnectionsNearMax/db2"}},
                          {"/quiet", {"firing:ConnectionsNearMax/db2"}}}));
  resolve(alerts, {"ConnectionsNearMax", "db1", ""}, 30);
  resolve(alerts, {"ConnectionsNearMax", "db2", ""}, 30);
  EXPECT_TRUE(tick(30).empty());  // group_interval
  EXPECT_EQ(tick(60), (Got{{"/it", {"resolved:ConnectionsNearMax/db1"}}, {"/ops", {"resolved:ConnectionsNearMax/db2"}}}));
  EXPECT_TRUE(tick(120).empty());  // once
  EXPECT_EQ(dispatcher.groups(), 0u);
}

TEST(Routing, SlackAndEmailReceivers) {
  testing::HttpRecorder recorder;
  RoutingConfig config = routing_from(R"(
[route]
receiver = "chat"
group_by = ["department"]
group_wait = "0s"

[[route.routes]]
matchers = ["department=finance"]
receiver = "mail"

[[receiver]]
name = "chat"
slack_url = ")" + recorder.url("/slack") + R"("

[[receiver]]
name = "mail"
email_to = ["finance@luckin.example", "cfo@luckin.example"]
)");
  EXPECT_THROW(config.check_email(false), Error);
  config.check_email(true);
  std::vector<std::tuple<std::vector<std::string>, std::string, std::string>> mails;
  const ReceiverContext context{.external_url = "http://luckyhub:8080",
                                .email = [&](const std::vector<std::string>& to, const std::string& subject,
                                             const std::string& text) { mails.emplace_back(to, subject, text); }};
  Alerts alerts;
  put(alerts, firing("ConnectionsNearMax", "db1", "", "warning", 0));
  put(alerts, firing("ReconciliationBreak", "USD", "2025-10-02", "critical", 0));
  Dispatcher dispatcher(config);
  EXPECT_TRUE(deliver_notifications(config, dispatcher.tick(0, alerts, {}), context, "test").empty());
  const auto requests = recorder.take();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].path, "/slack");
  const nlohmann::json slack = nlohmann::json::parse(requests[0].body);
  ASSERT_TRUE(slack["text"].is_string());
  EXPECT_EQ(slack["text"].get<std::string>().rfind("[FIRING:1] department=it", 0), 0u) << slack["text"];
  ASSERT_TRUE(slack["blocks"].is_array());
  EXPECT_EQ(slack["blocks"][0]["type"], "header");
  EXPECT_EQ(slack["blocks"][1]["type"], "section");
  EXPECT_EQ(slack["blocks"][1]["text"]["type"], "mrkdwn");
  const std::string section = slack["blocks"][1]["text"]["text"];
  EXPECT_NE(section.find("*ConnectionsNearMax*"), std::string::npos) << section;
  EXPECT_NE(section.find("<http://luckyhub:8080/tools/fleet-health|Open in luckyhub>"), std::string::npos) << section;
  EXPECT_EQ(slack["blocks"].back()["type"], "context");
  EXPECT_NE(slack["blocks"].back().dump().find("http://luckyhub:8080/alerts"), std::string::npos);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(std::get<0>(mails[0]), (std::vector<std::string>{"finance@luckin.example", "cfo@luckin.example"}));
  EXPECT_EQ(std::get<1>(mails[0]), "luckyhub alerts [FIRING:1] department=finance");
  EXPECT_NE(std::get<2>(mails[0]).find("FIRING ReconciliationBreak (critical) USD 2025-10-02"), std::string::npos);
  EXPECT_NE(std::get<2>(mails[0]).find("http://luckyhub:8080/tools/reconciliation"), std::string::npos);
  // Without a sender the e-mail receiver fails loudly.
  Dispatcher fresh(config);
  const auto errors = deliver_notifications(config, fresh.tick(0, alerts, {}), {}, "test");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("receiver mail (email): no e-mail sender"), std::string::npos) << errors[0];
  recorder.take();
}

// A Slack webhook's path is its secret: a failure names the host only.
TEST(Routing, ASlackFailureDoesNotShowTheWebhooksPath) {
  RoutingConfig config = routing_from(R"(
[route]
receiver = "chat"
group_wait = "0s"
[[receiver]]
name = "chat"
slack_url = "http://127.0.0.1:1/services/T000/B000/SECRETTOKEN"
)");
  Alerts alerts;
  put(alerts, firing("ConnectionsNearMax", "db1", "", "warning", 0));
  Dispatcher dispatcher(config);
  const auto errors = deliver_notifications(config, dispatcher.tick(0, alerts, {}), {.timeout_ms = 2000}, "test");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].find("SECRETTOKEN"), std::string::npos) << errors[0];
  EXPECT_NE(errors[0].find("receiver chat (slack): "), std::string::npos) << errors[0];
  EXPECT_NE(errors[0].find("http://127.0.0.1:1/…"), std::string::npos) << errors[0];
}

TEST(Routing, ABadRoutingFileGivesFileAndLine) {
  const std::string dir = testing::temp_dir();
  auto error_of = [&](const std::string& text) -> std::string {
    const std::string path = testing::write_file(dir, "bad.toml", text);
    try {
      load_routing(path);
    } catch (const Error& e) {
      return std::string(e.what()).substr(path.size());
    }
    return "no error";
  };
  const std::string ok_receiver = "[[receiver]]\nname = \"it\"\nwebhook_url = \"http://x:1/\"\n";
  EXPECT_EQ(error_of("[route]\nreceiver = \"it\"\ngroup_wiat = \"1m\"\n" + ok_receiver),
            ":3: unknown key 'group_wiat' in [route] (known: continue, group_by, group_interval, group_wait, matchers, "
            "receiver, repeat_interval, routes)");
  EXPECT_EQ(error_of("[route]\nreceiver = \"pager\"\n" + ok_receiver), ":2: [route]: no [[receiver]] named 'pager'");
  EXPECT_EQ(error_of(ok_receiver + "[route]\nreceiver = \"it\"\n[[route.routes]]\nmatchers = [\"severity=~(\"]\n")
                .rfind(":7: route root/0: matcher severity: '(' is not a regular expression", 0),
            0u);
  EXPECT_EQ(error_of(ok_receiver + "[route]\nreceiver = \"it\"\nrepeat_interval = \"often\"\n"),
            ":6: [route]: repeat_interval = 'often' is not a duration like \"30s\", \"5m\", \"4h\"");
  EXPECT_EQ(error_of("[[receiver]]\nname = \"it\"\nwebhook_url = \"ftp://x\"\n[route]\nreceiver = \"it\"\n"),
            ":3: receiver it: webhook_url must be an http:// or https:// URL");
  EXPECT_EQ(error_of("[[receiver]]\nname = \"it\"\n[route]\nreceiver = \"it\"\n"),
            ":1: receiver it has no webhook_url, slack_url or email_to");
  EXPECT_EQ(error_of(ok_receiver + "[route]\nreceiver = \"it\"\n[[inhibit]]\nsource_matchers = [\"a=b\"]\nequals = []\n"),
            ":8: unknown key 'equals' in [[inhibit]] (known: equal, source_matchers, target_matchers)");
  EXPECT_EQ(error_of(ok_receiver + "[route]\nreceiver = \"it\"\n[alerting]\nx = 1\n"),
            ":6: unknown key 'alerting' in the delivery file (known: inhibit, job, receiver, route, schedule, scheduler, smtp)");
  EXPECT_EQ(error_of("[route\n").substr(0, 3), ":1:");
  const std::string mail = testing::write_file(
      dir, "mail.toml", "[route]\nreceiver = \"m\"\n[[receiver]]\nname = \"m\"\nemail_to = [\"a@b.example\"]\n");
  try {
    load_routing(mail).check_email(false);
    FAIL() << "an e-mail receiver without a sender must be refused";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), mail + ":3: receiver m sends e-mail (email_to) but no e-mail sender is configured "
                                            "([smtp] in the delivery file)");
  }
}

// The documented example routes as it says.
TEST(Routing, TheExampleFileRoutesAsDocumented) {
  const RoutingConfig config = load_routing(std::string(LUCKYHUB_SOURCE_DIR) + "/docs/delivery.example.toml");
  EXPECT_THROW(config.check_email(false), Error);  // it has e-mail receivers
  auto receivers_of = [&](const AlertRecord& a) {
    std::vector<std::string> out;
    for (const Route* r : config.routes_for(alert_labels(a))) out.push_back(r->receiver);
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(receivers_of(firing("ReconciliationBreak", "USD", "2025-10-02", "critical", 0)), (V{"finance-mail", "oncall-pager"}));
  EXPECT_EQ(receivers_of(firing("FiTaxLive", "luckyus_fi_tax", "t", "info", 0)), (V{"finance-mail"}));
  EXPECT_EQ(receivers_of(firing("StockoutRisk", "Shop 4", "Oat milk", "critical", 0)), (V{"oncall-pager"}));
  EXPECT_EQ(receivers_of(firing("DemandSpike", "4", "2026-02-12", "warning", 0)), (V{"stores-chat"}));
  EXPECT_EQ(receivers_of(firing("ConnectionsNearMax", "db1", "", "warning", 0)), (V{"it-oncall"}));
  ASSERT_EQ(config.inhibit.size(), 2u);
  const Route& stores = config.root.routes[2];
  EXPECT_EQ(stores.group_by, (V{"store"}));
  EXPECT_EQ(stores.repeat_interval_s, 4 * 3600);  // inherited
  EXPECT_EQ(stores.routes[0].group_by, (V{"store"}));
  const AlertRecord stockout = firing("StockoutRisk", "Shop 4", "Oat milk", "warning", 0);
  EXPECT_EQ(receivers_of(stockout), (V{"planners-mail"}));
}

TEST(Routing, SilenceRequestsAreValidated) {
  const int64_t now = 1767225600;
  auto error_of = [&](const std::string& body) -> std::string {
    try {
      parse_silence(body, now);
    } catch (const Error& e) {
      return e.what();
    }
    return "no error";
  };
  EXPECT_EQ(error_of("nope"), "silence: the body is not JSON");
  EXPECT_EQ(error_of(R"({"matchers": [], "duration": "1h", "created_by": "a", "comment": "c"})"),
            "silence: \"matchers\" must be a non-empty list");
  EXPECT_EQ(error_of(R"({"matchers": ["instance=~.*"], "duration": "1h", "created_by": "a", "comment": "c"})"),
            "silence: the matchers would match every alert (one must not match an empty label)");
  EXPECT_EQ(error_of(R"({"matchers": ["instance=db1"], "created_by": "a", "comment": "c"})"),
            "silence: give either \"ends\" (a UTC time) or \"duration\" (\"2h\"), not both or neither");
  EXPECT_EQ(error_of(R"({"matchers": ["instance=db1"], "duration": "soon", "created_by": "a", "comment": "c"})"),
            "silence: \"duration\" must be like \"30m\", \"2h\", \"1d\"");
  EXPECT_EQ(error_of(R"({"matchers": ["instance=db1"], "ends": "2025-01-01T00:00:00Z", "created_by": "a", "comment": "c"})"),
            "silence: \"ends\" must be after \"starts\"");
  EXPECT_EQ(error_of(R"({"matchers": ["instance=db1"], "duration": "1h", "comment": "c"})"),
            "silence: \"created_by\" is required (a non-empty string)");
  EXPECT_EQ(error_of(R"({"matchers": ["instance=db1"], "duration": "1h", "created_by": "a", "comment": "c", "x": 1})"),
            "silence: unknown field \"x\"");
  EXPECT_EQ(error_of(R"({"matchers": ["1x=db1"], "duration": "1h", "created_by": "a", "comment": "c"})"),
            "matcher: '1x' is not a label name (letters, digits, _)");
  const Silence s = parse_silence(R"({"matchers": ["severity!=info", "instance=\"db 1\""], "duration": "2h", "created_by": "a", "comment": "c"})", now);
  EXPECT_EQ(s.starts, now);
  EXPECT_EQ(s.ends, now + 7200);
  ASSERT_EQ(s.matchers.size(), 2u);
  EXPECT_EQ(s.matchers[1].value, "db 1");
  EXPECT_EQ(s.matchers[0].str(), "severity!=\"info\"");
}

}  // namespace
}  // namespace luckyhub::alerts
