#include "sync/sync.h"

#include <chrono>
#include <ctime>
#include <map>
#include <memory>
#include <optional>

#include "core/calendar.h"
#include "core/error.h"
#include "core/log.h"
#include "sources/fleet.h"
#include "sources/fleet.h"
#include "sources/mysql_client.h"
#include "sync/fleet_tables.h"
#include "sync/generation_sync.h"

namespace luckyhub::sync {
namespace {

void write_meta(WarehouseUpdater& warehouse, const std::optional<Meta>& simulation, SyncResult& result) {
  std::string first_order;
  if (!simulation && warehouse.has_table("sales_order__t_order")) {
    const ResultSet first = warehouse.query("SELECT MIN(create_time) FROM sales_order__t_order");
    if (!first.empty() && !first.is_null(0, 0)) first_order = first.text_at(0, 0);
  }
  warehouse.begin();
  record_meta([&](const std::string& key, const std::string& value) { warehouse.set_meta(key, value); },
              simulation, first_order, result);
  warehouse.commit();
}

}  // namespace

SyncResult sync(const SyncOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const Fleet fleet = load_fleet(options.fleet);
  if (!updates_in_place(options.warehouse)) return sync_generation(options, fleet);
  std::unique_ptr<WarehouseUpdater> warehouse = open_updater(options.warehouse, /*copy_when_new=*/true);
  CheckpointStore checkpoints(*warehouse);
  SyncResult result;
  std::optional<Meta> simulation;
  bool any_full = false;

  for_each_table(fleet, options, result, simulation,
                 [&](MysqlConnection& source, const Instance& instance, const TableDef& table) {
                   TableSyncResult r = sync_table(source, instance.name, *warehouse, checkpoints, table, options.table);
                   any_full = any_full || r.mode != "incremental";
                   return r;
                 });
  write_meta(*warehouse, simulation, result);
  // After full copies the planner needs statistics (simulate's warehouse has them too).
  warehouse->finish(/*analyze=*/any_full);
  result.bytes_written = warehouse->bytes_written();
  // Closing folds the rest of the WAL into the file: part of the run's time.
  warehouse.reset();
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace luckyhub::sync
