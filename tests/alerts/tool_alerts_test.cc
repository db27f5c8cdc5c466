// Tool alerts: the state machine over a tool's signals (a test source whose
// conditions the test sets), and `luckyhub alerts` on the shared simulation:
// the planted overdue deliveries, stock-outs, machines offline or degraded and
// a store's missed days (its compliance red) fire, reach a webhook, and a
// second run changes nothing.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "alerts/tool_alerts.h"
#include "core/error.h"
#include "support/http_recorder.h"
#include "support/shared_sim.h"
#include "support/tiny_warehouse.h"
#include "support/webhook_receiver.h"
#include "warehouse/sqlite/sqlite_db.h"

namespace luckyhub::alerts {
namespace {

// 0: conditions A and B hold; 1: only A; 2: the source fails.
int g_mode = 0;

std::vector<Signal> test_signals(Warehouse&) {
  if (g_mode == 2) throw Error("source unavailable");
  std::vector<Signal> out = {{.rule = "TestCondition", .instance = "Shop 1", .object = "A", .value = 1}};
  if (g_mode == 0) out.push_back({.rule = "TestCondition", .instance = "Shop 2", .object = "B", .value = 2});
  return out;
}

const ToolAlertRegistration kTestSource({.tool = "test-tool",
                                         .rules = {{.name = "TestCondition", .severity = "critical"}},
                                         .signals = test_signals});

// The test rule's transitions, as "object:from->to".
std::multiset<std::string> test_transitions(const ToolAlertRun& run) {
  std::multiset<std::string> out;
  for (const Transition& t : run.transitions)
    if (t.alert.key.rule == "TestCondition")
      out.insert(t.alert.key.object + ":" + state_name(t.from) + "->" + state_name(t.alert.state));
  return out;
}

TEST(ToolAlerts, FireAtOnceResolveWhenClearedAndKeepStateWhenTheSourceFails) {
  testing::TinyWarehouse tiny("2026-01-01", "2026-01-11");  // nothing in it: the real tools' sources fail
  auto wh = tiny.open();
  const RuleSet rules = ToolAlertRegistry::instance().rules();
  ASSERT_NE(rules.find("TestCondition"), nullptr);
  EXPECT_EQ(rules.find("TestCondition")->severity, "critical");
  AlertTracker tracker(rules);

  g_mode = 0;
  ToolAlertRun run = run_tool_alerts(*wh, tracker, 1000);
  EXPECT_EQ(test_transitions(run), (std::multiset<std::string>{"A:inactive->pending", "A:pending->firing",
                                                                "B:inactive->pending", "B:pending->firing"}));
  EXPECT_FALSE(run.errors.empty());  // the suppliers and inventory sources, on an empty warehouse

  g_mode = 1;
  run = run_tool_alerts(*wh, tracker, 1060);
  EXPECT_EQ(test_transitions(run), (std::multiset<std::string>{"B:firing->resolved"}));

  g_mode = 2;
  run = run_tool_alerts(*wh, tracker, 1120);
  EXPECT_TRUE(test_transitions(run).empty());
  bool named = false;
  for (const std::string& e : run.errors) named |= e == "test-tool: source unavailable";
  EXPECT_TRUE(named);
  EXPECT_EQ(tracker.alerts().at({"TestCondition", "Shop 1", "A"}).state, AlertState::kFiring);
  g_mode = 0;
}

TEST(ToolAlertsCli, PlantedConditionsFireOnceAndReachTheWebhook) {
  const std::string copy = testing::temp_dir() + "/alerts.db";
  std::filesystem::copy_file(testing::shared_sim().warehouse_path, copy,
                             std::filesystem::copy_options::overwrite_existing);
  std::set<std::string> overdue, stockouts;
  const auto& truth = testing::shared_sim().truth["anomalies"];
  for (const auto& item : truth["delivery_overdue"]["items"]) overdue.insert(item["ship_no"].get<std::string>());
  for (const auto& item : truth["stockout_risk"]["items"])
    stockouts.insert("Shop " + std::to_string(item["shop_id"].get<int64_t>()) + "/" + item["goods_name"].get<std::string>());
  std::set<std::string> offline, degraded;
  for (const auto& item : truth["device_offline"]["items"]) offline.insert(item["device_no"].get<std::string>());
  for (const auto& item : truth["device_degraded"]["items"]) degraded.insert(item["device_no"].get<std::string>());
  ASSERT_FALSE(overdue.empty());
  ASSERT_FALSE(stockouts.empty());
  ASSERT_FALSE(offline.empty());
  ASSERT_FALSE(degraded.empty());
  std::set<std::string> spikes;
  for (const auto& item : truth["demand_spike"]["items"])
    spikes.insert(std::to_string(item["shop_id"].get<int64_t>()) + "/" + item["date"].get<std::string>());
  ASSERT_FALSE(spikes.empty());
  std::set<std::string> missed_stores;  // the stores tool's missed days turn compliance red
  for (const auto& item : truth["store_closed_day"]["items"]) missed_stores.insert(std::to_string(item["shop_id"].get<int64_t>()));
  ASSERT_FALSE(missed_stores.empty());

  std::set<std::string> break_days;  // every planted reconciliation break, by business day
  for (const auto& [kind, anomaly] : truth.items())
    if (kind.rfind("recon_", 0) == 0)
      for (const auto& item : anomaly["items"]) break_days.insert(item["day"].get<std::string>());
  for (const auto& item : truth["unknown_tenant"]["items"])  // a stray cost bill breaks its day too
    if (item["table"] == "luckyus_ifiaccounting.t_acc_cost_bill") break_days.insert(item["day"].get<std::string>());
  ASSERT_GE(break_days.size(), 5u);
  std::set<std::string> leaks, fired_leaks;  // redis-console's memory departing from its baseline
  for (const auto& item : truth["redis_memory_anomaly"]["items"]) leaks.insert(item["instance"].get<std::string>());
  ASSERT_FALSE(leaks.empty());

  testing::WebhookReceiver receiver(200);
  std::string out, err;
  ASSERT_EQ(testing::run_luckyhub("alerts --warehouse " + copy + " --format json --webhook " + receiver.url(), &out, &err), 0)
      << err;
  const nlohmann::json first = nlohmann::json::parse(out);
  std::set<std::string> fired_overdue, fired_stockouts, fired_offline, fired_degraded, fired_spikes, fired_compliance,
      fired_breaks;
  for (const auto& a : first["alerts"]) {
    EXPECT_EQ(a["state"], "firing");
    // The planted tax items leave a gap under the report's $100 threshold, and luckyus_fi_tax is empty.
    EXPECT_NE(a["rule"], "TaxShortfall") << a["summary"];
    EXPECT_NE(a["rule"], "FiTaxLive") << a["summary"];
    if (a["rule"] == "ReconciliationBreak") {
      EXPECT_EQ(a["instance"], "USD");
      EXPECT_EQ(a["labels"]["department"], "finance");
      fired_breaks.insert(a["object"].get<std::string>());
    }
    if (a["rule"] == "StockoutRisk") {
      EXPECT_EQ("Shop " + a["labels"]["store"].get<std::string>(), a["instance"]);
    }
    if (a["rule"] == "RedisMemoryAnomaly") fired_leaks.insert(a["instance"].get<std::string>());
    if (a["rule"] == "MachineOffline") fired_offline.insert(a["object"].get<std::string>());
    if (a["rule"] == "MachineDegraded") fired_degraded.insert(a["object"].get<std::string>());
    if (a["rule"] == "StoreKpiRed" && a["object"] == "compliance") fired_compliance.insert(a["instance"].get<std::string>());
    if (a["rule"] == "DeliveryOverdue") fired_overdue.insert(a["object"].get<std::string>());
    if (a["rule"] == "DemandSpike") fired_spikes.insert(a["instance"].get<std::string>() + "/" + a["object"].get<std::string>());
    if (a["rule"] == "StockoutRisk")
      fired_stockouts.insert(a["instance"].get<std::string>() + "/" + a["object"].get<std::string>());
  }
  EXPECT_EQ(fired_overdue, overdue);
  EXPECT_EQ(fired_stockouts, stockouts);
  EXPECT_EQ(fired_offline, offline);
  EXPECT_EQ(fired_degraded, degraded);
  EXPECT_EQ(fired_spikes, spikes);
  EXPECT_EQ(fired_compliance, missed_stores);
  EXPECT_EQ(fired_breaks, break_days);
  EXPECT_EQ(fired_leaks, leaks);
  const std::string request = receiver.wait_request();
  EXPECT_NE(request.find("\"alertname\":\"DeliveryOverdue\""), std::string::npos);
  EXPECT_NE(request.find("\"alertname\":\"StockoutRisk\""), std::string::npos);

  ASSERT_EQ(testing::run_luckyhub("alerts --warehouse " + copy + " --format json", &out, &err), 0) << err;
  const nlohmann::json second = nlohmann::json::parse(out);
  EXPECT_TRUE(second["transitions"].empty());
  EXPECT_EQ(second["firing"], first["firing"]);
}

// The tax watch on a copy of the simulation changed as production could
// change: 1000 USD items lose their tax (a shortfall past $100) and the tax
// system's first declaration arrives in luckyus_fi_tax.
TEST(ToolAlertsCli, TaxWatchFiresOnAShortfallAndWhenFiTaxFills) {
  const std::string copy = testing::temp_dir() + "/tax.db";
  std::filesystem::copy_file(testing::shared_sim().warehouse_path, copy,
                             std::filesystem::copy_options::overwrite_existing);
  int64_t zeroed = 0;
  {
    const std::string ids =
        "SELECT id FROM wide__order_item WHERE order_currency_code = 'USD' AND tax > 0 ORDER BY id LIMIT 1000";
    auto wh = open_warehouse(copy);
    zeroed = wh->query("SELECT SUM(tax) AS t FROM wide__order_item WHERE id IN (" + ids + ")").row(0).integer("t");
    SqliteDb db(copy, SQLITE_OPEN_READWRITE);
    db.exec("UPDATE sales_order__t_order_item SET tax = 0 WHERE id IN (" + ids + ")");
    db.exec("UPDATE wide__order_item SET tax = 0 WHERE id IN (" + ids + ")");
    db.exec("INSERT INTO fi_tax__t_tax_declaration (id, tenant, declaration_no, create_time) "
            "VALUES (1, 'LKUS', 'D-1', '2026-02-12 10:00:00')");
  }
  ASSERT_GT(zeroed, 10000);  // cents: past the $100 threshold
  std::string out, err;
  ASSERT_EQ(testing::run_luckyhub("alerts --warehouse " + copy + " --format json", &out, &err), 0) << err;
  std::map<std::string, nlohmann::json> tax;
  const nlohmann::json evaluated = nlohmann::json::parse(out);
  for (const auto& a : evaluated["alerts"])
    if (a["labels"]["tool"] == "tax-gap") tax[a["rule"].get<std::string>() + "/" + a["object"].get<std::string>()] = a;
  ASSERT_EQ(tax.size(), 2u) << out;
  const auto& shortfall = tax.at("TaxShortfall/");
  EXPECT_EQ(shortfall["instance"], "NY");
  EXPECT_EQ(shortfall["severity"], "critical");
  EXPECT_EQ(shortfall["labels"]["department"], "finance");
  // The planted items' gap ($2.78 in the manifest's figures) plus what was
  // zeroed, of the items of paid orders among them.
  const auto& figures = testing::shared_sim().truth["figures"];
  const int64_t planted = figures["tax_expected_cents"].get<int64_t>() - figures["tax_collected_cents"].get<int64_t>();
  EXPECT_GT(shortfall["value"].get<double>(), 10000);
  EXPECT_LE(shortfall["value"].get<double>(), static_cast<double>(planted + zeroed));
  const auto& live = tax.at("FiTaxLive/t_tax_declaration");
  EXPECT_EQ(live["value"], 1);
  EXPECT_EQ(live["severity"], "info");
  EXPECT_NE(live["summary"].get<std::string>().find("has 1 row of LKUS,"), std::string::npos) << live["summary"];
}

// `luckyhub alerts --routing FILE`: finance's alerts (the reconciliation
// breaks) go to finance's receiver, one notice per group; the rest to the
// root's; a second run has nothing new to tell. A receiver with e-mail and no
// SMTP client is refused with its line.
TEST(ToolAlertsCli, RoutingFileSendsFinanceItsAlertsOnce) {
  const std::string dir = testing::temp_dir();
  const std::string copy = dir + "/routed.db";
  std::filesystem::copy_file(testing::shared_sim().warehouse_path, copy);
  testing::HttpRecorder recorder;
  const std::string routing = testing::write_file(dir, "delivery.toml", R"(
[route]
receiver = "everyone"
group_by = ["alertname"]
group_wait = "0s"

[[route.routes]]
matchers = ["department=finance"]
receiver = "finance"

[[receiver]]
name = "everyone"
webhook_url = ")" + recorder.url("/everyone") + R"("

[[receiver]]
name = "finance"
slack_url = ")" + recorder.url("/finance") + R"("
)");
  std::string out, err;
  ASSERT_EQ(testing::run_luckyhub("alerts --warehouse " + copy + " --routing " + routing + " --format json", &out, &err), 0)
      << err;
  const nlohmann::json first = nlohmann::json::parse(out);
  std::set<std::string> rules, finance_rules;
  for (const auto& a : first["alerts"]) {
    rules.insert(a["rule"].get<std::string>());
    if (a["labels"]["department"] == "finance") finance_rules.insert(a["rule"].get<std::string>());
  }
  EXPECT_EQ(finance_rules, std::set<std::string>{"ReconciliationBreak"});
  EXPECT_EQ(first["notifications"], rules.size());  // one per alertname group
  std::set<std::string> to_everyone;
  size_t finance_notices = 0;
  for (const auto& r : recorder.take()) {
    const nlohmann::json body = nlohmann::json::parse(r.body);
    if (r.path == "/finance") {
      ++finance_notices;
      EXPECT_NE(body["text"].get<std::string>().find("ReconciliationBreak"), std::string::npos);
      EXPECT_TRUE(body["blocks"].is_array());
    } else {
      EXPECT_EQ(r.path, "/everyone");
      EXPECT_EQ(body["receiver"], "everyone");
      to_everyone.insert(body["groupLabels"]["alertname"].get<std::string>());
    }
  }
  EXPECT_EQ(finance_notices, 1u);
  rules.erase("ReconciliationBreak");
  EXPECT_EQ(to_everyone, rules);

  ASSERT_EQ(testing::run_luckyhub("alerts --warehouse " + copy + " --routing " + routing + " --format json", &out, &err), 0)
      << err;
  EXPECT_EQ(nlohmann::json::parse(out)["notifications"], 0);
  EXPECT_TRUE(recorder.take().empty());

  const std::string mail = testing::write_file(
      dir, "mail.toml", "[route]\nreceiver = \"m\"\n\n[[receiver]]\nname = \"m\"\nemail_to = [\"a@b.example\"]\n");
  EXPECT_NE(testing::run_luckyhub("alerts --warehouse " + copy + " --routing " + mail, &out, &err), 0);
  EXPECT_NE(err.find(mail + ":4: receiver m sends e-mail"), std::string::npos) << err;
}

TEST(ToolAlertsCli, AClickHouseWarehouseNeedsAStateFile) {
  std::string err;
  EXPECT_NE(testing::run_luckyhub("alerts --warehouse clickhouse://127.0.0.1:1/x", nullptr, &err), 0);
  EXPECT_NE(err.find("--state"), std::string::npos) << err;
}

}  // namespace
}  // namespace luckyhub::alerts
