// The scheduler's record of report runs, in the warehouse (or a separate
// SQLite state file for a warehouse that is not updated in place, such as
// ClickHouse): delivery__runs, one row per (schedule, scheduled_for), and
// delivery__schedules, when each schedule was first seen (the start of its
// catch-up window). Created when missing, through the WarehouseUpdater.
//
// A row is claimed (inserted, status "running") BEFORE the report is
// computed; a claimed run is never started again by the schedule. Just
// before the mail is handed to SMTP the row says "sending". This makes
// delivery at-most-once and, for a stop before sending, exactly once:
// - a crash while "running" (computing, building the mail) sent nothing: the
//   next start runs it again (unsent());
// - a crash while "sending" (or after sending and before "done") may have
//   delivered it: the next start marks it "interrupted" and does not resend
//   (interrupt_sending(); docs/delivery.md says why).
//
// Statuses: running, sending, retrying (an attempt failed, another is due:
// nothing was sent), done, failed (every attempt failed; the owner was told),
// interrupted.
//
// Thread-safe: one mutex around the one connection.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "delivery/cron.h"
#include "warehouse/updater.h"

namespace luckyhub::delivery {

struct RunRow {
  std::string schedule;
  Instant scheduled_for;
  std::string started, finished;  // UTC 'YYYY-MM-DD HH:MM:SS', "" when not yet
  std::string status;
  int attempt = 0;
  std::string error;
};

class RunStore {
 public:
  // Throws Error when the location cannot be opened for updating.
  static std::unique_ptr<RunStore> open(const std::string& location);

  // When the schedule was first seen; records `now` the first time.
  Instant first_seen(const std::string& schedule, Instant now);
  // The latest scheduled_for of any run of the schedule.
  std::optional<Instant> last_scheduled(const std::string& schedule);
  // Inserts the run as "running", attempt 1; false when it exists already.
  bool claim(const std::string& schedule, Instant scheduled_for, Instant now);
  void update(const std::string& schedule, Instant scheduled_for, const std::string& status, int attempt,
              const std::string& error, Instant now, bool finished);
  // The run's mail is about to be handed to SMTP (committed before it is).
  void mark_sending(const std::string& schedule, Instant scheduled_for);
  // Marks every "sending" row "interrupted" (at start); returns them.
  std::vector<RunRow> interrupt_sending(Instant now);
  // Rows "running" (at start: stopped before sending, they are run again).
  std::vector<RunRow> unsent();
  // Rows "retrying" (at start: their retries are resumed).
  std::vector<RunRow> retrying();
  std::optional<RunRow> last_run(const std::string& schedule);
  std::vector<RunRow> runs(const std::string& schedule);  // oldest first

 private:
  explicit RunStore(std::unique_ptr<WarehouseUpdater> db) : db_(std::move(db)) {}
  std::vector<RunRow> select(const std::string& where, const std::vector<SqlValue>& params);
  std::mutex mutex_;
  std::unique_ptr<WarehouseUpdater> db_;
};

// 'YYYY-MM-DD HH:MM:SS' (UTC), as the rows hold instants.
std::string sql_time(Instant t);

}  // namespace luckyhub::delivery
