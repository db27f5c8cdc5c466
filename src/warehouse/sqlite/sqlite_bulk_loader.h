// Bulk loading into a SQLite connection on a background thread, so that the
// producer of the rows (the simulator) and SQLite's inserting run on two cores
// at once. Sinks encode rows into batches (about 1 MiB); the loader's thread
// binds and inserts them in the order they were submitted, so the resulting
// file is the same bytes run after run.
//
// Thread safety: the connection is used by the loader thread while batches
// are pending and by the owner only after drain() — every other use of the
// connection (DDL, meta, commit) must come after drain(). Sinks are used by
// one producer thread. Memory is bounded: at most kMaxPending batches queue.
#pragma once

#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "warehouse/sqlite/sqlite_db.h"
#include "warehouse/warehouse.h"

namespace luckyhub {

class SqliteBulkLoader {
 public:
  explicit SqliteBulkLoader(SqliteDb& db);
  ~SqliteBulkLoader();
  SqliteBulkLoader(const SqliteBulkLoader&) = delete;
  SqliteBulkLoader& operator=(const SqliteBulkLoader&) = delete;

  // What a row whose primary key is already there does: fail the load
  // (building a warehouse) or replace the old row (sync's upserts).
  enum class Conflict { kFail, kReplace };
  // A sink whose rows go through this loader. REQUIRES: the loader is idle
  // (drained), since preparing the statement uses the connection.
  std::unique_ptr<RowSink> open_sink(const TableDef& table, Conflict conflict = Conflict::kFail);
  // Waits until every submitted batch is in the database; rethrows the first
  // error the loader thread met (the load is then lost: the caller discards it).
  void drain();

  struct Batch {
    SqliteStatement* statement = nullptr;
    int columns = 0;
    std::string data;  // encoded rows
    uint64_t rows = 0;
  };
  // Queues a batch (blocks while kMaxPending are queued).
  void submit(Batch batch);
  // An empty batch buffer, reusing a written one's memory when possible.
  std::string take_buffer();

 private:
  static constexpr size_t kMaxPending = 4;
  void run();
  void write(const Batch& batch);

  SqliteDb& db_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Batch> pending_;
  std::vector<std::string> free_buffers_;
  bool busy_ = false;
  bool stopping_ = false;
  std::exception_ptr error_;
  std::thread thread_;
};

}  // namespace luckyhub
