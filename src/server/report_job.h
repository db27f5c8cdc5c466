// One report computation, shared by every request that asks for the same
// (tool, canonical parameters, warehouse version) while it runs and, once
// done, kept by the ReportService's cache.
//
// Thread safety: all members are safe to call from any thread. Waiters
// registered with on_done() run once, on the worker thread that finished the
// job (or at once, on the caller's thread, when it is already done): they
// should only post work to their own executor.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "report/report.h"

namespace luckyhub::server {

class ReportJob {
 public:
  struct Result {
    int status = 200;                          // 200, or the error's HTTP status
    std::string error;                         // when status != 200
    std::shared_ptr<const Report> report;      // when status == 200
    std::shared_ptr<const std::string> json;   // render_json(*report)
    std::string etag;                          // of json
  };

  ReportJob(std::string key, std::chrono::milliseconds expected);

  const std::string& key() const { return key_; }
  bool done() const;
  // REQUIRES: done().
  const Result& result() const { return result_; }
  // An estimate in [0, 0.95] while running (elapsed over the tool's last
  // duration), 1 once done.
  double progress() const;
  int64_t elapsed_ms() const;

  void on_done(std::function<void()> waiter);
  void finish(Result result);  // REQUIRES: called once

 private:
  const std::string key_;
  const std::chrono::steady_clock::time_point started_;
  const std::chrono::milliseconds expected_;
  mutable std::mutex mutex_;
  bool done_ = false;
  Result result_;
  std::vector<std::function<void()>> waiters_;
};

}  // namespace luckyhub::server
