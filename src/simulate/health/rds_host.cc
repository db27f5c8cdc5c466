#include "simulate/health/rds_host.h"

#include <cmath>

#include "health/schema.h"

namespace luckyhub::sim {
namespace {

constexpr double kGiB = 1024.0 * 1024 * 1024;

// A day's level of each metric (d days before now) and its daily swing.
double level(const std::string& metric, double d) {
  if (metric == "cpu_busy_ratio") return 0.38 + 0.0008 * (90 - d);           // slowly busier
  if (metric == "disk_reads_per_second") return 420 + 0.9 * (90 - d);
  if (metric == "disk_writes_per_second") return 135 + 0.3 * (90 - d);
  if (metric == "memory_available_bytes") return 5.2 * kGiB - 0.004 * kGiB * (90 - d);
  if (metric == "storage_free_bytes") return 180 * kGiB - 0.35 * kGiB * (90 - d);  // 0.35 GiB a day used
  if (metric == "database_connections") return 22 + 0.05 * (90 - d);
  return 1.5;                                                                   // replica_lag_seconds
}

const char* const kMetrics[] = {"cpu_busy_ratio",    "disk_reads_per_second", "disk_writes_per_second",
                                "memory_available_bytes", "storage_free_bytes", "database_connections",
                                "replica_lag_seconds"};

// The value h hours before now: the level, with a daily cycle for the load.
double at_hour(const std::string& metric, double h) {
  const double cycle = metric == "storage_free_bytes" || metric == "memory_available_bytes" ? 0 : 0.2;
  const double v = level(metric, h / 24) * (1 + cycle * std::sin(2 * M_PI * (24 - std::fmod(h, 24)) / 24));
  return metric == "database_connections" ? std::round(v) : v;
}

}  // namespace

double rds_latest_value(const std::string& metric) { return at_hour(metric, 0); }

std::vector<HostPoint> rds_host_history(int64_t now, int days, int hours) {
  std::vector<HostPoint> out;
  for (const char* metric : kMetrics) {
    for (int d = days; d >= 1; --d) out.push_back({metric, "", health::kDayStep, now - d * health::kDayStep, level(metric, d)});
    for (int h = hours; h >= 1; --h) out.push_back({metric, "", health::kHourStep, now - h * health::kHourStep, at_hour(metric, h)});
    out.push_back({metric, "", health::kRawStep, now, rds_latest_value(metric)});
  }
  out.push_back({"host_up", "", health::kRawStep, now, 1});
  out.push_back({"host_scrape_duration_seconds", "", health::kRawStep, now, 0.21});
  out.push_back({"host_source", "cloudwatch", health::kRawStep, now, 1});
  return out;
}

}  // namespace luckyhub::sim
