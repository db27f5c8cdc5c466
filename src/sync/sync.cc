#include "sync/sync.h"

#include <chrono>
#include <ctime>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>

#include "core/calendar.h"
#include "core/error.h"
#include "core/log.h"
#include "sources/fleet.h"
#include "sources/mysql_client.h"
#include "sync/fleet_tables.h"
#include "sync/generation_sync.h"
#include "sync/shared_updater.h"

namespace luckyhub::sync {
namespace {

// The meta the tools read. as_of and the rest only after a run in which no
// instance failed: a warehouse missing a whole server's tables, or a
// failed run into an existing one, must not look loaded (or newer). The
// time up to which deletions are reconciled is the checkpoints' own, true
// whatever failed.
void write_meta(WarehouseUpdater& warehouse, CheckpointStore& checkpoints, const std::optional<Meta>& simulation,
                SyncResult& result) {
  std::string first_order;
  if (!simulation && warehouse.has_table("sales_order__t_order")) {
    const ResultSet first = warehouse.query("SELECT MIN(create_time) FROM sales_order__t_order");
    if (!first.empty() && !first.is_null(0, 0)) first_order = first.text_at(0, 0);
  }
  result.deletions_reconciled = checkpoints.oldest_reconciliation();
  warehouse.begin();
  if (!result.deletions_reconciled.empty()) warehouse.set_meta("deletions_reconciled", result.deletions_reconciled);
  if (result.instances_failed.empty()) {
    record_meta([&](const std::string& key, const std::string& value) { warehouse.set_meta(key, value); },
                simulation, first_order, result);
  } else {
    result.meta_source = "nothing: an instance failed, the as-of is left as it was";
  }
  warehouse.commit();
}

void remove_warehouse_file(const std::string& file) {
  std::error_code ignored;
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) std::filesystem::remove(file + suffix, ignored);
}

}  // namespace

SyncResult sync(const SyncOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const Fleet fleet = load_fleet(options.fleet);
  if (!updates_in_place(options.warehouse)) return sync_generation(options, fleet);
  const bool existed = std::filesystem::exists(options.warehouse);
  std::unique_ptr<WarehouseUpdater> warehouse = open_updater(options.warehouse, /*copy_when_new=*/true);
  CheckpointStore checkpoints(*warehouse);
  SyncResult result;
  std::optional<Meta> simulation;
  {
    // The instances' readers write through sessions of one shared
    // transaction (shared_updater.h); each table keeps its own checkpoint.
    SharedUpdater shared(*warehouse, options.table.chunk_rows);
    for_each_table(fleet, options, result, simulation,
                   [&](MysqlConnection& source, const Instance& instance, const TableDef& table) {
                     std::unique_ptr<WarehouseUpdater> session = shared.session();
                     CheckpointStore table_checkpoints(*session, CheckpointStore::TableExists{});
                     return sync_table(source, instance.name, *session, table_checkpoints, table, options.table);
                   });
    shared.close();
  }
  bool any_full = false;
  for (const TableOutcome& t : result.tables) any_full = any_full || (t.error.empty() && t.result.mode != "incremental");
  const bool none_synced = result.failed == static_cast<int>(result.tables.size());
  if (none_synced && !existed) {
    // Nothing to keep: no file is better than one that looks like a warehouse.
    warehouse.reset();
    remove_warehouse_file(options.warehouse);
    result.warehouse_removed = true;
    result.meta_source = "nothing: no table synced, and the new warehouse was removed";
  } else if (none_synced) {
    result.meta_source = "nothing: no table synced, the warehouse is as it was";
    warehouse->finish(/*analyze=*/false);
  } else {
    write_meta(*warehouse, checkpoints, simulation, result);
    // After full copies the planner needs statistics (simulate's warehouse has them too).
    warehouse->finish(/*analyze=*/any_full);
  }
  if (warehouse) result.bytes_written = warehouse->bytes_written();
  // Closing folds the rest of the WAL into the file: part of the run's time.
  warehouse.reset();
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace luckyhub::sync
