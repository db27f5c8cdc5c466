#include "core/task_lane.h"

#include "core/log.h"

namespace luckyhub {

TaskLane::TaskLane(std::string name, size_t max_queued)
    : name_(std::move(name)), max_queued_(max_queued), thread_([this] { run(); }) {}

TaskLane::~TaskLane() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  ready_.notify_all();
  thread_.join();
}

bool TaskLane::post(std::function<void()> task) {
  {
    std::lock_guard lock(mutex_);
    if (tasks_.size() >= max_queued_) return false;
    tasks_.push_back(std::move(task));
  }
  ready_.notify_all();
  return true;
}

void TaskLane::drain() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [this] { return tasks_.empty() && !running_; });
}

void TaskLane::run() {
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
      if (tasks_.empty()) return;
      task = std::move(tasks_.front());
      tasks_.pop_front();
      running_ = true;
    }
    try {
      task();
    } catch (const std::exception& e) {
      log::warn(name_, ": ", e.what());
    }
    task = nullptr;  // what it holds goes before the lane says it is idle
    std::lock_guard lock(mutex_);
    running_ = false;
    if (tasks_.empty()) idle_.notify_all();
  }
}

}  // namespace luckyhub
