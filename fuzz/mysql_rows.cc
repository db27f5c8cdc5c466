// MySQL values as sync copies them (sync/row_copier.h): the text a server
// sends for a cell, converted to the warehouse's type of its column —
// BIGINT, DECIMAL at the schema's scales, DOUBLE, text and DATETIME. The
// input is the cells of one row, tab-separated, cycling through the columns.
#include "fuzz_support.h"
#include "sync/row_copier.h"
#include "warehouse/discard_sink.h"

namespace {

using namespace luckyhub;

const TableDef& table() {
  static const TableDef t = [] {
    TableDef def{.database = "luckyus_fuzz", .name = "t_values"};
    def.columns = {
        ColumnDef{.name = "id", .type = ColumnType::kInt, .mysql_type = "BIGINT"},
        ColumnDef{.name = "amount", .type = ColumnType::kDecimal, .mysql_type = "DECIMAL(10,2)", .scale = 2},
        ColumnDef{.name = "rate", .type = ColumnType::kDecimal, .mysql_type = "DECIMAL(10,4)", .scale = 4},
        ColumnDef{.name = "whole", .type = ColumnType::kDecimal, .mysql_type = "DECIMAL(18,0)", .scale = 0},
        ColumnDef{.name = "ratio", .type = ColumnType::kDouble, .mysql_type = "DOUBLE"},
        ColumnDef{.name = "name", .type = ColumnType::kText, .mysql_type = "VARCHAR(64)"},
        ColumnDef{.name = "update_time", .type = ColumnType::kDateTime, .mysql_type = "DATETIME"},
    };
    return def;
  }();
  return t;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const sync::RowCopier copier(table());
  DiscardSink sink(table());
  const std::string_view text = fuzz::text_of(data, size);
  const int columns = static_cast<int>(table().columns.size());
  size_t pos = 0;
  for (int c = 0; pos <= text.size(); c = (c + 1) % columns) {
    const size_t tab = std::min(text.find('\t', pos), text.size());
    fuzz::refused_only_with_error([&] { copier.copy_cell(c, text.substr(pos, tab - pos), sink); });
    pos = tab + 1;
  }
  return 0;
}
