// A stand-in for Amazon CloudWatch for tests: tests/support/cloudwatch_server.py
// over HTTPS with a self-signed certificate made here with the openssl CLI,
// checking every request's Signature Version 4 independently of libcurl and
// answering GetMetricData with the points given (docs/health.md "Host
// metrics"). Started on a free loopback port, stopped by its pid.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace luckyhub::testing {

class CloudWatchServer {
 public:
  static constexpr const char* kAccessKey = "AKIDLUCKYHUBTEST0001";
  static constexpr const char* kSecret = "tEsT/SeCrEt+never-logged-9f8e7d6c5b4a";
  static constexpr const char* kRegion = "us-east-1";

  // points[db instance id][metric name] = {(epoch seconds, value), …}
  using Points = std::map<std::string, std::map<std::string, std::vector<std::pair<int64_t, double>>>>;
  explicit CloudWatchServer(const Points& points);
  ~CloudWatchServer();  // SIGTERM, wait

  int port() const { return port_; }
  std::string endpoint() const { return "https://127.0.0.1:" + std::to_string(port_); }
  const std::string& ca_file() const { return cert_; }
  const std::string& dir() const { return dir_; }
  // The requests received, one JSON object a line ({"path", "headers", "body"}).
  std::string requests_log() const;
  // A `cloudwatch = { … }` for a fleet file that reaches this server with
  // credentials in the environment variables LUCKYHUB_TEST_AWS_KEY_ID and
  // LUCKYHUB_TEST_AWS_SECRET (set here to kAccessKey and `secret`).
  std::string fleet_entry(const std::string& db_instance_identifier, const std::string& secret = kSecret) const;

 private:
  std::string dir_, cert_, key_;
  int port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace luckyhub::testing
