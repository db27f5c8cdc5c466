#include "warehouse/warehouse.h"

#include <sys/stat.h>

#include <atomic>
#include <cstdlib>
#include <exception>
#include <thread>

#include "core/error.h"
#include "warehouse/insert_rows.h"
#include "warehouse/clickhouse/clickhouse_location.h"
#include "warehouse/clickhouse/clickhouse_warehouse.h"
#include "warehouse/mysql/mysql_warehouse.h"
#include "warehouse/sqlite/sqlite_warehouse.h"
#include "warehouse/sqlite/sqlite_updater.h"
#include "warehouse/updater.h"

namespace luckyhub {

std::string Warehouse::entered_table(const TableDef&) {
  throw Error("warehouse " + location() + " (" + engine() + ") keeps no entered tables");
}

void Warehouse::append_entered(const TableDef& table, const std::vector<std::vector<SqlValue>>&) {
  entered_table(table);
}

Query insert_rows(const std::string& name, const TableDef& table, const std::vector<std::vector<SqlValue>>& rows) {
  std::string columns, marks;
  for (const ColumnDef& c : table.columns) {
    columns += (columns.empty() ? "" : ", ") + c.name;
    marks += marks.empty() ? "?" : ", ?";
  }
  Query q{.sql = "INSERT INTO " + name + " (" + columns + ") VALUES "};
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].size() != table.columns.size()) throw Error("table " + name + ": a row of the wrong width");
    q.sql += (i ? ", (" : "(") + marks + ")";
    q.params.insert(q.params.end(), rows[i].begin(), rows[i].end());
  }
  return q;
}

std::vector<ResultSet> Warehouse::query_all(const std::vector<Query>& queries) {
  std::vector<ResultSet> results;
  results.reserve(queries.size());
  for (const Query& q : queries) results.push_back(query(q.sql, q.params));
  return results;
}

std::vector<std::vector<ResultSet>> query_all_grouped(Warehouse& warehouse,
                                                      const std::vector<std::vector<Query>>& groups) {
  std::vector<Query> batch;
  for (const auto& group : groups) batch.insert(batch.end(), group.begin(), group.end());
  std::vector<ResultSet> results = warehouse.query_all(batch);
  std::vector<std::vector<ResultSet>> grouped;
  auto next = std::make_move_iterator(results.begin());
  for (const auto& group : groups) {
    const auto end = next + static_cast<std::ptrdiff_t>(group.size());
    grouped.emplace_back(next, end);
    next = end;
  }
  return grouped;
}

std::vector<ResultSet> run_concurrently(const std::vector<Query>& queries, size_t workers,
                                        const std::function<ResultSet(size_t worker, const Query& query)>& run) {
  std::vector<ResultSet> results(queries.size());
  std::vector<std::exception_ptr> errors(queries.size());
  std::atomic<size_t> next{0};
  auto work = [&](size_t worker) {
    for (size_t i = next++; i < queries.size(); i = next++) {
      try {
        results[i] = run(worker, queries[i]);
      } catch (...) {
        errors[i] = std::current_exception();
      }
    }
  };
  std::vector<std::thread> threads;
  for (size_t w = 1; w < workers; ++w) threads.emplace_back(work, w);
  work(0);
  for (std::thread& t : threads) t.join();
  for (const std::exception_ptr& e : errors) {
    if (e) std::rethrow_exception(e);
  }
  return results;
}

std::string Dialect::row_in(std::string_view columns, size_t width, size_t rows) const {
  std::string row = "(";
  for (size_t i = 0; i < width; ++i) row += i == 0 ? "?" : ", ?";
  row += ")";
  std::string sql = "(" + std::string(columns) + ") IN (" + std::string(rows_keyword());
  for (size_t i = 0; i < rows; ++i) sql += (i == 0 ? "" : ", ") + row;
  return sql + ")";
}

std::unique_ptr<Warehouse> open_warehouse(const std::string& location) {
  if (clickhouse::is_clickhouse_location(location)) return clickhouse::ClickHouseWarehouse::open(location);
  if (location.rfind(kMysqlLocationPrefix, 0) == 0) return open_mysql_warehouse(location);
  return SqliteWarehouse::open(location);
}

std::string warehouse_version(const std::string& location) {
  if (clickhouse::is_clickhouse_location(location)) return clickhouse::warehouse_version(location);
  if (location.rfind(kMysqlLocationPrefix, 0) == 0)
    throw Error("warehouse " + location + " is a MySQL replica's views: it has no version to cache reports by");
  struct stat st {};
  if (::stat(location.c_str(), &st) != 0) throw Error("the warehouse file cannot be read");
  std::string version = std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec) + ":" +
                        std::to_string(st.st_size);
  // A writer in WAL mode (collect, sync) appends to the -wal file and leaves
  // the main file alone until a checkpoint: its commits are a new generation too.
  struct stat wal {};
  if (::stat((location + "-wal").c_str(), &wal) == 0) {
    version += "+" + std::to_string(wal.st_mtim.tv_sec) + "." + std::to_string(wal.st_mtim.tv_nsec) + ":" +
               std::to_string(wal.st_size);
  }
  return version;
}

bool updates_in_place(const std::string& location) {
  return !clickhouse::is_clickhouse_location(location) && location.rfind(kMysqlLocationPrefix, 0) != 0;
}

std::unique_ptr<WarehouseUpdater> open_updater(const std::string& location, bool copy_when_new) {
  if (clickhouse::is_clickhouse_location(location)) {
    throw Error("ClickHouse warehouse " + location +
                " is not updated in place: every load or sync builds a new generation");
  }
  if (location.rfind(kMysqlLocationPrefix, 0) == 0) {
    throw Error("warehouse " + location + " is a MySQL replica's views: luckyhub only reads it");
  }
  return SqliteUpdater::open(location, copy_when_new);
}

std::unique_ptr<WarehouseWriter> create_warehouse(const std::string& location) {
  if (clickhouse::is_clickhouse_location(location)) {
    return clickhouse::ClickHouseWarehouseWriter::create(location);
  }
  if (location.rfind(kMysqlLocationPrefix, 0) == 0) {
    throw Error("warehouse " + location + " is a MySQL replica's views: luckyhub only reads it");
  }
  return SqliteWarehouseWriter::create(location);
}

}  // namespace luckyhub
