#include "server/report_job.h"

#include <algorithm>

namespace luckyhub::server {

ReportJob::ReportJob(std::string key, std::chrono::milliseconds expected)
    : key_(std::move(key)), started_(std::chrono::steady_clock::now()), expected_(expected) {}

bool ReportJob::done() const {
  std::lock_guard lock(mutex_);
  return done_;
}

int64_t ReportJob::elapsed_ms() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               started_)
      .count();
}

double ReportJob::progress() const {
  if (done()) return 1.0;
  const double expected = std::max<int64_t>(1, expected_.count());
  return std::min(0.95, static_cast<double>(elapsed_ms()) / expected);
}

void ReportJob::on_done(std::function<void()> waiter) {
  {
    std::lock_guard lock(mutex_);
    if (!done_) {
      waiters_.push_back(std::move(waiter));
      return;
    }
  }
  waiter();
}

void ReportJob::finish(Result result) {
  std::vector<std::function<void()>> waiters;
  {
    std::lock_guard lock(mutex_);
    result_ = std::move(result);
    done_ = true;
    waiters.swap(waiters_);
  }
  for (auto& waiter : waiters) waiter();
}

}  // namespace luckyhub::server
