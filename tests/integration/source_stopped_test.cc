// The fault matrix (issue 28): a source server stopped in the middle of a
// `luckyhub sync` into SQLite. db2 is reached through a proxy that passes
// everything; once sync has copied one of db2's tables, the proxy stops
// (its connections closed, its port refusing), as a stopped server looks to
// a client. Only db2's tables fail, named with the instance; db1's and db2's
// tables copied before the stop equal their sources; the next sync, the
// server reachable again, ends with every table equal to its source.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <climits>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>

#include "integration/fleet_harness.h"
#include "support/shared_sim.h"
#include "support/slow_proxy.h"
#include "warehouse/warehouse.h"

namespace luckyhub {
namespace {

using testing::read_file;
using testing::run_luckyhub;
using testing::temp_dir;
using testing::test_fleet;

TEST(SourceStopped, AServerStoppedMidSyncFailsOnlyItsTablesAndTheNextSyncCompletes) {
  testing::load_pristine_sources();
  const testing::TestFleet& f = test_fleet();
  const Instance& db2 = f.fleet.instances[1];
  auto proxy = std::make_unique<testing::SlowProxy>(static_cast<uint16_t>(db2.port), INT_MAX, std::chrono::milliseconds(0));
  std::string text = read_file(f.fleet_file);
  const std::string port = "port = " + std::to_string(db2.port);
  ASSERT_NE(text.find(port), std::string::npos);
  text.replace(text.find(port), port.size(), "port = " + std::to_string(proxy->port()));
  const std::string proxied_fleet = f.dir + "/proxied-db2.toml";
  std::ofstream(proxied_fleet) << text;

  const std::string dir = temp_dir();
  const std::string w = dir + "/w.db";
  const pid_t pid = ::fork();
  if (pid == 0) {
    const std::string command = std::string("exec ") + LUCKYHUB_BINARY + " sync --chunk-rows 500 --fleet " +
                                proxied_fleet + " --warehouse " + w + " >" + dir + "/out 2>" + dir + "/err";
    ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  // The first of db2's tables copied: stop the server.
  auto copied_from_db2 = [&] {
    const std::string err = read_file(dir + "/err");
    for (const std::string& database : db2.databases) {
      if (err.find("sync: " + database + ".") != std::string::npos) return true;
    }
    return false;
  };
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(3);
  while (!copied_from_db2() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_TRUE(copied_from_db2()) << read_file(dir + "/err");
  proxy.reset();
  int status = 0;
  ::waitpid(pid, &status, 0);
  const std::string out = read_file(dir + "/out"), err = read_file(dir + "/err");
  ASSERT_TRUE(WIFEXITED(status)) << status;
  EXPECT_EQ(WEXITSTATUS(status), 1) << out << err;
  // The instance is named, and only db2's tables failed.
  EXPECT_NE(err.find("mysql db2 (127.0.0.1:"), std::string::npos) << err;
  EXPECT_NE(err.find("could not be used (above); the warehouse's as-of is unchanged"), std::string::npos) << err;
  for (const std::string& database : f.fleet.instances[0].databases) {
    EXPECT_EQ(out.find("FAILED " + database + "."), std::string::npos) << out;
  }
  auto warehouse = open_warehouse(w);
  EXPECT_EQ(warehouse->query("PRAGMA integrity_check").text_at(0, 0), "ok");
  EXPECT_EQ(warehouse->meta("as_of"), "") << "half a warehouse looks loaded";
  int db2_kept = 0;
  for (const TableDef& t : SchemaCatalog::builtin().tables()) {
    const bool of_db2 = f.fleet.mysql_holding(t.database) == &db2;
    const bool failed = out.find("FAILED " + t.qualified_name() + ":") != std::string::npos ||
                        (of_db2 && err.find("sync: " + t.qualified_name() + ":") == std::string::npos);
    if (failed) {
      EXPECT_TRUE(of_db2) << t.qualified_name() << " failed";
      continue;
    }
    db2_kept += of_db2;
    EXPECT_EQ(testing::first_difference(testing::source_rows(t), testing::warehouse_rows(*warehouse, t)), "")
        << t.qualified_name();
  }
  EXPECT_GT(db2_kept, 0);
  warehouse.reset();

  std::string again_out, again_err;
  ASSERT_EQ(run_luckyhub("sync --fleet " + f.fleet_file + " --warehouse " + w, &again_out, &again_err), 0)
      << again_out << again_err;
  warehouse = open_warehouse(w);
  for (const TableDef& t : SchemaCatalog::builtin().tables()) {
    EXPECT_EQ(testing::first_difference(testing::source_rows(t), testing::warehouse_rows(*warehouse, t)), "")
        << t.qualified_name();
  }
}

}  // namespace
}  // namespace luckyhub
