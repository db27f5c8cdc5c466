// The fault matrix of `luckyhub sync` into SQLite (issue 28), against the real
// MariaDB fleet: what the user sees, and that the warehouse is intact after.
// - A full disk under the warehouse: a small tmpfs the test mounts in a mount
//   namespace of its own (`unshare --user --map-root-user --mount`, no
//   privilege needed), removed with it. Sync stops at the first table it
//   cannot write, with SQLite's reason and what to do; the file passes
//   `PRAGMA integrity_check`; the next sync, with room, resumes and ends with
//   every table equal to a clean load (nothing lost, nothing twice).
// - A read-only warehouse directory (a read-only bind mount, the same way):
//   the sync fails with a clear error and leaves the file byte for byte as it was.
// - A source that stops answering (a proxy that holds its bytes): with the
//   instance's `read_timeout_s`, only that instance's tables fail, in bounded
//   time, and the next sync completes them.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "integration/fleet_harness.h"
#include "support/shared_sim.h"
#include "support/slow_proxy.h"
#include "warehouse/warehouse.h"

namespace luckyhub {
namespace {

using testing::temp_dir;
using testing::test_fleet;

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Runs `commands` (sh) in a user and mount namespace of their own; returns
// the shell's exit status.
int in_namespace(const std::string& commands) {
  const std::string script = temp_dir() + "/namespace.sh";
  std::ofstream(script) << "set -e\n" << commands << "\n";
  return std::system(("unshare --user --map-root-user --mount sh " + script).c_str());
}

std::string sync_command(const std::string& warehouse, const std::string& out_dir) {
  return std::string(LUCKYHUB_BINARY) + " sync --fleet " + test_fleet().fleet_file + " --warehouse " + warehouse +
         " >" + out_dir + "/out 2>" + out_dir + "/err && echo 0 >" + out_dir + "/rc || echo $? >" + out_dir + "/rc";
}

TEST(SyncFaults, AFullDiskStopsTheSyncClearlyAndTheNextOneResumes) {
  testing::load_pristine_sources();
  const std::string dir = temp_dir() + "/disk-full";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir + "/mnt");
  std::filesystem::create_directories(dir + "/kept");
  // A quarter of what the whole warehouse needs: the run fills it midway.
  const auto megabytes = std::max<uintmax_t>(4, std::filesystem::file_size(testing::reference_warehouse()) / 4 / 1000000);
  ASSERT_EQ(in_namespace("mount -t tmpfs -o size=" + std::to_string(megabytes) + "m tmpfs " + dir + "/mnt\n" +
                         sync_command(dir + "/mnt/w.db", dir) + "\n" +
                         "cp -a " + dir + "/mnt/. " + dir + "/kept/"),
            0);
  EXPECT_EQ(slurp(dir + "/rc"), "1\n");
  const std::string err = slurp(dir + "/err");
  EXPECT_NE(err.find("luckyhub: error: sync stopped at "), std::string::npos) << err;
  EXPECT_NE(err.find("database or disk is full (no space left on its disk); the warehouse keeps the tables committed"),
            std::string::npos)
      << err;
  EXPECT_EQ(err.find("cannot rollback"), std::string::npos) << "the rollback hid the reason: " << err;
  EXPECT_EQ(err.find("failed:"), std::string::npos) << "tables tried after the disk was full: " << err;

  const std::string kept = dir + "/kept/w.db";
  {
    auto warehouse = open_warehouse(kept);
    EXPECT_EQ(warehouse->query("PRAGMA integrity_check").text_at(0, 0), "ok");
    EXPECT_GT(warehouse->query("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'").int_at(0, 0), 5)
        << "the tables before the full disk are kept";
  }
  // With room again, the next sync resumes: every table as a clean load has it.
  std::string out, err2;
  ASSERT_EQ(testing::run_luckyhub("sync --fleet " + test_fleet().fleet_file + " --warehouse " + kept, &out, &err2), 0)
      << out << err2;
  auto expected = open_warehouse(testing::reference_warehouse());
  auto actual = open_warehouse(kept);
  for (const TableDef& table : SchemaCatalog::builtin().tables()) {
    EXPECT_EQ(testing::first_difference(testing::warehouse_rows(*expected, table), testing::warehouse_rows(*actual, table)),
              "")
        << table.qualified_name();
  }
}

TEST(SyncFaults, AReadOnlyWarehouseDirectoryFailsClearlyAndTheFileIsUnchanged) {
  testing::load_pristine_sources();
  const std::string dir = temp_dir() + "/read-only";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir + "/w");
  std::filesystem::copy_file(testing::reference_warehouse(), dir + "/w/w.db");
  const std::string before = slurp(dir + "/w/w.db");
  ASSERT_EQ(in_namespace("mount --bind " + dir + "/w " + dir + "/w\n" + "mount -o remount,ro,bind " + dir + "/w\n" +
                         sync_command(dir + "/w/w.db", dir)),
            0);
  EXPECT_EQ(slurp(dir + "/rc"), "1\n");
  const std::string err = slurp(dir + "/err");
  EXPECT_NE(err.find("luckyhub: error: "), std::string::npos) << err;
  EXPECT_NE(err.find(dir + "/w/w.db"), std::string::npos) << "names the warehouse: " << err;
  EXPECT_NE(err.find("cannot write warehouse " + dir + "/w/w.db: directory " + dir + "/w is not writable"),
            std::string::npos)
      << err;
  EXPECT_TRUE(slurp(dir + "/w/w.db") == before) << "the warehouse changed";
  EXPECT_FALSE(std::filesystem::exists(dir + "/w/w.db-journal"));
}

TEST(SyncFaults, ASourceThatStopsAnsweringFailsOnlyItsTablesWithinItsReadTimeout) {
  testing::load_pristine_sources();
  const testing::TestFleet& f = test_fleet();
  const Instance& db1 = f.fleet.instances[0];
  const Instance& db2 = f.fleet.instances[1];
  // db2 behind a proxy that passes each connection's first three replies (the
  // greeting, the login's, the session settings') and holds every later one 30 s.
  testing::SlowProxy proxy(static_cast<uint16_t>(db2.port), 3, std::chrono::seconds(30));
  std::ifstream in(f.fleet_file);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string port = "port = " + std::to_string(db2.port);
  ASSERT_NE(text.find(port), std::string::npos);
  text.replace(text.find(port), port.size(), "port = " + std::to_string(proxy.port()) + "\nread_timeout_s = 2");
  const std::string slow_fleet = f.dir + "/slow-db2.toml";
  std::ofstream(slow_fleet) << text;

  // One database of each server: db1's answers at once, db2's stops.
  const std::string db1_database = "luckyus_iot_platform", db2_database = "luckyus_scm_purchase";
  ASSERT_EQ(f.fleet.mysql_holding(db1_database), &db1);
  ASSERT_EQ(f.fleet.mysql_holding(db2_database), &db2);
  const std::string w = temp_dir() + "/slow.db";
  const std::string tables = " --table " + db1_database + " --table " + db2_database;
  std::string out, err;
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(testing::run_luckyhub("sync --fleet " + slow_fleet + " --warehouse " + w + tables, &out, &err), 1);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  EXPECT_GT(proxy.connections(), 0);
  // Each of db2's tables waits its 2 s (and a reconnect), not the proxy's 30 s.
  int db2_tables = 0, all_tables = 0;
  for (const TableDef& t : SchemaCatalog::builtin().tables()) {
    db2_tables += t.database == db2_database;
    all_tables += t.database == db2_database || t.database == db1_database;
  }
  EXPECT_LT(seconds, 20.0 + 5.0 * db2_tables) << "a table waited past its read timeout";
  // Every db2 table failed (one by one, or with the instance at its login),
  // and no db1 table.
  EXPECT_NE(out.find("sync: " + std::to_string(all_tables) + " tables, " + std::to_string(db2_tables) + " failed"),
            std::string::npos)
      << out << err;
  auto warehouse = open_warehouse(w);
  for (const TableDef& t : SchemaCatalog::builtin().tables()) {
    if (t.database != db1_database) continue;
    EXPECT_EQ(testing::first_difference(testing::source_rows(t), testing::warehouse_rows(*warehouse, t)), "")
        << t.qualified_name();
  }
  warehouse.reset();
  // The server answering again, the next run completes db2's tables.
  ASSERT_EQ(testing::run_luckyhub("sync --fleet " + f.fleet_file + " --warehouse " + w + tables, &out, &err), 0)
      << out << err;
  warehouse = open_warehouse(w);
  for (const TableDef& t : SchemaCatalog::builtin().tables()) {
    if (t.database != db2_database) continue;
    EXPECT_EQ(testing::first_difference(testing::source_rows(t), testing::warehouse_rows(*warehouse, t)), "")
        << t.qualified_name();
  }
}

}  // namespace
}  // namespace luckyhub
