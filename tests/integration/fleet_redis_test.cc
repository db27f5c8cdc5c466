// The local fleet's redis-server (scripts/fleet-up --redis) end to end:
// `simulate --fleet` fills it with Luckin's keyspace and writes what it
// planted to the manifest; `collect --once` with the deploy keyspace file
// reads it as the read-only account; the redis-console report finds exactly
// the manifest's TTL violations, and the planted hot keys are in the
// instance. The read-only account can neither write nor run KEYS.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <tuple>

#include <nlohmann/json.hpp>

#include "collect/collector.h"
#include "collect/redis_connection.h"
#include "core/error.h"
#include "integration/fleet_harness.h"
#include "support/shared_sim.h"
#include "tools/registry.h"
#include "warehouse/sqlite/sqlite_warehouse.h"

namespace luckyhub::testing {
namespace {

const Instance& cache_instance() {
  for (const Instance& in : test_fleet().fleet.instances) {
    if (in.kind == InstanceKind::kRedis) return in;
  }
  throw std::runtime_error("the test fleet has no Redis instance (scripts/fleet-up --redis)");
}

TEST(FleetRedis, SimulateFillsItAndTheConsoleFindsTheManifest) {
  const Instance& cache = cache_instance();
  {
    // Its keys are gone when the server lost them (a crash, a new data dir):
    // simulate again.
    collect::RedisConnection c(cache, 5, 30);
    if (c.command({"DBSIZE"})->integer == 0) mark_sources_changed();
  }
  load_pristine_sources();

  std::ifstream in(fleet_truth_path());
  const nlohmann::json truth = nlohmann::json::parse(in);
  std::set<std::tuple<std::string, std::string>> planted;
  for (const auto& item : truth["anomalies"]["redis_fleet_ttl_violation"]["items"]) {
    ASSERT_EQ(item["instance"].get<std::string>(), cache.name);
    planted.insert({item["namespace"].get<std::string>(), item["problem"].get<std::string>()});
  }
  ASSERT_EQ(planted.size(), 3u);

  // The reader account: reads the planted hot keys, may not write or KEYS.
  collect::RedisConnection reader(cache, 5, 30);
  const auto& hot = truth["anomalies"]["redis_fleet_hot_key"]["items"];
  ASSERT_EQ(hot.size(), 2u);
  for (const auto& item : hot) {
    EXPECT_EQ(reader.command({"EXISTS", item["key"].get<std::string>()})->integer, 1)
        << item["key"];
  }
  for (const std::vector<std::string>& denied :
       {std::vector<std::string>{"SET", "luckyhub:test", "1"}, std::vector<std::string>{"KEYS", "*"},
        std::vector<std::string>{"FLUSHALL"}}) {
    try {
      reader.command(denied);
      ADD_FAILURE() << denied[0] << " was allowed";
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("NOPERM"), std::string::npos) << e.what();
    }
  }

  const std::string dir = temp_dir();
  collect::CollectOptions o;
  o.fleet = test_fleet().fleet_file;
  o.warehouse = dir + "/health.db";
  o.keyspace_config = std::string(LUCKYHUB_SOURCE_DIR) + "/deploy/redis-keyspace.toml";
  o.once = true;
  collect::collect(o);

  auto wh = SqliteWarehouse::open(dir + "/health.db");
  const ResultSet scan = wh->query(
      "SELECT dbsize, keys_sampled, stopped_by FROM health__keyspace_scans WHERE instance = ?",
      {cache.name});
  ASSERT_EQ(scan.size(), 1u);
  EXPECT_EQ(scan.text_at(0, 2), "complete");  // a small instance: every key inspected
  EXPECT_GT(scan.int_at(0, 1), 1000);
  const Report r =
      run_tool(ToolRegistry::instance().get("redis-console"), *wh, {{"instance", cache.name}});
  std::set<std::tuple<std::string, std::string>> found;
  for (const auto& row : r.panel("ttl_violations")->table.rows) {
    found.insert({std::get<std::string>(row[1]), std::get<std::string>(row[3])});
  }
  EXPECT_EQ(found, planted);
}

}  // namespace
}  // namespace luckyhub::testing
