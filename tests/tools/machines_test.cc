// The machines tool (Tool 14): its rules on hand-made events and brew
// times, its report against the simulator's manifest (offline, degraded and
// past outages found with precision and recall 1.0) and against figures
// computed here in SQL, its alert signals, its device page, its parameters.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>

#include "core/error.h"
#include "server/http_client.h"
#include "server/http_server.h"
#include "support/panel_columns.h"
#include "support/shared_sim.h"
#include "tools/machines/machines.h"
#include "tools/registry.h"

namespace luckyhub {
namespace {

using machines::BrewHistogram;
using machines::Event;

Timestamp at(const char* text) { return Timestamp::parse(text); }

TEST(MachinesMath, MedianOfAHistogram) {
  EXPECT_FALSE(machines::median_seconds({}));
  EXPECT_DOUBLE_EQ(*machines::median_seconds({{40, 1}}), 40);
  EXPECT_DOUBLE_EQ(*machines::median_seconds({{40, 2}, {50, 1}}), 40);           // 40 40 50
  EXPECT_DOUBLE_EQ(*machines::median_seconds({{40, 2}, {50, 2}}), 45);           // 40 40 50 50
  EXPECT_DOUBLE_EQ(*machines::median_seconds({{30, 1}, {40, 1}, {90, 5}}), 90);  // 30 40 90 90 90 90 90
}

// Offline at 10:00, online at 13:00; a second online ends nothing; offline
// again at 20:00 until the end. Uptime over [08:00, 22:00) of a device
// installed at 09:00: 13 h in service, 3 + 2 offline.
TEST(MachinesMath, OfflineSpellsAndUptime) {
  machines::Device d;
  d.install_time = at("2026-01-05 09:00:00");
  d.events = {{machines::kOffline, at("2026-01-05 10:00:00")}, {machines::kOffline, at("2026-01-05 11:00:00")},
              {machines::kOnline, at("2026-01-05 13:00:00")},  {machines::kOnline, at("2026-01-05 14:00:00")},
              {machines::kMaintenanceDone, at("2026-01-05 15:00:00")}, {machines::kOffline, at("2026-01-05 20:00:00")}};
  const auto spells = machines::offline_spells(d.events);
  ASSERT_EQ(spells.size(), 2u);
  EXPECT_EQ(spells[0].from, at("2026-01-05 10:00:00"));
  EXPECT_EQ(*spells[0].to, at("2026-01-05 13:00:00"));
  EXPECT_FALSE(spells[1].to);
  const machines::Uptime u = machines::uptime(d, at("2026-01-05 08:00:00"), at("2026-01-05 22:00:00"));
  EXPECT_EQ(u.service_s, 13 * 3600);
  EXPECT_EQ(u.offline_s, 5 * 3600);
  EXPECT_NEAR(u.share(), 8.0 / 13.0, 1e-12);
}

// Baseline median 40 s (90 cups/h), recent 50 s (72 cups/h): -20%, not below
// -20%; recent 60 s (60 cups/h): -33.3%, degraded, and its 12 cups took the
// time of 18 at the baseline velocity: 6 lost.
TEST(MachinesMath, VelocityAgainstTheBaseline) {
  machines::Scope scope;
  machines::Device d;
  d.baseline = {{40, 30}};
  d.recent = {{50, 12}};
  machines::Velocity v = machines::velocity(d, scope);
  EXPECT_TRUE(v.judged);
  EXPECT_NEAR(*v.change, -0.2, 1e-12);
  EXPECT_FALSE(v.degraded);
  d.recent = {{60, 12}};
  v = machines::velocity(d, scope);
  EXPECT_TRUE(v.degraded);
  EXPECT_NEAR(v.lost_cups, 6.0, 1e-9);
  d.recent = {{60, 4}};  // under min_cups: not judged
  EXPECT_FALSE(machines::velocity(d, scope).judged);
}

// ---- The shared simulation ----

const Report& shared_report(const std::map<std::string, std::string>& params = {}) {
  static std::map<std::map<std::string, std::string>, Report> reports;
  auto it = reports.find(params);
  if (it == reports.end()) {
    auto wh = testing::open_shared_warehouse();
    it = reports.emplace(params, run_tool(ToolRegistry::instance().get("machines"), *wh, params)).first;
  }
  return it->second;
}

using testing::column;

std::set<int64_t> planted(const std::string& kind) {
  std::set<int64_t> ids;
  for (const auto& id : testing::shared_sim().truth["anomalies"][kind]["ids"]) ids.insert(id.get<int64_t>());
  return ids;
}

std::set<int64_t> devices_in_state(const std::string& state) {
  const Panel& p = *shared_report().panel("devices");
  std::set<int64_t> ids;
  for (const auto& row : p.table.rows) {
    if (std::get<std::string>(row[column(p, "state")]) == state) ids.insert(std::get<int64_t>(row[column(p, "device_id")]));
  }
  return ids;
}

TEST(MachinesGroundTruth, OfflineAndDegradedAreExactlyThePlantedOnes) {
  EXPECT_FALSE(planted("device_offline").empty());
  EXPECT_FALSE(planted("device_degraded").empty());
  EXPECT_EQ(devices_in_state("offline"), planted("device_offline"));
  EXPECT_EQ(devices_in_state("degraded"), planted("device_degraded"));
  const Panel& v = *shared_report().panel("velocity");
  std::set<int64_t> flagged;
  for (const auto& row : v.table.rows) {
    if (std::get<std::string>(row[column(v, "degraded")]) == "yes") {
      flagged.insert(std::get<int64_t>(row[column(v, "device_id")]));
      EXPECT_LT(std::get<double>(row[column(v, "change")]), -0.2);
      EXPECT_GT(std::get<double>(row[column(v, "lost_cups")]), 0);
    }
  }
  EXPECT_EQ(flagged, planted("device_degraded"));
}

// Past outages: exactly the planted ones, from and to as planted (a heartbeat
// lost just before an outage may start it earlier); the open ones are the
// machines offline now.
TEST(MachinesGroundTruth, OutagesAreExactlyThePlantedOnes) {
  const Panel& p = *shared_report().panel("outages");
  std::map<int64_t, std::pair<std::string, std::string>> ended;
  std::set<int64_t> open;
  for (const auto& row : p.table.rows) {
    const int64_t id = std::get<int64_t>(row[column(p, "device_id")]);
    if (std::holds_alternative<std::monostate>(row[column(p, "to")])) open.insert(id);
    else ended[id] = {std::get<std::string>(row[column(p, "from")]), std::get<std::string>(row[column(p, "to")])};
  }
  std::set<int64_t> ended_ids;
  for (const auto& [id, span] : ended) ended_ids.insert(id);
  EXPECT_EQ(ended_ids, planted("device_outage"));
  EXPECT_EQ(open, planted("device_offline"));
  for (const auto& item : testing::shared_sim().truth["anomalies"]["device_outage"]["items"]) {
    const auto& [from, to] = ended[item["device_id"].get<int64_t>()];
    EXPECT_EQ(to, item["to"].get<std::string>());
    EXPECT_LE(at(item["from"].get<std::string>().c_str()) - at(from.c_str()), 3600);
    EXPECT_GE(at(item["from"].get<std::string>().c_str()) - at(from.c_str()), 0);
  }
}

int64_t sql_integer(Warehouse& wh, const std::string& sql) { return wh.query(sql).row(0).integer("v"); }

// Cups since the last maintenance-done event, counted here for every device
// the due list shows (plain SQL every engine runs: the last maintenance
// first, then the cups after it).
TEST(MachinesGroundTruth, CupsSinceMaintenanceEqualADirectCount) {
  auto wh = testing::open_shared_warehouse();
  const Panel& p = *shared_report({{"maintenance_days", "1"}}).panel("maintenance");  // every device is due
  ASSERT_GT(p.table.rows.size(), 100u);
  int checked = 0;
  for (const auto& row : p.table.rows) {
    if (std::holds_alternative<std::monostate>(row[column(p, "cups_since")])) continue;
    const std::string no = std::get<std::string>(row[column(p, "device_no")]);
    const ResultSet maintained = wh->query("SELECT COUNT(*) AS n, MAX(event_time) AS t FROM iot_platform__t_device_event"
                                           " WHERE device_no = ? AND event_type = 6",
                                           {no});
    const Row last = maintained.row(0);
    ASSERT_GT(last.integer("n"), 0) << no;
    const int64_t expected = sql_integer(
        *wh, "SELECT COUNT(*) AS v FROM iot_platform__t_cup_order_info WHERE device_no = '" + no +
                 "' AND tenant = 'LKUS' AND status = 1 AND start_time < '2026-02-13 05:00:00' AND start_time > '" +
                 Timestamp::parse(last.text("t")).str() + "'");
    EXPECT_EQ(std::get<int64_t>(row[column(p, "cups_since")]), expected) << no;
    checked += expected > 0;
  }
  EXPECT_GT(checked, 50);
}

// Uptime of each planted outage's device over the whole window: the device's
// online (1) and offline (2) events read in time order, each offline spell
// from its first offline event to the next online event, summed here.
TEST(MachinesGroundTruth, UptimeEqualsADirectComputation) {
  auto wh = testing::open_shared_warehouse();
  const Panel& p = *shared_report().panel("devices");
  const Timestamp window_from = Timestamp::parse("2025-06-30 04:00:00"), as_of = Timestamp::parse("2026-02-13 05:00:00");
  for (int64_t id : planted("device_outage")) {
    const auto row = std::find_if(p.table.rows.begin(), p.table.rows.end(),
                                  [&](const auto& r) { return std::get<int64_t>(r[column(p, "device_id")]) == id; });
    ASSERT_NE(row, p.table.rows.end());
    const std::string no = std::get<std::string>((*row)[column(p, "device_no")]);
    double offline_s = 0;
    std::optional<Timestamp> down;  // the open spell's first offline event
    for (const Row e : wh->query("SELECT event_type, event_time FROM iot_platform__t_device_event WHERE device_no = ?"
                                 " AND event_type IN (1, 2) ORDER BY event_time, id",
                                 {no})) {
      const Timestamp t = Timestamp::parse(e.text("event_time"));
      if (e.integer("event_type") == 2 && !down) down = t;
      if (e.integer("event_type") == 1 && down) offline_s += static_cast<double>(t.seconds - down->seconds), down.reset();
    }
    const Timestamp installed = Timestamp::parse(
        wh->query("SELECT install_time FROM iot_platform__t_device WHERE id = ?", {id}).row(0).text("install_time"));
    const double service_s = static_cast<double>(as_of.seconds - std::max(installed, window_from).seconds);
    EXPECT_NEAR(std::get<double>((*row)[column(p, "uptime")]), std::round((1 - offline_s / service_s) * 1e4) / 1e4,
                1e-9)
        << no;
    EXPECT_GT(offline_s, 0) << no;
    EXPECT_LT(offline_s / 3600, 80);  // one outage of at most three days and heartbeats lost
  }
}

TEST(MachinesGroundTruth, SummaryTilesCountTheStates) {
  const Panel& s = *shared_report().panel("summary");
  auto tile = [&](const std::string& id) {
    for (const KpiTile& t : s.kpis) {
      if (t.id == id) return std::get<int64_t>(t.value);
    }
    throw Error("no tile " + id);
  };
  EXPECT_EQ(tile("devices"), 216);
  EXPECT_EQ(tile("offline"), static_cast<int64_t>(planted("device_offline").size()));
  EXPECT_EQ(tile("degraded"), static_cast<int64_t>(planted("device_degraded").size()));
  EXPECT_EQ(tile("online") + tile("offline") + tile("degraded"), 216);
  EXPECT_EQ(tile("outages"),
            static_cast<int64_t>(planted("device_outage").size() + planted("device_offline").size()));
  const Panel& map = *shared_report().panel("map");
  int64_t red = 0;
  for (const auto& row : map.heatmap.values) {
    for (const Cell& c : row) red += std::holds_alternative<int64_t>(c) && std::get<int64_t>(c) == 2;
  }
  EXPECT_EQ(red, tile("offline"));
}

TEST(MachinesAlerts, SignalsNameEveryOfflineAndDegradedMachine) {
  auto wh = testing::open_shared_warehouse();
  const machines::Scope scope = machines::scope_of(*wh, Params::parse(machines::machine_params(), {}));
  const machines::FleetData data = machines::read_fleet(*wh, scope);
  std::set<std::string> offline, degraded;
  for (const alerts::Signal& s : machines::machine_signals(data, scope)) {
    EXPECT_FALSE(s.instance.empty());
    EXPECT_FALSE(s.summary.empty());
    if (s.rule == "MachineOffline") {
      offline.insert(s.object);
      EXPECT_GT(s.value, 0);
    } else {
      EXPECT_EQ(s.rule, "MachineDegraded");
      EXPECT_GT(s.value, s.threshold);
      EXPECT_DOUBLE_EQ(s.threshold, 0.2);
      degraded.insert(s.object);
    }
  }
  std::set<std::string> want_offline, want_degraded;
  for (const auto& i : testing::shared_sim().truth["anomalies"]["device_offline"]["items"]) want_offline.insert(i["device_no"]);
  for (const auto& i : testing::shared_sim().truth["anomalies"]["device_degraded"]["items"]) want_degraded.insert(i["device_no"]);
  EXPECT_EQ(offline, want_offline);
  EXPECT_EQ(degraded, want_degraded);
  EXPECT_EQ(shared_report().panel("alerts")->alerts.size(), offline.size() + degraded.size());
}

TEST(MachinesDevicePage, ShowsOneMachinesHistoryAndLogs) {
  const auto& item = testing::shared_sim().truth["anomalies"]["device_outage"]["items"][0];
  const std::string no = item["device_no"];
  const Report& r = shared_report({{"device", std::to_string(item["device_id"].get<int64_t>())}});
  ASSERT_NE(r.panel("device"), nullptr);
  EXPECT_EQ(r.panel("devices"), nullptr);
  EXPECT_GE(r.panel("offline_spells")->table.rows.size(), 1u);
  auto wh = testing::open_shared_warehouse();
  EXPECT_EQ(static_cast<int64_t>(r.panel("errors")->table.rows.size()),
            sql_integer(*wh, "SELECT COUNT(*) AS v FROM iot_platform__t_device_event WHERE device_no = '" + no +
                                 "' AND event_type IN (3, 4) AND event_time >= '2025-06-30 04:00:00'"));
  int64_t cups = 0;
  for (const Cell& c : r.panel("history")->series.series.at(0).values) cups += std::get<int64_t>(c);
  EXPECT_GT(cups, 0);
  EXPECT_EQ(cups, sql_integer(*wh, "SELECT COUNT(*) AS v FROM iot_platform__t_cup_order_info WHERE device_no = '" +
                                       no + "' AND tenant = 'LKUS' AND status = 1 AND start_time < '2026-02-13 05:00:00'"));
  EXPECT_THROW(run_tool(ToolRegistry::instance().get("machines"), *wh, {{"device", "99999"}}), Error);
}

TEST(MachinesParams, BadParametersAreRefused) {
  auto wh = testing::open_shared_warehouse();
  const Tool& tool = ToolRegistry::instance().get("machines");
  for (const auto& [name, value] : std::vector<std::pair<std::string, std::string>>{
           {"degraded_drop", "0"}, {"degraded_drop", "x"}, {"recent_weeks", "0"}, {"device", "-1"},
           {"maintenance_days", "0"}, {"outage_hours", "-2"}, {"to", "2020-01-01"}}) {
    EXPECT_THROW(run_tool(tool, *wh, {{name, value}}), Error) << name << "=" << value;
  }
}

TEST(MachinesCli, BadParameterIsOneErrorLine) {
  std::string err;
  const int rc = testing::run_luckyhub(
      "report machines --warehouse " + testing::shared_sim().warehouse_path + " --param degraded_drop=2", nullptr, &err);
  EXPECT_NE(rc, 0);
  EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << err;
  EXPECT_NE(err.find("degraded_drop"), std::string::npos) << err;
}

TEST(MachinesApi, BadParameterIs400) {
  server::ServerOptions options;
  options.port = 0;
  server::HttpServer server(options, testing::shared_sim().warehouse_path);
  server.start();
  const testing::HttpReply bad = testing::http_get(server.port(), "/api/reports/machines?degraded_drop=abc");
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_NE(bad.body.find("degraded_drop"), std::string::npos) << bad.body;
  EXPECT_EQ(testing::http_get(server.port(), "/api/reports/machines?device=x").status, 400);
}

}  // namespace
}  // namespace luckyhub
