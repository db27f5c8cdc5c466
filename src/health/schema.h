// The warehouse tables of the Database Health Monitor (tool 1), written by
// `luckyhub collect` (and by `luckyhub simulate` for the demo fleet) and read
// by the IT tools (fleet-health, redis-console) and /metrics. Described in
// the same MySQL DDL subset as schema/ and parsed by the same parser, so both
// writers create the same layout. docs/health.md and docs/redis-console.md
// document every table.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "warehouse/schema.h"
#include "warehouse/warehouse.h"

namespace luckyhub::health {

// The tables: health__targets, health__samples, health__latest, health__objects,
// health__events, health__alerts, health__sessions, health__long_queries, and
// the keyspace analyses' health__keyspace_scans, health__keyspace,
// health__redis_keys, health__redis_policy, and the Redis topology
// health__redis_topology.
// health::table("samples") is one of them; an unknown name throws Error.
const SchemaCatalog& schema();
const TableDef& table(const char* name);

// Sample resolutions (health__samples.step, seconds): raw scrapes, then the
// hourly and daily averages that downsampling keeps for months.
inline constexpr int64_t kRawStep = 0;
inline constexpr int64_t kHourStep = 3600;
inline constexpr int64_t kDayStep = 86400;

// A table's statistics (table_data_bytes, table_index_bytes, table_rows,
// table_bytes, auto_increment_used_ratio): stored in health__samples only
// when they change, so a reader holds the last stored sample as current
// until a newer one (docs/health.md, "Storage").
bool is_table_statistic(std::string_view metric);
// How far back a reader looks for that last stored sample: the hourly
// averages' retention (a change older than that has left the history).
inline constexpr int64_t kTableLookbackS = 90 * 86400;

// A column added to a health table after warehouses were collected without
// it. The collector adds it to such a table (ALTER TABLE, the old rows taking
// `old_value`); a report on a warehouse no collector has opened since reads
// `old_value` in its place (column_or_old_value).
struct AddedColumn {
  const char* table;      // "health__targets"
  const char* column;     // "auth_failed"
  const char* ddl;        // the SQLite column definition, DEFAULT old_value
  const char* old_value;  // an SQL literal: what the old rows meant
};
std::span<const AddedColumn> added_columns();

// An SQL expression for the column: "column" (or "alias.column") where
// `table` has it, else its old value ("0"); the caller names it (AS).
std::string column_or_old_value(Warehouse& warehouse, const std::string& table, const std::string& column,
                                const std::string& alias = "");

}  // namespace luckyhub::health
