// Reads a source table's rows and writes them to a warehouse sink, column by
// column, converting MySQL's text to the warehouse's types exactly (DECIMAL
// parsed to scaled integers, never through double). Shared by the SQLite
// sync (table_sync.cc) and the ClickHouse one (generation_sync.cc).
#pragma once

#include <charconv>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/money.h"
#include "sources/mysql_client.h"
#include "warehouse/schema.h"
#include "warehouse/warehouse.h"

namespace luckyhub::sync {

class RowCopier {
 public:
  explicit RowCopier(const TableDef& table) : table_(table) {
    for (const ColumnDef& c : table.columns) {
      select_list_ += (select_list_.empty() ? "" : ", ") + MysqlConnection::quote_identifier(c.name);
    }
    from_ = MysqlConnection::quote_identifier(table.database) + "." +
            MysqlConnection::quote_identifier(table.name);
    id_col_ = table.column_index("id");
    update_col_ = table.column_index("update_time");
  }

  const std::string& select_list() const { return select_list_; }
  const std::string& from() const { return from_; }
  int id_col() const { return id_col_; }
  int update_col() const { return update_col_; }

  void copy(const MysqlConnection::Stream& row, RowSink& sink) const {
    for (int c = 0; c < row.columns(); ++c) {
      if (row.is_null(c)) {
        sink.set_null(c);
        continue;
      }
      copy_cell(c, row.text(c), sink);
    }
    sink.end_row();
  }

  // One non-NULL cell of column `c` as the server sent it; throws Error
  // naming the column when the text is not a value of its type.
  void copy_cell(int c, std::string_view text, RowSink& sink) const {
    const ColumnDef& def = table_.columns[c];
    switch (def.type) {
      case ColumnType::kInt: sink.set_int(c, to_int(text, def)); break;
      case ColumnType::kDecimal: sink.set_int(c, parse_decimal(text, def.scale)); break;
      case ColumnType::kDouble: {
        double value = 0;
        const auto r = std::from_chars(text.data(), text.data() + text.size(), value);
        if (r.ec != std::errc() || r.ptr != text.data() + text.size()) bad_value(text, def);
        sink.set_double(c, value);
        break;
      }
      default: sink.set_text(c, text);
    }
  }

  int64_t to_int(std::string_view text, const ColumnDef& def) const {
    int64_t value = 0;
    const auto r = std::from_chars(text.data(), text.data() + text.size(), value);
    if (r.ec != std::errc() || r.ptr != text.data() + text.size()) bad_value(text, def);
    return value;
  }

 private:
  [[noreturn]] void bad_value(std::string_view text, const ColumnDef& def) const {
    throw Error(table_.qualified_name() + "." + def.name + ": value '" +
                std::string(text.substr(0, 40)) + "' is not a " + def.mysql_type);
  }

  const TableDef& table_;
  std::string select_list_, from_;
  int id_col_ = 0, update_col_ = 0;
};

}  // namespace luckyhub::sync
