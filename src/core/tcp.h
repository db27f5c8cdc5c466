// A TCP client's few pieces for small HTTP/1.x exchanges under a deadline
// (the webhook sender, the node exporter reader): an owned socket, connect
// with a deadline, send all, wait for readiness.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>

namespace luckyhub::tcp {

using Deadline = std::chrono::steady_clock::time_point;

// A non-blocking socket, closed on destruction.
class Socket {
 public:
  explicit Socket(int fd) : fd_(fd) {}
  ~Socket();
  Socket(Socket&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

// Waits until fd is ready for `events` (POLLIN, POLLOUT); false at the deadline.
bool wait_for(int fd, short events, Deadline deadline);

// Resolves host and connects by the deadline. Errors are Error("<where>:
// reason"); `where` names the peer for people (never a secret).
Socket connect(const std::string& host, const std::string& port, Deadline deadline, const std::string& where);

// Sends all of data by the deadline; throws Error(timed_out) when it passes.
void send_all(const Socket& s, std::string_view data, Deadline deadline, const std::string& where,
              const std::string& timed_out);

}  // namespace luckyhub::tcp
