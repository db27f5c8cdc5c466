// Malformed and hostile HTTP replayed against a real `luckyhub serve`
// process: request smuggling attempts, huge headers and bodies, invalid UTF-8
// and percent-encoding, parameter pollution, absurd methods and versions
// (tests/server/hostile/, one raw request per file, named by the answer
// docs/dashboard.md promises: "400-…", "431-…", or "closed-…" when the
// server closes without an answer), and slowloris clients trickling their
// headers. Each is answered as documented within a bounded time, nothing
// smuggled after a request is answered, and the process keeps serving
// everyone else.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "server/http_client.h"
#include "support/helper_process.h"
#include "support/shared_sim.h"

namespace luckyhub::testing {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::string contents(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

class HostileRequestsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    log_ = temp_dir() + "/serve.log";
    pid_ = spawn_helper({LUCKYHUB_BINARY, "serve", "--no-auth", "--warehouse", shared_sim().warehouse_path,
                         "--listen", "127.0.0.1:0"},
                        log_);
    port_ = wait_for_serving_port(log_, 30);
    ASSERT_NE(port_, 0) << contents(log_);
  }
  static void TearDownTestSuite() { stop_helper(pid_); }

  // The process is running (not exited, not killed by a signal).
  static bool serving() {
    int status = 0;
    return ::waitpid(pid_, &status, WNOHANG) == 0;
  }
  static void expect_still_serving(const std::string& after) {
    ASSERT_TRUE(serving()) << "serve ended after " << after << ":\n" << contents(log_);
    const auto start = Clock::now();
    EXPECT_EQ(http_get(port_, "/api/health").status, 200) << "after " << after;
    EXPECT_LT(seconds_since(start), 5.0) << "health took long after " << after;
  }

  static inline std::string log_;
  static inline pid_t pid_ = -1;
  static inline uint16_t port_ = 0;
};

TEST_F(HostileRequestsTest, EachIsAnsweredAsDocumentedOrClosedAndTheServerKeepsServing) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(fs::path(LUCKYHUB_SOURCE_DIR) / "tests/server/hostile")) {
    if (entry.path().extension() == ".http") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), 60u);
  for (const fs::path& file : files) {
    const std::string name = file.stem().string();
    SCOPED_TRACE(name);
    const std::string expected = name.substr(0, name.find('-'));
    HttpConnection c(port_);
    const auto start = Clock::now();
    c.send_raw(contents(file));
    c.end_sending();  // the client has said everything: the server sees the end of the stream
    const HttpReply reply = c.read_reply();
    EXPECT_LT(seconds_since(start), 5.0);
    if (expected == "closed") {
      EXPECT_EQ(reply.status, 0) << reply.body;
    } else {
      EXPECT_EQ(reply.status, std::stoi(expected)) << reply.body;
      EXPECT_EQ(reply.headers.count("content-security-policy"), 1u);
    }
    // A request the server could not frame closes its connection (nothing
    // after it can be told apart from its body); a well-framed one refused by
    // the router may keep it. Either way nothing more is answered: no
    // smuggled second request.
    if (reply.status == 413 || reply.status == 431 || reply.body.find("malformed request") != std::string::npos) {
      EXPECT_EQ(reply.headers.count("connection") ? reply.headers.at("connection") : "", "close");
    }
    const auto wait = Clock::now();
    EXPECT_EQ(c.read_reply().status, 0) << "a second answer on one connection";
    EXPECT_LT(seconds_since(wait), 5.0);
    expect_still_serving(name);
  }
}

// Clients that send their headers a few bytes at a time, never finishing:
// each is disconnected when the read timeout (15 s for the whole request, not
// per byte) runs out, without an answer, while others are served at once.
TEST_F(HostileRequestsTest, SlowlorisClientsAreDisconnectedAtTheReadTimeoutAndOthersAreServed) {
  constexpr int kClients = 4;
  const std::string request = "GET /api/health HTTP/1.1\r\nHost: luckyhub\r\nX-Slow: ";
  std::vector<double> closed_after(kClients, -1);
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.emplace_back([&, i] {
      HttpConnection c(port_);
      const auto start = Clock::now();
      // A byte every 200 ms: the request line and headers trickle in for 40 s
      // unless the server ends the connection first (sends then fail).
      for (size_t at = 0; seconds_since(start) < 40; ++at) {
        c.send_raw(at < request.size() ? request.substr(at, 1) : std::string("a"));
        if (!c.readable_or_closed(200)) continue;
        break;
      }
      if (c.read_reply().status == 0) closed_after[i] = seconds_since(start);
    });
  }
  std::this_thread::sleep_for(std::chrono::seconds(2));
  for (int i = 0; i < 5; ++i) {
    const auto start = Clock::now();
    EXPECT_EQ(http_get(port_, "/api/health").status, 200);
    EXPECT_LT(seconds_since(start), 2.0);
  }
  for (std::thread& t : clients) t.join();
  for (int i = 0; i < kClients; ++i) {
    SCOPED_TRACE(i);
    EXPECT_GE(closed_after[i], 14.0);  // not before the read timeout
    EXPECT_LE(closed_after[i], 25.0);  // and soon after it: not kept alive by the trickle
  }
  expect_still_serving("slowloris");
}

}  // namespace
}  // namespace luckyhub::testing
