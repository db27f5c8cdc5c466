// A thin RAII owner of a sqlite3 connection and its prepared statements, with
// every failure turned into luckyhub::Error naming the database file.
// Not thread-safe: one connection per thread.
#pragma once

#include <sqlite3.h>

#include <string>
#include <string_view>
#include <vector>

#include "warehouse/warehouse.h"

namespace luckyhub {

class SqliteStatement {
 public:
  SqliteStatement(sqlite3* db, std::string_view sql, const std::string& file);
  ~SqliteStatement();
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  sqlite3_stmt* get() { return stmt_; }
  void bind(int index, const SqlValue& value);  // index is 1-based
  // Steps once; true when a row is available.
  bool step();
  void reset();

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  std::string file_;
};

class SqliteDb {
 public:
  // flags as for sqlite3_open_v2. Registers luckyhub's SQL functions
  // (ny_date, ny_month, ny_hour).
  SqliteDb(const std::string& file, int flags);
  ~SqliteDb();
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  sqlite3* get() { return db_; }
  const std::string& file() const { return file_; }
  void exec(std::string_view sql);
  // exec, retried for the busy timeout while another connection holds a
  // lock that SQLite takes without waiting for it (a journal-mode change
  // fails at once while another connection writes).
  void exec_waiting_for_locks(std::string_view sql);
  ResultSet query(std::string_view sql, const std::vector<SqlValue>& params);

 private:
  sqlite3* db_ = nullptr;
  std::string file_;
};

}  // namespace luckyhub
