// Runs jobs on one background thread, in the order they were submitted, so
// that a producer (the simulator, a sync reading MySQL) and a consumer (a
// database load) use two cores at once. At most `max_pending` jobs wait:
// submit() blocks beyond that, so memory stays bounded. The first job that
// throws stops the worker: its exception is rethrown by every later submit()
// and drain(), and the jobs after it are dropped.
//
// Thread safety: submit() and drain() from one producer thread. The
// destructor runs the jobs still pending, then joins the thread.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>

namespace luckyhub {

template <typename Job>
class OrderedWorker {
 public:
  OrderedWorker(size_t max_pending, std::function<void(Job&)> run)
      : max_pending_(max_pending), run_(std::move(run)), thread_([this] { loop(); }) {}

  ~OrderedWorker() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    changed_.notify_all();
    thread_.join();
  }

  OrderedWorker(const OrderedWorker&) = delete;
  OrderedWorker& operator=(const OrderedWorker&) = delete;

  void submit(Job job) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return pending_.size() < max_pending_ || error_; });
    if (error_) std::rethrow_exception(error_);
    pending_.push_back(std::move(job));
    changed_.notify_all();
  }

  // Waits until every submitted job has run; rethrows the first failure.
  void drain() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return (pending_.empty() && !busy_) || error_; });
    if (error_) std::rethrow_exception(error_);
  }

 private:
  void loop() {
    for (;;) {
      Job job;
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [this] { return !pending_.empty() || stopping_; });
        if (pending_.empty()) return;
        job = std::move(pending_.front());
        pending_.pop_front();
        busy_ = true;
      }
      std::exception_ptr error;
      try {
        if (!failed()) run_(job);
      } catch (...) {
        error = std::current_exception();
      }
      {
        std::lock_guard lock(mutex_);
        busy_ = false;
        if (error && !error_) error_ = error;
      }
      changed_.notify_all();
    }
  }

  bool failed() {
    std::lock_guard lock(mutex_);
    return error_ != nullptr;
  }

  const size_t max_pending_;
  std::function<void(Job&)> run_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Job> pending_;
  bool busy_ = false;
  bool stopping_ = false;
  std::exception_ptr error_;
  std::thread thread_;  // last: started once everything above exists
};

}  // namespace luckyhub
