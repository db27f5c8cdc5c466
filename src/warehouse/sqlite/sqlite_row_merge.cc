#include "warehouse/sqlite/sqlite_row_merge.h"

#include <cstring>

#include "core/error.h"

namespace luckyhub {
namespace {

std::string select_sql(const TableDef& table, const std::string& key) {
  std::string sql = "SELECT ";
  for (size_t i = 0; i < table.columns.size(); ++i) sql += (i ? ", " : "") + table.columns[i].name;
  return sql + " FROM " + table.warehouse_name() + " WHERE " + key + " = ?";
}

std::string insert_sql(const TableDef& table) {
  std::string sql = "INSERT INTO " + table.warehouse_name() + " VALUES (";
  for (size_t i = 0; i < table.columns.size(); ++i) sql += i ? ",?" : "?";
  return sql + ")";
}

const std::string& only_key(const TableDef& table) {
  if (table.primary_key.size() != 1 || table.column(table.primary_key[0]).type != ColumnType::kInt) {
    throw Error(table.qualified_name() + ": merging rows needs a single integer primary key");
  }
  return table.primary_key[0];
}

}  // namespace

void bind_sqlite_value(SqliteDb& db, sqlite3_stmt* statement, int index, const SqliteValue& value) {
  int rc = SQLITE_OK;
  switch (value.kind) {
    case SqliteValue::kInt: rc = sqlite3_bind_int64(statement, index, value.integer); break;
    case SqliteValue::kDouble: rc = sqlite3_bind_double(statement, index, value.real); break;
    case SqliteValue::kText:
      rc = sqlite3_bind_text(statement, index, value.text.data(), static_cast<int>(value.text.size()),
                             SQLITE_STATIC);
      break;
    default: rc = sqlite3_bind_null(statement, index);
  }
  if (rc != SQLITE_OK) throw Error("warehouse " + db.file() + ": " + sqlite3_errmsg(db.get()));
}

SqliteRowMerge::SqliteRowMerge(SqliteDb& db, const TableDef& table)
    : db_(db),
      table_(table),
      key_col_(table.column_index(only_key(table))),
      select_(db.get(), select_sql(table, only_key(table)), db.file()),
      insert_(db.get(), insert_sql(table), db.file()),
      changed_(table.columns.size()) {}

SqliteRowMerge::Outcome SqliteRowMerge::apply(const std::vector<SqliteValue>& row) {
  const SqliteValue& key = row[key_col_];
  if (key.kind != SqliteValue::kInt) {
    throw Error(table_.qualified_name() + ": a row to merge has no integer " + table_.primary_key[0]);
  }
  bind_sqlite_value(db_, select_.get(), 1, key);
  const bool found = select_.step();
  bool any = false;
  if (found) {
    for (size_t c = 0; c < row.size(); ++c) {
      changed_[c] = differs(static_cast<int>(c), row[c]);
      any = any || changed_[c];
    }
  }
  select_.reset();
  if (!found) {
    for (size_t c = 0; c < row.size(); ++c) bind_sqlite_value(db_, insert_.get(), static_cast<int>(c + 1), row[c]);
    insert_.step();
    insert_.reset();
    return Outcome::kInserted;
  }
  if (!any) return Outcome::kUnchanged;
  SqliteStatement& update = update_for(changed_);
  for (size_t c = 0; c < row.size(); ++c) {
    if (changed_[c] || static_cast<int>(c) == key_col_) {
      bind_sqlite_value(db_, update.get(), static_cast<int>(c + 1), row[c]);
    }
  }
  update.step();
  update.reset();
  return Outcome::kUpdated;
}

// The stored value is the select statement's column `col`.
bool SqliteRowMerge::differs(int col, const SqliteValue& value) {
  sqlite3_stmt* s = select_.get();
  switch (sqlite3_column_type(s, col)) {
    case SQLITE_NULL: return value.kind != SqliteValue::kNull;
    case SQLITE_INTEGER: return value.kind != SqliteValue::kInt || sqlite3_column_int64(s, col) != value.integer;
    case SQLITE_FLOAT: {
      if (value.kind != SqliteValue::kDouble) return true;
      const double stored = sqlite3_column_double(s, col);
      return std::memcmp(&stored, &value.real, sizeof stored) != 0;
    }
    case SQLITE_TEXT: {
      if (value.kind != SqliteValue::kText) return true;
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(s, col));
      const auto bytes = static_cast<size_t>(sqlite3_column_bytes(s, col));
      return std::string_view(text, bytes) != value.text;
    }
    default: return true;  // a blob: never written by luckyhub, so rewrite it
  }
}

// UPDATE t SET a = ?1, d = ?4 WHERE id = ?K: parameters numbered by column,
// so a row binds the same way whichever columns changed.
SqliteStatement& SqliteRowMerge::update_for(const std::vector<bool>& changed) {
  std::unique_ptr<SqliteStatement>& statement = updates_[changed];
  if (!statement) {
    std::string set;
    for (size_t c = 0; c < changed.size(); ++c) {
      if (changed[c]) set += (set.empty() ? "" : ", ") + table_.columns[c].name + " = ?" + std::to_string(c + 1);
    }
    statement = std::make_unique<SqliteStatement>(
        db_.get(),
        "UPDATE " + table_.warehouse_name() + " SET " + set + " WHERE " + table_.primary_key[0] + " = ?" +
            std::to_string(key_col_ + 1),
        db_.file());
  }
  return *statement;
}

}  // namespace luckyhub
