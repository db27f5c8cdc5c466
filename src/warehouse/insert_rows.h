// One INSERT statement for a batch of rows, with its values as '?'
// parameters: what the engines' Warehouse::append_entered run (defined in
// warehouse.cc).
#pragma once

#include <string>
#include <vector>

#include "core/sql_result.h"
#include "warehouse/schema.h"

namespace luckyhub {

// INSERT INTO name (the table's columns, in order) VALUES (?, ...), ...: one
// statement for every row. Throws Error on a row of the wrong width. For the
// small batches people enter (every value is bound: SQLite takes up to
// 32,766 in one statement).
Query insert_rows(const std::string& name, const TableDef& table, const std::vector<std::vector<SqlValue>>& rows);

}  // namespace luckyhub
