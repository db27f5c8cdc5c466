// What both syncs (into SQLite, sync.cc; into ClickHouse, generation_sync.cc)
// read from the fleet besides rows: which instance holds each table, and the
// simulation's meta that `simulate --fleet` left in the sources.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sources/fleet.h"
#include "sources/mysql_client.h"
#include "sync/sync.h"

namespace luckyhub::sync {

using Meta = std::map<std::string, std::string>;

// The simulation's meta (as_of, start, seed, scale) that simulate --fleet
// left in a database, or nothing (a real fleet has none).
std::optional<Meta> simulation_meta(MysqlConnection& source, const std::string& database);

// The catalog's tables that `options` selects, by the instance holding them,
// so that one connection serves all of an instance's tables. A table that no
// instance holds goes into `result` as failed.
std::map<const Instance*, std::vector<const TableDef*>> tables_by_instance(const Fleet& fleet,
                                                                          const SyncOptions& options,
                                                                          SyncResult& result);

using TableCopy =
    std::function<TableSyncResult(MysqlConnection& source, const Instance& instance, const TableDef& table)>;

// Runs `copy` on every selected table, one connection per instance (reopened
// after a failure), up to options.jobs instances at once, each on a thread of
// its own (so `copy` must be safe to call from several threads; an
// instance's tables go in order on one thread). Pushes each table's outcome
// into `result`, in the fleet's order: an Error a table throws fails that
// table only, but WarehouseUnwritable (a full disk, a read-only warehouse)
// stops the run: no instance starts another table, and it is rethrown
// naming the table. Reads the simulation's meta from the first database
// that has it into `simulation`; adds up rows and failures.
void for_each_table(const Fleet& fleet, const SyncOptions& options, SyncResult& result,
                    std::optional<Meta>& simulation, const TableCopy& copy);

// Records the meta the tools read through `set`. From a simulated fleet: the
// simulation's own as_of/start/seed/scale, so reports equal those of
// `simulate --warehouse`. From a real fleet: as_of is today (UTC) and start
// the New York day of first_order (the earliest order's create_time, if any).
void record_meta(const std::function<void(const std::string& key, const std::string& value)>& set,
                 const std::optional<Meta>& simulation, const std::string& first_order, SyncResult& result);

}  // namespace luckyhub::sync
