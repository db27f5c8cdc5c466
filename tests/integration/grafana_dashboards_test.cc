// A real run of the collector over one server of each type — the test
// fleet's MariaDB with a node exporter, a Redis, and a PostgreSQL standing for
// an RDS instance whose host metrics come from the CloudWatch stand-in
// (tests/support/cloudwatch_server.py, which checks every SigV4 signature) —
// then luckyhub's /metrics: the CloudWatch figures reach the warehouse, the
// exposition and fleet-health's page, no secret is shown, and every metric
// the Grafana dashboards of deploy/grafana/dashboards/ query is one /metrics
// exports.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "alerts/rules.h"
#include "collect/collector.h"
#include "health/prometheus.h"
#include "integration/fleet_harness.h"
#include "integration/health_servers.h"
#include "report/render.h"
#include "support/cloudwatch_fixture.h"
#include "support/shared_sim.h"
#include "tools/registry.h"
#include "warehouse/warehouse.h"

namespace luckyhub::testing {
namespace {

using nlohmann::json;

constexpr const char* kRds = "luckin-pg-replica";

class RealRun : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(temp_dir());  // PostgresServer opens its parent to the postgres user
    exporter_ = new NodeExporter();
    redis_ = new RedisServer(*dir_ + "/redis", 4 << 20);
    pg_ = new PostgresServer(*dir_ + "/pg", "luckyhub_mon");
    const int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch()).count();
    const int64_t minute = now - now % 60 - 60;
    cloudwatch_ = new CloudWatchServer({{kRds,
                                         {{"CPUUtilization", {{minute - 60, 20.0}, {minute, 61.5}}},
                                          {"ReadIOPS", {{minute, 250.0}}},
                                          {"WriteIOPS", {{minute, 95.5}}},
                                          {"DatabaseConnections", {{minute, 14.0}}},
                                          {"FreeableMemory", {{minute, 3.0e9}}},
                                          {"FreeStorageSpace", {{minute, 5.5e10}}},
                                          {"ReplicaLag", {{minute, 2.5}}}}}});
    const TestFleet& f = test_fleet();
    load_pristine_sources();  // the luckyus_* tables: sizes and AUTO_INCREMENT keys to read
    const Instance* mysql = f.fleet.mysql_instances().at(0);
    auto secret = [&](const std::string& name, const std::string& value) {
      const std::string path = *dir_ + "/" + name;
      std::ofstream(path) << value;
      ::chmod(path.c_str(), 0600);
      return path;
    };
    std::ofstream(*dir_ + "/fleet.toml")
        << "[[instance]]\nname = \"db-host\"\nkind = \"mysql\"\nhost = \"127.0.0.1\"\nport = " << mysql->port
        << "\nuser = \"luckyhub_ro\"\npassword_file = \"" << f.dir << "/secrets\"\nnode_exporter = \"127.0.0.1:"
        << exporter_->port() << "\"\n\n"
        << "[[instance]]\nname = \"cache\"\nkind = \"redis\"\nhost = \"127.0.0.1\"\nport = " << redis_->port()
        << "\nuser = \"default\"\npassword_file = \"" << secret("redis.pw", redis_->password()) << "\"\n\n"
        << "[[instance]]\nname = \"rds-pg\"\nkind = \"postgres\"\nhost = \"127.0.0.1\"\nport = " << pg_->port()
        << "\nuser = \"luckyhub_mon\"\npassword_file = \"" << secret("pg.pw", pg_->password()) << "\"\n"
        << cloudwatch_->fleet_entry(kRds);
    // A key, and hits and misses between the cycles (the keyspace hit ratio).
    redis("SET luckyhub:probe 1");
    collect::CollectOptions o;
    o.fleet = *dir_ + "/fleet.toml";
    o.warehouse = *dir_ + "/health.db";
    o.connect_timeout_s = 2;
    o.read_timeout_s = 5;
    const Fleet fleet = load_fleet(o.fleet);
    ::testing::internal::CaptureStderr();
    {
      collect::Collector collector(fleet, alerts::RuleSet::defaults(), o);
      first_ = collector.run_cycle(now - 60, true);
      std::this_thread::sleep_for(std::chrono::milliseconds(1100));
      redis("GET luckyhub:probe");
      redis("GET luckyhub:absent");
      second_ = collector.run_cycle(now, true);
    }
    log_ = new std::string(::testing::internal::GetCapturedStderr());
  }

  static void TearDownTestSuite() {
    delete cloudwatch_;
    delete pg_;
    delete redis_;
    delete exporter_;
    delete log_;
  }

  static void redis(const std::string& command) {
    const std::string cmd = "REDISCLI_AUTH='" + redis_->password() + "' redis-cli -p " + std::to_string(redis_->port()) +
                            " " + command + " >/dev/null 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << command;
  }

  static std::string* dir_;
  static std::string* log_;
  static NodeExporter* exporter_;
  static RedisServer* redis_;
  static PostgresServer* pg_;
  static CloudWatchServer* cloudwatch_;
  static collect::CycleReport first_, second_;
};

std::string* RealRun::dir_ = nullptr;
std::string* RealRun::log_ = nullptr;
NodeExporter* RealRun::exporter_ = nullptr;
RedisServer* RealRun::redis_ = nullptr;
PostgresServer* RealRun::pg_ = nullptr;
CloudWatchServer* RealRun::cloudwatch_ = nullptr;
collect::CycleReport RealRun::first_, RealRun::second_;

TEST_F(RealRun, CloudWatchFiguresReachTheWarehouseMetricsAndThePage) {
  EXPECT_EQ(second_.up, 3) << *log_;
  auto wh = open_warehouse(*dir_ + "/health.db");
  auto latest = [&](const std::string& metric, const std::string& object = "") {
    const ResultSet r = wh->query("SELECT value FROM health__latest WHERE instance = 'rds-pg' AND metric = ? AND object = ?",
                                  {metric, object});
    return r.size() == 1 ? r.double_at(0, 0) : -1.0;
  };
  EXPECT_DOUBLE_EQ(latest("host_up"), 1);
  EXPECT_DOUBLE_EQ(latest("host_source", "cloudwatch"), 1);
  EXPECT_DOUBLE_EQ(latest("cpu_busy_ratio"), 0.615);
  EXPECT_DOUBLE_EQ(latest("disk_reads_per_second"), 250);
  EXPECT_DOUBLE_EQ(latest("disk_writes_per_second"), 95.5);
  EXPECT_DOUBLE_EQ(latest("database_connections"), 14);
  EXPECT_DOUBLE_EQ(latest("memory_available_bytes"), 3.0e9);
  EXPECT_DOUBLE_EQ(latest("storage_free_bytes"), 5.5e10);
  EXPECT_DOUBLE_EQ(latest("replica_lag_seconds"), 2.5);
  EXPECT_GE(latest("connections"), 1);  // the database's own figures beside them

  const std::string metrics = health::prometheus_metrics(*wh);
  const std::string cpu_line = "luckyhub_cpu_busy_ratio{instance=\"rds-pg\",kind=\"postgres\"} ";
  const size_t cpu_at = metrics.find(cpu_line);
  ASSERT_NE(cpu_at, std::string::npos) << metrics;
  EXPECT_DOUBLE_EQ(std::stod(metrics.substr(cpu_at + cpu_line.size())), 0.615);
  EXPECT_NE(metrics.find("luckyhub_host_source{instance=\"rds-pg\",kind=\"postgres\",object=\"cloudwatch\"} 1"),
            std::string::npos);
  EXPECT_NE(metrics.find("luckyhub_host_source{instance=\"db-host\",kind=\"mysql\",object=\"node_exporter\"} 1"),
            std::string::npos);

  // The instance's page: the source, the CPU tile and the RDS tiles and trends.
  const Report page = run_tool(ToolRegistry::instance().get("fleet-health"), *wh, {{"instance", "rds-pg"}});
  std::map<std::string, Cell> tiles;
  for (const KpiTile& k : page.panels.front().kpis) tiles[k.id] = k.value;
  EXPECT_EQ(std::get<std::string>(tiles["host_source"]), "Amazon CloudWatch");
  EXPECT_DOUBLE_EQ(std::get<double>(tiles["host_cpu"]), 0.615);
  EXPECT_DOUBLE_EQ(std::get<double>(tiles["storage_free"]), 5.5e10);
  EXPECT_DOUBLE_EQ(std::get<double>(tiles["replica_lag"]), 2.5);
  EXPECT_EQ(std::get<int64_t>(tiles["db_connections"]), 14);
  std::set<std::string> ids;
  for (const Panel& p : page.panels) ids.insert(p.id);
  for (const char* id : {"host_trend", "iops_trend", "rds_trend"}) EXPECT_TRUE(ids.count(id)) << id;
  const Report node_page = run_tool(ToolRegistry::instance().get("fleet-health"), *wh, {{"instance", "db-host"}});
  std::string node_source;
  for (const KpiTile& k : node_page.panels.front().kpis) {
    if (k.id == "host_source") node_source = std::get<std::string>(k.value);
  }
  EXPECT_EQ(node_source, "node exporter");

  // The secret: not in the log, the exposition, the report or the warehouse's text.
  for (const std::string& text : {*log_, metrics, render_json(page)}) {
    EXPECT_EQ(text.find(CloudWatchServer::kSecret), std::string::npos);
  }
}

// The metric names a PromQL expression reads: identifiers that are not
// functions (followed by "("), label names or values (inside {…} or
// by/without (…) lists), keywords, numbers or durations.
std::set<std::string> metric_names(std::string expr) {
  expr = std::regex_replace(expr, std::regex("\"([^\"\\\\]|\\\\.)*\""), " ");     // string literals
  expr = std::regex_replace(expr, std::regex("\\{[^}]*\\}"), " ");                 // label matchers
  expr = std::regex_replace(expr, std::regex("\\[[^\\]]*\\]"), " ");               // range selectors
  expr = std::regex_replace(expr, std::regex("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)"), " ");
  static const std::set<std::string> kKeywords = {"and", "or", "unless", "offset", "bool", "by", "without", "on",
                                                  "ignoring", "group_left", "group_right", "inf", "nan"};
  std::set<std::string> out;
  const std::regex ident("[a-zA-Z_:][a-zA-Z0-9_:]*(\\s*\\()?");
  for (auto it = std::sregex_iterator(expr.begin(), expr.end(), ident); it != std::sregex_iterator(); ++it) {
    const std::string token = (*it)[0];
    if (token.back() == '(') continue;  // a function or an aggregation
    if (it->position() > 0 && (std::isdigit(static_cast<unsigned char>(expr[it->position() - 1])) ||
                               expr[it->position() - 1] == '$')) {
      continue;  // 5m, 1e3, $instance
    }
    if (!kKeywords.count(token)) out.insert(token);
  }
  return out;
}

// Every "expr" of a target and every templating "query" of a dashboard.
void queries_of(const json& node, std::vector<std::string>& out) {
  if (node.is_object()) {
    for (const auto& [key, value] : node.items()) {
      if ((key == "expr" || key == "query") && value.is_string()) out.push_back(value.get<std::string>());
      queries_of(value, out);
    }
  } else if (node.is_array()) {
    for (const json& v : node) queries_of(v, out);
  }
}

TEST(PromqlMetricNames, AreTheIdentifiersThatAreNotFunctionsOrLabels) {
  EXPECT_EQ(metric_names("topk(10, luckyhub_table_bytes{kind=\"mysql\", instance=~\"$instance\"})"),
            (std::set<std::string>{"luckyhub_table_bytes"}));
  EXPECT_EQ(metric_names("sum by (instance) (rate(a_total[5m])) / on(instance) b or vector(0)"),
            (std::set<std::string>{"a_total", "b"}));
  EXPECT_EQ(metric_names("label_values(luckyhub_up{kind=~\"$kind\"}, instance)"),
            (std::set<std::string>{"luckyhub_up", "instance"}));  // label_values' label: checked below
}

TEST_F(RealRun, EveryDashboardQueryNamesAMetricThatMetricsExports) {
  auto wh = open_warehouse(*dir_ + "/health.db");
  const std::string exposition = health::prometheus_metrics(*wh);
  std::set<std::string> exported;  // every name /metrics declares with # TYPE
  std::istringstream lines(exposition);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("# TYPE ", 0) == 0) exported.insert(line.substr(7, line.find(' ', 7) - 7));
  }
  ASSERT_GT(exported.size(), 30u) << exposition;
  static const std::set<std::string> kLabels = {"instance", "kind", "object"};
  const std::string dir = std::string(LUCKYHUB_SOURCE_DIR) + "/deploy/grafana/dashboards";
  std::set<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(dir)) files.insert(e.path().filename().string());
  EXPECT_EQ(files, (std::set<std::string>{"fleet-overview.json", "host.json", "mysql.json", "postgres.json",
                                          "redis.json"}));
  for (const std::string& file : files) {
    std::ifstream in(dir + "/" + file);
    const json dashboard = json::parse(in);
    EXPECT_FALSE(dashboard.value("uid", "").empty()) << file;
    std::vector<std::string> queries;
    queries_of(dashboard, queries);
    size_t names = 0;
    for (const std::string& q : queries) {
      if (q == "prometheus") continue;  // the datasource variable's type
      for (const std::string& name : metric_names(q)) {
        if (q.rfind("label_values(", 0) == 0 && kLabels.count(name)) continue;
        ++names;
        EXPECT_TRUE(exported.count(name)) << file << ": " << name << " in " << q << " is not exported by /metrics";
      }
    }
    EXPECT_GT(names, 5u) << file;
  }
}

}  // namespace
}  // namespace luckyhub::testing
