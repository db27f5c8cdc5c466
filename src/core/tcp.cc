#include "core/tcp.h"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "core/error.h"

namespace luckyhub::tcp {

Socket::~Socket() {
  if (fd_ >= 0) ::close(fd_);
}

bool wait_for(int fd, short events, Deadline deadline) {
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd, events, 0};
    const int rc = ::poll(&p, 1, static_cast<int>(left.count()));
    if (rc >= 0 || errno != EINTR) return rc > 0;
  }
}

Socket connect(const std::string& host, const std::string& port, Deadline deadline, const std::string& where) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (const int rc = ::getaddrinfo(host.c_str(), port.c_str(), &hints, &found); rc != 0) {
    throw Error(where + ": " + gai_strerror(rc));
  }
  std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> addresses(found, ::freeaddrinfo);
  Socket s(::socket(found->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (s.fd() < 0) throw Error(where + ": cannot create a socket: " + std::strerror(errno));
  if (::connect(s.fd(), found->ai_addr, found->ai_addrlen) != 0 && errno != EINPROGRESS) {
    throw Error(where + ": cannot connect: " + std::strerror(errno));
  }
  if (!wait_for(s.fd(), POLLOUT, deadline)) throw Error(where + ": no connection in time");
  int so_error = 0;
  socklen_t len = sizeof so_error;
  ::getsockopt(s.fd(), SOL_SOCKET, SO_ERROR, &so_error, &len);
  if (so_error != 0) throw Error(where + ": cannot connect: " + std::strerror(so_error));
  return s;
}

void send_all(const Socket& s, std::string_view data, Deadline deadline, const std::string& where,
              const std::string& timed_out) {
  for (size_t sent = 0; sent < data.size();) {
    if (!wait_for(s.fd(), POLLOUT, deadline)) throw Error(timed_out);
    const ssize_t n = ::send(s.fd(), data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno != EAGAIN && errno != EINTR) throw Error(where + ": send failed: " + std::strerror(errno));
    if (n > 0) sent += static_cast<size_t>(n);
  }
}

}  // namespace luckyhub::tcp
