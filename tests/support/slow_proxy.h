// A TCP proxy on 127.0.0.1 for fault tests: a source that answers slowly.
// Each connection is forwarded both ways; the upstream's first `quick_replies`
// reads go through at once (a login, a session's settings: one read per
// round trip on loopback), then each read is held `hold` before it is passed
// on — a server that stops answering, as far as a client with a shorter read
// timeout can tell. The destructor closes every connection and joins.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

namespace luckyhub::testing {

class SlowProxy {
 public:
  // `listen_port` 0: any free port; else that one (a proxy started again
  // where a stopped one listened: the server back at its address).
  SlowProxy(uint16_t upstream_port, int quick_replies, std::chrono::milliseconds hold, uint16_t listen_port = 0);
  ~SlowProxy();
  SlowProxy(const SlowProxy&) = delete;
  SlowProxy& operator=(const SlowProxy&) = delete;

  uint16_t port() const { return port_; }
  int connections() const { return connections_.load(); }

 private:
  void accept_loop();
  void forward(int client);
  // Sleeps `d` unless the proxy is stopping; false when it is.
  bool wait(std::chrono::milliseconds d);

  const uint16_t upstream_port_;
  const int quick_replies_;
  const std::chrono::milliseconds hold_;
  int listener_ = -1;
  uint16_t port_ = 0;
  std::atomic<int> connections_{0};
  std::mutex mutex_;
  std::condition_variable stopping_cv_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;  // one per connection
  std::thread acceptor_;
};

}  // namespace luckyhub::testing
