#include "delivery/clock.h"

namespace luckyhub::delivery {

SystemClock SystemClock::starting_at(Instant start) {
  const Instant real = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  return SystemClock(start - real);
}

Instant SystemClock::now() const {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) + offset_;
}

void SystemClock::wait_until(std::unique_lock<std::mutex>& lock, std::condition_variable& cv, Instant t) {
  // At most a minute at a time, so that a wall-clock jump is noticed.
  const auto real_target = std::chrono::system_clock::time_point(t - offset_);
  const auto cap = std::chrono::system_clock::now() + std::chrono::seconds(60);
  cv.wait_until(lock, std::min(real_target, cap));
}

void ManualClock::wait_until(std::unique_lock<std::mutex>& lock, std::condition_variable& cv, Instant t) {
  if (now() >= t) return;
  cv.wait_for(lock, std::chrono::milliseconds(5));
}

}  // namespace luckyhub::delivery
