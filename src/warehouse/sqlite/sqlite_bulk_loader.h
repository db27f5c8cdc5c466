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

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/ordered_worker.h"
#include "warehouse/sqlite/sqlite_db.h"
#include "warehouse/sqlite/sqlite_row_merge.h"
#include "warehouse/warehouse.h"

namespace luckyhub {

class SqliteBulkLoader {
 public:
  explicit SqliteBulkLoader(SqliteDb& db);
  SqliteBulkLoader(const SqliteBulkLoader&) = delete;
  SqliteBulkLoader& operator=(const SqliteBulkLoader&) = delete;

  // What a row whose primary key is already there does: fail the load
  // (building a warehouse), replace the old row (INSERT OR REPLACE), or
  // merge into it, writing only the columns that changed
  // (sqlite_row_merge.h: sync's incremental upserts).
  enum class Conflict { kFail, kReplace, kMerge };
  // A sink whose rows go through this loader. REQUIRES: the loader is idle
  // (drained), since preparing the statement uses the connection.
  std::unique_ptr<RowSink> open_sink(const TableDef& table, Conflict conflict = Conflict::kFail);
  // Waits until every submitted batch is in the database; rethrows the first
  // error the loader thread met (the load is then lost: the caller discards it).
  void drain();

  struct Batch {
    SqliteStatement* statement = nullptr;  // the INSERT, or
    SqliteRowMerge* merge = nullptr;       // with Conflict::kMerge
    int columns = 0;
    std::string data;  // encoded rows
    uint64_t rows = 0;
  };
  // Queues a batch (blocks while kMaxPending are queued).
  void submit(Batch batch) { worker_.submit(std::move(batch)); }
  // An empty batch buffer, reusing a written one's memory when possible.
  std::string take_buffer();

 private:
  static constexpr size_t kMaxPending = 4;
  void write(const Batch& batch);

  SqliteDb& db_;
  std::vector<SqliteValue> row_;  // the row being written (loader thread only)
  std::mutex buffers_mutex_;
  std::vector<std::string> free_buffers_;
  OrderedWorker<Batch> worker_;  // last: its thread stops before the rest goes
};

}  // namespace luckyhub
