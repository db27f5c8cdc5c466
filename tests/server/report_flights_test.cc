// ReportService under a warehouse that keeps changing (a sync commits every
// chunk): one computation of a report (or of a tool's parameter options) runs
// at a time, the requests that see a newer version share the one queued
// behind it, and that one reads the warehouse after they asked.
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

void wait_at_gate() {
  Gate& g = gate();
  std::unique_lock lock(g.mutex);
  ++g.started;
  g.changed.notify_all();
  g.changed.wait_for(lock, std::chrono::seconds(60), [&] { return g.open; });
}

void hold_gate(bool closed) {
  {
    std::lock_guard lock(gate().mutex);
    gate().open = !closed;
    if (closed) gate().started = 0;
  }
  gate().changed.notify_all();
}

void wait_started(int n) {
  std::unique_lock lock(gate().mutex);
  ASSERT_TRUE(gate().changed.wait_for(lock, std::chrono::seconds(60), [&] { return gate().started == n; }));
}

int started() {
  std::lock_guard lock(gate().mutex);
  return gate().started;
}

Report gated(Warehouse&, const Params&) {
  wait_at_gate();
  Report r;
  r.panels.push_back({.id = "note", .title = "Note", .kind = PanelKind::kText, .text = "computed"});
  return r;
}

const ToolRegistration kGatedTool(Tool{.id = "test-flights", .number = 97, .department = "it",
                                       .title = "Gated test tool", .summary = "Waits for its test.",
                                       .compute = gated});

std::vector<ParamOption> gated_options(Warehouse&) {
  wait_at_gate();
  return {{.value = "a", .name = "A"}};
}

const ToolRegistration kGatedOptionsTool(
    Tool{.id = "test-flight-options", .number = 96, .department = "it", .title = "Gated options test tool",
         .summary = "Its parameter's options wait for its test.",
         .params = {ParamSpec{.name = "choice", .default_value = "a", .description = "A value from the data.",
                              .label = "Test choice", .options = gated_options}},
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

// A copy of the shared simulation's warehouse in a directory of its own.
fs::path warehouse_copy(const std::string& name) {
  const fs::path dir = fs::path(LUCKYHUB_TEST_DATA_DIR) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy_file(testing::shared_sim().warehouse_path, dir / "w.db");
  return dir / "w.db";
}

TEST(ReportFlights, AChangingWarehouseQueuesOneComputationBehindTheRunningOne) {
  const fs::path file = warehouse_copy("report-flights");
  hold_gate(true);
  ReportService reports(file.string(), 4, 64);  // workers to spare: only the flights limit them

  touch(file, 1);
  const auto first = reports.request("test-flights", {});
  wait_started(1);
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
  EXPECT_EQ(started(), 1) << "a second computation ran beside the first";
  EXPECT_EQ(reports.stats().computations, 2u);

  hold_gate(false);
  wait_done(*first);
  wait_done(*second);
  EXPECT_EQ(first->result().status, 200) << first->result().error;
  EXPECT_EQ(second->result().status, 200) << second->result().error;
  EXPECT_EQ(started(), 2);

  // Nothing running: the next version starts at once, and is then cached.
  touch(file, 5);
  const auto fifth = reports.request("test-flights", {});
  wait_done(*fifth);
  EXPECT_NE(fifth.get(), second.get());
  EXPECT_EQ(reports.request("test-flights", {}).get(), fifth.get());
  EXPECT_EQ(reports.stats().computations, 3u);
  fs::remove_all(file.parent_path());
}

TEST(ReportFlights, ParameterOptionsOfAChangingWarehouseQueueTheSameWay) {
  const fs::path file = warehouse_copy("report-flights-options");
  hold_gate(true);
  ReportService reports(file.string(), 4, 64);

  touch(file, 1);
  const auto first = reports.options("test-flight-options");
  wait_started(1);
  touch(file, 2);
  const auto second = reports.options("test-flight-options");
  touch(file, 3);
  const auto third = reports.options("test-flight-options");
  EXPECT_NE(second.get(), first.get());
  EXPECT_EQ(third.get(), second.get());
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(started(), 1) << "a second computation of the options ran beside the first";

  hold_gate(false);
  wait_done(*first);
  wait_done(*second);
  EXPECT_EQ(started(), 2);
  ASSERT_EQ(second->result().status, 200) << second->result().error;
  EXPECT_EQ(*second->result().json, R"({"choice":[{"name":"A","value":"a"}]})");
  EXPECT_EQ(reports.options("test-flight-options").get(), second.get());  // kept for its version
  EXPECT_EQ(reports.stats().computations, 0u);  // options are not reports
  fs::remove_all(file.parent_path());
}

}  // namespace
}  // namespace luckyhub::server
