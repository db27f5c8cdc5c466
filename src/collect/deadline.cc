#include "collect/deadline.h"

#include <sys/socket.h>

#include <chrono>

#include "core/error.h"

namespace luckyhub::collect {

DeadlineGuard::DeadlineGuard(double seconds, std::function<void()> on_expire) {
  if (seconds <= 0) return;
  const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  thread_ = std::thread([this, until, on_expire = std::move(on_expire)] {
    std::unique_lock<std::mutex> lock(mutex_);
    if (cv_.wait_until(lock, until, [this] { return done_; })) return;
    fired_ = true;
    lock.unlock();
    on_expire();  // the destructor joins this thread: the guard is still alive
  });
}

DeadlineGuard::~DeadlineGuard() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    done_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool DeadlineGuard::fired() {
  std::lock_guard<std::mutex> lock(mutex_);
  return fired_;
}

void interrupt_socket(int fd) {
  if (fd >= 0) ::shutdown(fd, SHUT_RDWR);
}

void run_with_deadline(double seconds, const std::function<void()>& on_expire, bool& late,
                       const std::function<void()>& work) {
  DeadlineGuard guard(seconds, on_expire);
  try {
    work();
  } catch (...) {
    late = guard.fired();
    throw;
  }
  if (guard.fired()) {
    late = true;
    throw Error("late");
  }
}

}  // namespace luckyhub::collect
