#include "delivery/run_store.h"

#include <date/date.h>

#include "core/error.h"
#include "warehouse/schema.h"

namespace luckyhub::delivery {
namespace {

constexpr const char* kDeliveryDdl = R"(CREATE DATABASE IF NOT EXISTS delivery DEFAULT CHARACTER SET utf8mb4;
USE delivery;

CREATE TABLE runs (
  schedule VARCHAR(128) NOT NULL COMMENT 'the schedule name of the delivery file',
  scheduled_for DATETIME NOT NULL COMMENT 'UTC instant the run was due',
  started DATETIME NULL COMMENT 'UTC start of the latest attempt',
  finished DATETIME NULL COMMENT 'UTC end of the run: done, failed or interrupted',
  status VARCHAR(16) NOT NULL COMMENT 'running, sending, retrying, done, failed or interrupted',
  attempt INT NOT NULL COMMENT 'attempts made, 1 for the first',
  error TEXT NULL COMMENT 'why the latest attempt failed',
  PRIMARY KEY (schedule, scheduled_for)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='every run of a report schedule';

CREATE TABLE schedules (
  name VARCHAR(128) NOT NULL COMMENT 'the schedule name',
  first_seen DATETIME NOT NULL COMMENT 'UTC instant the scheduler first saw it: the start of its catch-up window',
  PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='the schedules the scheduler has known';
)";

const SchemaCatalog& catalog() {
  static const SchemaCatalog c = SchemaCatalog::parse({{"delivery", kDeliveryDdl}});
  return c;
}

}  // namespace

std::string sql_time(Instant t) { return date::format("%Y-%m-%d %H:%M:%S", t); }

std::unique_ptr<RunStore> RunStore::open(const std::string& location) {
  std::unique_ptr<RunStore> store(new RunStore(open_updater(location)));
  store->db_->begin();
  for (const TableDef& t : catalog().tables()) {
    if (store->db_->has_table(t.warehouse_name())) continue;
    store->db_->create_table(t);
    store->db_->create_indexes(t);
  }
  store->db_->commit();
  return store;
}

Instant RunStore::first_seen(const std::string& schedule, Instant now) {
  std::lock_guard lock(mutex_);
  const ResultSet r = db_->query("SELECT first_seen FROM delivery__schedules WHERE name = ?", {schedule});
  if (!r.rows.empty()) return parse_utc(Row(r, 0).text("first_seen"));
  db_->begin();
  db_->execute("INSERT INTO delivery__schedules (name, first_seen) VALUES (?, ?)", {schedule, sql_time(now)});
  db_->commit();
  return now;
}

std::optional<Instant> RunStore::last_scheduled(const std::string& schedule) {
  std::lock_guard lock(mutex_);
  const ResultSet r = db_->query("SELECT MAX(scheduled_for) AS t FROM delivery__runs WHERE schedule = ?", {schedule});
  if (r.rows.empty() || Row(r, 0).is_null("t")) return std::nullopt;
  return parse_utc(Row(r, 0).text("t"));
}

bool RunStore::claim(const std::string& schedule, Instant scheduled_for, Instant now) {
  std::lock_guard lock(mutex_);
  db_->begin();
  const ResultSet r = db_->query("SELECT status FROM delivery__runs WHERE schedule = ? AND scheduled_for = ?",
                                 {schedule, sql_time(scheduled_for)});
  if (!r.rows.empty()) {
    db_->rollback();
    return false;
  }
  db_->execute("INSERT INTO delivery__runs (schedule, scheduled_for, started, status, attempt) VALUES (?, ?, ?, 'running', 1)",
               {schedule, sql_time(scheduled_for), sql_time(now)});
  db_->commit();  // durable before anything is sent
  return true;
}

void RunStore::update(const std::string& schedule, Instant scheduled_for, const std::string& status, int attempt,
                      const std::string& error, Instant now, bool finished) {
  std::lock_guard lock(mutex_);
  db_->begin();
  const SqlValue err = error.empty() ? SqlValue{} : SqlValue{error};
  if (finished) {
    db_->execute("UPDATE delivery__runs SET status = ?, attempt = ?, error = ?, finished = ? WHERE schedule = ? AND scheduled_for = ?",
                 {status, int64_t{attempt}, err, sql_time(now), schedule, sql_time(scheduled_for)});
  } else {
    db_->execute("UPDATE delivery__runs SET status = ?, attempt = ?, error = ?, started = ? WHERE schedule = ? AND scheduled_for = ?",
                 {status, int64_t{attempt}, err, sql_time(now), schedule, sql_time(scheduled_for)});
  }
  db_->commit();
}

void RunStore::mark_sending(const std::string& schedule, Instant scheduled_for) {
  std::lock_guard lock(mutex_);
  db_->begin();
  db_->execute("UPDATE delivery__runs SET status = 'sending' WHERE schedule = ? AND scheduled_for = ?",
               {schedule, sql_time(scheduled_for)});
  db_->commit();  // durable before anything is sent
}

std::vector<RunRow> RunStore::select(const std::string& where, const std::vector<SqlValue>& params) {
  const ResultSet r = db_->query(
      "SELECT schedule, scheduled_for, started, finished, status, attempt, error FROM delivery__runs WHERE " + where, params);
  std::vector<RunRow> out;
  for (size_t i = 0; i < r.rows.size(); ++i) {
    const Row row(r, i);
    out.push_back({.schedule = row.text("schedule"),
                   .scheduled_for = parse_utc(row.text("scheduled_for")),
                   .started = row.is_null("started") ? "" : row.text("started"),
                   .finished = row.is_null("finished") ? "" : row.text("finished"),
                   .status = row.text("status"),
                   .attempt = static_cast<int>(row.integer("attempt")),
                   .error = row.is_null("error") ? "" : row.text("error")});
  }
  return out;
}

std::vector<RunRow> RunStore::interrupt_sending(Instant now) {
  std::lock_guard lock(mutex_);
  std::vector<RunRow> rows = select("status = 'sending' ORDER BY schedule, scheduled_for", {});
  db_->begin();
  db_->execute("UPDATE delivery__runs SET status = 'interrupted', finished = ?, "
               "error = 'the server stopped while sending this run; not resent (at-most-once)' WHERE status = 'sending'",
               {sql_time(now)});
  db_->commit();
  return rows;
}

std::vector<RunRow> RunStore::unsent() {
  std::lock_guard lock(mutex_);
  return select("status = 'running' ORDER BY schedule, scheduled_for", {});
}

std::vector<RunRow> RunStore::retrying() {
  std::lock_guard lock(mutex_);
  return select("status = 'retrying' ORDER BY schedule, scheduled_for", {});
}

std::optional<RunRow> RunStore::last_run(const std::string& schedule) {
  std::lock_guard lock(mutex_);
  std::vector<RunRow> rows = select("schedule = ? ORDER BY scheduled_for DESC LIMIT 1", {schedule});
  if (rows.empty()) return std::nullopt;
  return rows[0];
}

std::vector<RunRow> RunStore::runs(const std::string& schedule) {
  std::lock_guard lock(mutex_);
  return select("schedule = ? ORDER BY scheduled_for", {schedule});
}

}  // namespace luckyhub::delivery
