// The fault matrix (issue 28): SIGKILL of `luckyhub simulate --warehouse`
// while it loads. Simulate builds the warehouse in `FILE.tmp-PID` and renames
// it over FILE when it is complete, so a kill leaves
// - an existing warehouse byte for byte as it was (its reports unchanged),
// - no warehouse at all where there was none (nothing that looks complete),
// and the next load removes the killed one's temporary file (as large as a
// warehouse, left by a process that ran no destructor), then ends with the
// same rows and reports as an undisturbed run of the same seed.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "integration/fleet_harness.h"
#include "support/shared_sim.h"
#include "warehouse/warehouse.h"

namespace luckyhub {
namespace {

using testing::run_luckyhub;
using testing::temp_dir;

std::string simulate_args(const std::string& warehouse, const std::string& truth) {
  return "--quiet simulate --scale " + std::to_string(testing::kFleetScale) + " --seed " +
         std::to_string(testing::kFleetSeed) + " --warehouse " + warehouse + " --truth " + truth;
}

// Starts `luckyhub simulate` into `warehouse`, waits until its temporary
// file holds some MB (the load is under way), and kills it with SIGKILL.
// Returns the temporary file's path.
std::string kill_simulate_midway(const std::string& warehouse, const std::string& truth) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    const std::string command = std::string("exec ") + LUCKYHUB_BINARY + " " + simulate_args(warehouse, truth) +
                                " >/dev/null 2>&1";
    ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  const std::string temp = warehouse + ".tmp-" + std::to_string(pid);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  std::error_code ec;
  while (std::chrono::steady_clock::now() < deadline &&
         (!std::filesystem::exists(temp) || std::filesystem::file_size(temp, ec) < 4'000'000)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "simulate ended before the kill: " << status;
  return temp;
}

std::string report(const std::string& warehouse) {
  std::string out, err;
  EXPECT_EQ(run_luckyhub("report payment-fees --format json --warehouse " + warehouse, &out, &err), 0) << err;
  return out;
}

TEST(SimulateKill, AKilledLoadLeavesTheWarehouseAsItWasAndTheNextOneCompletes) {
  const std::string dir = temp_dir() + "/simulate-kill";
  std::filesystem::create_directories(dir);
  const std::string w = dir + "/w.db";
  std::filesystem::copy_file(testing::reference_warehouse(), w);
  const std::string before = testing::read_file(w);
  const std::string report_before = report(w);

  const std::string temp = kill_simulate_midway(w, dir + "/truth.json");
  EXPECT_TRUE(testing::read_file(w) == before) << "the warehouse changed under a killed load";
  EXPECT_EQ(report(w), report_before);
  EXPECT_TRUE(std::filesystem::exists(temp)) << "the kill came after the rename";
  EXPECT_FALSE(std::filesystem::exists(dir + "/truth.json")) << "a manifest without its warehouse";

  // The next load removes the killed one's file and completes.
  std::string out, err;
  ASSERT_EQ(run_luckyhub(simulate_args(w, dir + "/truth.json"), &out, &err), 0) << err;
  EXPECT_FALSE(std::filesystem::exists(temp)) << "the killed load's temporary file is still there";
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos) << entry.path();
  }
  auto expected = open_warehouse(testing::reference_warehouse());
  auto actual = open_warehouse(w);
  EXPECT_EQ(actual->query("PRAGMA integrity_check").text_at(0, 0), "ok");
  for (const TableDef& table : SchemaCatalog::builtin().tables()) {
    EXPECT_EQ(testing::first_difference(testing::warehouse_rows(*expected, table), testing::warehouse_rows(*actual, table)),
              "")
        << table.qualified_name();
  }
  EXPECT_EQ(report(w), report_before);
}

TEST(SimulateKill, AKilledFirstLoadLeavesNoWarehouse) {
  const std::string dir = temp_dir() + "/simulate-kill-new";
  std::filesystem::create_directories(dir);
  const std::string w = dir + "/w.db";
  kill_simulate_midway(w, dir + "/truth.json");
  EXPECT_FALSE(std::filesystem::exists(w));
  std::string out, err;
  EXPECT_NE(run_luckyhub("report payment-fees --warehouse " + w, &out, &err), 0);
  EXPECT_NE(err.find(w), std::string::npos) << err;
}

}  // namespace
}  // namespace luckyhub
