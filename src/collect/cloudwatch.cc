#include "collect/cloudwatch.h"

#include <curl/curl.h>

#include <chrono>
#include <cmath>
#include <map>
#include <mutex>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace luckyhub::collect {

const std::vector<RdsMetric> kRdsMetrics = {
    {"cpu", "CPUUtilization", "cpu_busy_ratio", 100},
    {"read_iops", "ReadIOPS", "disk_reads_per_second", 1},
    {"write_iops", "WriteIOPS", "disk_writes_per_second", 1},
    {"connections", "DatabaseConnections", "database_connections", 1},
    {"freeable_memory", "FreeableMemory", "memory_available_bytes", 1},
    {"free_storage", "FreeStorageSpace", "storage_free_bytes", 1},
    {"replica_lag", "ReplicaLag", "replica_lag_seconds", 1},
};

namespace {

constexpr size_t kMaxBody = 4u << 20;  // 7 metrics × 10 points answer in ~2 KiB
constexpr const char* kTarget = "GraniteServiceVersion20100801.GetMetricData";

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct ListDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

size_t append_body(char* data, size_t size, size_t count, void* user) {
  auto* body = static_cast<std::string*>(user);
  if (body->size() + size * count > kMaxBody) return 0;  // libcurl then fails the transfer
  body->append(data, size * count);
  return size * count;
}

class CloudWatchSource : public MetricSource {
 public:
  explicit CloudWatchSource(const Instance& instance)
      : target_(*instance.cloudwatch),
        label_(instance.name + "'s CloudWatch metrics (" + target_.db_instance_identifier + " in " + target_.region +
               ")") {}

  Scrape scrape(const ScrapeRequest& request) override {
    return timed_scrape(
        [&](Scrape& s) {
          const int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                                  std::chrono::system_clock::now().time_since_epoch()).count();
          const std::string body = post(get_metric_data_body(target_.db_instance_identifier, now), request);
          try {
            s.samples = rds_samples(body);
          } catch (const Error& e) {
            throw Error(label_ + ": " + e.what());
          }
          bool cpu = false;
          for (const Sample& x : s.samples) cpu = cpu || x.metric == "cpu_busy_ratio";
          if (!cpu) {
            throw Error(label_ + ": no CPUUtilization point in the last " + std::to_string(kCloudWatchWindowS / 60) +
                        " minutes (is db_instance_identifier right?)");
          }
        },
        [] {});
  }

 private:
  // POSTs the body, signed; the answer's body when 200, else Error naming the
  // source and AWS's reason (never a credential).
  std::string post(const std::string& payload, const ScrapeRequest& request) {
    static std::once_flag init;
    std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
    if (!curl) throw Error(label_ + ": cannot start libcurl");
    CURL* c = curl.get();
    char errbuf[CURL_ERROR_SIZE] = {0};
    const std::string url = target_.endpoint + "/";
    const std::string sigv4 = "aws:amz:" + target_.region + ":monitoring";
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https");
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, static_cast<long>(request.connect_timeout_s));
    curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(request.connect_timeout_s + request.read_timeout_s));
    if (!target_.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, target_.ca_file.c_str());
    curl_easy_setopt(c, CURLOPT_AWS_SIGV4, sigv4.c_str());
    curl_easy_setopt(c, CURLOPT_USERNAME, target_.access_key_id.value().c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, target_.secret_access_key.value().c_str());
    std::unique_ptr<curl_slist, ListDeleter> headers;
    // Signed by libcurl with host and x-amz-date. (No "Expect:" override: libcurl would sign the
    // header it then leaves out; a body of ~2 KiB gets no Expect anyway.)
    for (const std::string& h : {std::string("Content-Type: application/x-amz-json-1.0"),
                                 std::string("X-Amz-Target: ") + kTarget}) {
      headers.reset(curl_slist_append(headers.release(), h.c_str()));
    }
    if (!target_.session_token.empty()) {
      const std::string token = "X-Amz-Security-Token: " + target_.session_token.value();
      headers.reset(curl_slist_append(headers.release(), token.c_str()));
    }
    if (!headers) throw Error(label_ + ": out of memory");
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, payload.c_str());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(payload.size()));
    std::string body;
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, append_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
    const CURLcode rc = curl_easy_perform(c);
    if (rc != CURLE_OK) {
      throw Error(label_ + ": " + url + ": " + (errbuf[0] ? errbuf : curl_easy_strerror(rc)));
    }
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    if (status != 200) {
      std::string reason = aws_error_reason(body);
      if (status == 403) reason += " (check the access key and secret the fleet file references: " +
                                   target_.access_key_ref + ", " + target_.secret_ref + ")";
      throw Error(label_ + ": GetMetricData answered " + std::to_string(status) + ": " + reason);
    }
    return body;
  }

  CloudWatchTarget target_;
  std::string label_;
};

}  // namespace

std::string get_metric_data_body(const std::string& db_instance_identifier, int64_t now_s) {
  // Whole minutes: CloudWatch rounds StartTime down to the minute anyway.
  const int64_t end = now_s - now_s % 60;
  nlohmann::json queries = nlohmann::json::array();
  for (const RdsMetric& m : kRdsMetrics) {
    queries.push_back({{"Id", m.id},
                       {"MetricStat",
                        {{"Metric",
                          {{"Namespace", "AWS/RDS"},
                           {"MetricName", m.name},
                           {"Dimensions", {{{"Name", "DBInstanceIdentifier"}, {"Value", db_instance_identifier}}}}}},
                         {"Period", kCloudWatchPeriodS},
                         {"Stat", "Average"}}},
                       {"ReturnData", true}});
  }
  const nlohmann::json body = {{"MetricDataQueries", queries},
                               {"StartTime", end - kCloudWatchWindowS},
                               {"EndTime", end + 60},
                               {"ScanBy", "TimestampDescending"}};
  return body.dump();
}

std::vector<Sample> rds_samples(const std::string& body) {
  std::map<std::string, const RdsMetric*> by_id;
  for (const RdsMetric& m : kRdsMetrics) by_id[m.id] = &m;
  std::vector<Sample> out;
  try {
    const nlohmann::json answer = nlohmann::json::parse(body);
    for (const nlohmann::json& r : answer.at("MetricDataResults")) {
      const auto it = by_id.find(r.at("Id").get<std::string>());
      if (it == by_id.end()) continue;
      const nlohmann::json& times = r.at("Timestamps");
      const nlohmann::json& values = r.at("Values");
      if (times.size() != values.size()) throw Error("result " + it->first + " has unequal Timestamps and Values");
      // The newest point, whatever order the answer is in.
      size_t newest = values.size();
      for (size_t i = 0; i < values.size(); ++i) {
        if (newest == values.size() || times[i].get<double>() > times[newest].get<double>()) newest = i;
      }
      if (newest == values.size()) continue;
      const double v = values[newest].get<double>();
      if (std::isfinite(v)) out.push_back({it->second->sample, "", v / it->second->divisor});
    }
  } catch (const nlohmann::json::exception& e) {
    throw Error(std::string("not a GetMetricData answer: ") + e.what());
  }
  return out;
}

std::string aws_error_reason(const std::string& body) {
  try {
    const nlohmann::json e = nlohmann::json::parse(body);
    std::string type = e.value("__type", "");
    if (const size_t hash = type.rfind('#'); hash != std::string::npos) type = type.substr(hash + 1);
    const std::string message = e.contains("message") ? e.value("message", "") : e.value("Message", "");
    if (!type.empty() || !message.empty()) return type + (type.empty() || message.empty() ? "" : ": ") + message;
  } catch (const nlohmann::json::exception&) {
  }
  return body.substr(0, 200);
}

std::unique_ptr<MetricSource> make_cloudwatch_source(const Instance& instance) {
  if (!instance.cloudwatch) throw Error("instance " + instance.label() + " has no cloudwatch");
  return std::make_unique<CloudWatchSource>(instance);
}

}  // namespace luckyhub::collect
