// An HTTP receiver on a free loopback port that answers every request 200
// and records each POST (path and body), for routing tests: several
// receivers are paths of one recorder (url("/finance")).
#pragma once

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace luckyhub::testing {

class HttpRecorder {
 public:
  struct Request {
    std::string path, body;
  };
  HttpRecorder();
  ~HttpRecorder();
  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }
  // The requests received so far, and empties the record.
  std::vector<Request> take();
  // The bodies received so far, in order; the record stays.
  std::vector<std::string> bodies();

 private:
  int fd_ = -1, port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  std::mutex mutex_;
  std::vector<Request> requests_;
};

}  // namespace luckyhub::testing
