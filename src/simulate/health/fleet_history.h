// The simulated database fleet of the demo: 143 instances (62 MySQL, 78
// Redis, 3 PostgreSQL) with 90 days of metric history in the health tables
// (health/schema.h), as `luckyhub collect` would have kept it: daily
// averages for 90 days, hourly ones for the last 3 days (Redis used memory:
// 14 days), the latest raw
// scrape, a processlist snapshot, and an alert timeline made by replaying the
// default alert rules through the alert state machine day by day.
//
// The 15 luckyus_* databases sit on the first 15 MySQL servers, their table
// sizes from the rows this simulation wrote. Every instance stays well inside
// every default rule except the planted conditions, which go to the manifest:
//   fleet_fast_growing_table   a table grown ~40% in the last week
//   fleet_connections_near_max a MySQL server at ~92% of max_connections
//   fleet_redis_memory_high    a Redis instance at ~91% of maxmemory
//   fleet_auto_increment_near_limit  an INT key at ~87% of its range
//   fleet_tables_failed        a MySQL server whose last table statistics timed out
//   fleet_cloudwatch_host      an RDS instance whose host metrics are CloudWatch's (rds_host.h)
//   redis_over_provisioned     a 16 GiB Redis instance holding ~5%
//   redis_unused               a Redis instance at ~0 ops/s for 90 days
//   redis_under_provisioned    the Redis instance at ~91% (the memory rule's)
//   redis_memory_anomaly       a Redis instance leaking +30% over its last 30 hours
//   redis_memory_daily_cycle   one with a +/-30% daily cycle (not an anomaly)
// The other Redis instances sit at 45-75% of maxmemory (right-sized). The
// Redis instances' keyspace summary is redis_keyspace_summary.h's.
// Targets are marked simulated, which the report says.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "simulate/context.h"

namespace luckyhub::sim {

// Writes the health tables through `writer`. REQUIRES: a warehouse writer
// (not the fleet loader); `rows` is rows written per qualified source table.
void generate_fleet_health(SimContext& ctx, WarehouseWriter& writer, const std::map<std::string, uint64_t>& rows);

}  // namespace luckyhub::sim
