// What both syncs (into SQLite, sync.cc; into ClickHouse, generation_sync.cc)
// read from the fleet besides rows: which instance holds each table, and the
// simulation's meta that `simulate --fleet` left in the sources.
#pragma once

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

}  // namespace luckyhub::sync
