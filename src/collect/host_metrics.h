// Host metrics (CPU, IOPS, memory, load) of the machine an instance runs on.
//
// A host reader is one more MetricSource: the Prometheus node exporter
// (`node_exporter = "host:port"` on an instance of the fleet file), or, for
// an RDS instance, Amazon CloudWatch (`cloudwatch = { … }`, cloudwatch.h),
// which reports the same metric names where it has them, so nothing
// downstream changes (docs/health.md, "Host metrics").
//
// The metrics a host reader reports, on the instance the host serves:
//   cpu_seconds_total{object=mode}   CPU seconds by mode, summed over CPUs
//   cpu_busy_ratio, cpu_iowait_ratio since the previous scrape (from the
//                                    second scrape on; none after a reset)
//   cpus                             CPUs counted
//   disk_reads_total, disk_writes_total  completed I/Os summed over devices
//                                    (the collector's deltas: IOPS)
//   memory_total_bytes, memory_available_bytes, memory_available_ratio
//   load1
// and, added by the wrapper that merges them into the database's scrape,
// host_up, host_scrape_duration_seconds and host_source{object = the reader:
// "node_exporter" or "cloudwatch"} = 1.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "collect/metric_source.h"
#include "collect/prometheus_text.h"

namespace luckyhub::collect {

// The host metrics (above, without the ratios) from a node exporter's samples.
std::vector<Sample> node_host_samples(const std::vector<PromSample>& samples);

// The busy and iowait shares of the CPU time between two readings of
// cpu_seconds_total by mode: busy is every mode but idle and iowait. None
// (false) without a previous reading, when the modes differ, when a counter
// went back (a reboot) or when no time passed.
struct CpuRatios {
  double busy = 0, iowait = 0;
};
bool cpu_ratios(const std::map<std::string, double>& previous, const std::map<std::string, double>& now,
                CpuRatios& out);

// GET http://host:port/path over a plain socket with a connect timeout and a
// deadline for the whole answer; returns the body of a 200 answer (chunked
// or not). Throws Error naming the URL.
std::string http_get(const Endpoint& endpoint, const std::string& path, int connect_timeout_s, int read_timeout_s);

// A node exporter's /metrics as host metrics; `label` names it in messages.
std::unique_ptr<MetricSource> make_node_exporter_source(const Endpoint& endpoint, std::string label);

// The host reader an instance lists (its node exporter or CloudWatch), or nullptr.
std::unique_ptr<MetricSource> make_host_source(const Instance& instance);

// `database`'s scrape with the host's samples appended, plus host_up,
// host_scrape_duration_seconds and host_source{source}: a host that does not answer leaves the
// database up (and its error is logged), a database that is down still gets
// its host's metrics.
std::unique_ptr<MetricSource> with_host_metrics(std::unique_ptr<MetricSource> database,
                                                std::unique_ptr<MetricSource> host, std::string source);

}  // namespace luckyhub::collect
