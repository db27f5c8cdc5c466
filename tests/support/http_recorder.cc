#include "support/http_recorder.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace luckyhub::testing {

HttpRecorder::HttpRecorder() {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
  port_ = ntohs(a.sin_port);
  ::listen(fd_, 16);
  thread_ = std::thread([this] {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      const int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) continue;
      std::string request;
      char buffer[65536];
      size_t head = std::string::npos;
      for (;;) {
        const ssize_t n = ::recv(c, buffer, sizeof buffer, 0);
        if (n <= 0) break;
        request.append(buffer, static_cast<size_t>(n));
        head = request.find("\r\n\r\n");
        if (head == std::string::npos) continue;
        const size_t cl = request.find("Content-Length: ");
        if (cl == std::string::npos || request.size() >= head + 4 + std::stoul(request.substr(cl + 16))) break;
      }
      if (head != std::string::npos) {  // recorded before the answer: the sender's call returns after it
        const size_t sp1 = request.find(' '), sp2 = request.find(' ', sp1 + 1);
        std::lock_guard lock(mutex_);
        requests_.push_back({request.substr(sp1 + 1, sp2 - sp1 - 1), request.substr(head + 4)});
      }
      const std::string answer = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
      ::send(c, answer.data(), answer.size(), 0);
      ::close(c);
    }
  });
}

HttpRecorder::~HttpRecorder() {
  stop_ = true;
  thread_.join();
  ::close(fd_);
}

std::vector<HttpRecorder::Request> HttpRecorder::take() {
  std::lock_guard lock(mutex_);
  std::vector<Request> out;
  out.swap(requests_);
  return out;
}

std::vector<std::string> HttpRecorder::bodies() {
  std::lock_guard lock(mutex_);
  std::vector<std::string> out;
  for (const Request& r : requests_) out.push_back(r.body);
  return out;
}

}  // namespace luckyhub::testing
