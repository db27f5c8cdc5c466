// Applies rows to a table keyed by one integer primary key while writing as
// few pages as it can: what sync's incremental runs use (docs/sync.md).
//
// A new key is inserted. For a key already there, the stored row is read and
// compared column by column, and an UPDATE sets only the columns whose value
// differs, so SQLite leaves alone every index over the unchanged columns. A
// row equal to the stored one writes nothing. INSERT OR REPLACE (or an upsert
// that sets every column) instead deletes and reinserts the row's entry in
// every index: with 1% of the rows spread over a table, that dirties nearly
// every index page.
//
// The result is the same as INSERT OR REPLACE's. Values compare exactly
// (integers as integers, reals bit for bit, text byte for byte); a value
// stored under another type counts as changed and is rewritten.
//
// Not thread-safe: used by the bulk loader's thread (sqlite_bulk_loader.h).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "warehouse/sqlite/sqlite_db.h"
#include "warehouse/warehouse.h"

namespace luckyhub {

// One column's value of a row on its way into SQLite (a view: the text
// belongs to the caller's buffer).
struct SqliteValue {
  enum Kind : char { kNull = 0, kInt = 1, kDouble = 2, kText = 3 };
  Kind kind = kNull;
  int64_t integer = 0;
  double real = 0;
  std::string_view text;
};

// Binds `value` to the 1-based parameter `index` (the text is not copied: it
// must outlive the step). Throws Error naming the file.
void bind_sqlite_value(SqliteDb& db, sqlite3_stmt* statement, int index, const SqliteValue& value);

class SqliteRowMerge {
 public:
  // REQUIRES: the table's primary key is one integer column.
  SqliteRowMerge(SqliteDb& db, const TableDef& table);

  enum class Outcome { kInserted, kUpdated, kUnchanged };
  // `row` holds the table's columns in order.
  Outcome apply(const std::vector<SqliteValue>& row);

 private:
  bool differs(int col, const SqliteValue& value);
  SqliteStatement& update_for(const std::vector<bool>& changed);

  SqliteDb& db_;
  const TableDef& table_;
  int key_col_;
  SqliteStatement select_, insert_;
  // One UPDATE per set of changed columns met (usually a handful a table).
  std::map<std::vector<bool>, std::unique_ptr<SqliteStatement>> updates_;
  std::vector<bool> changed_;
};

}  // namespace luckyhub
