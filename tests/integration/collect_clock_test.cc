// The fault matrix (issue 28): the wall clock jumps, and a daylight-saving
// change, while `collect` runs against the fleet's two MariaDB servers and a
// server that is down (a closed port: its InstanceDown condition holds).
// - A `for` duration counts the time the condition was seen to hold, not the
//   wall clock's difference: a clock set forward an hour does not fire a
//   5-minute alert held for one minute, and one set back an hour does not
//   hold it back an hour.
// - Collection keeps its pace on the monotonic clock: neither a stall as
//   long as a backward jump nor a burst of "missed" cycles after a forward
//   one; every cycle is written once (nothing duplicated), and no counter
//   rate comes out negative.
// - Downsampling after the clock comes back from the future still averages
//   every hour it completes (the history the disk-full projections read).
// - Across New York's spring-forward (TZ set), cycles stay a minute apart
//   and the alert fires after exactly its 5 minutes.
// - `collect --once` runs, each a process of its own restoring the pending
//   alert from the warehouse, count its `for` as the loop does: the time
//   seen between consecutive runs, at most two intervals per step, none
//   backwards (the held time is stored with the alert).
// - Retention counts time collected: a clock set months forward deletes no
//   history but what two intervals of it justify; it goes on deleting on
//   time afterwards.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <ctime>
#include <fstream>
#include <string>
#include <vector>

#include "collect/collector.h"
#include "integration/fleet_harness.h"
#include "support/shared_sim.h"
#include "warehouse/warehouse.h"

namespace luckyhub {
namespace {

using testing::temp_dir;
using testing::test_fleet;

// db1 and db2 as the read-only account, and `gone`, where nothing listens;
// one rule: InstanceDown held 5 minutes.
collect::CollectOptions clock_options(const std::string& name) {
  const std::string dir = temp_dir() + "/" + name;
  std::filesystem::create_directories(dir);
  testing::write_fleet_with_a_dead_instance(dir + "/fleet.toml");
  std::ofstream(dir + "/rules.toml") << "[[rule]]\nname = \"InstanceDown\"\nkind = \"instance_down\"\n"
                                        "severity = \"critical\"\nfor = \"5m\"\n";
  collect::CollectOptions o;
  o.fleet = dir + "/fleet.toml";
  o.rules = dir + "/rules.toml";
  o.warehouse = dir + "/health.db";
  o.interval_s = 60;
  o.connect_timeout_s = 2;
  o.read_timeout_s = 2;
  return o;
}

alerts::AlertState gone_state(const collect::Collector& c) {
  for (const auto& [key, a] : c.tracker().alerts()) {
    if (key.rule == "InstanceDown" && key.instance == "gone") return a.state;
  }
  return alerts::AlertState::kInactive;
}

// Runs a cycle at each time; returns the cycle (1-based) at which `gone`'s
// alert fired, 0 if it never did.
int fired_at(collect::Collector& collector, const std::vector<int64_t>& times) {
  for (size_t i = 0; i < times.size(); ++i) {
    EXPECT_EQ(collector.run_cycle(times[i], false).up, 2) << "cycle " << i + 1;
    if (gone_state(collector) == alerts::AlertState::kFiring) return static_cast<int>(i + 1);
  }
  return 0;
}

constexpr int64_t kT = 1800000000;  // 2027-01-15 08:00 UTC

TEST(CollectClock, AForwardJumpDoesNotFireAnAlertHeldForOneCycle) {
  const collect::CollectOptions o = clock_options("forward");
  const Fleet fleet = load_fleet(o.fleet);
  collect::Collector collector(fleet, alerts::RuleSet::load(o.rules), o);
  // Seen to hold at 0 and 60 s; the clock then jumps an hour: the step counts
  // at most two intervals (180 s held), so the alert fires two cycles later.
  EXPECT_EQ(fired_at(collector, {kT, kT + 60, kT + 3660, kT + 3720, kT + 3780, kT + 3840}), 5);
}

TEST(CollectClock, ABackwardJumpDoesNotHoldAnAlertBack) {
  const collect::CollectOptions o = clock_options("backward");
  const Fleet fleet = load_fleet(o.fleet);
  collect::Collector collector(fleet, alerts::RuleSet::load(o.rules), o);
  // 60 s held, then the clock goes back an hour (that step counts nothing):
  // 5 minutes are held four cycles later, not an hour and five minutes later.
  EXPECT_EQ(fired_at(collector, {kT, kT + 60, kT - 3540, kT - 3480, kT - 3420, kT - 3360, kT - 3300, kT - 3240}), 7);
  auto wh = open_warehouse(o.warehouse);
  EXPECT_EQ(wh->query("PRAGMA integrity_check").text_at(0, 0), "ok");
  // Every cycle written once: seven stamps of db1's `up` (the last at the firing).
  const ResultSet up = wh->query(
      "SELECT COUNT(*), COUNT(DISTINCT ts) FROM health__samples WHERE instance = 'db1' AND metric = 'up' AND step = 0");
  EXPECT_EQ(up.int_at(0, 0), 7);
  EXPECT_EQ(up.int_at(0, 1), 7);
  EXPECT_EQ(wh->query("SELECT COUNT(*) FROM health__samples WHERE metric LIKE '%_per_second' AND value < 0").int_at(0, 0),
            0);
  // One pending and one firing event for `gone`, none twice.
  EXPECT_EQ(wh->query("SELECT COUNT(*) FROM health__events WHERE instance = 'gone' AND kind LIKE 'alert_%'").int_at(0, 0),
            2);
}

TEST(CollectClock, HourlyAveragesResumeAfterTheClockComesBackFromTheFuture) {
  const collect::CollectOptions o = clock_options("compaction");
  const Fleet fleet = load_fleet(o.fleet);
  collect::Collector collector(fleet, alerts::RuleSet::load(o.rules), o);
  int64_t t = kT;
  collector.run_cycle(t, false);
  collector.compact(t);
  // A day in the future for one cycle and its compaction, then back.
  collector.run_cycle(t + 86400, false);
  collector.compact(t + 86400);
  // Three real hours of cycles, every 20 minutes, compacted each time.
  for (int i = 1; i <= 9; ++i) {
    collector.run_cycle(t += 1200, false);
    collector.compact(t);
  }
  auto wh = open_warehouse(o.warehouse);
  // The completed hours after kT (kT is on an hour): kT+1h and kT+2h, each
  // averaged from its three cycles.
  const ResultSet hours = wh->query(
      "SELECT ts, value FROM health__samples WHERE instance = 'db1' AND metric = 'up' AND step = 3600 AND ts > ? AND "
      "ts < ? ORDER BY ts",
      {kT, kT + 86400});
  ASSERT_EQ(hours.size(), 2u) << "hours completed after the clock came back were never averaged";
  EXPECT_EQ(hours.int_at(0, 0), kT + 3600);
  EXPECT_EQ(hours.int_at(1, 0), kT + 7200);
  EXPECT_EQ(hours.double_at(0, 1), 1.0);
}

TEST(CollectClock, TheLoopKeepsItsPaceWhenTheWallClockJumps) {
  collect::CollectOptions o = clock_options("loop");
  o.interval_s = 1;
  o.max_cycles = 5;
  // The wall clock the loop reads: an hour back at the third cycle, two
  // hours forward at the fifth.
  int calls = 0;
  const std::vector<int64_t> wall = {kT, kT + 1, kT - 3598, kT - 3597, kT + 3604};
  o.wall_clock = [&] { return wall[static_cast<size_t>(std::min(calls++, 4))]; };
  const auto started = std::chrono::steady_clock::now();
  collect::collect(o);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  EXPECT_EQ(calls, 5);
  EXPECT_GE(seconds, 4.0) << "cycles ran back to back";
  EXPECT_LT(seconds, 30.0) << "the loop waited on the wall clock";
  auto wh = open_warehouse(o.warehouse);
  const ResultSet stamps =
      wh->query("SELECT ts FROM health__samples WHERE instance = 'db1' AND metric = 'up' AND step = 0 ORDER BY ts");
  std::vector<int64_t> got;
  for (size_t i = 0; i < stamps.size(); ++i) got.push_back(stamps.int_at(i, 0));
  EXPECT_EQ(got, (std::vector<int64_t>{kT - 3598, kT - 3597, kT, kT + 1, kT + 3604}));
}

TEST(CollectClock, ADaylightSavingChangeIsNoJump) {
  const char* saved = std::getenv("TZ");
  const std::string old_tz = saved ? saved : "";
  ::setenv("TZ", "America/New_York", 1);
  ::tzset();
  const collect::CollectOptions o = clock_options("dst");
  const Fleet fleet = load_fleet(o.fleet);
  collect::Collector collector(fleet, alerts::RuleSet::load(o.rules), o);
  // 2026-03-08 06:58 UTC is 01:58 EST; two minutes later it is 03:00 EDT.
  const int64_t before = 1772953080;
  std::vector<int64_t> times;
  for (int i = 0; i < 8; ++i) times.push_back(before + 60 * i);
  EXPECT_EQ(fired_at(collector, times), 6);  // 5 minutes after the first cycle
  collector.compact(before + 3 * 3600);
  auto wh = open_warehouse(o.warehouse);
  const ResultSet hours = wh->query(
      "SELECT ts, COUNT(*) FROM health__samples WHERE instance = 'db1' AND metric = 'up' AND step = 3600 GROUP BY ts "
      "ORDER BY ts");
  ASSERT_EQ(hours.size(), 2u);  // 06:00 and 07:00 UTC, one average each
  EXPECT_EQ(hours.int_at(0, 0) % 3600, 0);
  EXPECT_EQ(hours.int_at(1, 0) - hours.int_at(0, 0), 3600);
  if (saved) {
    ::setenv("TZ", old_tz.c_str(), 1);
  } else {
    ::unsetenv("TZ");
  }
  ::tzset();
}

// As `collect --once` runs: a new collector (a new process) for each cycle,
// restoring the alert state from the warehouse. Returns the run (1-based) at
// which `gone`'s alert fired, 0 if it never did.
int fired_at_once_runs(const collect::CollectOptions& o, const std::vector<int64_t>& times) {
  const Fleet fleet = load_fleet(o.fleet);
  for (size_t i = 0; i < times.size(); ++i) {
    collect::Collector run(fleet, alerts::RuleSet::load(o.rules), o);
    EXPECT_EQ(run.run_cycle(times[i], false).up, 2) << "run " << i + 1;
    if (gone_state(run) == alerts::AlertState::kFiring) return static_cast<int>(i + 1);
  }
  return 0;
}

TEST(CollectClock, OnceRunsFireAPendingAlertAfterItsTimeSeen) {
  // A run a minute: held 5 minutes at the sixth run.
  EXPECT_EQ(fired_at_once_runs(clock_options("once-steady"), {kT, kT + 60, kT + 120, kT + 180, kT + 240, kT + 300}), 6);
}

TEST(CollectClock, OnceRunsDoNotFireEarlyWhenTheClockJumpsForwardBetweenThem) {
  // 60 s seen, then an hour forward: that step counts two intervals (180 s
  // held), so the alert fires two runs later, not at once.
  EXPECT_EQ(fired_at_once_runs(clock_options("once-forward"),
                               {kT, kT + 60, kT + 3660, kT + 3720, kT + 3780, kT + 3840}),
            5);
}

TEST(CollectClock, OnceRunsDoNotHoldAnAlertBackWhenTheClockJumpsBackBetweenThem) {
  // 60 s seen, then an hour back (nothing counted for that step): 5 minutes
  // are held four runs later, not an hour and five minutes later.
  const collect::CollectOptions o = clock_options("once-backward");
  EXPECT_EQ(fired_at_once_runs(o, {kT, kT + 60, kT - 3540, kT - 3480, kT - 3420, kT - 3360, kT - 3300, kT - 3240}), 7);
  auto wh = open_warehouse(o.warehouse);
  EXPECT_EQ(wh->query("SELECT COUNT(*) FROM health__events WHERE instance = 'gone' AND kind LIKE 'alert_%'").int_at(0, 0),
            2);  // pending once, firing once
}

TEST(CollectClock, AForwardJumpOfMonthsDeletesNoHistoryBeforeItsTime) {
  collect::CollectOptions o = clock_options("retention");
  o.interval_s = 86400;  // a cycle a day: days of history in a few cycles
  const Fleet fleet = load_fleet(o.fleet);
  collect::Collector collector(fleet, alerts::RuleSet::load(o.rules), o);
  auto wh = open_warehouse(o.warehouse);
  auto stamps = [&](int step) {
    const ResultSet r = wh->query(
        "SELECT ts FROM health__samples WHERE instance = 'db1' AND metric = 'up' AND step = ? AND ts < ? ORDER BY ts",
        {int64_t{step}, kT + 2 * 86400});
    std::vector<int64_t> out;
    for (size_t i = 0; i < r.size(); ++i) out.push_back(r.int_at(i, 0));
    return out;
  };
  auto cycle = [&](int64_t t) {
    collector.run_cycle(t, false);
    collector.compact(t);
  };
  const int64_t day = 86400;
  cycle(kT);
  cycle(kT + day);
  // The clock jumps 120 days forward: past the raw samples' 8 days and the
  // hourly averages' 90. The step counts two intervals (two days), so the
  // history before the jump is 3 days old, as far as retention is concerned.
  int64_t t = kT + day + 120 * day;
  cycle(t);
  EXPECT_EQ(stamps(0), (std::vector<int64_t>{kT, kT + day})) << "raw samples deleted by a clock set forward";
  EXPECT_EQ(stamps(3600), (std::vector<int64_t>{kT, kT + day})) << "hourly averages deleted by a clock set forward";
  // Retention goes on: the first sample leaves once 8 days are counted after
  // it (1 + 2 for the jump + 5 daily cycles), and not before.
  for (int i = 0; i < 5; ++i) cycle(t += day);
  EXPECT_EQ(stamps(0), (std::vector<int64_t>{kT, kT + day}));
  cycle(t += day);
  EXPECT_EQ(stamps(0), (std::vector<int64_t>{kT + day}));
  EXPECT_EQ(stamps(3600), (std::vector<int64_t>{kT, kT + day}));
}

}  // namespace
}  // namespace luckyhub
