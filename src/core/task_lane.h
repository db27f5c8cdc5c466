// One thread running posted tasks in order, one at a time: work that must not
// run on the caller's thread (or must not overlap itself) and need not be
// waited for. A task that throws is logged and the lane goes on.
// The destructor runs the tasks already posted, then joins.
//
// Thread safety: post() from any thread.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <limits>
#include <mutex>
#include <string>
#include <thread>

namespace luckyhub {

class TaskLane {
 public:
  // `name`: for the log line of a task that throws. `max_queued`: post()
  // refuses a task beyond it.
  explicit TaskLane(std::string name, size_t max_queued = std::numeric_limits<size_t>::max());
  ~TaskLane();
  TaskLane(const TaskLane&) = delete;
  TaskLane& operator=(const TaskLane&) = delete;

  // False (and the task dropped) when `max_queued` tasks are waiting.
  bool post(std::function<void()> task);
  // Blocks until every task posted before the call has run (the lane idle).
  // Not from a task on this lane.
  void drain();

 private:
  void run();

  const std::string name_;
  const size_t max_queued_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::condition_variable idle_;  // signalled when a task ends with nothing queued
  std::deque<std::function<void()>> tasks_;
  bool stopping_ = false;
  bool running_ = false;  // a task is running
  std::thread thread_;  // last: starts after the members it uses
};

}  // namespace luckyhub
