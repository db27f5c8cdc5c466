// The scheduler inside `luckyhub serve --delivery FILE`: one thread that
// sleeps until the next due item (or until stop()), and runs each item on a
// lane of its own (a thread and a queue), so that a slow sync never delays a
// mail and a slow report never delays another schedule.
//
// Items: every [[schedule]] of the delivery file (a report mailed on a cron in
// its time zone) and every [[job]] (sync on its cadence and collect every
// `every`, both first at start; refresh on its cron, which computes the
// report into the server's cache through `refresh`).
//
// Report runs are recorded in a RunStore (run_store.h): a run is claimed
// before it is built and marked "sending" just before its mail goes to SMTP,
// so a run is never sent twice; delivery is at-most-once. At start:
//   - runs left "running" by a crash (stopped while computing: nothing was
//     sent) are run again, once;
//   - runs left "sending" are marked "interrupted", not resent, and the
//     schedule's owner is told;
//   - runs left "retrying" resume their retries;
//   - with catch_up, a schedule whose latest due time since its last run (or
//     since it was first seen) passed while the server was down runs once, for
//     that latest due time only; without it, it waits for its next time.
// A failed attempt is retried after backoff, 2×backoff, 4×backoff... up to
// `retries` more attempts; then the run is "failed" and its owner gets a
// notice with the reason.
//
// Thread safety: start(), stop() from the owning thread; status() from any.
#pragma once

#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "delivery/clock.h"
#include "delivery/delivery_file.h"
#include "delivery/run_store.h"

namespace luckyhub::delivery {

struct SchedulerOptions {
  std::string warehouse;  // where reports are computed, and sync and collect write
  std::string state;      // the RunStore's location ("" = the warehouse)
  // Computes a report into the server's cache (a refresh job); throws Error.
  std::function<void(const std::string& tool, const std::map<std::string, std::string>& params)> refresh;
};

class Scheduler {
 public:
  // Opens the run store (throws Error when it cannot).
  Scheduler(DeliveryConfig config, SchedulerOptions options, Clock& clock);
  ~Scheduler();  // stop()s
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  void start();  // catches up, then runs the thread
  void stop();   // wakes the thread, waits for the running items, joins

  // The /api/schedules document (docs/delivery.md).
  nlohmann::json status();
  RunStore& runs() { return *store_; }
  const DeliveryConfig& config() const { return config_; }

 private:
  struct Item;
  struct CollectState;
  void loop();
  void dispatch(Item& item, Instant now);  // REQUIRES: mutex_ held
  void run_schedule(Item& item, Instant scheduled_for, int attempt);
  void run_job(Item& item);
  void finished(Item& item, Instant next);

  const DeliveryConfig config_;
  const SchedulerOptions options_;
  Clock& clock_;
  std::unique_ptr<RunStore> store_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::vector<std::unique_ptr<Item>> items_;
  std::thread thread_;
};

}  // namespace luckyhub::delivery
