// The fault matrix (issue 28): SIGKILL of `luckyhub collect` while it runs
// (one-second cycles against the fleet's two MariaDB servers and one that is
// down), then a restart. Each cycle is written in one transaction, so the
// history store passes `PRAGMA integrity_check`, holds every cycle once (no
// sample twice, the stamps a second apart or more), and the restart does not
// record again what it already knew: the down server's alert pending and
// firing, and the instances' baseline (discovery) events, once each.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "integration/fleet_harness.h"
#include "support/shared_sim.h"
#include "warehouse/warehouse.h"

namespace luckyhub {
namespace {

using testing::temp_dir;
using testing::test_fleet;

// Runs `collect` for `seconds`, then kills it with `signal`.
void collect_for(const std::string& dir, double seconds, int signal) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    const std::string command = std::string("exec ") + LUCKYHUB_BINARY + " collect --interval 1 --fleet " + dir +
                                "/fleet.toml --rules " + dir + "/rules.toml --warehouse " + dir + "/health.db >>" +
                                dir + "/log 2>&1";
    ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  ::kill(pid, signal);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (signal == SIGKILL) {
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << status;
  }
}

TEST(CollectKill, AKilledCollectorRestartsWithoutLossOrDuplicates) {
  const std::string dir = temp_dir() + "/collect-kill";
  std::filesystem::create_directories(dir);
  testing::write_fleet_with_a_dead_instance(dir + "/fleet.toml");
  std::ofstream(dir + "/rules.toml") << "[[rule]]\nname = \"InstanceDown\"\nkind = \"instance_down\"\n"
                                        "severity = \"critical\"\nfor = \"2s\"\n";
  // Killed mid-run, twice (at an arbitrary point of a cycle), then stopped.
  collect_for(dir, 4.5, SIGKILL);
  collect_for(dir, 3.3, SIGKILL);
  collect_for(dir, 3.0, SIGTERM);

  auto wh = open_warehouse(dir + "/health.db");
  EXPECT_EQ(wh->query("PRAGMA integrity_check").text_at(0, 0), "ok");
  const ResultSet up = wh->query(
      "SELECT ts FROM health__samples WHERE instance = 'db1' AND metric = 'up' AND step = 0 ORDER BY ts");
  EXPECT_GE(up.size(), 6u) << testing::read_file(dir + "/log");
  for (size_t i = 1; i < up.size(); ++i) EXPECT_GE(up.int_at(i, 0) - up.int_at(i - 1, 0), 1) << i;
  EXPECT_EQ(wh->query("SELECT COUNT(*) FROM (SELECT instance, metric, object, step, ts FROM health__samples GROUP BY "
                      "instance, metric, object, step, ts HAVING COUNT(*) > 1)")
                .int_at(0, 0),
            0);
  auto events = [&](const std::string& instance, const std::string& kind) {
    return wh->query("SELECT COUNT(*) FROM health__events WHERE instance = ? AND kind = ?", {instance, kind})
        .int_at(0, 0);
  };
  // Down from its first scrape: no transition, so no `down` event, ever.
  EXPECT_EQ(events("gone", "down"), 0) << testing::read_file(dir + "/log");
  EXPECT_EQ(events("gone", "alert_pending"), 1) << testing::read_file(dir + "/log");
  EXPECT_EQ(events("gone", "alert_firing"), 1);
  EXPECT_EQ(events("db1", "up"), 0);
  const ResultSet kinds = wh->query("SELECT kind, COUNT(*) FROM health__events WHERE instance = 'db1' GROUP BY kind");
  for (size_t i = 0; i < kinds.size(); ++i) {
    EXPECT_LE(kinds.int_at(i, 1), 1) << "db1's " << kinds.text_at(i, 0) << " recorded again after a restart";
  }
}

}  // namespace
}  // namespace luckyhub
