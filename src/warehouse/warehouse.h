// The warehouse: where the tools read. Tools speak SQL through this interface
// and never touch an engine's API; the SQLite backend (warehouse/sqlite/) is
// the embedded default, a ClickHouse backend implements the same interface.
//
// SQL written by tools uses '?' placeholders for values, warehouse table
// names (TableDef::warehouse_name()), and Dialect helpers for the few
// constructs the engines spell differently.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/sql_result.h"
#include "warehouse/schema.h"

namespace luckyhub {

// Engine-specific spellings. Each returns an SQL expression.
class Dialect {
 public:
  virtual ~Dialect() = default;
  // The America/New_York calendar day ('YYYY-MM-DD') of a UTC DATETIME expression.
  virtual std::string ny_date(std::string_view utc_datetime_expr) const = 0;
  // The New York month ('YYYY-MM').
  virtual std::string ny_month(std::string_view utc_datetime_expr) const = 0;
  // The New York hour of day (0..23), an integer.
  virtual std::string ny_hour(std::string_view utc_datetime_expr) const = 0;
  // The UTC hour, as text starting 'YYYY-MM-DD HH': a cheap grouping key from
  // which C++ derives New York's day and hour (new_york_hour_of()).
  virtual std::string utc_hour(std::string_view utc_datetime_expr) const = 0;
  // A DATE column as 'YYYY-MM-DD' text, as ny_date() gives (a UNION ALL's
  // branches need the same type on ClickHouse).
  virtual std::string date_text(std::string_view date_column) const { return std::string(date_column); }
  // `columns` (a comma-separated list of `width` expressions) equal to one of
  // `rows` rows of `?` placeholders: "(a, b) IN ((?, ?), (?, ?))".
  std::string row_in(std::string_view columns, size_t width, size_t rows) const;
  // A floating-point division that yields NULL when the divisor is 0.
  virtual std::string safe_div(std::string_view num, std::string_view den) const = 0;
  // The values of an expression in a group, as comma-separated text, in an
  // order the engine chooses (SQLite: the order the rows come in): a caller
  // that needs them ordered sorts them.
  virtual std::string id_list(std::string_view expr) const = 0;
  // Integer division truncating toward zero (both operands integers).
  virtual std::string int_div(std::string_view num, std::string_view den) const = 0;
  // The whole seconds from one UTC DATETIME expression to another, an integer
  // (NULL when either is NULL).
  virtual std::string seconds_between(std::string_view from, std::string_view to) const = 0;
  // A table read as the left side of a JOIN ("FROM " + join_left(t) + " x JOIN
  // ... ON ... x.c"): the table itself, or what the engine needs in its place.
  virtual std::string join_left(std::string_view table) const { return std::string(table); }
  // Whether the engine joins by building the right side in memory (a hash
  // table, at every query: ClickHouse) rather than by looking its rows up
  // through an index (SQLite): how a derived table's SELECT is best written
  // (warehouse/lookup_table.h). Tools never ask.
  virtual bool joins_in_memory() const { return false; }
  // The column or expression, marked so that the planner does not answer a
  // predicate on it from an index: for a range that keeps most of a table,
  // where reading the table in order beats an index range's random reads.
  // Engines without that choice return the expression as it is.
  virtual std::string unindexed(std::string_view expr) const { return std::string(expr); }

 protected:
  // What a list of rows on the right of IN starts with (SQLite: "VALUES ").
  virtual std::string_view rows_keyword() const { return ""; }
};

// Rows going into one warehouse table. Columns are addressed by index
// (TableDef::column_index, resolved once); a column not set in a row is NULL.
// DECIMAL columns take their value scaled by 10^scale (cents for money).
// REQUIRES: one thread per sink; finish() before the writer commits.
class RowSink {
 public:
  explicit RowSink(const TableDef& table) : table_(table) {}
  virtual ~RowSink() = default;
  const TableDef& table() const { return table_; }
  int col(std::string_view name) const { return table_.column_index(name); }

  virtual void set_int(int col, int64_t value) = 0;
  virtual void set_double(int col, double value) = 0;
  virtual void set_text(int col, std::string_view value) = 0;
  virtual void set_null(int col) = 0;
  virtual void end_row() = 0;
  virtual void finish() = 0;
  virtual uint64_t rows_written() const = 0;

 private:
  const TableDef& table_;
};

// Builds a new warehouse, or a new generation of one, atomically: nothing is
// visible until commit(); destroying the writer without commit() discards the
// work and leaves the previous warehouse as it was.
class WarehouseWriter {
 public:
  virtual ~WarehouseWriter() = default;
  virtual void create_table(const TableDef& table) = 0;
  virtual std::unique_ptr<RowSink> open_sink(const TableDef& table) = 0;
  // Builds the indexes the DDL declares (after loading, which is faster).
  virtual void create_indexes(const TableDef& table) = 0;
  virtual void set_meta(const std::string& key, const std::string& value) = 0;
  virtual void commit() = 0;
};

class Warehouse {
 public:
  virtual ~Warehouse() = default;
  virtual std::string engine() const = 0;  // "sqlite", "clickhouse"
  virtual std::string location() const = 0;  // a path or URL without secrets
  virtual ResultSet query(std::string_view sql, const std::vector<SqlValue>& params = {}) = 0;
  // Independent queries, run at once where the engine can (SQLite: on extra
  // read-only connections, one per core); the results in the queries' order.
  // The first failure is thrown after every query has ended.
  virtual std::vector<ResultSet> query_all(const std::vector<Query>& queries);
  virtual bool has_table(std::string_view warehouse_name) = 0;
  virtual const Dialect& dialect() const = 0;
  // Metadata recorded at load (as_of, seed, scale, ...); "" when absent.
  virtual std::string meta(const std::string& key) = 0;

  // Entered tables: what people write through luckyhub (values entered on the
  // dashboard, such as staffing's actual staff), kept beside the loaded data
  // — no load or sync replaces them — and only ever appended to: a newer
  // entry supersedes an older one by a version column its reader picks.
  // entered_table() names the table for a query, "" while nothing was
  // entered; append_entered() creates it when missing and appends the rows
  // atomically (each row has the table's columns, in order). The engines
  // that keep none (a MySQL replica) throw Error.
  virtual std::string entered_table(const TableDef& table);
  virtual void append_entered(const TableDef& table, const std::vector<std::vector<SqlValue>>& rows);
};

// Runs `queries` on `workers` connections at once: run(worker, query) runs one
// on that worker's connection (worker 0 is the calling thread). The results
// in the queries' order; the first failure is thrown after all have ended.
std::vector<ResultSet> run_concurrently(const std::vector<Query>& queries, size_t workers,
                                        const std::function<ResultSet(size_t worker, const Query& query)>& run);

// Groups of queries (a tool's own and another's, say) run in one batch
// (Warehouse::query_all): the results, grouped as the queries.
std::vector<std::vector<ResultSet>> query_all_grouped(Warehouse& warehouse,
                                                      const std::vector<std::vector<Query>>& groups);

// Opens an existing warehouse by location: a SQLite file path, a MySQL replica
// (mysql://..., warehouse/mysql/mysql_warehouse.h), or a ClickHouse
// database (clickhouse://user@host:port/database[?cluster=NAME], see
// warehouse/clickhouse/clickhouse_location.h). Throws Error with a one-line
// reason when it is missing, unreachable, corrupt or not a luckyhub warehouse.
std::unique_ptr<Warehouse> open_warehouse(const std::string& location);

// A token that changes whenever what the warehouse at `location` holds may
// have changed (the server's reports are cached by it): a SQLite file's
// modification time and size, and its write-ahead log's; a ClickHouse
// warehouse's current generation and the rows of its own database (the
// generations table and the entered tables: both only grow). Throws Error
// when it cannot be read, or for a MySQL replica (it changes under luckyhub
// without telling).
std::string warehouse_version(const std::string& location);

// Whether the warehouse at `location` is changed in place, row by row, by a
// WarehouseUpdater (warehouse/updater.h: SQLite), or rebuilt whole by every
// load (ClickHouse's generations).
bool updates_in_place(const std::string& location);

// Starts building a warehouse at a location (replacing it on commit).
std::unique_ptr<WarehouseWriter> create_warehouse(const std::string& location);

}  // namespace luckyhub
