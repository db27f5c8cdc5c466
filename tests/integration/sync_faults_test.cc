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
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "integration/fleet_harness.h"
#include "support/shared_sim.h"
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

}  // namespace
}  // namespace luckyhub
