// The machines' status refreshed every minute by the scheduler: the example
// delivery file (docs/delivery.example.toml) declares the job, and the
// scheduler, on a ManualClock, runs it at every minute and at no other time.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <mutex>
#include <thread>

#include "delivery/delivery_file.h"
#include "delivery/scheduler.h"
#include "support/shared_sim.h"

namespace luckyhub::delivery {
namespace {

const Job& machines_job(const DeliveryConfig& c) {
  for (const Job& j : c.jobs)
    if (j.kind == JobKind::kRefresh && j.tool == "machines") return j;
  throw std::runtime_error("no machines refresh job");
}

TEST(MachinesSchedule, TheExampleFileRefreshesTheMachinesEveryMinute) {
  const DeliveryConfig c = load_delivery_file(std::string(LUCKYHUB_SOURCE_DIR) + "/docs/delivery.example.toml");
  const Job& job = machines_job(c);
  EXPECT_EQ(job.name, "machines-status");
  ASSERT_TRUE(job.cron);
  EXPECT_EQ(job.cron->text(), "* * * * *");
  EXPECT_TRUE(job.params.empty());  // the report's defaults: the status now
}

TEST(MachinesSchedule, TheSchedulerRunsItAtEveryMinute) {
  DeliveryConfig c = load_delivery_file(std::string(LUCKYHUB_SOURCE_DIR) + "/docs/delivery.example.toml");
  const Job job = machines_job(c);
  c.schedules.clear();
  c.jobs = {job};
  const std::string dir = testing::temp_dir();
  std::mutex m;
  std::vector<std::string> refreshed;
  SchedulerOptions o{.warehouse = testing::shared_sim().warehouse_path, .state = dir + "/state.db"};
  o.refresh = [&](const std::string& tool, const std::map<std::string, std::string>&) {
    std::lock_guard lock(m);
    refreshed.push_back(tool);
  };
  auto count = [&] {
    std::lock_guard lock(m);
    return refreshed.size();
  };
  auto eventually = [&](size_t n) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (count() < n && std::chrono::steady_clock::now() < end) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return count() == n;
  };
  ManualClock clock(parse_utc("2026-03-07T13:44:30Z"));
  Scheduler scheduler(c, o, clock);
  scheduler.start();
  EXPECT_EQ(scheduler.status()["jobs"][0]["next_run_utc"], "2026-03-07T13:45:00Z");
  clock.set(parse_utc("2026-03-07T13:44:59Z"));  // not yet
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(count(), 0u);
  for (int minute = 45; minute <= 47; ++minute) {
    clock.set(parse_utc("2026-03-07T13:" + std::to_string(minute) + ":00Z"));
    ASSERT_TRUE(eventually(static_cast<size_t>(minute - 44))) << "13:" << minute;
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(count(), 3u);  // once a minute, not more
  EXPECT_EQ(refreshed, (std::vector<std::string>{"machines", "machines", "machines"}));
  EXPECT_EQ(scheduler.status()["jobs"][0]["next_run_utc"], "2026-03-07T13:48:00Z");
  scheduler.stop();
}

}  // namespace
}  // namespace luckyhub::delivery
