#include "warehouse/sqlite/sqlite_warehouse.h"

#include "core/paths.h"

#include <algorithm>
#include <chrono>
#include <thread>

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>

#include "core/error.h"
#include "warehouse/derived_table.h"
#include "warehouse/insert_rows.h"
#include "warehouse/updater.h"
#include "core/log.h"
#include "core/atomic_file.h"

namespace luckyhub {
namespace {

void fsync_path(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

// Removes the temporary files `file.tmp-PID` of loads whose process is gone
// (killed: a SIGKILL runs no destructor), each as large as a warehouse. A
// load still running, here or under another pid, keeps its own.
void remove_abandoned_loads(const std::string& file) {
  for (const std::string& name : remove_abandoned_temp_files(file)) {
    log::info("warehouse ", file, ": removed ", name, ", left by a load that was killed");
  }
}

}  // namespace

std::string sqlite_column_type(const ColumnDef& column) {
  switch (column.type) {
    case ColumnType::kInt:
    case ColumnType::kDecimal: return "INTEGER";
    case ColumnType::kDouble: return "REAL";
    default: return "TEXT";
  }
}

std::string sqlite_create_table_sql(const TableDef& table) {
  std::string sql = "CREATE TABLE " + table.warehouse_name() + " (";
  const bool rowid_key = table.primary_key.size() == 1 &&
                         table.column(table.primary_key[0]).type == ColumnType::kInt;
  for (size_t i = 0; i < table.columns.size(); ++i) {
    const ColumnDef& c = table.columns[i];
    sql += (i ? ", " : "") + c.name + " " + sqlite_column_type(c);
    if (rowid_key && c.name == table.primary_key[0]) sql += " PRIMARY KEY";
  }
  if (!rowid_key && !table.primary_key.empty()) {
    sql += ", PRIMARY KEY (";
    for (size_t i = 0; i < table.primary_key.size(); ++i) sql += (i ? ", " : "") + table.primary_key[i];
    sql += ")";
  }
  return sql + ")";
}

std::vector<std::string> sqlite_create_index_sql(const TableDef& table) {
  std::vector<std::string> out;
  for (const IndexDef& index : table.indexes) {
    if (!index.in_warehouse()) continue;  // see IndexDef
    std::string sql = "CREATE INDEX " + table.warehouse_name() + "__" + index.name + " ON " +
                      table.warehouse_name() + " (";
    for (size_t i = 0; i < index.columns.size(); ++i) sql += (i ? ", " : "") + index.columns[i];
    out.push_back(sql + ")");
  }
  return out;
}

std::string SqliteDialect::ny_date(std::string_view e) const { return "ny_date(" + std::string(e) + ")"; }
std::string SqliteDialect::ny_month(std::string_view e) const { return "ny_month(" + std::string(e) + ")"; }
std::string SqliteDialect::ny_hour(std::string_view e) const { return "ny_hour(" + std::string(e) + ")"; }
std::string SqliteDialect::safe_div(std::string_view num, std::string_view den) const {
  return "(CAST(" + std::string(num) + " AS REAL) / NULLIF(" + std::string(den) + ", 0))";
}

std::string SqliteDialect::seconds_between(std::string_view from, std::string_view to) const {
  return "(CAST(strftime('%s', " + std::string(to) + ") AS INTEGER) - CAST(strftime('%s', " + std::string(from) +
         ") AS INTEGER))";
}

std::string SqliteDialect::int_div(std::string_view num, std::string_view den) const {
  return "((" + std::string(num) + ") / (" + std::string(den) + "))";
}

std::string SqliteDialect::id_list(std::string_view expr) const {
  // In the order the rows come in (Dialect::id_list: callers sort).
  return "group_concat(" + std::string(expr) + ", ',')";
}

std::string SqliteDialect::utc_hour(std::string_view e) const {
  return "substr(" + std::string(e) + ", 1, 13)";
}

std::string SqliteDialect::unindexed(std::string_view expr) const {
  // Without STAT4 (Debian's build) SQLite cannot tell a range over a day from
  // one over the whole table and prefers the index; unary + takes it away.
  return "+" + std::string(expr);
}

SqliteWarehouse::SqliteWarehouse(const std::string& file)
    : db_(file, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX) {}

std::unique_ptr<SqliteWarehouse> SqliteWarehouse::open(const std::string& file) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    throw Error("warehouse " + file + " does not exist (build one with 'luckyhub simulate')");
  }
  std::unique_ptr<SqliteWarehouse> warehouse(new SqliteWarehouse(file));
  std::string format;
  try {
    format = warehouse->meta("format");
  } catch (const Error& e) {
    throw Error("warehouse " + file + " is not a luckyhub warehouse (" +
                std::string(sqlite3_errmsg(warehouse->db_.get())) + ")");
  }
  if (format != kSqliteWarehouseFormat) {
    throw Error("warehouse " + file + " is not a luckyhub warehouse (format '" + format + "')");
  }
  return warehouse;
}

ResultSet SqliteWarehouse::query(std::string_view sql, const std::vector<SqlValue>& params) {
  return timed_query(db_, sql, params);
}

ResultSet SqliteWarehouse::timed_query(SqliteDb& db, std::string_view sql, const std::vector<SqlValue>& params) {
  if (!log::enabled(log::Level::kDebug)) return db.query(sql, params);
  const auto started = std::chrono::steady_clock::now();
  ResultSet r = db.query(sql, params);
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  std::string text(sql.substr(0, 160));
  for (char& c : text) c = (c == '\n' || c == ' ') ? ' ' : c;
  log::debug("sql ", static_cast<int64_t>(ms), " ms, ", r.size(), " rows: ", text);
  return r;
}

std::vector<ResultSet> SqliteWarehouse::query_all(const std::vector<Query>& queries) {
  const size_t workers = std::min<size_t>(queries.size(), std::max(1u, std::thread::hardware_concurrency()));
  while (helpers_.size() + 1 < workers) {
    helpers_.push_back(std::make_unique<SqliteDb>(db_.file(), SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX));
  }
  return run_concurrently(queries, workers, [this](size_t worker, const Query& q) {
    return timed_query(worker == 0 ? db_ : *helpers_[worker - 1], q.sql, q.params);
  });
}

bool SqliteWarehouse::has_table(std::string_view warehouse_name) {
  return !db_.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                    {std::string(warehouse_name)})
              .empty();
}

std::string SqliteWarehouse::entered_table(const TableDef& table) {
  return has_table(table.warehouse_name()) ? table.warehouse_name() : "";
}

void SqliteWarehouse::append_entered(const TableDef& table, const std::vector<std::vector<SqlValue>>& rows) {
  std::unique_ptr<WarehouseUpdater> db = open_updater(location());
  db->begin();
  if (!db->has_table(table.warehouse_name())) db->create_table(table);
  if (!rows.empty()) {
    const Query insert = insert_rows(table.warehouse_name(), table, rows);
    db->execute(insert.sql, insert.params);
  }
  db->commit();
}

std::string SqliteWarehouse::meta(const std::string& key) {
  const ResultSet r = db_.query("SELECT value FROM _luckyhub_meta WHERE key = ?", {key});
  return r.empty() ? "" : r.text_at(0, 0);
}

SqliteWarehouseWriter::SqliteWarehouseWriter(const std::string& file, const std::string& temp_file)
    : file_(file), temp_file_(temp_file) {}

std::unique_ptr<SqliteWarehouseWriter> SqliteWarehouseWriter::create(const std::string& file) {
  namespace fs = std::filesystem;
  require_writable(file, "warehouse");
  const std::string temp = file + ".tmp-" + std::to_string(::getpid());
  fs::remove(temp);
  remove_abandoned_loads(file);
  std::unique_ptr<SqliteWarehouseWriter> writer(new SqliteWarehouseWriter(file, temp));
  writer->db_ = std::make_unique<SqliteDb>(temp, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                                                     SQLITE_OPEN_NOMUTEX);
  // The temporary file is thrown away on any failure, so it needs no journal.
  writer->db_->exec(
      "PRAGMA page_size = 8192; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
      "PRAGMA locking_mode = EXCLUSIVE; PRAGMA cache_size = -262144; PRAGMA temp_store = FILE;"
      "PRAGMA threads = 2;");
  writer->db_->exec("BEGIN");
  writer->loader_ = std::make_unique<SqliteBulkLoader>(*writer->db_);
  writer->db_->exec("CREATE TABLE _luckyhub_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
  writer->set_meta("format", kSqliteWarehouseFormat);
  return writer;
}

SqliteWarehouseWriter::~SqliteWarehouseWriter() {
  loader_.reset();
  if (!committed_) {
    db_.reset();
    std::error_code ec;
    std::filesystem::remove(temp_file_, ec);
  }
}

void SqliteWarehouseWriter::create_table(const TableDef& table) {
  loader_->drain();
  db_->exec(sqlite_create_table_sql(table));
  tables_.push_back(table.warehouse_name());
}

std::unique_ptr<RowSink> SqliteWarehouseWriter::open_sink(const TableDef& table) {
  return loader_->open_sink(table);
}

// Index and derived-table builds sort: SQLite's sorter keeps up to the page
// cache's size in memory per sorting thread before it spills to a temporary
// file, so the loading phase's 256 MiB cache made a 37M-row index peak at
// 1.3 GB. 64 MiB (sync's size, sqlite_updater.cc) sorts as fast here.
constexpr const char* kSortingCache = "PRAGMA cache_size = -65536";

void SqliteWarehouseWriter::create_indexes(const TableDef& table) {
  loader_->drain();
  db_->exec(kSortingCache);
  for (const std::string& sql : sqlite_create_index_sql(table)) {
    const auto started = std::chrono::steady_clock::now();
    db_->exec(sql);
    log::debug(sql, ": ", std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(), " s");
  }
}

void SqliteWarehouseWriter::set_meta(const std::string& key, const std::string& value) {
  loader_->drain();
  db_->query("INSERT OR REPLACE INTO _luckyhub_meta (key, value) VALUES (?, ?)", {key, value});
}

void sqlite_build_derived(SqliteDb& db, const DerivedBuild& build) {
  const auto started = std::chrono::steady_clock::now();
  const TableDef& def = build.table->def;
  db.exec("DROP TABLE IF EXISTS main." + def.warehouse_name());
  db.exec(sqlite_create_table_sql(def));
  // One statement per source: SQLite keeps each arm's sorter (the GROUP BY
  // of a table without a fitting index) until its statement ends, and the
  // tenant audit's 52 arms at scale 1 held ~1 GB at once.
  if (build.arms.empty()) db.exec(build.insert);
  for (const std::string& arm : build.arms) {
    db.exec(build.table->refresh == DerivedRefresh::kAdditive ? sqlite_add_contributions_sql(*build.table, arm)
                                                              : "INSERT INTO main." + def.warehouse_name() + " " + arm);
  }
  for (const std::string& sql : sqlite_create_index_sql(def)) db.exec(sql);
  db.query("INSERT OR REPLACE INTO _luckyhub_meta (key, value) VALUES (?, ?)",
           {derived_meta_key(def.warehouse_name()), build.version});
  log::debug("derived table ", def.warehouse_name(), " built in ",
             std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(), " s");
}

void sqlite_build_computed(SqliteDb& db, const DerivedTable& table) {
  const auto started = std::chrono::steady_clock::now();
  std::vector<std::vector<SqlValue>> rows;
  {
    std::unique_ptr<SqliteWarehouse> data = SqliteWarehouse::open(db.file());
    rows = table.compute(*data);
  }
  const TableDef& def = table.def;
  db.exec("BEGIN IMMEDIATE");
  try {
    db.exec("DROP TABLE IF EXISTS main." + def.warehouse_name());
    db.exec(sqlite_create_table_sql(def));
    if (!rows.empty()) {
      const Query insert = insert_rows("main." + def.warehouse_name(), def, rows);
      db.query(insert.sql, insert.params);
    }
    for (const std::string& sql : sqlite_create_index_sql(def)) db.exec(sql);
    db.query("INSERT OR REPLACE INTO _luckyhub_meta (key, value) VALUES (?, ?)",
             {derived_meta_key(def.warehouse_name()), table.version(SqliteDialect())});
    db.exec("COMMIT");
  } catch (...) {
    db.exec("ROLLBACK");
    throw;
  }
  log::debug("derived table ", def.warehouse_name(), " computed in ",
             std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(),
             " s");
}

std::string sqlite_add_contributions_sql(const DerivedTable& d, const std::string& contributions) {
  const std::string key = d.key_list();
  std::string columns = key, sums, update;
  for (const ColumnDef& c : d.def.columns) {
    if (std::find(d.key.begin(), d.key.end(), c.name) != d.key.end()) continue;
    columns += ", " + c.name;
    sums += ", SUM(" + c.name + ") AS " + c.name;
    update += std::string(update.empty() ? "" : ", ") + c.name + " = " + c.name + " + excluded." + c.name;
  }
  // (WHERE TRUE: an upsert's SELECT needs a WHERE, or ON reads as a join's.)
  return "INSERT INTO main." + d.name() + " (" + columns + ") SELECT * FROM (SELECT " + key + sums + " FROM (" +
         contributions + ") GROUP BY " + key + ") WHERE TRUE ON CONFLICT (" + key + ") DO UPDATE SET " + update;
}

void SqliteWarehouseWriter::commit() {
  loader_->drain();
  loader_.reset();
  db_->exec(kSortingCache);
  for (const DerivedBuild& build : derived_builds(SqliteDialect(), tables_)) sqlite_build_derived(*db_, build);
  db_->exec("COMMIT");
  // Statistics for the planner from a sample of each index (a full ANALYZE
  // reads every index of a ~70M-row warehouse again).
  db_->exec("PRAGMA analysis_limit = 2000; ANALYZE");
  db_.reset();
  // The computed tables (a model's fit) read the warehouse just built: on a
  // connection without the writer's exclusive lock.
  if (const std::vector<const DerivedTable*> computed = computed_builds(tables_);
      !computed.empty()) {
    SqliteDb db(temp_file_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX);
    for (const DerivedTable* t : computed) sqlite_build_computed(db, *t);
  }
  fsync_path(temp_file_);
  std::error_code ec;
  std::filesystem::rename(temp_file_, file_, ec);
  if (ec) throw Error("cannot write warehouse " + file_ + ": " + ec.message());
  const std::filesystem::path dir = std::filesystem::path(file_).parent_path();
  fsync_path(dir.empty() ? "." : dir.string());
  committed_ = true;
  log::debug("warehouse ", file_, " committed");
}

}  // namespace luckyhub
