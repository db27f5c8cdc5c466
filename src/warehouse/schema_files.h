// The schema/*.sql files, embedded in the binary at build time
// (cmake/embed_schema.cmake writes the definition).
#pragma once

#include <string>
#include <vector>

namespace luckyhub {

struct SchemaFile {
  std::string database;  // file name without .sql, e.g. "luckyus_sales_order"
  std::string sql;
};

const std::vector<SchemaFile>& embedded_schema_files();

}  // namespace luckyhub
