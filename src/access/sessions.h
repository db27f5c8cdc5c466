// The dashboard's login sessions, in the server's memory (a restart signs
// everyone out). A session is created at login with a new random id (so a
// session id is never carried over a login: fixation is impossible), ends at
// logout, after `idle` without a request, and at `absolute` after login
// whatever the activity. Each session has its own CSRF token, which every
// state-changing request with the session cookie must echo (server/access_gate.h).
//
// The cookie value is 32 random bytes in base64url; the table keys sessions
// by the BLAKE2b hash of it, so the ids are not in memory as such.
//
// Thread-safe: one mutex around the table.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "access/role.h"

namespace luckyhub::access {

struct SessionLimits {
  std::chrono::seconds idle{30 * 60};
  std::chrono::seconds absolute{12 * 3600};
  size_t max_sessions = 100000;  // beyond it the oldest are dropped
};

struct Session {
  Principal principal;
  std::string csrf;  // 32 random bytes, base64url
  int64_t created = 0, last_seen = 0;  // unix seconds
  int64_t checked = 0;  // when the user was last read again from the access file
};

class SessionTable {
 public:
  // `now`: unix seconds (tests give a clock of their own).
  explicit SessionTable(SessionLimits limits = {}, std::function<int64_t()> now = {});

  struct Issued {
    std::string cookie;  // the session id: the cookie's value
    Session session;
  };
  Issued create(const Principal& principal);
  // The live session of a cookie value (and marks it seen now); nullopt when
  // unknown, expired (then forgotten) or malformed.
  std::optional<Session> find(std::string_view cookie);
  void remove(std::string_view cookie);
  // Records that the session's user was read again now (access_gate.cc
  // rereads a session's user every minute: a change made from the command
  // line reaches the server's sessions that way).
  void mark_checked(std::string_view cookie);
  int64_t now() const { return now_(); }
  // Ends every session of a user (disabled, password or role changed).
  size_t remove_user(const std::string& name);
  size_t size();
  const SessionLimits& limits() const { return limits_; }

 private:
  std::string key(std::string_view cookie) const;
  void expire_oldest_locked();

  const SessionLimits limits_;
  std::function<int64_t()> now_;
  std::mutex mutex_;
  std::unordered_map<std::string, Session> sessions_;
};

// 32 random bytes in base64url without padding (43 characters).
std::string random_token();

}  // namespace luckyhub::access
