// The scheduler's clock, an interface so that tests control time.
//
// SystemClock is the machine's clock, optionally shifted by a fixed offset
// (`luckyhub serve --clock-start`, for the process-level tests: time then runs
// at the normal rate from the given instant). ManualClock stands still until
// a test sets or advances it.
//
// wait_until() blocks the caller, holding `lock` released meanwhile (as a
// condition variable does), until the clock reaches `t` or `cv` is notified;
// it may return early (spurious wake-ups): callers re-check.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

#include "delivery/cron.h"

namespace luckyhub::delivery {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant now() const = 0;
  virtual void wait_until(std::unique_lock<std::mutex>& lock, std::condition_variable& cv, Instant t) = 0;
};

class SystemClock : public Clock {
 public:
  explicit SystemClock(std::chrono::seconds offset = std::chrono::seconds{0}) : offset_(offset) {}
  // A clock that reads `start` now and runs on from there.
  static SystemClock starting_at(Instant start);
  Instant now() const override;
  void wait_until(std::unique_lock<std::mutex>& lock, std::condition_variable& cv, Instant t) override;

 private:
  std::chrono::seconds offset_;
};

// Thread-safe: set() and advance() from a test thread while the scheduler waits.
class ManualClock : public Clock {
 public:
  explicit ManualClock(Instant start) : now_(start.time_since_epoch().count()) {}
  Instant now() const override { return Instant{std::chrono::seconds{now_.load()}}; }
  void set(Instant t) { now_ = t.time_since_epoch().count(); }
  void advance(std::chrono::seconds by) { now_ += by.count(); }
  // Polls every 5 ms of real time: a waiting scheduler sees set() promptly.
  void wait_until(std::unique_lock<std::mutex>& lock, std::condition_variable& cv, Instant t) override;

 private:
  std::atomic<int64_t> now_;
};

}  // namespace luckyhub::delivery
