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
#include "warehouse/tenant_profile.h"

namespace luckyhub::sync {
namespace {

constexpr unsigned kNoSuchTable = 1146;  // ER_NO_SUCH_TABLE

using Meta = std::map<std::string, std::string>;

// The simulation's meta (as_of, start, seed, scale) that simulate --fleet
// left in a database, or nothing (a real fleet has none).
std::optional<Meta> simulation_meta(MysqlConnection& source, const std::string& database) {
  try {
    const ResultSet r = source.query("SELECT meta_key, meta_value FROM " +
                                     MysqlConnection::quote_identifier(database) + "." +
                                     kSimulationMetaTable);
    Meta meta;
    for (size_t i = 0; i < r.size(); ++i) meta[r.text_at(i, 0)] = r.text_at(i, 1);
    return meta;
  } catch (const Error&) {
    if (source.last_errno() == kNoSuchTable) return std::nullopt;
    throw;
  }
}

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

bool selected(const SyncOptions& options, const TableDef& table) {
  if (options.only.empty()) return true;
  for (const std::string& name : options.only) {
    if (name == table.qualified_name() || name == table.database) return true;
  }
  return false;
}

}  // namespace

SyncResult sync(const SyncOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const Fleet fleet = load_fleet(options.fleet);
  std::unique_ptr<SqliteUpdater> warehouse = SqliteUpdater::open(options.warehouse);
  CheckpointStore checkpoints(*warehouse);
  // Sync changes rows without profiling their tenants: a recorded profile
  // would go stale, so it goes before any row changes (tenant-audit scans
  // instead; warehouse/tenant_profile.h).
  warehouse->begin();
  warehouse->execute("DELETE FROM _luckyhub_meta WHERE key = ?", {std::string(kTenantProfileMeta)});
  warehouse->commit();
  const SchemaCatalog& catalog = SchemaCatalog::builtin();
  SyncResult result;
  std::optional<Meta> simulation;
  bool any_full = false;

  // Instance by instance, so that one connection serves all its tables.
  std::map<const Instance*, std::vector<const TableDef*>> work;
  for (const TableDef& table : catalog.tables()) {
    if (!selected(options, table)) continue;
    const Instance* instance = fleet.mysql_holding(table.database);
    if (instance == nullptr) {
      result.tables.push_back({{.table = table.qualified_name()},
                               "no mysql instance in " + fleet.path + " holds " + table.database});
      continue;
    }
    work[instance].push_back(&table);
  }
  for (const auto& [instance, tables] : work) {
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
