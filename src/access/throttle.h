// Failed logins, counted per user name and per client address over a sliding
// window: a name with `per_user` failures within `window`, or an address with
// `per_address`, is refused until its oldest counted failure leaves the
// window, whether or not the next password is right (so guessing does not
// get faster by also trying the right one). A success clears the user's
// count (not the address's). The counts live in memory.
//
// Thread-safe: one mutex.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>

namespace luckyhub::access {

struct ThrottleLimits {
  int per_user = 5;
  int per_address = 20;
  std::chrono::seconds window{15 * 60};
};

class LoginThrottle {
 public:
  explicit LoginThrottle(ThrottleLimits limits = {}, std::function<int64_t()> now = {});

  // 0 when a login of `user` from `address` may be tried now; else the
  // seconds until it may.
  int64_t retry_after(const std::string& user, const std::string& address);
  void failed(const std::string& user, const std::string& address);
  void succeeded(const std::string& user);

 private:
  using Times = std::deque<int64_t>;
  int64_t wait_locked(Times& times, int limit, int64_t now);

  const ThrottleLimits limits_;
  std::function<int64_t()> now_;
  std::mutex mutex_;
  std::unordered_map<std::string, Times> by_user_, by_address_;
};

}  // namespace luckyhub::access
