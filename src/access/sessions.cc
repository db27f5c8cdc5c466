#include "access/sessions.h"

#include <sodium.h>

#include <algorithm>

#include "access/sodium.h"

namespace luckyhub::access {
namespace {

int64_t system_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

std::string random_token() {
  require_sodium();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char text[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(text, sizeof text, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return text;
}

SessionTable::SessionTable(SessionLimits limits, std::function<int64_t()> now)
    : limits_(limits), now_(now ? std::move(now) : system_now) {
  require_sodium();
}

std::string SessionTable::key(std::string_view cookie) const {
  unsigned char hash[crypto_generichash_BYTES];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(cookie.data()), cookie.size(),
                     nullptr, 0);
  return std::string(reinterpret_cast<const char*>(hash), sizeof hash);
}

SessionTable::Issued SessionTable::create(const Principal& principal) {
  Issued issued{.cookie = random_token()};
  const int64_t now = now_();
  issued.session = {.principal = principal, .csrf = random_token(), .created = now, .last_seen = now, .checked = now};
  const std::string k = key(issued.cookie);
  std::lock_guard lock(mutex_);
  if (sessions_.size() >= limits_.max_sessions) expire_oldest_locked();
  sessions_[k] = issued.session;
  return issued;
}

void SessionTable::expire_oldest_locked() {
  const int64_t now = now_();
  std::erase_if(sessions_, [&](const auto& kv) {
    return now - kv.second.last_seen >= limits_.idle.count() || now - kv.second.created >= limits_.absolute.count();
  });
  while (sessions_.size() >= limits_.max_sessions) {
    auto oldest = std::min_element(sessions_.begin(), sessions_.end(), [](const auto& a, const auto& b) {
      return a.second.last_seen < b.second.last_seen;
    });
    sessions_.erase(oldest);
  }
}

std::optional<Session> SessionTable::find(std::string_view cookie) {
  if (cookie.size() != 43) return std::nullopt;
  const std::string k = key(cookie);
  const int64_t now = now_();
  std::lock_guard lock(mutex_);
  const auto it = sessions_.find(k);
  if (it == sessions_.end()) return std::nullopt;
  Session& s = it->second;
  if (now - s.last_seen >= limits_.idle.count() || now - s.created >= limits_.absolute.count()) {
    sessions_.erase(it);
    return std::nullopt;
  }
  s.last_seen = now;
  return s;
}

void SessionTable::mark_checked(std::string_view cookie) {
  const std::string k = key(cookie);
  const int64_t now = now_();
  std::lock_guard lock(mutex_);
  if (const auto it = sessions_.find(k); it != sessions_.end()) it->second.checked = now;
}

void SessionTable::remove(std::string_view cookie) {
  const std::string k = key(cookie);
  std::lock_guard lock(mutex_);
  sessions_.erase(k);
}

size_t SessionTable::remove_user(const std::string& name) {
  std::lock_guard lock(mutex_);
  return std::erase_if(sessions_, [&](const auto& kv) { return kv.second.principal.name == name; });
}

size_t SessionTable::size() {
  std::lock_guard lock(mutex_);
  return sessions_.size();
}

}  // namespace luckyhub::access
