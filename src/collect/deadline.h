// A deadline for a blocking call that has no deadline of its own: a
// DeadlineGuard runs `on_expire` once, on its own thread, if it is still
// alive `seconds` after it was made. The callback typically shuts down the
// socket a client library is blocked on (shutdown(2) makes the blocked read
// return at once), so the call fails and the caller sees fired().
//
// The callback never outlives the guard: the destructor waits for a running
// callback, so what it touches only has to live as long as the guard.
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace luckyhub::collect {

class DeadlineGuard {
 public:
  // seconds <= 0: no deadline (never fires).
  DeadlineGuard(double seconds, std::function<void()> on_expire);
  ~DeadlineGuard();
  DeadlineGuard(const DeadlineGuard&) = delete;
  DeadlineGuard& operator=(const DeadlineGuard&) = delete;

  // Whether the deadline passed while the guard was alive (the callback ran).
  bool fired();

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool done_ = false, fired_ = false;
  std::thread thread_;
};

// Runs `work` under a DeadlineGuard of `seconds` calling `on_expire`. When
// the deadline fires, `late` is set and the call fails: work's own exception
// propagates, and a work that returned after all (the socket shut down just
// as it finished, of no use to the next call either) throws Error("late").
void run_with_deadline(double seconds, const std::function<void()>& on_expire, bool& late,
                       const std::function<void()>& work);

// Shuts a socket down for reading and writing (a no-op for fd < 0): what a
// deadline does to a connection blocked on it.
void interrupt_socket(int fd);

}  // namespace luckyhub::collect
