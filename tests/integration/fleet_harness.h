// The real MariaDB fleet the integration tests run against: two servers and
// a redis-server (cache1) started by scripts/fleet-up --redis (the CTest fixture fleet_up does it once per
// run; run by hand, the first test starts them and fleet_down is yours),
// loaded with a small simulation, and the helpers to compare what sync wrote
// with the sources and with `simulate --warehouse`.
#pragma once

#include <string>
#include <vector>

#include "sources/fleet.h"
#include "sources/mysql_client.h"
#include "warehouse/warehouse.h"

namespace luckyhub::testing {

struct TestFleet {
  std::string dir;
  std::string fleet_file;
  Fleet fleet;
};

inline constexpr double kFleetScale = 0.005;
inline constexpr uint64_t kFleetSeed = 11;

// Starts the servers when they are not running; returns the fleet.
const TestFleet& test_fleet();

// Makes the sources hold exactly `simulate --fleet` at kFleetScale/kFleetSeed
// (reloading them when a test changed them since).
void load_pristine_sources();
// The manifest of the last load_pristine_sources' simulation.
std::string fleet_truth_path();
// Says the sources are about to be changed (the next load_pristine_sources reloads).
void mark_sources_changed();

// `simulate --warehouse` at the same scale and seed, built once.
const std::string& reference_warehouse();

// A connection as the loader account (which may write) to the instance holding `database`.
std::unique_ptr<MysqlConnection> loader_connection(const std::string& database);

// Every row of a table, ordered by id, in the warehouse's types: from a
// warehouse, or from the fleet's sources (converted as sync converts).
std::vector<std::vector<SqlValue>> warehouse_rows(Warehouse& warehouse, const TableDef& table);
std::vector<std::vector<SqlValue>> source_rows(const TableDef& table);

// "" when equal, else the first difference, for a test message.
std::string first_difference(const std::vector<std::vector<SqlValue>>& expected,
                             const std::vector<std::vector<SqlValue>>& actual);

// A report's JSON with its deletions_reconciled taken out into `reconciled`
// ("" when null): a synced warehouse's is the sync's own time, where
// `simulate --warehouse` records its as-of; everything else must be equal.
std::string without_deletions_reconciled(const std::string& report_json, std::string& reconciled);

// A loopback port where nothing listens (bound, read, closed): a server that is down.
int closed_port();

// Every table of the catalog holds the same rows in both warehouses (gtest expectations).
void expect_same_tables(const std::string& expected_path, const std::string& actual_path);

// Writes a fleet file at `path`: the test fleet's MySQL servers as the
// read-only account, and `gone`, a MySQL instance at a closed_port().
void write_fleet_with_a_dead_instance(const std::string& path);

}  // namespace luckyhub::testing
