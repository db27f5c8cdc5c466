// Updates an existing SQLite warehouse in place, transactionally: what sync
// uses to upsert rows, delete keys and keep its checkpoints (the SQLite
// WarehouseUpdater, warehouse/updater.h). Its derived tables are kept
// current by a SqliteDerivedKeeper on the same connection. Unlike
// SqliteWarehouseWriter (which builds a new file and renames it into place),
// every commit() is durable at once and a crash at any moment leaves the file
// as of the last commit() (SQLite's write-ahead log keeps the rest out).
//
// Creates the warehouse when the file does not exist. Tables and indexes are
// made with the same SQL as the writer's (sqlite_create_table_sql), so a
// synced warehouse and a simulated one have the same layout.
//
// Use: begin(), then rows through sinks, execute()/query(); commit(). A sink's
// rows are written on a background thread: call finish() on it (which waits
// for them) before the commit() that must include them. Not thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "warehouse/sqlite/sqlite_bulk_loader.h"
#include "warehouse/sqlite/sqlite_db.h"
#include "warehouse/sqlite/sqlite_derived.h"
#include "warehouse/sqlite/sqlite_wal_checkpointer.h"
#include "warehouse/sqlite/sqlite_warehouse.h"
#include "warehouse/updater.h"

namespace luckyhub {

class SqliteUpdater : public WarehouseUpdater {
 public:
  // Opens (or creates) the warehouse file; throws Error when it is not a
  // luckyhub warehouse or cannot be written. `copy_when_new`: a new file is
  // about to receive whole tables, before anyone reads it (rollback journal
  // for this run instead of WAL: each page written once).
  static std::unique_ptr<SqliteUpdater> open(const std::string& file, bool copy_when_new = false);
  ~SqliteUpdater() override;  // rolls back an open transaction; leaves the file in rollback-journal mode

  const std::string& file() const { return db_->file(); }
  std::string location() const override { return db_->file(); }
  const Dialect& dialect() const override { return dialect_; }
  void begin() override;
  void commit() override;
  void rollback() override;
  bool in_transaction() const override { return in_transaction_; }

  bool has_table(const std::string& warehouse_name) override;
  void create_table(const TableDef& table) override;    // REQUIRES: in a transaction
  void drop_table(const std::string& warehouse_name) override;
  void create_indexes(const TableDef& table) override;  // REQUIRES: in a transaction
  // A sink that inserts rows, replacing a row with the same primary key.
  std::unique_ptr<RowSink> open_upsert_sink(const TableDef& table) override;
  // The same result, writing only the columns that changed (a row equal to
  // the stored one writes nothing): far fewer pages when few rows change
  // (sqlite_row_merge.h). REQUIRES: a single integer primary key.
  std::unique_ptr<RowSink> open_merge_sink(const TableDef& table) override;
  void execute(std::string_view sql, const std::vector<SqlValue>& params = {}) override;
  ResultSet query(std::string_view sql, const std::vector<SqlValue>& params = {}) override;
  // Calls `each` with the first column of every row of `sql`, read one row at
  // a time (for scans too large to hold, such as every key of a table).
  void for_each_int(std::string_view sql, const std::function<void(int64_t)>& each) override;
  void set_meta(const std::string& key, const std::string& value) override;
  std::string meta(const std::string& key) override;
  void finish(bool analyze) override;
  // Refreshes the query planner's statistics (after large loads).
  void analyze();
  // Bytes of pages this connection has committed to the WAL so far (the
  // checkpoint copies them into the file once more).
  uint64_t bytes_written() override;

 private:
  explicit SqliteUpdater(const std::string& file);
  SqliteDialect dialect_;
  std::unique_ptr<SqliteDb> db_;
  std::unique_ptr<SqliteBulkLoader> loader_;
  std::unique_ptr<SqliteDerivedKeeper> derived_;  // keeps the derived tables current
  std::unique_ptr<SqliteWalCheckpointer> checkpointer_;
  bool in_transaction_ = false;
};

}  // namespace luckyhub
