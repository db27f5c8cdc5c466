// The embedded warehouse: one SQLite file. Reading opens it read-only;
// building writes a temporary file beside it and renames it into place on
// commit, so an interrupted load leaves the previous warehouse intact.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "warehouse/sqlite/sqlite_bulk_loader.h"
#include "warehouse/sqlite/sqlite_db.h"
#include "warehouse/derived_table.h"
#include "warehouse/warehouse.h"

namespace luckyhub {

class SqliteDialect : public Dialect {
 public:
  std::string ny_date(std::string_view e) const override;
  std::string ny_month(std::string_view e) const override;
  std::string ny_hour(std::string_view e) const override;
  std::string utc_hour(std::string_view e) const override;
  std::string safe_div(std::string_view num, std::string_view den) const override;
  std::string int_div(std::string_view num, std::string_view den) const override;
  std::string seconds_between(std::string_view from, std::string_view to) const override;
  std::string id_list(std::string_view expr) const override;
  std::string unindexed(std::string_view expr) const override;

 protected:
  // Row values compare with a list only as a subquery: IN (VALUES (?, ?), ...).
  std::string_view rows_keyword() const override { return "VALUES "; }
};

class SqliteWarehouse : public Warehouse {
 public:
  static std::unique_ptr<SqliteWarehouse> open(const std::string& file);

  std::string engine() const override { return "sqlite"; }
  std::string location() const override { return db_.file(); }
  ResultSet query(std::string_view sql, const std::vector<SqlValue>& params = {}) override;
  std::vector<ResultSet> query_all(const std::vector<Query>& queries) override;
  bool has_table(std::string_view warehouse_name) override;
  const Dialect& dialect() const override { return dialect_; }
  std::string meta(const std::string& key) override;
  // Tables of the warehouse file itself, written through an updater (one
  // transaction) while this reader stays open.
  std::string entered_table(const TableDef& table) override;
  void append_entered(const TableDef& table, const std::vector<std::vector<SqlValue>>& rows) override;

 private:
  explicit SqliteWarehouse(const std::string& file);
  static ResultSet timed_query(SqliteDb& db, std::string_view sql, const std::vector<SqlValue>& params);
  SqliteDb db_;
  std::vector<std::unique_ptr<SqliteDb>> helpers_;  // query_all's extra connections, opened on first use
  SqliteDialect dialect_;
};

class SqliteWarehouseWriter : public WarehouseWriter {
 public:
  // Throws Error when the file's directory cannot be written.
  static std::unique_ptr<SqliteWarehouseWriter> create(const std::string& file);
  ~SqliteWarehouseWriter() override;

  void create_table(const TableDef& table) override;
  std::unique_ptr<RowSink> open_sink(const TableDef& table) override;
  void create_indexes(const TableDef& table) override;
  void set_meta(const std::string& key, const std::string& value) override;
  void commit() override;

 private:
  SqliteWarehouseWriter(const std::string& file, const std::string& temp_file);
  std::string file_;
  std::string temp_file_;
  std::unique_ptr<SqliteDb> db_;
  std::unique_ptr<SqliteBulkLoader> loader_;  // rows go in on its thread
  std::vector<std::string> tables_;           // created by this load
  bool committed_ = false;
};

// Materialises a derived table in `db` (warehouse/derived_table.h), replacing
// any table of its name, with its indexes and its version in the meta; `db`
// is in a transaction. The writer's at commit, for every declared table
// whose sources it loaded; the updater's when one must be rebuilt whole.
void sqlite_build_derived(SqliteDb& db, const DerivedBuild& build);

// Computes a kComputed table from the committed warehouse in `db`'s file (read
// on a connection of its own) and writes it in one transaction of `db`,
// replacing any table of its name, with its version in the meta.
// REQUIRES: `db` in no transaction and holding no lock that keeps a reader out.
void sqlite_build_computed(SqliteDb& db, const DerivedTable& table);

// The upsert that adds `contributions` (a SELECT of additive table `d`'s key
// and summed columns, any number of rows per key) to d's rows in main: new
// keys inserted, the sums of existing keys increased. Rows whose sums come
// to zero stay.
std::string sqlite_add_contributions_sql(const DerivedTable& d, const std::string& contributions);

// The SQLite column declaration of a source column ("INTEGER", "TEXT", "REAL").
std::string sqlite_column_type(const ColumnDef& column);
// The warehouse's CREATE TABLE and CREATE INDEX statements of a source table
// (shared by the writer and the updater, so both build the same warehouse).
std::string sqlite_create_table_sql(const TableDef& table);
std::vector<std::string> sqlite_create_index_sql(const TableDef& table);

// The "format" meta value of a luckyhub SQLite warehouse.
inline constexpr const char* kSqliteWarehouseFormat = "luckyhub-warehouse-1";

}  // namespace luckyhub
