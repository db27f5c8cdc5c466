// A ClickHouse answer (warehouse/clickhouse/clickhouse_sql.h): the
// TSVWithNamesAndTypes body of a query, then every cell read as each type.
#include "core/sql_result.h"
#include "fuzz_support.h"
#include "warehouse/clickhouse/clickhouse_sql.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace luckyhub;
  fuzz::refused_only_with_error([&] {
    const ResultSet r = clickhouse::parse_tsv_with_names_and_types(fuzz::text_of(data, size));
    for (size_t row = 0; row < r.size(); ++row) {
      fuzz::require(r.rows[row].size() == r.columns.size(), "every row has every column");
      for (int c = 0; c < static_cast<int>(r.columns.size()); ++c) {
        (void)r.is_null(row, c);
        (void)r.int_at(row, c);
        (void)r.double_at(row, c);
        (void)r.text_at(row, c);
      }
    }
  });
  return 0;
}
