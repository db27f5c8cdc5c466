#include "support/webhook_receiver.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

namespace luckyhub::testing {

WebhookReceiver::WebhookReceiver(int status) {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  EXPECT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
  socklen_t len = sizeof a;
  ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
  port_ = ntohs(a.sin_port);
  ::listen(fd_, 1);
  thread_ = std::thread([this, status] {
    const int c = ::accept(fd_, nullptr, nullptr);
    char buffer[65536];
    for (;;) {
      const ssize_t n = ::recv(c, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      request_.append(buffer, static_cast<size_t>(n));
      const size_t head = request_.find("\r\n\r\n");
      if (head == std::string::npos) continue;
      const size_t cl = request_.find("Content-Length: ");
      if (cl != std::string::npos && request_.size() >= head + 4 + std::stoul(request_.substr(cl + 16))) break;
    }
    const std::string answer = "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Length: 0\r\n\r\n";
    ::send(c, answer.data(), answer.size(), 0);
    ::close(c);
  });
}

WebhookReceiver::~WebhookReceiver() {
  if (thread_.joinable()) thread_.join();
  ::close(fd_);
}

std::string WebhookReceiver::wait_request() {
  thread_.join();
  return request_;
}

}  // namespace luckyhub::testing
