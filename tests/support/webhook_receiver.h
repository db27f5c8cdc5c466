// A one-request HTTP receiver on a free loopback port, for webhook tests:
// it answers the first request with `status` and keeps what it received.
#pragma once

#include <string>
#include <thread>

namespace luckyhub::testing {

class WebhookReceiver {
 public:
  explicit WebhookReceiver(int status);
  ~WebhookReceiver();
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/alerts"; }
  // Waits for the request to be answered; returns it (head and body).
  std::string wait_request();

 private:
  int fd_ = -1, port_ = 0;
  std::thread thread_;
  std::string request_;
};

}  // namespace luckyhub::testing
