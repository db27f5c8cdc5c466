// The fault matrix (issue 28) of a ClickHouse warehouse, on servers of this
// suite's own (scripts/clickhouse-up: one server, and a two-shard cluster
// whose second shard the tests stop, so the shared fixture is never touched),
// loaded by `luckyhub sync` from the MariaDB fleet.
// - SIGKILL of sync mid-load (one server and the cluster): readers stay on
//   the last committed generation (reports byte-identical); the rerun ends
//   with the same rows as `simulate --warehouse` and drops the killed load's
//   databases, which no destructor dropped.
// - A shard down: a report fails with ClickHouse's error (the connection to a
//   shard failed) and prints nothing; a
//   load that loses the shard midway fails, and no partial generation is
//   visible; with the shard back, the reports are the ones before, and the
//   next load completes.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <thread>

#include "integration/fleet_harness.h"
#include "support/shared_sim.h"
#include "core/error.h"
#include "warehouse/clickhouse/clickhouse_client.h"
#include "warehouse/clickhouse/clickhouse_location.h"
#include "warehouse/warehouse.h"

namespace luckyhub {
namespace {

using testing::read_file;
using testing::run_luckyhub;

class ClickHouseFaults : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(testing::temp_dir());
    for (const char* mode : {"single", "cluster"}) up(mode);
  }
  static void TearDownTestSuite() {
    for (const char* mode : {"single", "cluster"}) {
      std::system((std::string(LUCKYHUB_SOURCE_DIR) + "/scripts/clickhouse-down " + *dir_ + "/" + mode).c_str());
    }
    delete dir_;
  }
  // Starts the servers of `mode`, or those of them that are not running.
  static void up(const std::string& mode) {
    ASSERT_EQ(std::system((std::string(LUCKYHUB_SOURCE_DIR) + "/scripts/clickhouse-up " + mode + " " + *dir_ + "/" +
                           mode + " >/dev/null")
                              .c_str()),
              0);
  }
  static std::string location(const std::string& mode) {
    return testing::clickhouse_location_in(*dir_ + "/" + mode, "faults");
  }
  static int servers(const std::string& mode) { return mode == "single" ? 1 : 2; }
  // The answer of server `n` (1-based) of `mode` to `sql`, one line per row
  // (the first column), or "(unreachable)".
  static std::string on_server(const std::string& mode, int n, const std::string& sql) {
    const clickhouse::Location loc = clickhouse::parse_location(location(mode));
    const clickhouse::Endpoint endpoint = loc.shards.empty() ? loc.endpoint : loc.shards[static_cast<size_t>(n - 1)];
    try {
      clickhouse::Client client(loc, endpoint, "");
      const ResultSet r = client.query(sql);
      std::string out;
      for (size_t i = 0; i < r.size(); ++i) out += r.text_at(i, 0) + "\n";
      return out;
    } catch (const Error&) {
      return "(unreachable)";
    }
  }
  // Every database of the warehouse's generations on every server.
  static std::set<std::string> generation_databases(const std::string& mode) {
    std::set<std::string> out;
    for (int n = 1; n <= servers(mode); ++n) {
      std::istringstream names(on_server(mode, n, "SELECT name FROM system.databases WHERE match(name, '^faults__')"));
      for (std::string name; std::getline(names, name);) out.insert("s" + std::to_string(n) + ":" + name);
    }
    return out;
  }
  static std::string server_pid(const std::string& mode, int n) {
    std::string pid = read_file(*dir_ + "/" + mode + "/s" + std::to_string(n) + "/server.pid");
    return pid.substr(0, pid.find('\n'));
  }
  static std::string* dir_;
};
std::string* ClickHouseFaults::dir_ = nullptr;

std::string sync_args(const std::string& location) {
  return "sync --fleet " + testing::test_fleet().fleet_file + " --warehouse '" + location + "'";
}

// The reports compared before and after a fault.
std::map<std::string, std::string> reports(const std::string& location) {
  std::map<std::string, std::string> out;
  for (const char* tool : {"payment-fees", "reconciliation", "tenant-audit"}) {
    std::string json, err;
    EXPECT_EQ(run_luckyhub(std::string("report ") + tool + " --format json --warehouse '" + location + "'", &json, &err),
              0)
        << tool << ": " << err;
    out[tool] = json;
  }
  return out;
}

// The reports without when deletions were reconciled (each load's own start).
std::map<std::string, std::string> reports_without_load_time(const std::string& location) {
  std::map<std::string, std::string> out = reports(location);
  for (auto& [tool, json] : out) {
    std::string reconciled;
    json = testing::without_deletions_reconciled(json, reconciled);
  }
  return out;
}

void expect_rows_of_reference(const std::string& location) {
  auto expected = open_warehouse(testing::reference_warehouse());
  auto actual = open_warehouse(location);
  for (const TableDef& table : SchemaCatalog::builtin().tables()) {
    EXPECT_EQ(testing::first_difference(testing::warehouse_rows(*expected, table), testing::warehouse_rows(*actual, table)),
              "")
        << table.qualified_name();
  }
}

// Starts `luckyhub sync` into `location`; returns its pid.
pid_t start_sync(const std::string& location, const std::string& log) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    const std::string command = std::string("exec ") + LUCKYHUB_BINARY + " " + sync_args(location) + " >" + log + " 2>&1";
    ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  return pid;
}

// Waits until `ready` holds (polled), at most two minutes.
bool wait_until(const std::function<bool()>& ready) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(2);
  while (std::chrono::steady_clock::now() < deadline) {
    if (ready()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

class ClickHouseKill : public ClickHouseFaults, public ::testing::WithParamInterface<const char*> {};

TEST_P(ClickHouseKill, AKilledSyncLeavesTheLastGenerationAndTheRerunCompletes) {
  const std::string mode = GetParam();
  testing::load_pristine_sources();
  const std::string w = location(mode);
  std::string out, err;
  ASSERT_EQ(run_luckyhub(sync_args(w), &out, &err), 0) << out << err;
  const std::map<std::string, std::string> before = reports(w);
  const std::set<std::string> committed = generation_databases(mode);

  // Killed once the new generation holds ten tables (on the first server;
  // on a cluster, its Distributed tables).
  const pid_t pid = start_sync(w, *dir_ + "/killed.log");
  EXPECT_TRUE(wait_until([&] {
    const std::string n = on_server(mode, 1,
                                    "SELECT count() FROM system.tables WHERE match(database, '^faults__') AND "
                                    "NOT match(database, '_local$') AND "
                                    "database NOT IN (SELECT generation FROM faults._luckyhub_generations)");
    return n != "(unreachable)" && std::atoi(n.c_str()) >= 10;
  })) << read_file(*dir_ + "/killed.log");
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "sync ended before the kill";
  const std::set<std::string> left = generation_databases(mode);
  EXPECT_GT(left.size(), committed.size()) << "the killed load left nothing: was it killed midway?";
  // Readers see the last committed generation: the same reports, byte for byte.
  EXPECT_EQ(reports(w), before);

  ASSERT_EQ(run_luckyhub(sync_args(w), &out, &err), 0) << out << err;
  expect_rows_of_reference(w);
  std::map<std::string, std::string> after = reports_without_load_time(w), expected;
  for (const auto& [tool, json] : before) {
    std::string reconciled;
    expected[tool] = testing::without_deletions_reconciled(json, reconciled);
  }
  EXPECT_EQ(after, expected);
  // Only the new generation is left: the killed load's databases are dropped.
  const std::set<std::string> now = generation_databases(mode);
  EXPECT_EQ(now.size(), committed.size());
  for (const std::string& name : left) {
    if (!committed.count(name)) {
      EXPECT_FALSE(now.count(name)) << name << " (killed load's) is still there";
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Servers, ClickHouseKill, ::testing::Values("single", "cluster"));

TEST_F(ClickHouseFaults, AShardDownFailsReportsAndLoadsClearlyAndRecovers) {
  testing::load_pristine_sources();
  const std::string w = location("cluster");
  std::string out, err;
  ASSERT_EQ(run_luckyhub(sync_args(w), &out, &err), 0) << out << err;
  const std::map<std::string, std::string> before = reports(w);
  const std::string generations = on_server("cluster", 1, "SELECT generation FROM faults._luckyhub_generations");

  // The second shard dies while a load fills the new generation.
  const pid_t pid = start_sync(w, *dir_ + "/shard-down.log");
  std::string committed = on_server("cluster", 1,
                                    "SELECT generation FROM faults._luckyhub_generations ORDER BY committed_at DESC, "
                                    "generation DESC LIMIT 1");
  committed.erase(committed.find_last_not_of("\n") + 1);
  EXPECT_TRUE(wait_until([&] {
    const std::string n = on_server("cluster", 2,
                                    "SELECT count() FROM system.tables WHERE match(database, '^faults__.*_local$') AND "
                                    "database != '" + committed + "_local'");
    return std::atoi(n.c_str()) >= 10;
  })) << read_file(*dir_ + "/shard-down.log");
  ASSERT_EQ(std::system(("kill -9 " + server_pid("cluster", 2)).c_str()), 0);
  // Its pid may stay a zombie (nothing reaps it here): clickhouse-up would take it for alive.
  std::filesystem::remove(*dir_ + "/cluster/s2/server.pid");
  int status = 0;
  ::waitpid(pid, &status, 0);
  const std::string load_log = read_file(*dir_ + "/shard-down.log");
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) != 0) << load_log;
  EXPECT_NE(load_log.find("luckyhub: error: "), std::string::npos) << load_log;
  EXPECT_EQ(on_server("cluster", 1, "SELECT generation FROM faults._luckyhub_generations"), generations)
      << "a partial generation was switched in";

  // A report while the shard is down: a clear error, which names the shard.
  const int rc = run_luckyhub("report payment-fees --format json --warehouse '" + w + "'", &out, &err);
  EXPECT_NE(rc, 0);
  EXPECT_NE(err.find("luckyhub: error: "), std::string::npos) << err;
  EXPECT_NE(err.find("All connection tries failed"), std::string::npos) << err;
  EXPECT_EQ(out, "");

  // The shard back: the reports of the last generation, then a complete load.
  up("cluster");
  EXPECT_EQ(reports(w), before);
  ASSERT_EQ(run_luckyhub(sync_args(w), &out, &err), 0) << out << err;
  expect_rows_of_reference(w);
  EXPECT_EQ(generation_databases("cluster").size(), 4u)  // the generation and its _local, on each shard
      << ::testing::PrintToString(generation_databases("cluster"));
}

}  // namespace
}  // namespace luckyhub
