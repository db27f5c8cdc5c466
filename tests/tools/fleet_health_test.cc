// fleet-health on the shared simulation's demo fleet: the planted conditions
// (simulate/health/fleet_history.h) are exactly what the tool finds, the
// fleet has the catalog's 143 instances, and the report is marked simulated.
#include "tools/fleet_health/fleet_health.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <tuple>

#include "core/error.h"
#include "support/panel_columns.h"
#include "support/shared_sim.h"
#include "support/tiny_warehouse.h"
#include "tools/registry.h"

namespace luckyhub {
namespace {

using Finding = std::tuple<std::string, std::string, std::string>;  // rule, instance, object

TEST(FleetHealth, FindsExactlyThePlantedConditions) {
  const nlohmann::json& anomalies = testing::shared_sim().truth.at("anomalies");
  std::set<Finding> planted;
  for (const char* kind : {"fleet_fast_growing_table", "fleet_connections_near_max", "fleet_redis_memory_high",
                           "fleet_auto_increment_near_limit"}) {
    ASSERT_TRUE(anomalies.contains(kind)) << kind;
    for (const auto& item : anomalies.at(kind).at("items")) {
      planted.insert(Finding{item.at("rule").get<std::string>(), item.at("instance").get<std::string>(),
                             item.at("object").get<std::string>()});
    }
  }
  auto wh = testing::open_shared_warehouse();
  const fleet_health::Fleet fleet = fleet_health::load(*wh);
  std::set<Finding> found;
  for (const auto& h : fleet.instances) {
    for (const auto& s : h.conditions) found.insert({s.rule, s.instance, s.object});
  }
  EXPECT_EQ(found, planted);
  EXPECT_TRUE(fleet.simulated);

  // The collector's state machine, replayed by the simulator, has them firing.
  const ResultSet firing = wh->query("SELECT rule, instance, object FROM health__alerts WHERE state = 'firing'");
  std::set<Finding> fired;
  for (size_t r = 0; r < firing.size(); ++r) fired.insert({firing.text_at(r, 0), firing.text_at(r, 1), firing.text_at(r, 2)});
  EXPECT_EQ(fired, planted);
}

TEST(FleetHealth, OverviewCoversTheWholeFleet) {
  auto wh = testing::open_shared_warehouse();
  const Report r = run_tool(ToolRegistry::instance().get("fleet-health"), *wh, {});
  ASSERT_NE(r.panel("simulated"), nullptr);
  const Panel* kpis = r.panel("summary");
  ASSERT_NE(kpis, nullptr);
  EXPECT_EQ(std::get<int64_t>(kpis->kpis[0].value), 143);
  EXPECT_EQ(kpis->kpis[0].note.substr(0, 41), "62 MySQL, 78 Redis, 3 PostgreSQL; latest ");
  // Yellow: growth, connections, Redis memory (warnings); red: the AUTO_INCREMENT key (critical).
  EXPECT_EQ(std::get<int64_t>(kpis->kpis[2].value), 3);
  EXPECT_EQ(std::get<int64_t>(kpis->kpis[3].value), 1);
  const Panel* heat = r.panel("fleet_heatmap");
  ASSERT_NE(heat, nullptr);
  EXPECT_EQ(heat->heatmap.x.size(), 143u);
  EXPECT_EQ(r.panel("instances")->table.rows.size(), 143u);
  EXPECT_EQ(r.panel("conditions")->alerts.size(), 4u);
  // The discovered table is on the timeline.
  bool discovered = false;
  for (const auto& row : r.panel("alert_timeline")->table.rows) {
    discovered = discovered || (std::get<std::string>(row[2]) == "new_table" &&
                                std::get<std::string>(row[3]) == "app_05.t_feature_flag");
  }
  EXPECT_TRUE(discovered);
  // Redis memory has a known limit: days until full is projected.
  bool redis_limit = false;
  for (const auto& row : r.panel("capacity")->table.rows) {
    redis_limit = redis_limit || (std::get<std::string>(row[0]) == "redis-42" && std::holds_alternative<double>(row.back()));
  }
  EXPECT_TRUE(redis_limit);
}

TEST(FleetHealth, ServerDetail) {
  auto wh = testing::open_shared_warehouse();
  const Report r = run_tool(ToolRegistry::instance().get("fleet-health"), *wh, {{"instance", "mysql-app-23"}});
  const Panel* tables = r.panel("table_projections");
  ASSERT_NE(tables, nullptr);
  ASSERT_FALSE(tables->table.rows.empty());
  // The most urgent table first: the key running out, with days until exhausted.
  EXPECT_EQ(std::get<std::string>(tables->table.rows[0][1]), "app_23.t_event");
  EXPECT_NEAR(std::get<double>(tables->table.rows[0][8]), 0.87, 1e-9);
  EXPECT_NEAR(std::get<double>(tables->table.rows[0][9]), 0.13 / 0.004, 1.0);
  EXPECT_FALSE(r.panel("connections_trend")->series.x.empty());
  EXPECT_EQ(r.panel("conditions")->alerts.size(), 1u);
  EXPECT_THROW(run_tool(ToolRegistry::instance().get("fleet-health"), *wh, {{"instance", "nope"}}), Error);
}

// The planted failure of table statistics: its message in the instances
// table's column (empty for every other instance) and on the server's page,
// where the others show their tables read.
TEST(FleetHealth, ATableStatisticsFailureIsAColumnAndATile) {
  const nlohmann::json& planted = testing::shared_sim().truth.at("anomalies").at("fleet_tables_failed").at("items");
  ASSERT_EQ(planted.size(), 1u);
  const std::string instance = planted[0].at("instance").get<std::string>();
  const std::string detail = planted[0].at("detail").get<std::string>();
  auto wh = testing::open_shared_warehouse();
  const Report overview = run_tool(ToolRegistry::instance().get("fleet-health"), *wh, {});
  const Panel& instances = *overview.panel("instances");
  const size_t c_instance = testing::column(instances, "instance"), c_failed = testing::column(instances, "tables_error");
  std::map<std::string, std::string> failed;
  for (const auto& row : instances.table.rows) {
    const std::string& text = std::get<std::string>(row[c_failed]);
    if (!text.empty()) failed[std::get<std::string>(row[c_instance])] = text;
  }
  EXPECT_EQ(failed, (std::map<std::string, std::string>{{instance, detail}}));

  auto tile = [&](const std::string& name) {
    const Report page = run_tool(ToolRegistry::instance().get("fleet-health"), *wh, {{"instance", name}});
    for (const KpiTile& k : page.panel("server")->kpis) {
      if (k.id == "table_statistics") return k;
    }
    ADD_FAILURE() << name << " has no table statistics tile";
    return KpiTile{};
  };
  const KpiTile failing = tile(instance);
  EXPECT_EQ(std::get<std::string>(failing.value), "failed");
  EXPECT_EQ(failing.status, Status::kYellow);
  EXPECT_EQ(failing.note, detail);
  const KpiTile fine = tile("mysql-app-23");
  EXPECT_EQ(std::get<std::string>(fine.value), "read");
  EXPECT_EQ(fine.status, Status::kNone);
  EXPECT_EQ(fine.note.substr(fine.note.find(' ')), " tables");
}

TEST(FleetHealth, AWarehouseWithoutHistorySaysHowToStart) {
  testing::TinyWarehouse tiny("2026-01-01", "2026-02-01");
  auto wh = tiny.open();
  const Report r = run_tool(ToolRegistry::instance().get("fleet-health"), *wh, {});
  ASSERT_EQ(r.panels.size(), 1u);
  EXPECT_EQ(r.panels[0].id, "no_history");
  EXPECT_NE(r.panels[0].text.find("luckyhub collect --fleet"), std::string::npos);
}

}  // namespace
}  // namespace luckyhub

namespace luckyhub {
namespace {

// The demo's RDS instance (fleet_cloudwatch_host): its page names CloudWatch
// as the host source and shows the manifest's latest figures; no other
// instance has a host source in the demo.
TEST(FleetHealth, TheRdsInstanceShowsItsCloudWatchHostMetrics) {
  const nlohmann::json& planted = testing::shared_sim().truth.at("anomalies").at("fleet_cloudwatch_host").at("items");
  ASSERT_EQ(planted.size(), 1u);
  const std::string instance = planted[0].at("instance").get<std::string>();
  auto wh = testing::open_shared_warehouse();
  EXPECT_EQ(wh->query("SELECT COUNT(DISTINCT instance) FROM health__latest WHERE metric = 'host_source'").int_at(0, 0), 1);
  const Report page = run_tool(ToolRegistry::instance().get("fleet-health"), *wh, {{"instance", instance}});
  std::map<std::string, KpiTile> tiles;
  for (const KpiTile& k : page.panel("server")->kpis) tiles[k.id] = k;
  ASSERT_TRUE(tiles.count("host_source"));
  EXPECT_EQ(std::get<std::string>(tiles["host_source"].value), "Amazon CloudWatch");
  EXPECT_DOUBLE_EQ(std::get<double>(tiles["host_cpu"].value), planted[0].at("cpu_busy_ratio").get<double>());
  EXPECT_DOUBLE_EQ(std::get<double>(tiles["storage_free"].value), planted[0].at("storage_free_bytes").get<double>());
  EXPECT_DOUBLE_EQ(std::get<double>(tiles["replica_lag"].value), planted[0].at("replica_lag_seconds").get<double>());
  for (const char* id : {"host_trend", "iops_trend", "rds_trend"}) {
    const Panel* trend = page.panel(id);
    ASSERT_NE(trend, nullptr) << id;
    EXPECT_GE(trend->series.x.size(), 20u) << id;  // 30 days of history by default
  }
  // A server without a host source has none of it.
  const Report other = run_tool(ToolRegistry::instance().get("fleet-health"), *wh, {{"instance", "pg-gis-1"}});
  EXPECT_EQ(other.panel("host_trend"), nullptr);
}

}  // namespace
}  // namespace luckyhub
