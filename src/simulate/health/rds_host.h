// The demo fleet's RDS instance: pg-reporting-1 stands for an RDS for
// PostgreSQL read replica whose host metrics come from Amazon CloudWatch
// (collect/cloudwatch.h), so the instance page shows that source. Its
// history is what the CloudWatch reader would have stored — the same names,
// daily for 90 days, hourly for the last 3, the latest scrape — made
// deterministic (no random draws: the rest of the simulation is unchanged).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace luckyhub::sim {

inline constexpr const char* kRdsInstance = "pg-reporting-1";
inline constexpr const char* kRdsIdentifier = "luckin-reporting-replica";

struct HostPoint {
  std::string metric, object;
  int64_t step = 0, ts = 0;
  double value = 0;
};

// The CloudWatch host samples of kRdsInstance up to `now` (unix seconds):
// cpu_busy_ratio, disk_reads_per_second, disk_writes_per_second,
// memory_available_bytes, storage_free_bytes, database_connections,
// replica_lag_seconds, and at `now` host_up, host_scrape_duration_seconds and
// host_source{cloudwatch}. The value at `now` of each is latest_value().
std::vector<HostPoint> rds_host_history(int64_t now, int days, int hours);
double rds_latest_value(const std::string& metric);

}  // namespace luckyhub::sim
