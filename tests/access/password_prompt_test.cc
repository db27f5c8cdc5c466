// `luckyhub users add` at a terminal: the built binary on a pseudo-terminal,
// as a person typing. The password is asked twice, never echoed, and must
// match; a weak one is refused before it is typed again.
#include <gtest/gtest.h>
#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <chrono>

#include "access/access_store.h"
#include "access/password.h"
#include "support/shared_sim.h"

namespace luckyhub::access {
namespace {

using luckyhub::testing::temp_dir;

// A child process on a pseudo-terminal, and what it printed there.
class Terminal {
 public:
  explicit Terminal(const std::vector<std::string>& args) {
    pid_ = ::forkpty(&master_, nullptr, nullptr, nullptr);
    if (pid_ == 0) {
      std::vector<char*> argv;
      for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      ::execv(LUCKYHUB_BINARY, argv.data());
      ::_exit(127);
    }
  }
  ~Terminal() {
    if (master_ >= 0) ::close(master_);
    if (pid_ > 0 && !waited_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  bool started() const { return pid_ > 0; }

  // Reads until `text` has been printed (true) or 20 s pass or the child ends (false).
  bool wait_for(const std::string& text) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (screen_.find(text) == std::string::npos) {
      if (std::chrono::steady_clock::now() > deadline || !read_some()) return false;
    }
    return true;
  }
  void type(const std::string& line) {
    const std::string keys = line + "\n";
    ASSERT_EQ(::write(master_, keys.data(), keys.size()), static_cast<ssize_t>(keys.size()));
  }
  // Reads everything up to the child's end; returns its exit code, or -1
  // when it was still waiting (for input it never got) and was killed.
  int finish() {
    while (read_some()) {
    }
    int status = 0;
    pid_t done = 0;
    for (int i = 0; i < 100 && done == 0; ++i) {  // up to 5 s for its exit after the terminal closed
      done = ::waitpid(pid_, &status, WNOHANG);
      if (done == 0) ::usleep(50000);
    }
    if (done == 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
      waited_ = true;
      return -1;
    }
    waited_ = true;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  const std::string& screen() const { return screen_; }

 private:
  bool read_some() {
    pollfd p{.fd = master_, .events = POLLIN};
    if (::poll(&p, 1, 20000) <= 0) return false;
    char buffer[4096];
    const ssize_t n = ::read(master_, buffer, sizeof buffer);
    if (n <= 0) return false;  // EIO: the child closed the terminal
    screen_.append(buffer, static_cast<size_t>(n));
    return true;
  }
  int master_ = -1;
  pid_t pid_ = -1;
  bool waited_ = false;
  std::string screen_;
};

class PasswordPromptTest : public ::testing::Test {
 protected:
  void SetUp() override { file_ = temp_dir() + "/access.db"; }
  std::vector<std::string> add_ana() {
    return {"luckyhub", "users", "add", "ana", "--role", "admin", "--access", file_};
  }
  std::string file_;
};

TEST_F(PasswordPromptTest, AskedTwiceWithoutEcho) {
  Terminal t(add_ana());
  ASSERT_TRUE(t.started());
  ASSERT_TRUE(t.wait_for("Password for ana: ")) << t.screen();
  t.type("typed at the terminal");
  ASSERT_TRUE(t.wait_for("Password for ana again: ")) << t.screen();
  t.type("typed at the terminal");
  EXPECT_EQ(t.finish(), 0) << t.screen();
  EXPECT_NE(t.screen().find("users: added ana"), std::string::npos) << t.screen();
  EXPECT_EQ(t.screen().find("typed at"), std::string::npos) << "echoed: " << t.screen();
  const std::optional<User> ana = AccessStore::open(file_)->find_user("ana");
  ASSERT_TRUE(ana);
  EXPECT_TRUE(verify_password(ana->password_hash, "typed at the terminal"));
}

TEST_F(PasswordPromptTest, TheTwoMustMatch) {
  Terminal t(add_ana());
  ASSERT_TRUE(t.wait_for("Password for ana: ")) << t.screen();
  t.type("typed at the terminal");
  ASSERT_TRUE(t.wait_for("again: ")) << t.screen();
  t.type("typed at the terminaL");
  EXPECT_EQ(t.finish(), 1);
  EXPECT_NE(t.screen().find("the two passwords differ"), std::string::npos) << t.screen();
  EXPECT_EQ(t.screen().find("typed at"), std::string::npos) << "echoed: " << t.screen();
  EXPECT_TRUE(AccessStore::open(file_)->users().empty());
}

TEST_F(PasswordPromptTest, AWeakPasswordIsRefusedAtOnce) {
  Terminal t(add_ana());
  ASSERT_TRUE(t.wait_for("Password for ana: ")) << t.screen();
  t.type("short");
  EXPECT_EQ(t.finish(), 1);
  EXPECT_NE(t.screen().find("too short"), std::string::npos) << t.screen();
  EXPECT_EQ(t.screen().find("again"), std::string::npos) << t.screen();
  EXPECT_TRUE(AccessStore::open(file_)->users().empty());
}

}  // namespace
}  // namespace luckyhub::access
