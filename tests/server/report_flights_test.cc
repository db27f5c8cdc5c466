// ReportService under a warehouse that keeps changing (a sync commits every
// chunk): one computation of a report runs at a time, the requests that see a
// newer version share the one queued behind it, and that one reads the
// warehouse after they asked.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <future>
#include <mutex>

#include "server/report_service.h"
#include "support/shared_sim.h"
#include "tools/registry.h"

namespace luckyhub::server {
namespace {

namespace fs = std::filesystem;

struct Gate {
  std::mutex mutex;
  std::condition_variable changed;
  bool open = true;  // closed only while this file's test holds it (every tool runs elsewhere too)
  int started = 0;   // computations begun
};
Gate& gate() {
  static Gate g;
  return g;
}

Report gated(Warehouse&, const Params&) {
  Gate& g = gate();
  std::unique_lock lock(g.mutex);
  ++g.started;
  g.changed.notify_all();
  g.changed.wait_for(lock, std::chrono::seconds(60), [&] { return g.open; });
  Report r;
  r.panels.push_back({.id = "note", .title = "Note", .kind = PanelKind::kText, .text = "computed"});
  return r;
}

const ToolRegistration kGatedTool(Tool{.id = "test-flights", .number = 97, .department = "it",
                                       .title = "Gated test tool", .summary = "Waits for its test.",
                                       .compute = gated});

// A new modification time: a new warehouse version, as a writer's commit makes.
void touch(const fs::path& file, int second) {
  const timespec times[2] = {{.tv_sec = 1700000000 + second, .tv_nsec = 0},
                             {.tv_sec = 1700000000 + second, .tv_nsec = 0}};
  ASSERT_EQ(::utimensat(AT_FDCWD, file.c_str(), times, 0), 0);
}

void wait_done(ReportJob& job) {
  std::promise<void> done;
  job.on_done([&] { done.set_value(); });
  ASSERT_EQ(done.get_future().wait_for(std::chrono::seconds(60)), std::future_status::ready);
}

TEST(ReportFlights, AChangingWarehouseQueuesOneComputationBehindTheRunningOne) {
  const fs::path dir = fs::path(LUCKYHUB_TEST_DATA_DIR) / "report-flights";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path file = dir / "w.db";
  fs::copy_file(testing::shared_sim().warehouse_path, file);
  {
    std::lock_guard lock(gate().mutex);
    gate().open = false;
    gate().started = 0;
  }
  ReportService reports(file.string(), 4, 64);  // workers to spare: only the flights limit them

  touch(file, 1);
  const auto first = reports.request("test-flights", {});
  {
    std::unique_lock lock(gate().mutex);
    ASSERT_TRUE(gate().changed.wait_for(lock, std::chrono::seconds(60), [] { return gate().started == 1; }));
  }
  touch(file, 2);
  const auto second = reports.request("test-flights", {});
  touch(file, 3);
  const auto third = reports.request("test-flights", {});
  touch(file, 4);
  const auto fourth = reports.request("test-flights", {});
  EXPECT_NE(second.get(), first.get());
  EXPECT_EQ(third.get(), second.get());  // newer versions join the queued computation
  EXPECT_EQ(fourth.get(), second.get());
  EXPECT_EQ(reports.request("test-flights", {}).get(), second.get());  // the same version: the same job
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  {
    std::lock_guard lock(gate().mutex);
    EXPECT_EQ(gate().started, 1) << "a second computation ran beside the first";
  }
  EXPECT_EQ(reports.stats().computations, 2u);

  {
    std::lock_guard lock(gate().mutex);
    gate().open = true;
  }
  gate().changed.notify_all();
  wait_done(*first);
  wait_done(*second);
  EXPECT_EQ(first->result().status, 200) << first->result().error;
  EXPECT_EQ(second->result().status, 200) << second->result().error;
  {
    std::lock_guard lock(gate().mutex);
    EXPECT_EQ(gate().started, 2);
  }

  // Nothing running: the next version starts at once, and is then cached.
  touch(file, 5);
  const auto fifth = reports.request("test-flights", {});
  wait_done(*fifth);
  EXPECT_NE(fifth.get(), second.get());
  EXPECT_EQ(reports.request("test-flights", {}).get(), fifth.get());
  EXPECT_EQ(reports.stats().computations, 3u);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace luckyhub::server
