// The fault matrix (issue 28): a monitored server stopped in the middle of a
// `collect` cycle, while the collector is reading it (not between cycles).
// db2 is reached through a proxy that passes the login at once and holds each
// later answer 400 ms, so its scrape is under way for well over a second; the
// proxy then stops (its connections closed, its port refusing), as a stopped
// server looks to a client. The cycle completes for db1; db2 is down in it
// with its reason, and the history holds nothing half-read of db2 for that
// cycle (only its `up 0` and scrape time: none of the metrics it had read
// before the stop), and db1's whole set. The next cycle, db2 still down,
// records no second `down`; the proxy back at its port, the cycle after
// recovers: db2 up, its whole set stored again, the timeline down, firing,
// up, resolved.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <string>
#include <thread>

#include "collect/collector.h"
#include "integration/fleet_harness.h"
#include "support/shared_sim.h"
#include "support/slow_proxy.h"
#include "warehouse/warehouse.h"

namespace luckyhub {
namespace {

using testing::temp_dir;
using testing::test_fleet;

constexpr int64_t kT = 1800000000;

// db1 as it is, db2 at `db2_port` (the proxy), both as the read-only account.
void write_fleet(const std::string& path, int db2_port) {
  std::ofstream fleet(path);
  for (const Instance& in : test_fleet().fleet.instances) {
    if (in.kind != InstanceKind::kMysql) continue;
    fleet << "[[instance]]\nname = \"" << in.name << "\"\nkind = \"mysql\"\nhost = \"127.0.0.1\"\nport = "
          << (in.name == "db2" ? db2_port : in.port) << "\nuser = \"luckyhub_ro\"\npassword_file = \""
          << test_fleet().dir << "/secrets\"\n\n";
  }
}

// The metrics stored for an instance in the cycle stamped `ts`.
std::set<std::string> metrics_at(Warehouse& wh, const std::string& instance, int64_t ts) {
  const ResultSet r = wh.query("SELECT DISTINCT metric FROM health__samples WHERE instance = ? AND step = 0 AND ts = ?",
                               {instance, ts});
  std::set<std::string> out;
  for (size_t i = 0; i < r.size(); ++i) out.insert(r.text_at(i, 0));
  return out;
}

TEST(CollectStopped, AServerStoppedMidCycleIsDownWhileTheOthersCompleteAndTheNextCyclesRecover) {
  const testing::TestFleet& f = test_fleet();
  ASSERT_EQ(f.fleet.instances[1].name, "db2");
  const uint16_t db2_port = static_cast<uint16_t>(f.fleet.instances[1].port);
  // The greeting, the login's and the session settings' replies pass at once.
  auto proxy = std::make_unique<testing::SlowProxy>(db2_port, 3, std::chrono::milliseconds(400));
  const uint16_t proxy_port = proxy->port();

  const std::string dir = temp_dir() + "/collect-stopped";
  std::filesystem::create_directories(dir);
  write_fleet(dir + "/fleet.toml", proxy_port);
  std::ofstream(dir + "/rules.toml") << "[[rule]]\nname = \"InstanceDown\"\nkind = \"instance_down\"\n"
                                        "severity = \"critical\"\n";
  collect::CollectOptions o;
  o.fleet = dir + "/fleet.toml";
  o.rules = dir + "/rules.toml";
  o.warehouse = dir + "/health.db";
  o.connect_timeout_s = 2;
  o.read_timeout_s = 3;
  const Fleet fleet = load_fleet(o.fleet);
  collect::Collector collector(fleet, alerts::RuleSet::load(o.rules), o);

  ASSERT_EQ(collector.run_cycle(kT, false).up, 2);

  // The second cycle: the proxy stops 700 ms into it, db2's scrape under way.
  collect::CycleReport stopped;
  std::thread cycle([&] { stopped = collector.run_cycle(kT + 60, false); });
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  const auto stop = std::chrono::steady_clock::now();
  proxy.reset();
  cycle.join();
  const double after_stop = std::chrono::duration<double>(std::chrono::steady_clock::now() - stop).count();
  EXPECT_EQ(stopped.up, 1) << "db2 answered before the stop: the stop was not mid-cycle";
  EXPECT_TRUE(stopped.written);
  EXPECT_GE(stopped.seconds, 0.7) << "the cycle had ended before the stop";
  EXPECT_LT(after_stop, o.read_timeout_s) << "the stop was noticed by the read timeout, not at once";

  EXPECT_EQ(collector.run_cycle(kT + 120, false).up, 1);  // still stopped: refused
  proxy = std::make_unique<testing::SlowProxy>(db2_port, 3, std::chrono::milliseconds(0), proxy_port);
  EXPECT_EQ(collector.run_cycle(kT + 180, false).up, 2);

  auto wh = open_warehouse(o.warehouse);
  EXPECT_EQ(wh->query("PRAGMA integrity_check").text_at(0, 0), "ok");
  // Nothing half-written: db2's cycles while stopped hold only what says so.
  const std::set<std::string> down = {"up", "scrape_duration_seconds"};
  EXPECT_EQ(metrics_at(*wh, "db2", kT + 60), down);
  EXPECT_EQ(metrics_at(*wh, "db2", kT + 120), down);
  EXPECT_EQ(wh->query("SELECT value FROM health__samples WHERE instance = 'db2' AND metric = 'up' AND ts = ?", {kT + 60})
                .double_at(0, 0),
            0.0);
  // db1's cycle completed whole: the same metrics as in the undisturbed cycles around it.
  EXPECT_EQ(metrics_at(*wh, "db1", kT + 60), metrics_at(*wh, "db1", kT + 120));
  EXPECT_EQ(metrics_at(*wh, "db1", kT + 60), metrics_at(*wh, "db1", kT + 180));
  // db2 recovered: every metric of its first cycle stored again (and rates besides).
  const std::set<std::string> first = metrics_at(*wh, "db2", kT), recovered = metrics_at(*wh, "db2", kT + 180);
  EXPECT_GT(first.size(), down.size());
  for (const std::string& m : first) EXPECT_TRUE(recovered.count(m)) << m;
  // One sample per instance and cycle: four cycles of `up` for each.
  const ResultSet up = wh->query(
      "SELECT instance, COUNT(*), COUNT(DISTINCT ts) FROM health__samples WHERE metric = 'up' AND step = 0 "
      "GROUP BY instance ORDER BY instance");
  ASSERT_EQ(up.size(), 2u);
  for (size_t i = 0; i < up.size(); ++i) {
    EXPECT_EQ(up.int_at(i, 1), 4) << up.text_at(i, 0);
    EXPECT_EQ(up.int_at(i, 2), 4) << up.text_at(i, 0);
  }
  // The reason, naming the instance; the timeline once each.
  const ResultSet e = wh->query("SELECT ts, kind, detail FROM health__events WHERE instance = 'db2' AND kind IN "
                                "('down', 'up', 'alert_firing', 'alert_resolved') ORDER BY ts, rowid");
  std::vector<std::string> kinds;
  for (size_t i = 0; i < e.size(); ++i) kinds.push_back(e.text_at(i, 1));
  EXPECT_EQ(kinds, (std::vector<std::string>{"down", "alert_firing", "up", "alert_resolved"}));
  ASSERT_FALSE(e.empty());
  EXPECT_EQ(e.int_at(0, 0), kT + 60);
  EXPECT_NE(e.text_at(0, 2).find("db2"), std::string::npos) << e.text_at(0, 2);
  EXPECT_EQ(wh->query("SELECT COUNT(*) FROM health__events WHERE instance = 'db1' AND kind IN ('down', 'up')").int_at(0, 0),
            0);
}

}  // namespace
}  // namespace luckyhub
