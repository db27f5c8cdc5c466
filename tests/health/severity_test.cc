// One colour for a condition: the rule's severity, past its threshold; and the
// same condition has the same colour in fleet-health and redis-console on the
// shared simulation's demo fleet (redis-42 is planted over 85% of maxmemory,
// RedisMemoryHigh's default severity is "warning": yellow, never red).
#include "health/severity.h"

#include <gtest/gtest.h>

#include "alerts/alert_tracker.h"
#include "collect/health_store.h"
#include "support/panel_columns.h"
#include "support/shared_sim.h"
#include "tools/registry.h"

namespace luckyhub {
namespace {

TEST(HealthSeverity, TheRuleDecidesTheColour) {
  EXPECT_EQ(health::severity_status("critical"), Status::kRed);
  EXPECT_EQ(health::severity_status("warning"), Status::kYellow);
  EXPECT_EQ(health::severity_status("info"), Status::kNone);
  const alerts::Rule warn{.name = "W", .threshold = 0.8, .severity = "warning"};
  const alerts::Rule crit{.name = "C", .threshold = 0.8, .severity = "critical"};
  EXPECT_EQ(health::measured_status(warn, 0.93), Status::kYellow);
  EXPECT_EQ(health::measured_status(crit, 0.93), Status::kRed);
  EXPECT_EQ(health::measured_status(warn, 0.80), Status::kGreen);  // over, not at, the threshold
  EXPECT_EQ(health::measured_status(warn, 0.5), Status::kGreen);
  EXPECT_EQ(health::measured_status(warn, -1), Status::kNone);  // not measured
  EXPECT_EQ(health::worse(Status::kYellow, Status::kRed), Status::kRed);
  EXPECT_EQ(health::worse(Status::kYellow, Status::kGreen), Status::kYellow);
  EXPECT_STREQ(health::status_word(Status::kNone), "GREEN");
  // The timeline: a pending alert already has its rule's severity.
  alerts::AlertRecord a{.state = alerts::AlertState::kPending, .severity = "warning"};
  EXPECT_EQ(alerts::event_kind(a), "alert_pending");
  EXPECT_EQ(alerts::event_severity(a), "warning");
  a.state = alerts::AlertState::kResolved;
  EXPECT_EQ(alerts::event_severity(a), "info");
  a.state = alerts::AlertState::kInactive;
  EXPECT_EQ(alerts::event_kind(a), "alert_cleared");
}

Status tile_status(const Report& r, const std::string& panel, const std::string& id) {
  for (const KpiTile& k : r.panel(panel)->kpis) {
    if (k.id == id) return k.status;
  }
  ADD_FAILURE() << "no tile " << panel << "/" << id;
  return Status::kNone;
}

std::string cell_text(const Panel& p, const std::string& key_column, const std::string& key, const std::string& column) {
  const size_t k = testing::column(p, key_column), c = testing::column(p, column);
  for (const auto& row : p.table.rows) {
    if (std::get<std::string>(row[k]) == key) return std::get<std::string>(row[c]);
  }
  ADD_FAILURE() << "no row " << key;
  return "";
}

TEST(HealthSeverity, ARedisOverItsMemoryThresholdIsYellowInBothTools) {
  auto wh = testing::open_shared_warehouse();
  const Tool& fleet_health = ToolRegistry::instance().get("fleet-health");
  const Tool& redis_console = ToolRegistry::instance().get("redis-console");

  const Report fleet = run_tool(fleet_health, *wh, {});
  int memory_conditions = 0;
  for (const Alert& a : fleet.panel("conditions")->alerts) {
    if (a.title.rfind("RedisMemoryHigh: ", 0) != 0) continue;
    ++memory_conditions;
    EXPECT_EQ(a.severity, Status::kYellow) << a.title;
  }
  EXPECT_EQ(memory_conditions, 1);
  const Panel& heat = *fleet.panel("fleet_heatmap");
  const auto col = std::find(heat.heatmap.x.begin(), heat.heatmap.x.end(), "redis-42") - heat.heatmap.x.begin();
  const auto row = std::find(heat.heatmap.y.begin(), heat.heatmap.y.end(), "Redis memory") - heat.heatmap.y.begin();
  ASSERT_LT(static_cast<size_t>(col), heat.heatmap.x.size());
  ASSERT_LT(static_cast<size_t>(row), heat.heatmap.y.size());
  EXPECT_EQ(std::get<int64_t>(heat.heatmap.values[row][col]), 1);  // yellow
  // Four alerts fire, one critical (the AUTO_INCREMENT key): the tile is red for it, not for the count.
  EXPECT_EQ(tile_status(fleet, "summary", "alerts_firing"), Status::kRed);
  const Report fleet_server = run_tool(fleet_health, *wh, {{"instance", "redis-42"}});
  EXPECT_EQ(tile_status(fleet_server, "server", "memory_used"), Status::kYellow);

  const Report console = run_tool(redis_console, *wh, {});
  ASSERT_EQ(console.panel("memory_alerts")->alerts.size(), 1u);
  EXPECT_EQ(console.panel("memory_alerts")->alerts[0].severity, Status::kYellow);
  EXPECT_EQ(tile_status(console, "kpis", "memory_alerts"), Status::kYellow);
  EXPECT_EQ(cell_text(*console.panel("instances"), "instance", "redis-42", "status"), "YELLOW");
  const Report console_instance = run_tool(redis_console, *wh, {{"instance", "redis-42"}});
  EXPECT_EQ(tile_status(console_instance, "kpis", "memory_used"), Status::kYellow);
  EXPECT_EQ(console_instance.panel("memory_alerts")->alerts[0].severity, Status::kYellow);
}

// Only a warning fires: the firing tile is yellow (it was red for any count).
TEST(HealthSeverity, TheFiringTileHasTheWorstFiringSeverity) {
  const std::string path = testing::temp_dir() + "/firing.db";
  Instance db1;
  db1.name = "db1";
  db1.host = "127.0.0.1";
  db1.port = 3306;
  collect::Scrape up;
  up.up = true;
  up.samples.push_back({"connections", "", 90});
  up.samples.push_back({"max_connections", "", 100});
  alerts::AlertRecord a{{"ConnectionsNearMax", "db1", ""}, alerts::AlertState::kFiring, "warning", 1000, 1000, 0.9, 0.8, "s"};
  collect::HealthStore::open(path)->write(
      {.ts = 1000, .targets = {{&db1, up}}, .transitions = {{a, alerts::AlertState::kPending}}});
  auto wh = open_warehouse(path);
  const Report r = run_tool(ToolRegistry::instance().get("fleet-health"), *wh, {});
  EXPECT_EQ(tile_status(r, "summary", "alerts_firing"), Status::kYellow);
}

}  // namespace
}  // namespace luckyhub
