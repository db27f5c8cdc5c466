// `luckyhub sync`: copies the luckyus_* tables from the fleet's MySQL servers
// into a SQLite warehouse, full the first time and incrementally after
// (docs/sync.md). One table's failure — its server down, the table missing —
// is recorded and the rest goes on; the result says what failed. Into a
// ClickHouse warehouse, every run is a full copy (generation_sync.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sync/table_sync.h"

namespace luckyhub::sync {

struct SyncOptions {
  std::string fleet;      // fleet file
  std::string warehouse;  // SQLite warehouse file (created when missing) or clickhouse:// location
  TableSyncOptions table;
  std::vector<std::string> only;  // qualified table names to sync (empty: all)
  // Instances read at once, each on its own connection and thread; the
  // warehouse still has one writer (docs/sync.md, "Several instances at once").
  int jobs = kDefaultJobs;
  static constexpr int kDefaultJobs = 4;
  static constexpr int kMaxJobs = 64;
};

struct TableOutcome {
  TableSyncResult result;
  std::string error;  // "" when it synced
  bool instance_failed = false;  // failed untried with its instance (SyncResult::instances_failed)
};

// An instance that could not be used at all: the login refused (a wrong
// password), the server unreachable. Its tables are not tried one by one;
// each is in `tables` as failed with this one reason.
struct InstanceFailure {
  std::string instance;  // the fleet's name for it
  std::string error;     // the connection's error (names the instance, never a password)
  int tables = 0;        // how many of its tables did not sync because of it
};

struct SyncResult {
  std::vector<TableOutcome> tables;
  std::vector<InstanceFailure> instances_failed;
  uint64_t rows_copied = 0, rows_deleted = 0;
  uint64_t bytes_written = 0;  // warehouse pages committed (WarehouseUpdater::bytes_written)
  int failed = 0;
  double seconds = 0;
  std::string meta_source;  // where as_of/start came from
  // The warehouse's meta deletions_reconciled after the run ('' = not recorded).
  std::string deletions_reconciled;
  bool warehouse_removed = false;  // a new warehouse into which nothing synced, deleted again
};

// Throws Error for a bad fleet file or an unusable warehouse; per-table and
// per-instance failures are in the result. The meta that makes a warehouse
// look loaded (as_of, start, source, synced_at) is written only when no
// instance failed and some table synced; a new SQLite warehouse into which
// nothing synced is removed (docs/sync.md, "Failures").
SyncResult sync(const SyncOptions& options);

}  // namespace luckyhub::sync
