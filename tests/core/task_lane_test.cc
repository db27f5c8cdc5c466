// TaskLane (core/task_lane.h): tasks run one at a time in the order posted,
// a throwing task does not stop the lane, a full lane refuses, and the
// destructor runs what was posted before joining; drain() returns once every
// task posted before it has run and what it held is released.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <stdexcept>
#include <thread>
#include <vector>

#include "core/task_lane.h"

namespace luckyhub {
namespace {

TEST(TaskLane, RunsTasksInOrderAndGoesOnAfterOneThrows) {
  std::vector<int> ran;  // only the lane's thread touches it until the lane is gone
  {
    TaskLane lane("test");
    for (int i = 0; i < 100; ++i) {
      if (i == 50) lane.post([] { throw std::runtime_error("task 50 fails"); });
      lane.post([&ran, i] { ran.push_back(i); });
    }
  }  // joined: every posted task ran
  ASSERT_EQ(ran.size(), 100u);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(ran[i], i);
}

TEST(TaskLane, DrainWaitsForThePostedTasksAndWhatTheyHold) {
  TaskLane lane("test");
  std::atomic<int> ran{0};
  auto held = std::make_shared<int>(7);
  for (int i = 0; i < 3; ++i) {
    lane.post([&ran, held] {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      ++ran;
    });
  }
  lane.drain();
  EXPECT_EQ(ran.load(), 3);
  EXPECT_EQ(held.use_count(), 1) << "the tasks' captures are released before drain() returns";
  lane.drain();  // an idle lane: returns at once
  lane.post([&ran] { ++ran; });
  lane.drain();
  EXPECT_EQ(ran.load(), 4);
}

TEST(TaskLane, AFullLaneRefusesATask) {
  std::promise<void> release;
  std::shared_future<void> gate = release.get_future().share();
  std::atomic<int> ran{0};
  auto lane = std::make_unique<TaskLane>("test", 2);
  std::promise<void> started;
  ASSERT_TRUE(lane->post([&, gate] {
    started.set_value();
    gate.wait();
    ++ran;
  }));
  started.get_future().wait();  // the first task runs: the queue is empty
  EXPECT_TRUE(lane->post([&] { ++ran; }));
  EXPECT_TRUE(lane->post([&] { ++ran; }));
  EXPECT_FALSE(lane->post([&] { ++ran; })) << "two are waiting";
  release.set_value();
  lane.reset();  // runs the two waiting, then joins
  EXPECT_EQ(ran.load(), 3);
}

}  // namespace
}  // namespace luckyhub
