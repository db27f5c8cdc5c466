// The CloudWatch host reader against a local HTTPS stand-in that checks every
// request's Signature Version 4 on its own (tests/support/cloudwatch_server.py,
// itself checked against AWS's published test vectors first): the figures it
// serves become the host samples, a wrong secret is a clear 403 and no
// secret is ever in a message or a log line.
#include "collect/cloudwatch.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <fstream>

#include <nlohmann/json.hpp>

#include "collect/host_metrics.h"
#include "core/error.h"
#include "core/log.h"
#include "support/cloudwatch_fixture.h"
#include "support/shared_sim.h"

namespace luckyhub::testing {
namespace {

using collect::Sample;
using collect::Scrape;

int64_t now_s() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

double find(const Scrape& s, const std::string& metric, const std::string& object = "") {
  for (const Sample& x : s.samples) {
    if (x.metric == metric && x.object == object) return x.value;
  }
  return -1;
}

// What the stand-in serves for "luckin-replica-1": two points each, the newer
// one two minutes ago (the reader must keep the newer); no ReplicaLag for the
// primary "luckin-primary".
CloudWatchServer::Points points(int64_t now) {
  const int64_t older = now - now % 60 - 300, newer = now - now % 60 - 120;
  return {{"luckin-replica-1",
           {{"CPUUtilization", {{older, 12.0}, {newer, 42.5}}},
            {"ReadIOPS", {{older, 10.0}, {newer, 120.25}}},
            {"WriteIOPS", {{newer, 80.5}, {older, 3.0}}},
            {"DatabaseConnections", {{older, 30.0}, {newer, 37.0}}},
            {"FreeableMemory", {{newer, 2.5e9}}},
            {"FreeStorageSpace", {{newer, 1.2e11}}},
            {"ReplicaLag", {{older, 1.0}, {newer, 3.0}}}}},
          {"luckin-primary", {{"CPUUtilization", {{newer, 7.0}}}}},
          {"luckin-stale", {{"CPUUtilization", {{now - 7200, 50.0}}}}}};
}

Instance rds_instance(const CloudWatchServer& server, const std::string& db, const std::string& secret) {
  const std::string dir = temp_dir();
  std::ofstream(dir + "/fleet.toml") << "[[instance]]\nname = \"rds-replica\"\nkind = \"mysql\"\nhost = \"127.0.0.1\"\n"
                                     << "port = 1\nuser = \"ro\"\npassword_env = \"LUCKYHUB_TEST_AWS_SECRET\"\n"
                                     << server.fleet_entry(db, secret);
  return load_fleet(dir + "/fleet.toml").instances.at(0);
}

TEST(CloudWatchVerifier, PassesAwsSigV4TestSuite) {
  // The stand-in's own verifier on the get-vanilla family of AWS's suite, and
  // each vector with its signature altered, which it must reject.
  const std::string script = std::string(LUCKYHUB_SOURCE_DIR) + "/tests/support/cloudwatch_server.py";
  EXPECT_EQ(std::system(("/usr/bin/python3 '" + script + "' --self-test >/dev/null").c_str()), 0);
}

TEST(CloudWatch, RequestBodyAsksForEveryRdsMetricOfTheInstance) {
  const nlohmann::json body = nlohmann::json::parse(collect::get_metric_data_body("luckin-replica-1", 1'700'000'030));
  EXPECT_EQ(body["EndTime"], 1'700'000'040);  // the whole minute (…9'980), plus one
  EXPECT_EQ(body["StartTime"], 1'699'999'380);
  EXPECT_EQ(body["ScanBy"], "TimestampDescending");
  ASSERT_EQ(body["MetricDataQueries"].size(), 7u);
  for (const auto& q : body["MetricDataQueries"]) {
    EXPECT_EQ(q["MetricStat"]["Metric"]["Namespace"], "AWS/RDS");
    EXPECT_EQ(q["MetricStat"]["Metric"]["Dimensions"][0]["Value"], "luckin-replica-1");
    EXPECT_EQ(q["MetricStat"]["Period"], 60);
  }
}

TEST(CloudWatch, AwsErrorAnswersGiveTheirReason) {
  EXPECT_EQ(collect::aws_error_reason(R"({"__type":"com.amazon.coral.service#InvalidSignatureException","message":"no"})"),
            "InvalidSignatureException: no");
  EXPECT_EQ(collect::aws_error_reason("<html>gateway</html>"), "<html>gateway</html>");
  EXPECT_THROW(collect::rds_samples(R"({"Messages": []})"), Error);
}

TEST(CloudWatch, FiguresFromTheServerBecomeHostSamples) {
  const int64_t now = now_s();
  CloudWatchServer server(points(now));
  const Instance in = rds_instance(server, "luckin-replica-1", CloudWatchServer::kSecret);
  auto source = collect::make_cloudwatch_source(in);
  const Scrape s = source->scrape({.connect_timeout_s = 2, .read_timeout_s = 5});
  ASSERT_TRUE(s.up) << s.error;
  EXPECT_DOUBLE_EQ(find(s, "cpu_busy_ratio"), 42.5 / 100);
  EXPECT_DOUBLE_EQ(find(s, "disk_reads_per_second"), 120.25);
  EXPECT_DOUBLE_EQ(find(s, "disk_writes_per_second"), 80.5);
  EXPECT_DOUBLE_EQ(find(s, "database_connections"), 37);
  EXPECT_DOUBLE_EQ(find(s, "memory_available_bytes"), 2.5e9);
  EXPECT_DOUBLE_EQ(find(s, "storage_free_bytes"), 1.2e11);
  EXPECT_DOUBLE_EQ(find(s, "replica_lag_seconds"), 3);

  // What reached the server: one signed JSON-protocol POST, the target and
  // the payload under the signature, the secret nowhere.
  const std::string log = server.requests_log();
  const nlohmann::json request = nlohmann::json::parse(log.substr(0, log.find('\n')));
  std::map<std::string, std::string> headers;
  for (const auto& h : request["headers"]) {
    std::string name = h[0];
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    headers[name] = h[1];
  }
  EXPECT_EQ(headers["x-amz-target"], "GraniteServiceVersion20100801.GetMetricData");
  EXPECT_EQ(headers["content-type"], "application/x-amz-json-1.0");
  EXPECT_NE(headers["authorization"].find("Credential=" + std::string(CloudWatchServer::kAccessKey) +
                                          "/"), std::string::npos);
  EXPECT_NE(headers["authorization"].find("/us-east-1/monitoring/aws4_request"), std::string::npos);
  EXPECT_NE(headers["authorization"].find("x-amz-target"), std::string::npos) << headers["authorization"];
  EXPECT_EQ(log.find(CloudWatchServer::kSecret), std::string::npos);

  // A primary has no ReplicaLag: no sample, rather than a zero.
  const Scrape primary = collect::make_cloudwatch_source(rds_instance(server, "luckin-primary", CloudWatchServer::kSecret))
                             ->scrape({.connect_timeout_s = 2, .read_timeout_s = 5});
  ASSERT_TRUE(primary.up) << primary.error;
  EXPECT_DOUBLE_EQ(find(primary, "cpu_busy_ratio"), 0.07);
  EXPECT_EQ(find(primary, "replica_lag_seconds"), -1);
}

TEST(CloudWatch, NoRecentCpuPointIsDownNamingTheIdentifier) {
  CloudWatchServer server(points(now_s()));
  for (const std::string db : {"luckin-stale", "luckin-unknown"}) {
    const Scrape s = collect::make_cloudwatch_source(rds_instance(server, db, CloudWatchServer::kSecret))
                         ->scrape({.connect_timeout_s = 2, .read_timeout_s = 5});
    EXPECT_FALSE(s.up);
    EXPECT_NE(s.error.find("no CPUUtilization point"), std::string::npos) << s.error;
    EXPECT_NE(s.error.find(db), std::string::npos) << s.error;
  }
}

TEST(CloudWatch, WrongSecretIsAClear403AndNoSecretIsShown) {
  CloudWatchServer server(points(now_s()));
  const std::string wrong = "wRoNg/SeCrEt+also-never-logged-0a1b2c3d";
  const Instance in = rds_instance(server, "luckin-replica-1", wrong);
  // Through the wrapper that merges host samples: it logs the host's failure.
  class DownDatabase : public collect::MetricSource {
   public:
    Scrape scrape(const collect::ScrapeRequest&) override { return Scrape{.error = "db down"}; }
  };
  auto source = collect::with_host_metrics(std::make_unique<DownDatabase>(), collect::make_cloudwatch_source(in),
                                           "cloudwatch");
  const log::Level was = log::level();
  log::set_level(log::Level::kDebug);
  ::testing::internal::CaptureStderr();
  const Scrape s = source->scrape({.connect_timeout_s = 2, .read_timeout_s = 5});
  const std::string logged = ::testing::internal::GetCapturedStderr();
  log::set_level(was);
  EXPECT_EQ(find(s, "host_up"), 0);
  EXPECT_EQ(find(s, "cpu_busy_ratio"), -1);
  EXPECT_NE(logged.find("GetMetricData answered 403: InvalidSignatureException"), std::string::npos) << logged;
  EXPECT_NE(logged.find("env LUCKYHUB_TEST_AWS_SECRET"), std::string::npos) << logged;  // the reference, not the value
  EXPECT_NE(logged.find("rds-replica's CloudWatch metrics (luckin-replica-1 in us-east-1)"), std::string::npos);
  for (const std::string& text : {logged, s.error, server.requests_log()}) {
    EXPECT_EQ(text.find(wrong), std::string::npos);
    EXPECT_EQ(text.find(CloudWatchServer::kSecret), std::string::npos);
  }
}

TEST(CloudWatch, AnUntrustedCertificateIsRefused) {
  CloudWatchServer server(points(now_s()));
  Instance in = rds_instance(server, "luckin-replica-1", CloudWatchServer::kSecret);
  in.cloudwatch->ca_file.clear();  // the system's CAs do not know the test's certificate
  const Scrape s = collect::make_cloudwatch_source(in)->scrape({.connect_timeout_s = 2, .read_timeout_s = 5});
  EXPECT_FALSE(s.up);
  EXPECT_NE(s.error.find("https://127.0.0.1:" + std::to_string(server.port())), std::string::npos) << s.error;
  EXPECT_EQ(server.requests_log(), "");  // nothing signed was sent
}

}  // namespace
}  // namespace luckyhub::testing
