#include "sync/fleet_tables.h"

#include <algorithm>
#include <atomic>
#include <ctime>
#include <exception>
#include <mutex>
#include <thread>

#include "core/calendar.h"
#include "core/error.h"
#include "core/log.h"
#include "sources/fleet.h"
#include "warehouse/unwritable.h"

namespace luckyhub::sync {
namespace {

constexpr unsigned kNoSuchTable = 1146;  // ER_NO_SUCH_TABLE

bool selected(const SyncOptions& options, const TableDef& table) {
  if (options.only.empty()) return true;
  for (const std::string& name : options.only) {
    if (name == table.qualified_name() || name == table.database) return true;
  }
  return false;
}

}  // namespace

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

std::map<const Instance*, std::vector<const TableDef*>> tables_by_instance(const Fleet& fleet,
                                                                          const SyncOptions& options,
                                                                          SyncResult& result) {
  std::map<const Instance*, std::vector<const TableDef*>> work;
  for (const TableDef& table : SchemaCatalog::builtin().tables()) {
    if (!selected(options, table)) continue;
    const Instance* instance = fleet.mysql_holding(table.database);
    if (instance == nullptr) {
      result.tables.push_back({{.table = table.qualified_name()},
                               "no mysql instance in " + fleet.path + " holds " + table.database});
      continue;
    }
    work[instance].push_back(&table);
  }
  return work;
}

namespace {

// What one instance's tables came to, merged into the SyncResult in the
// fleet's order once every instance is done.
struct InstanceRun {
  std::vector<TableOutcome> tables;
  std::optional<InstanceFailure> failure;
  std::optional<Meta> simulation;
};

// One instance's tables, in order, on one connection (reopened after a
// failure). Stops before the next table once `stop` is set (another
// instance met an unwritable warehouse).
void sync_instance(const Instance& instance, const std::vector<const TableDef*>& tables, const TableCopy& copy,
                   const std::atomic<bool>& stop, InstanceRun& run) {
  std::unique_ptr<MysqlConnection> source;
  std::map<std::string, bool> meta_read;
  // Set when connecting fails (a refused login, a server not reachable):
  // every table of the instance still to go fails with it, untried.
  std::string instance_error;
  int instance_tables = 0;
  for (const TableDef* table : tables) {
    if (stop) return;
    TableOutcome outcome{{.table = table->qualified_name()}, ""};
    if (!source && instance_error.empty()) {
      // A failed table may have broken the connection: the next one reconnects.
      try {
        source = std::make_unique<MysqlConnection>(
            instance, instance.reader,
            MysqlTimeouts{.read_s = instance.read_timeout_s, .write_s = instance.read_timeout_s});
      } catch (const Error& e) {
        instance_error = e.what();
      }
    }
    if (!instance_error.empty()) {
      outcome.error = instance_error;
      outcome.instance_failed = true;
      ++instance_tables;
      run.tables.push_back(std::move(outcome));
      continue;
    }
    try {
      if (!run.simulation && !meta_read[table->database]) {
        meta_read[table->database] = true;
        run.simulation = simulation_meta(*source, table->database);
      }
      outcome.result = copy(*source, instance, *table);
      outcome.result.table = table->qualified_name();
      log::info("sync: ", table->qualified_name(), ": ", outcome.result.mode, ", ", outcome.result.rows_copied,
                " rows",
                outcome.result.reconciled
                    ? ", reconciled (" + std::to_string(outcome.result.rows_deleted) + " deleted, " +
                          std::to_string(outcome.result.rows_missed) + " missed)"
                    : "");
    } catch (const WarehouseUnwritable& e) {
      // Every table after this one would fail the same way: stop the run.
      throw WarehouseUnwritable("sync stopped at " + table->qualified_name() + ": " + e.what() +
                                "; the warehouse keeps the tables committed before it, and the next sync resumes");
    } catch (const Error& e) {
      outcome.error = e.what();
      source.reset();
      log::error("sync: ", table->qualified_name(), " failed: ", e.what());
    }
    run.tables.push_back(std::move(outcome));
  }
  if (!instance_error.empty()) {
    // One line for the instance, not one per table.
    log::error("sync: ", instance_error, " (", instance_tables, instance_tables == 1 ? " table" : " tables",
               " not synced)");
    run.failure = InstanceFailure{instance.name, instance_error, instance_tables};
  }
}

}  // namespace

void for_each_table(const Fleet& fleet, const SyncOptions& options, SyncResult& result,
                    std::optional<Meta>& simulation, const TableCopy& copy) {
  const std::map<const Instance*, std::vector<const TableDef*>> work = tables_by_instance(fleet, options, result);
  std::vector<std::pair<const Instance*, const std::vector<const TableDef*>*>> instances;
  for (const auto& [instance, tables] : work) instances.emplace_back(instance, &tables);
  std::vector<InstanceRun> runs(instances.size());
  std::atomic<size_t> next{0};
  std::atomic<bool> stop{false};
  std::mutex error_mutex;
  std::exception_ptr unwritable;
  // At most `jobs` instances at once, each on its own thread and connection;
  // a thread takes the next instance when it is done with one.
  auto reader = [&] {
    for (size_t i = next++; i < instances.size() && !stop; i = next++) {
      try {
        sync_instance(*instances[i].first, *instances[i].second, copy, stop, runs[i]);
      } catch (const WarehouseUnwritable&) {
        std::lock_guard lock(error_mutex);
        if (!unwritable) unwritable = std::current_exception();
        stop = true;
      }
    }
  };
  const size_t threads = std::min<size_t>(static_cast<size_t>(std::max(options.jobs, 1)), instances.size());
  if (threads <= 1) {
    reader();
  } else {
    std::vector<std::thread> pool;
    for (size_t t = 0; t < threads; ++t) pool.emplace_back(reader);
    for (std::thread& t : pool) t.join();
  }
  if (unwritable) std::rethrow_exception(unwritable);
  // The fleet's order, whatever order the instances finished in.
  for (InstanceRun& run : runs) {
    for (TableOutcome& t : run.tables) result.tables.push_back(std::move(t));
    if (run.failure) result.instances_failed.push_back(std::move(*run.failure));
    if (!simulation && run.simulation) simulation = std::move(run.simulation);
  }
  for (const TableOutcome& t : result.tables) {
    result.rows_copied += t.result.rows_copied;
    result.rows_deleted += t.result.rows_deleted;
    result.failed += t.error.empty() ? 0 : 1;
  }
}

void record_meta(const std::function<void(const std::string& key, const std::string& value)>& set,
                 const std::optional<Meta>& simulation, const std::string& first_order, SyncResult& result) {
  if (simulation) {
    for (const char* key : {"as_of", "start", "seed", "scale"}) {
      if (const auto it = simulation->find(key); it != simulation->end()) set(key, it->second);
    }
    result.meta_source = "the simulation recorded in the sources";
  } else {
    set("as_of", Timestamp{std::time(nullptr)}.utc_date().str());
    if (!first_order.empty()) set("start", new_york_date(Timestamp::parse(first_order)).str());
    result.meta_source = "the sync date";
  }
  set("source", "sync");
  set("synced_at", Timestamp{std::time(nullptr)}.str());
}

}  // namespace luckyhub::sync
