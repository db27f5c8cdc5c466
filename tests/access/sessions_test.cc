// Sessions (access/sessions.h): a new id and CSRF token at every login, idle
// and absolute expiry on a clock of the test's own, logout, a user's sessions
// ended together; and the login throttle (access/throttle.h) per user and per
// address over its sliding window.
#include <gtest/gtest.h>

#include <set>

#include "access/sessions.h"
#include "access/throttle.h"

namespace luckyhub::access {
namespace {

struct Clock {
  int64_t now = 1'700'000'000;
  std::function<int64_t()> fn() {
    return [this] { return now; };
  }
};

TEST(Sessions, EveryLoginGetsItsOwnRandomIdAndCsrfToken) {
  Clock clock;
  SessionTable table({}, clock.fn());
  const Principal ana{.name = "ana", .role = Role::kFinance};
  std::set<std::string> seen;
  for (int i = 0; i < 20; ++i) {
    const auto issued = table.create(ana);
    EXPECT_EQ(issued.cookie.size(), 43u);
    EXPECT_EQ(issued.session.csrf.size(), 43u);
    EXPECT_NE(issued.cookie, issued.session.csrf);
    EXPECT_TRUE(seen.insert(issued.cookie).second);
    EXPECT_TRUE(seen.insert(issued.session.csrf).second);
  }
  EXPECT_EQ(table.size(), 20u);
}

TEST(Sessions, FindsALiveSessionAndRefusesUnknownOrMalformedOnes) {
  Clock clock;
  SessionTable table({}, clock.fn());
  const auto issued = table.create({.name = "ana", .role = Role::kFinance, .stores = {12}});
  const auto found = table.find(issued.cookie);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->principal.name, "ana");
  EXPECT_EQ(found->principal.role, Role::kFinance);
  EXPECT_EQ(found->principal.stores, std::vector<int64_t>{12});
  EXPECT_EQ(found->csrf, issued.session.csrf);
  std::string other = issued.cookie;
  other[5] = other[5] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(table.find(other));
  EXPECT_FALSE(table.find(""));
  EXPECT_FALSE(table.find(issued.cookie + "x"));
}

TEST(Sessions, IdleExpiryIsResetByUseAndAbsoluteExpiryIsNot) {
  Clock clock;
  SessionTable table({.idle = std::chrono::seconds(600), .absolute = std::chrono::seconds(3600)}, clock.fn());
  const auto a = table.create({.name = "ana"});
  const auto b = table.create({.name = "bo"});
  clock.now += 599;
  EXPECT_TRUE(table.find(a.cookie));  // seen: its idle clock restarts
  clock.now += 2;
  EXPECT_FALSE(table.find(b.cookie)) << "601 s idle";
  EXPECT_TRUE(table.find(a.cookie));
  // Used every 500 s, a session still ends an hour after login.
  for (int i = 0; i < 6; ++i) {
    clock.now += 500;
    if (clock.now - 1'700'000'000 < 3600) {
      EXPECT_TRUE(table.find(a.cookie)) << i;
    }
  }
  EXPECT_GE(clock.now - 1'700'000'000, 3600);
  EXPECT_FALSE(table.find(a.cookie));
  EXPECT_EQ(table.size(), 0u);
}

TEST(Sessions, LogoutEndsOneSessionAndAUserChangeEndsAllOfThem) {
  Clock clock;
  SessionTable table({}, clock.fn());
  const auto a1 = table.create({.name = "ana"});
  const auto a2 = table.create({.name = "ana"});
  const auto b = table.create({.name = "bo"});
  table.remove(a1.cookie);
  EXPECT_FALSE(table.find(a1.cookie));
  EXPECT_TRUE(table.find(a2.cookie));
  EXPECT_EQ(table.remove_user("ana"), 1u);
  EXPECT_FALSE(table.find(a2.cookie));
  EXPECT_TRUE(table.find(b.cookie));
}

TEST(Sessions, TheTableIsBounded) {
  Clock clock;
  SessionTable table({.max_sessions = 3}, clock.fn());
  std::vector<std::string> cookies;
  for (int i = 0; i < 5; ++i) {
    cookies.push_back(table.create({.name = "u" + std::to_string(i)}).cookie);
    clock.now += 1;
  }
  EXPECT_EQ(table.size(), 3u);
  EXPECT_FALSE(table.find(cookies[0]));  // the least recently seen went first
  EXPECT_TRUE(table.find(cookies[4]));
}

TEST(LoginThrottle, FiveFailuresOfAUserLockItUntilTheFirstLeavesTheWindow) {
  Clock clock;
  LoginThrottle throttle({.per_user = 5, .per_address = 100, .window = std::chrono::seconds(900)}, clock.fn());
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(throttle.retry_after("ana", "10.0.0.1"), 0) << i;
    throttle.failed("ana", "10.0.0.1");
    clock.now += 10;
  }
  // Failures at t0, t0+10, ..., t0+40; now t0+50: the first leaves at t0+900.
  EXPECT_EQ(throttle.retry_after("ana", "10.0.0.2"), 850) << "the user is locked from any address";
  EXPECT_EQ(throttle.retry_after("bo", "10.0.0.1"), 0) << "another user from the same address is not";
  clock.now += 850;
  EXPECT_EQ(throttle.retry_after("ana", "10.0.0.1"), 0);
}

TEST(LoginThrottle, AnAddressTryingManyUsersIsLockedToo) {
  Clock clock;
  LoginThrottle throttle({.per_user = 5, .per_address = 20, .window = std::chrono::seconds(900)}, clock.fn());
  for (int i = 0; i < 20; ++i) throttle.failed("user" + std::to_string(i), "10.0.0.9");
  EXPECT_GT(throttle.retry_after("someone-new", "10.0.0.9"), 0);
  EXPECT_EQ(throttle.retry_after("someone-new", "10.0.0.10"), 0);
}

TEST(LoginThrottle, ASuccessClearsTheUsersCountButNotTheAddresss) {
  Clock clock;
  LoginThrottle throttle({.per_user = 3, .per_address = 4, .window = std::chrono::seconds(900)}, clock.fn());
  throttle.failed("ana", "10.0.0.1");
  throttle.failed("ana", "10.0.0.1");
  throttle.succeeded("ana");
  throttle.failed("ana", "10.0.0.1");
  throttle.failed("ana", "10.0.0.1");
  EXPECT_EQ(throttle.retry_after("ana", "10.0.0.2"), 0) << "two failures since the success";
  EXPECT_GT(throttle.retry_after("bo", "10.0.0.1"), 0) << "four failures from the address";
}

}  // namespace
}  // namespace luckyhub::access
