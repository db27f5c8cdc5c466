// Argon2id password hashing and the password rules (access/password.h).
#include "access/password.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

#include "core/error.h"

namespace luckyhub::access {
namespace {

TEST(AccessPassword, HashIsArgon2idWithInteractiveLimits) {
  const std::string hash = hash_password("correct horse battery");
  EXPECT_EQ(hash.rfind("$argon2id$v=19$", 0), 0u) << hash;
  // libsodium's interactive limits: 64 MiB, 2 passes, 1 lane.
  EXPECT_NE(hash.find("$m=65536,t=2,p=1$"), std::string::npos) << hash;
  EXPECT_EQ(hash.find("correct horse"), std::string::npos);
}

TEST(AccessPassword, VerifiesTheRightPasswordOnly) {
  const std::string hash = hash_password("correct horse battery");
  EXPECT_TRUE(verify_password(hash, "correct horse battery"));
  EXPECT_FALSE(verify_password(hash, "correct horse batterY"));
  EXPECT_FALSE(verify_password(hash, "correct horse battery "));
  EXPECT_FALSE(verify_password(hash, ""));
}

TEST(AccessPassword, EachHashHasItsOwnSalt) {
  const std::string a = hash_password("correct horse battery");
  const std::string b = hash_password("correct horse battery");
  EXPECT_NE(a, b);
  EXPECT_TRUE(verify_password(a, "correct horse battery"));
  EXPECT_TRUE(verify_password(b, "correct horse battery"));
}

TEST(AccessPassword, MalformedHashesNeverVerify) {
  const std::string hash = hash_password("correct horse battery");
  EXPECT_FALSE(verify_password("", "correct horse battery"));
  EXPECT_FALSE(verify_password("correct horse battery", "correct horse battery"));
  EXPECT_FALSE(verify_password(hash.substr(0, hash.size() - 4), "correct horse battery"));
  std::string altered = hash;
  altered[altered.size() - 3] = altered[altered.size() - 3] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(verify_password(altered, "correct horse battery"));
}

TEST(AccessPassword, Rules) {
  EXPECT_NO_THROW(check_password_rules("twelve chars"));
  EXPECT_NO_THROW(check_password_rules(std::string(255, 'a') + "b"));
  EXPECT_THROW(check_password_rules(""), Error);
  EXPECT_THROW(check_password_rules("elevenchars"), Error);
  EXPECT_THROW(check_password_rules(std::string(257, 'x') + "y"), Error);
  EXPECT_THROW(check_password_rules("aaaaaaaaaaaaaaaa"), Error);
  try {
    check_password_rules("short-secret");  // 12: allowed
    check_password_rules("hunter2-abc");   // 11: refused
    FAIL() << "an 11-byte password was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()).find("hunter2"), std::string::npos)
        << "the error echoes the password";
  }
}

TEST(AccessPassword, BurningTakesAboutAVerification) {
  const std::string hash = hash_password("correct horse battery");
  burn_verification_time("warm up");  // the dummy hash is made on first use
  using Clock = std::chrono::steady_clock;
  // The fastest of three of each: a busy machine only ever slows one down.
  auto fastest = [](auto run) {
    Clock::duration best = Clock::duration::max();
    for (int i = 0; i < 3; ++i) {
      const auto t0 = Clock::now();
      run();
      best = std::min(best, Clock::now() - t0);
    }
    return best;
  };
  const auto verify = fastest([&] { verify_password(hash, "wrong password here"); });
  const auto burn = fastest([&] { burn_verification_time("wrong password here"); });
  // The same Argon2id cost (a hash of well under a millisecond would be a
  // shortcut that tells an attacker the user does not exist).
  EXPECT_GT(burn * 3, verify);
  EXPECT_LT(burn, verify * 3);
}

}  // namespace
}  // namespace luckyhub::access
