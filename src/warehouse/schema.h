// The source schema: the MySQL DDL of the 15 luckyus_* databases (schema/*.sql)
// parsed into table definitions. It is the one description of every table's
// columns, used by the simulator (which columns to fill), the warehouse
// (how to store them) and sync (what to copy).
//
// The parser reads the disciplined subset of MySQL DDL that schema/ is
// written in (docs/schema.md): one column or key per line.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <string_view>
#include <vector>

#include "warehouse/schema_files.h"

namespace luckyhub {

enum class ColumnType { kInt, kDecimal, kText, kJson, kDate, kDateTime, kDouble };

struct ColumnDef {
  std::string name;
  ColumnType type = ColumnType::kInt;
  std::string mysql_type;  // as written, e.g. "DECIMAL(10,2)", "BIGINT UNSIGNED"
  int scale = 0;           // for kDecimal: digits after the point
  bool nullable = true;
  bool auto_increment = false;
  std::string comment;
};

// A NOT NULL column of `type`, as derived tables declare theirs.
inline ColumnDef not_null_column(std::string name, ColumnType type) {
  return ColumnDef{.name = std::move(name), .type = type, .nullable = false};
}

struct IndexDef {
  std::string name;
  bool unique = false;
  std::vector<std::string> columns;
  std::string comment;

  // Whether the warehouse builds it. Uniqueness is the source's business and
  // the warehouse indexes for reading only: it leaves out indexes led by
  // update_time (they serve sync's incremental reads of the source) and those
  // whose COMMENT starts with "oltp" (they serve the apps' point lookups, e.g.
  // a user's archived coupons, and would cost minutes to build on 37M rows).
  bool in_warehouse() const;
};

struct TableDef {
  std::string database;  // "luckyus_sales_order"
  std::string name;      // "t_order"
  std::string comment;
  std::vector<ColumnDef> columns;
  std::vector<std::string> primary_key;
  std::vector<IndexDef> indexes;

  // The table's name in the warehouse: database without "luckyus_", two
  // underscores, table ("sales_order__t_order").
  std::string warehouse_name() const;
  // "luckyus_sales_order.t_order"
  std::string qualified_name() const;
  // Index of a column; throws Error naming the table when it does not exist.
  int column_index(std::string_view column) const;
  const ColumnDef& column(std::string_view column) const;
  bool has_column(std::string_view column) const;
};

// The meanings of a code column, read from its COMMENT: for
// "trade status: 10 pending, 20 success" gives {10: "pending", 20: "success"}.
// Comments of code columns follow that form (docs/schema.md).
std::map<int64_t, std::string> code_meanings(const ColumnDef& column);

class SchemaCatalog {
 public:
  // Parses the given files; throws Error naming file and line on bad DDL.
  static SchemaCatalog parse(const std::vector<SchemaFile>& files);
  // The catalog of the embedded schema/ files, parsed once.
  static const SchemaCatalog& builtin();

  const std::vector<TableDef>& tables() const { return tables_; }
  std::vector<std::string> databases() const;
  // Throws Error when the table is unknown.
  const TableDef& table(std::string_view database, std::string_view name) const;
  const TableDef* find(std::string_view database, std::string_view name) const;
  const TableDef* find_by_warehouse_name(std::string_view warehouse_name) const;

 private:
  std::vector<TableDef> tables_;
};

}  // namespace luckyhub
