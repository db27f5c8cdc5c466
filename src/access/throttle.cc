#include "access/throttle.h"

#include <algorithm>

namespace luckyhub::access {

LoginThrottle::LoginThrottle(ThrottleLimits limits, std::function<int64_t()> now)
    : limits_(limits), now_(now ? std::move(now) : [] {
        return std::chrono::duration_cast<std::chrono::seconds>(
                   std::chrono::system_clock::now().time_since_epoch()).count();
      }) {}

// Drops the failures that left the window; the wait until fewer than `limit` remain.
int64_t LoginThrottle::wait_locked(Times& times, int limit, int64_t now) {
  const int64_t window = limits_.window.count();
  while (!times.empty() && now - times.front() >= window) times.pop_front();
  if (static_cast<int>(times.size()) < limit) return 0;
  // The failure whose leaving brings the count under the limit.
  const int64_t leaves = times[times.size() - static_cast<size_t>(limit)] + window;
  return std::max<int64_t>(1, leaves - now);
}

int64_t LoginThrottle::retry_after(const std::string& user, const std::string& address) {
  const int64_t now = now_();
  std::lock_guard lock(mutex_);
  int64_t wait = 0;
  if (auto it = by_user_.find(user); it != by_user_.end()) {
    wait = wait_locked(it->second, limits_.per_user, now);
    if (it->second.empty()) by_user_.erase(it);
  }
  if (auto it = by_address_.find(address); it != by_address_.end()) {
    wait = std::max(wait, wait_locked(it->second, limits_.per_address, now));
    if (it->second.empty()) by_address_.erase(it);
  }
  return wait;
}

void LoginThrottle::failed(const std::string& user, const std::string& address) {
  const int64_t now = now_();
  std::lock_guard lock(mutex_);
  // Bounded memory under a flood of made-up names: forget the stale ones.
  for (auto* map : {&by_user_, &by_address_}) {
    if (map->size() <= 100000) continue;
    for (auto it = map->begin(); it != map->end();) {
      wait_locked(it->second, 1, now);
      it = it->second.empty() ? map->erase(it) : std::next(it);
    }
  }
  by_user_[user].push_back(now);
  by_address_[address].push_back(now);
}

void LoginThrottle::succeeded(const std::string& user) {
  std::lock_guard lock(mutex_);
  by_user_.erase(user);
}

}  // namespace luckyhub::access
