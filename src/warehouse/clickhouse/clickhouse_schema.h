// How a source table is laid out in ClickHouse: column types, the MergeTree
// table's partitioning and ordering keys, and the sharding key of its
// Distributed table on a cluster. Shared by the writer (which creates tables)
// and the reader (which checks that a warehouse's tables are what it expects).
//
// Types keep SQLite's meanings so that the same SQL gives the same numbers:
// integers and DECIMALs (scaled, cents for money) are Int64, DOUBLE Float64,
// text and JSON String, DATE Date, DATETIME DateTime('UTC'); a column that
// may be NULL in the source is Nullable.
#pragma once

#include <string>
#include <vector>

#include "warehouse/schema.h"

namespace luckyhub::clickhouse {

std::string column_type(const ColumnDef& column);

// "(name Type, ...)"
std::string column_list_sql(const TableDef& table);

// "ENGINE = MergeTree [PARTITION BY ...] ORDER BY (...)". Ordered by store and
// time first where the table has them (the tools filter and group by them),
// then its primary key; partitioned by month of a non-NULL time column.
std::string merge_tree_engine_sql(const TableDef& table);

// The Distributed table's sharding key: the store (shop_id) where the table
// has one, else its primary key (see docs/clickhouse.md for why any key is
// correct for the tools' aggregations).
std::string sharding_key_sql(const TableDef& table);

}  // namespace luckyhub::clickhouse
