#include "support/slow_proxy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace luckyhub::testing {
namespace {

int listen_on_loopback(uint16_t* port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  const int reuse = 1;  // the port of a stopped proxy, its connections in TIME_WAIT
  if (fd >= 0) ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, sizeof reuse);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(*port);
  socklen_t len = sizeof addr;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd, 64) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    throw std::runtime_error("slow proxy: cannot listen");
  }
  *port = ntohs(addr.sin_port);
  return fd;
}

int connect_loopback(uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(port);
  if (fd >= 0 && ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) return fd;
  if (fd >= 0) ::close(fd);
  return -1;
}

bool send_all(int fd, const char* data, ssize_t n) {
  while (n > 0) {
    const ssize_t sent = ::send(fd, data, static_cast<size_t>(n), MSG_NOSIGNAL);
    if (sent <= 0) return false;
    data += sent;
    n -= sent;
  }
  return true;
}

}  // namespace

SlowProxy::SlowProxy(uint16_t upstream_port, int quick_replies, std::chrono::milliseconds hold, uint16_t listen_port)
    : upstream_port_(upstream_port), quick_replies_(quick_replies), hold_(hold), port_(listen_port) {
  listener_ = listen_on_loopback(&port_);
  acceptor_ = std::thread([this] { accept_loop(); });
}

SlowProxy::~SlowProxy() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  stopping_cv_.notify_all();
  ::shutdown(listener_, SHUT_RDWR);
  acceptor_.join();
  ::close(listener_);
  for (std::thread& t : threads_) t.join();
}

bool SlowProxy::wait(std::chrono::milliseconds d) {
  std::unique_lock lock(mutex_);
  return !stopping_cv_.wait_for(lock, d, [this] { return stopping_; });
}

void SlowProxy::accept_loop() {
  for (;;) {
    const int client = ::accept(listener_, nullptr, nullptr);
    std::lock_guard lock(mutex_);
    if (stopping_) {
      if (client >= 0) ::close(client);
      return;
    }
    if (client < 0) continue;
    ++connections_;
    threads_.emplace_back([this, client] { forward(client); });
  }
}

void SlowProxy::forward(int client) {
  const int upstream = connect_loopback(upstream_port_);
  int replies = 0;
  char buffer[16384];
  while (upstream >= 0) {
    pollfd fds[2] = {{client, POLLIN, 0}, {upstream, POLLIN, 0}};
    if (::poll(fds, 2, 100) < 0) break;
    {
      std::lock_guard lock(mutex_);
      if (stopping_) break;
    }
    if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
      const ssize_t n = ::recv(client, buffer, sizeof buffer, 0);
      if (n <= 0 || !send_all(upstream, buffer, n)) break;
    }
    if (fds[1].revents & (POLLIN | POLLHUP | POLLERR)) {
      const ssize_t n = ::recv(upstream, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      if (++replies > quick_replies_ && !wait(hold_)) break;
      if (!send_all(client, buffer, n)) break;
    }
  }
  if (upstream >= 0) ::close(upstream);
  ::close(client);
}

}  // namespace luckyhub::testing
