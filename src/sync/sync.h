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
};

struct TableOutcome {
  TableSyncResult result;
  std::string error;  // "" when it synced
};

struct SyncResult {
  std::vector<TableOutcome> tables;
  uint64_t rows_copied = 0, rows_deleted = 0;
  uint64_t bytes_written = 0;  // warehouse pages committed (WarehouseUpdater::bytes_written)
  int failed = 0;
  double seconds = 0;
  std::string meta_source;  // where as_of/start came from
};

// Throws Error for a bad fleet file or an unusable warehouse; per-table
// failures are in the result.
SyncResult sync(const SyncOptions& options);

}  // namespace luckyhub::sync
