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
#include "sources/fleet_loader.h"
#include "sources/mysql_client.h"
#include "sync/fleet_tables.h"
#include "sync/generation_sync.h"
#include "warehouse/clickhouse/clickhouse_location.h"
#include "warehouse/tenant_profile.h"

namespace luckyhub::sync {
namespace {

// Records the meta the tools read. From a simulated fleet: the simulation's
// own as_of/start/seed/scale, so reports equal those of `simulate
// --warehouse`. From a real fleet: as_of is today (UTC) and start the first
// day with orders.
void write_meta(SqliteUpdater& warehouse, const std::optional<Meta>& simulation, SyncResult& result) {
  warehouse.begin();
  if (simulation) {
    for (const char* key : {"as_of", "start", "seed", "scale"}) {
      auto it = simulation->find(key);
      if (it != simulation->end()) warehouse.set_meta(key, it->second);
    }
    result.meta_source = "the simulation recorded in the sources";
  } else {
    const Timestamp now{std::time(nullptr)};
    warehouse.set_meta("as_of", now.utc_date().str());
    if (warehouse.has_table("sales_order__t_order")) {
      const ResultSet first = warehouse.query("SELECT MIN(create_time) FROM sales_order__t_order");
      if (!first.empty() && !first.is_null(0, 0)) {
        warehouse.set_meta("start", new_york_date(Timestamp::parse(first.text_at(0, 0))).str());
      }
    }
    result.meta_source = "the sync date";
  }
  warehouse.set_meta("source", "sync");
  warehouse.set_meta("synced_at", Timestamp{std::time(nullptr)}.str());
  warehouse.commit();
}

}  // namespace

SyncResult sync(const SyncOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const Fleet fleet = load_fleet(options.fleet);
  if (clickhouse::is_clickhouse_location(options.warehouse)) return sync_generation(options, fleet);
  std::unique_ptr<SqliteUpdater> warehouse = SqliteUpdater::open(options.warehouse);
  CheckpointStore checkpoints(*warehouse);
  // Sync changes rows without profiling their tenants: a recorded profile
  // would go stale, so it goes before any row changes (tenant-audit scans
  // instead; warehouse/tenant_profile.h).
  warehouse->begin();
  warehouse->execute("DELETE FROM _luckyhub_meta WHERE key = ?", {std::string(kTenantProfileMeta)});
  warehouse->commit();
  SyncResult result;
  std::optional<Meta> simulation;
  bool any_full = false;

  for (const auto& [instance, tables] : tables_by_instance(fleet, options, result)) {
    std::unique_ptr<MysqlConnection> source;
    std::string connect_error;
    std::map<std::string, bool> meta_read;
    for (const TableDef* table : tables) {
      TableOutcome outcome{{.table = table->qualified_name()}, ""};
      try {
        // A failed table may have broken the connection: the next one reconnects.
        if (!source) source = std::make_unique<MysqlConnection>(*instance, instance->reader);
        if (!simulation && !meta_read[table->database]) {
          meta_read[table->database] = true;
          simulation = simulation_meta(*source, table->database);
        }
        outcome.result = sync_table(*source, instance->name, *warehouse, checkpoints, *table, options.table);
        any_full = any_full || outcome.result.mode != "incremental";
        log::info("sync: ", table->qualified_name(), ": ", outcome.result.mode, ", ",
                  outcome.result.rows_copied, " rows",
                  outcome.result.reconciled
                      ? ", reconciled (" + std::to_string(outcome.result.rows_deleted) + " deleted, " +
                            std::to_string(outcome.result.rows_missed) + " missed)"
                      : "");
      } catch (const Error& e) {
        outcome.error = e.what();
        source.reset();
        log::error("sync: ", table->qualified_name(), " failed: ", e.what());
      }
      result.tables.push_back(std::move(outcome));
    }
  }
  for (const TableOutcome& t : result.tables) {
    result.rows_copied += t.result.rows_copied;
    result.rows_deleted += t.result.rows_deleted;
    result.failed += t.error.empty() ? 0 : 1;
  }
  write_meta(*warehouse, simulation, result);
  // After full copies the planner needs statistics (simulate's warehouse has them too).
  if (any_full) warehouse->analyze();
  result.bytes_written = warehouse->bytes_written();
  // Closing folds the rest of the WAL into the file: part of the run's time.
  warehouse.reset();
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace luckyhub::sync
