// Text cells of a source server's result read as numbers (core/sql_result.h
// sql_int, sql_double; Row's readers): how the collector reads MySQL's
// SHOW STATUS and information_schema values and every PostgreSQL value
// (libpq's text format), and the tools read text columns; and numbers as
// numeric cells, read as the other type.
#include <fuzzer/FuzzedDataProvider.h>

#include "core/sql_result.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace luckyhub;
  ResultSet result;
  result.columns = {"value"};
  result.rows.push_back({SqlValue{std::string(fuzz::text_of(data, size))}});
  // And the same bytes as the binary cells a warehouse returns (SQLite's REAL and INTEGER).
  FuzzedDataProvider cells(data, size);
  result.rows.push_back({SqlValue{cells.ConsumeFloatingPoint<double>()}});
  result.rows.push_back({SqlValue{cells.ConsumeIntegral<int64_t>()}});
  result.rows.push_back({SqlValue{}});
  for (const Row row : result) {
    (void)row.integer("value");
    (void)row.number("value");
    (void)row.text("value");
    (void)row.is_null("value");
  }
  return 0;
}
