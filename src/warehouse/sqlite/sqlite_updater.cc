#include "warehouse/sqlite/sqlite_updater.h"

#include "core/paths.h"

#include <unistd.h>

#include <filesystem>

#include "core/error.h"
#include "core/log.h"
#include "warehouse/sqlite/sqlite_derived.h"
#include "warehouse/sqlite/sqlite_warehouse.h"

namespace luckyhub {

SqliteUpdater::SqliteUpdater(const std::string& file) {
  db_ = std::make_unique<SqliteDb>(file, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX);
}

std::unique_ptr<SqliteUpdater> SqliteUpdater::open(const std::string& file, bool copy_when_new) {
  require_writable(file, "warehouse");
  std::unique_ptr<SqliteUpdater> updater(new SqliteUpdater(file));
  SqliteDb& db = *updater->db_;
  const bool fresh =
      db.query("SELECT 1 FROM sqlite_master WHERE name = '_luckyhub_meta'", {}).empty();
  // WAL with synchronous=NORMAL: a commit is an append without fsync, yet a
  // killed process (or a power cut) leaves the warehouse as of a commit;
  // readers (the dashboard) keep reading meanwhile. A new warehouse opened to
  // copy every table whole (`copy_when_new`, sync's first run) has no readers
  // yet: a rollback journal then writes each page once, where WAL writes it
  // twice (the log, then the checkpoint into the file), and pages appended
  // past the file's end need no journal. synchronous=FULL keeps it as safe: a
  // kill or a power cut leaves a hot journal that the next opener rolls back.
  // The cache bounds memory whatever the table sizes; index builds sort in
  // temporary files beyond it.
  const bool rollback_journal = fresh && copy_when_new;
  db.exec_waiting_for_locks(std::string(rollback_journal ? "PRAGMA journal_mode = TRUNCATE; PRAGMA synchronous = FULL;"
                                       : "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;") +
          "PRAGMA cache_size = -65536; PRAGMA temp_store = FILE; PRAGMA threads = 2;");
  // The WAL goes back into the file every 8192 pages, beside the writer.
  if (!rollback_journal) updater->checkpointer_ = std::make_unique<SqliteWalCheckpointer>(db, 8192);
  updater->loader_ = std::make_unique<SqliteBulkLoader>(db);
  if (fresh) {
    if (!db.query("SELECT 1 FROM sqlite_master", {}).empty()) {
      throw Error("warehouse " + file + " is not a luckyhub warehouse (it has other tables)");
    }
    db.exec("BEGIN; CREATE TABLE _luckyhub_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL); COMMIT");
    updater->set_meta("format", kSqliteWarehouseFormat);
  } else if (updater->meta("format") != kSqliteWarehouseFormat) {
    throw Error("warehouse " + file + " is not a luckyhub warehouse (format '" + updater->meta("format") + "')");
  }
  updater->derived_ = std::make_unique<SqliteDerivedKeeper>(db);
  return updater;
}

SqliteUpdater::~SqliteUpdater() {
  try {
    loader_.reset();
    if (in_transaction_) db_->exec("ROLLBACK");
    derived_.reset();  // its TEMP triggers go with the connection
    checkpointer_.reset();
    // Back to one self-contained file, which read-only openers need.
    db_->exec("PRAGMA journal_mode = DELETE");
  } catch (const std::exception& e) {
    log::warn("warehouse ", db_->file(), ": ", e.what());
  }
}

void SqliteUpdater::begin() {
  db_->exec("BEGIN IMMEDIATE");
  in_transaction_ = true;
}

void SqliteUpdater::commit() {
  loader_->drain();
  derived_->refresh();
  db_->exec("COMMIT");
  in_transaction_ = false;
}

void SqliteUpdater::rollback() {
  try {
    loader_->drain();
  } catch (const std::exception&) {
    // The failed batch is what is being rolled back.
  }
  // A loader that met an error keeps rethrowing it: start a fresh one.
  loader_ = std::make_unique<SqliteBulkLoader>(*db_);
  if (in_transaction_) {
    // SQLite has rolled back already after some errors (a full disk, an I/O
    // error): a ROLLBACK then fails and would hide the error that caused it.
    if (!sqlite3_get_autocommit(db_->get())) db_->exec("ROLLBACK");
    derived_->rolled_back();
  }
  in_transaction_ = false;
}

bool SqliteUpdater::has_table(const std::string& warehouse_name) {
  loader_->drain();
  return !db_->query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", {warehouse_name}).empty();
}

void SqliteUpdater::create_table(const TableDef& table) {
  loader_->drain();
  derived_->replacing(table.warehouse_name());
  db_->exec(sqlite_create_table_sql(table));
}

void SqliteUpdater::drop_table(const std::string& warehouse_name) {
  loader_->drain();
  derived_->replacing(warehouse_name);
  db_->exec("DROP TABLE IF EXISTS " + warehouse_name);
}

void SqliteUpdater::create_indexes(const TableDef& table) {
  loader_->drain();
  for (const std::string& sql : sqlite_create_index_sql(table)) db_->exec(sql);
}

std::unique_ptr<RowSink> SqliteUpdater::open_upsert_sink(const TableDef& table) {
  return loader_->open_sink(table, SqliteBulkLoader::Conflict::kReplace);
}

std::unique_ptr<RowSink> SqliteUpdater::open_merge_sink(const TableDef& table) {
  return loader_->open_sink(table, SqliteBulkLoader::Conflict::kMerge);
}

void SqliteUpdater::execute(std::string_view sql, const std::vector<SqlValue>& params) {
  loader_->drain();
  db_->query(sql, params);
}

ResultSet SqliteUpdater::query(std::string_view sql, const std::vector<SqlValue>& params) {
  loader_->drain();
  return db_->query(sql, params);
}

void SqliteUpdater::for_each_int(std::string_view sql, const std::function<void(int64_t)>& each) {
  loader_->drain();
  SqliteStatement statement(db_->get(), sql, db_->file());
  while (statement.step()) each(sqlite3_column_int64(statement.get(), 0));
}

void SqliteUpdater::set_meta(const std::string& key, const std::string& value) {
  execute("INSERT OR REPLACE INTO _luckyhub_meta (key, value) VALUES (?, ?)", {key, value});
}

std::string SqliteUpdater::meta(const std::string& key) {
  const ResultSet r = query("SELECT value FROM _luckyhub_meta WHERE key = ?", {key});
  return r.empty() ? "" : r.text_at(0, 0);
}

uint64_t SqliteUpdater::bytes_written() {
  loader_->drain();
  int pages = 0, highwater = 0;
  sqlite3_db_status(db_->get(), SQLITE_DBSTATUS_CACHE_WRITE, &pages, &highwater, 0);
  return static_cast<uint64_t>(pages) * static_cast<uint64_t>(db_->query("PRAGMA page_size", {}).int_at(0, 0));
}

void SqliteUpdater::finish(bool analyze_after) {
  loader_->drain();
  derived_->rebuild();
  if (analyze_after) analyze();
}

void SqliteUpdater::analyze() {
  loader_->drain();
  // Sampled statistics: enough for the planner, in a fraction of a full scan.
  db_->exec("PRAGMA analysis_limit = 2000; ANALYZE");
}

}  // namespace luckyhub
