// Changing an existing warehouse in place, transactionally: what sync (rows
// upserted, merged, deleted, with its checkpoints) and collect (the health
// history) write through. Unlike a WarehouseWriter, which builds a whole new
// warehouse and swaps it in, an updater's every commit() is durable at once
// and a crash at any moment leaves the warehouse as of the last commit().
//
// The derived tables that tools declare (warehouse/derived_table.h) are kept
// current by the updater itself: rows changed in a source table refresh the
// derived rows they feed within the same commit(), and a source table copied
// whole rebuilds its derived tables at finish(). Writers need not know them.
//
// Use: begin(), then rows through sinks, execute()/query(); commit(). A
// sink's rows may be written on a background thread: call finish() on it
// (which waits for them) before the commit() that must include them. Not
// thread-safe: one updater, one thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/sql_result.h"
#include "warehouse/schema.h"
#include "warehouse/warehouse.h"

namespace luckyhub {

class WarehouseUpdater {
 public:
  virtual ~WarehouseUpdater() = default;  // rolls back an open transaction

  virtual std::string location() const = 0;  // without secrets
  virtual const Dialect& dialect() const = 0;
  virtual void begin() = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;
  virtual bool in_transaction() const = 0;

  virtual bool has_table(const std::string& warehouse_name) = 0;
  // REQUIRES (these three): in a transaction.
  virtual void create_table(const TableDef& table) = 0;
  virtual void drop_table(const std::string& warehouse_name) = 0;
  virtual void create_indexes(const TableDef& table) = 0;
  // A sink that inserts rows, replacing a row with the same primary key.
  virtual std::unique_ptr<RowSink> open_upsert_sink(const TableDef& table) = 0;
  // The same result, writing only what changed (a row equal to the stored one
  // writes nothing). REQUIRES: a single integer primary key.
  virtual std::unique_ptr<RowSink> open_merge_sink(const TableDef& table) = 0;
  virtual void execute(std::string_view sql, const std::vector<SqlValue>& params = {}) = 0;
  virtual ResultSet query(std::string_view sql, const std::vector<SqlValue>& params = {}) = 0;
  // Calls `each` with the first column of every row of `sql`, read one row at
  // a time (for scans too large to hold, such as every key of a table).
  virtual void for_each_int(std::string_view sql, const std::function<void(int64_t)>& each) = 0;
  virtual void set_meta(const std::string& key, const std::string& value) = 0;
  virtual std::string meta(const std::string& key) = 0;

  // After a run of changes (sync's end): rebuilds the derived tables whose
  // sources were copied whole or whose declaration changed, and refreshes the
  // planner's statistics when `analyze`. In its own transaction.
  virtual void finish(bool analyze) = 0;
  // Bytes of pages committed so far (sync's write volume).
  virtual uint64_t bytes_written() = 0;
};

// Opens (or creates) the warehouse at `location` for updating. Throws Error
// when it is not a luckyhub warehouse, cannot be written, or its engine does
// not update in place. `copy_when_new`: a new warehouse about to receive
// whole tables before anyone reads it (the engine may write it faster).
std::unique_ptr<WarehouseUpdater> open_updater(const std::string& location, bool copy_when_new = false);

}  // namespace luckyhub
