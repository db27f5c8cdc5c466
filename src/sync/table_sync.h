// Copies one source table into the warehouse: the full copy by primary key
// the first time, then incremental runs by update_time watermark, and, when
// asked, a key reconciliation that removes rows deleted at the source (and
// fetches any the watermark missed). Rows are streamed from MySQL and
// committed in chunks, each with its checkpoint (sync/checkpoint.h).
//
// REQUIRES: the table has a single integer primary key and an update_time
// column (every luckyus_* table does: docs/schema.md); the source sets
// update_time on every insert and update.
#pragma once

#include <cstdint>
#include <string>

#include "sources/mysql_client.h"
#include "sync/checkpoint.h"
#include "warehouse/schema.h"
#include "warehouse/updater.h"

namespace luckyhub::sync {

struct TableSyncOptions {
  int64_t chunk_rows = 100000;  // rows per warehouse transaction
  // Rows whose update_time is within this many seconds of the source's clock
  // are copied but read again next run (a transaction may still commit
  // rows with an earlier update_time).
  int64_t settle_s = 5;
  // Key reconciliation (deletions) runs when the last one is older than this,
  // or in every run with reconcile_now.
  int64_t reconcile_every_s = 24 * 3600;
  bool reconcile_now = false;
  // Test hook (docs/sync.md): SIGKILL this process after this many chunks
  // were written into the open transaction, before its commit. 0 = never.
  int64_t kill_after_chunks = 0;
};

struct TableSyncResult {
  std::string table;  // qualified source name, "luckyus_sales_order.t_order"
  std::string mode;   // "full", "resumed full", "incremental"
  uint64_t rows_copied = 0;   // rows upserted (full or incremental)
  uint64_t rows_deleted = 0;  // rows removed by reconciliation
  uint64_t rows_missed = 0;   // rows reconciliation found the watermark had missed
  bool reconciled = false;
};

// Throws Error (with the transaction rolled back to the last checkpoint) when
// the source or the warehouse fails.
TableSyncResult sync_table(MysqlConnection& source, const std::string& instance,
                           WarehouseUpdater& warehouse, CheckpointStore& checkpoints,
                           const TableDef& table, const TableSyncOptions& options);

}  // namespace luckyhub::sync
