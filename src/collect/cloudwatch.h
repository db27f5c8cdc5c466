// Host metrics of an RDS instance from Amazon CloudWatch: on RDS no node
// exporter can run, so an instance of the fleet file with
// `cloudwatch = { region, db_instance_identifier, … }` gets its host reader
// here, and its samples land under the names the node exporter's do
// (host_metrics.h): history, /metrics, the instance page and alert rules
// need no change.
//
// One scrape is one GetMetricData call over HTTPS in CloudWatch's JSON
// protocol (POST /, Content-Type application/x-amz-json-1.0, X-Amz-Target
// GraniteServiceVersion20100801.GetMetricData), signed with Signature
// Version 4 by libcurl (CURLOPT_AWS_SIGV4, "aws:amz:REGION:monitoring"). It
// asks for the last 10 minutes of 1-minute averages, newest first, of the
// metrics in kRdsMetrics and keeps each one's newest point.
//
// Secrets: the secret access key (and a session token) go to libcurl only;
// no message, log line or sample holds them. Not thread-safe (one source,
// one worker), as every MetricSource.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "collect/metric_source.h"

namespace luckyhub::collect {

// An AWS/RDS metric and the sample it becomes (value / divisor).
struct RdsMetric {
  const char* id;       // the query's Id in GetMetricData (lower case, as the API wants)
  const char* name;     // CloudWatch's MetricName
  const char* sample;   // luckyhub's metric name
  double divisor;
};

// CPUUtilization (percent) becomes cpu_busy_ratio (/ 100); ReadIOPS and
// WriteIOPS are already per second (disk_reads_per_second, …_writes_…);
// FreeableMemory is memory_available_bytes; the rest keep their meaning under
// their own names (database_connections, storage_free_bytes,
// replica_lag_seconds, …).
extern const std::vector<RdsMetric> kRdsMetrics;

inline constexpr int kCloudWatchPeriodS = 60;
inline constexpr int kCloudWatchWindowS = 600;

// The GetMetricData request body (JSON) for the instance at `now_s`.
std::string get_metric_data_body(const std::string& db_instance_identifier, int64_t now_s);

// The newest point of each result as a sample (kRdsMetrics' names and
// divisors); a result without points gives none. Throws Error on a body that is
// not a GetMetricData answer.
std::vector<Sample> rds_samples(const std::string& body);

// The reason in an AWS error answer ({"__type": "…#InvalidSignatureException",
// "message": "…"}): "InvalidSignatureException: …", or the body's start.
std::string aws_error_reason(const std::string& body);

// The instance's CloudWatch reader (instance.cloudwatch must be set).
std::unique_ptr<MetricSource> make_cloudwatch_source(const Instance& instance);

}  // namespace luckyhub::collect
