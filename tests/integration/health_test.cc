// The Database Health Monitor against real servers: the two MariaDB servers
// of the integration fleet, four redis-server and one PostgreSQL started here
// (once for the suite). Planted conditions are detected — a table grown past
// the growth rule, connections held past 80% of a low max_connections, Redis
// filled past 85% of maxmemory, a new table (discovery), an AUTO_INCREMENT
// near its limit — a wedged and then killed server is marked down while the
// others complete, and recovers; firing alerts reach a webhook on loopback;
// passwords never appear in logs or /metrics; a refused login is its own
// state and alert, and servers without authentication are monitored.
#include <arpa/inet.h>
#include <hiredis/hiredis.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "alerts/routing_silences.h"
#include "collect/collector.h"
#include "core/error.h"
#include "core/log.h"
#include "health/history.h"
#include "health/prometheus.h"
#include "integration/fleet_harness.h"
#include "integration/health_servers.h"
#include "support/http_recorder.h"
#include "support/panel_columns.h"
#include "support/shared_sim.h"
#include "tools/registry.h"

namespace luckyhub::testing {
namespace {

constexpr const char* kProbeDb = "luckyus_healthprobe";  // the reader may see luckyus_* only
constexpr int64_t kRedisMaxMemory = 4 << 20;

std::string root_sql(int server, const std::string& sql) {
  const std::string sock = test_fleet().dir + "/s" + std::to_string(server) + "/mysqld.sock";
  const std::string file = temp_dir() + "/stmt.sql";
  std::ofstream(file) << sql << "\n";
  const std::string out = temp_dir() + "/out";
  const std::string cmd = "mariadb --no-defaults -N --socket=" + sock + " -uroot < " + file + " > " + out + " 2>&1";
  if (std::system(cmd.c_str()) != 0) {
    std::ifstream in(out);
    throw std::runtime_error("root sql failed: " + sql + ": " + std::string(std::istreambuf_iterator<char>(in), {}));
  }
  return "";
}

class HealthIntegration : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(temp_dir());
    for (int i = 0; i < 4; ++i) redis_.push_back(std::make_unique<RedisServer>(*dir_ + "/redis" + std::to_string(i), kRedisMaxMemory));
    pg_ = new PostgresServer(*dir_ + "/pg", "luckyhub_mon");
    sink_ = new testing::HttpRecorder();
    const TestFleet& f = test_fleet();
    for (int s = 1; s <= 2; ++s) {
      // The grants docs/health.md asks for: sessions of every user, and
      // InnoDB's own table statistics (collect/mysql_tables.h).
      root_sql(s, "GRANT PROCESS ON *.* TO luckyhub_ro@'%'; GRANT SELECT ON mysql.innodb_table_stats TO luckyhub_ro@'%';"
                  "DROP DATABASE IF EXISTS " + std::string(kProbeDb) + ";");
    }
    root_sql(1, "CREATE DATABASE " + std::string(kProbeDb) + "; CREATE TABLE " + kProbeDb +
                    ".t_growth (id INT AUTO_INCREMENT PRIMARY KEY, pad VARCHAR(255)) ENGINE=InnoDB;");
    // The fleet file: the MariaDB servers as the read-only account, the
    // others with passwords in owner-only files.
    std::ofstream out(*dir_ + "/fleet.toml");
    for (const Instance& in : f.fleet.instances) {
      if (in.kind != InstanceKind::kMysql) continue;  // the fleet's own redis-server is not watched here
      out << "[[instance]]\nname = \"" << in.name << "\"\nkind = \"mysql\"\nhost = \"127.0.0.1\"\nport = " << in.port
          << "\nuser = \"luckyhub_ro\"\npassword_file = \"" << f.dir << "/secrets\"\n\n";
      passwords_.push_back(in.reader.password.value());
    }
    for (size_t i = 0; i < redis_.size(); ++i) {
      const std::string secret = *dir_ + "/redis" + std::to_string(i) + ".secret";
      std::ofstream(secret) << redis_[i]->password();
      std::filesystem::permissions(secret, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
      out << "[[instance]]\nname = \"cache" << i << "\"\nkind = \"redis\"\nhost = \"127.0.0.1\"\nport = "
          << redis_[i]->port() << "\nuser = \"default\"\npassword_file = \"" << secret << "\"\n\n";
      passwords_.push_back(redis_[i]->password());
    }
    const std::string pg_secret = *dir_ + "/pg.secret";
    std::ofstream(pg_secret) << pg_->password();
    std::filesystem::permissions(pg_secret, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    out << "[[instance]]\nname = \"pg1\"\nkind = \"postgres\"\nhost = \"127.0.0.1\"\nport = " << pg_->port()
        << "\nuser = \"luckyhub_mon\"\npassword_file = \"" << pg_secret << "\"\n";
    passwords_.push_back(pg_->password());
    out.close();
    // Test rules: the defaults' thresholds, no waiting, every table judged.
    std::ofstream(*dir_ + "/rules.toml") << R"([[rule]]
name = "InstanceDown"
kind = "instance_down"
severity = "critical"
[[rule]]
name = "ConnectionsNearMax"
kind = "connections"
threshold = 0.8
[[rule]]
name = "RedisMemoryHigh"
kind = "redis_memory"
threshold = 0.85
[[rule]]
name = "TableGrowthWeekOverWeek"
kind = "table_growth"
threshold = 0.2
min_bytes = 0
[[rule]]
name = "AutoIncrementNearLimit"
kind = "auto_increment"
threshold = 0.8
severity = "critical"
[[webhook]]
url = ")" + sink_->url("/hook") + "\"\n";
  }

  static void TearDownTestSuite() {
    for (int s = 1; s <= 2; ++s) {
      root_sql(s, "DROP DATABASE IF EXISTS " + std::string(kProbeDb) + "; SET GLOBAL max_connections = 151;");
    }
    redis_.clear();
    delete pg_;
    delete sink_;
  }

  static collect::CollectOptions options() {
    collect::CollectOptions o;
    o.fleet = *dir_ + "/fleet.toml";
    o.warehouse = *dir_ + "/health.db";
    o.rules = *dir_ + "/rules.toml";
    o.connect_timeout_s = 2;
    o.read_timeout_s = 2;
    return o;
  }

  static std::string* dir_;
  static std::vector<std::unique_ptr<RedisServer>> redis_;
  static PostgresServer* pg_;
  static testing::HttpRecorder* sink_;
  static std::vector<std::string> passwords_;
};

std::string* HealthIntegration::dir_ = nullptr;
std::vector<std::unique_ptr<RedisServer>> HealthIntegration::redis_;
PostgresServer* HealthIntegration::pg_ = nullptr;
testing::HttpRecorder* HealthIntegration::sink_ = nullptr;
std::vector<std::string> HealthIntegration::passwords_;

// The server page's tile of the table statistics.
const KpiTile& table_statistics_tile(const Report& page) {
  for (const KpiTile& k : page.panel("server")->kpis) {
    if (k.id == "table_statistics") return k;
  }
  throw std::runtime_error("no table_statistics tile on the server page");
}

// The firing alerts, of one instance or all.
std::set<std::string> firing(const collect::Collector& c, const std::string& instance = "") {
  std::set<std::string> out;
  for (const auto& [key, a] : c.tracker().alerts()) {
    if (a.state == alerts::AlertState::kFiring && (instance.empty() || key.instance == instance)) out.insert(key.rule + " " + key.instance + (key.object.empty() ? "" : " " + key.object));
  }
  return out;
}

void fill_redis(int port, const std::string& password, double target_ratio) {
  redisContext* c = redisConnect("127.0.0.1", port);
  ASSERT_TRUE(c && !c->err);
  freeReplyObject(redisCommand(c, "AUTH %s", password.c_str()));
  const std::string value(1024, 'x');
  for (int i = 0; i < 100000; ++i) {
    if (i % 64 == 0) {
      auto* info = static_cast<redisReply*>(redisCommand(c, "INFO memory"));
      const std::string text = info->str;
      freeReplyObject(info);
      const double used = std::stod(text.substr(text.find("used_memory:") + 12));
      if (used > target_ratio * kRedisMaxMemory) break;
    }
    freeReplyObject(redisCommand(c, "SET key:%d %b", i, value.data(), value.size()));
  }
  redisFree(c);
}

TEST_F(HealthIntegration, DetectsPlantedConditionsAndDiscovery) {
  const Fleet fleet = load_fleet(options().fleet);
  const alerts::RuleSet rules = alerts::RuleSet::load(options().rules);
  collect::Collector collector(fleet, rules, options());
  const int64_t t0 = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch()).count();

  // The growth table a week ago: 200 rows; now many more.
  root_sql(1, "USE " + std::string(kProbeDb) + "; INSERT INTO t_growth (pad) SELECT REPEAT('a', 200) FROM seq_1_to_200;"
              "ANALYZE TABLE " + kProbeDb + ".t_growth;");
  collect::CycleReport week_ago = collector.run_cycle(t0 - 7 * 86400, true);
  EXPECT_EQ(week_ago.up, 7);
  EXPECT_TRUE(firing(collector).empty());

  // Plant: growth, a new table with a SMALLINT key near its end, held connections, a full Redis.
  root_sql(1, "USE " + std::string(kProbeDb) + "; INSERT INTO t_growth (pad) SELECT REPEAT('b', 200) FROM seq_1_to_20000;"
              "ANALYZE TABLE " + kProbeDb + ".t_growth;"
              "CREATE TABLE " + kProbeDb + ".t_key (id SMALLINT AUTO_INCREMENT PRIMARY KEY, v INT) AUTO_INCREMENT=30000;");
  root_sql(2, "SET GLOBAL max_connections = 10;");
  std::vector<std::unique_ptr<MysqlConnection>> held;
  const Instance& db2 = fleet.instances[1];
  for (int i = 0; i < 8; ++i) held.push_back(std::make_unique<MysqlConnection>(db2, db2.reader));
  fill_redis(redis_[1]->port(), redis_[1]->password(), 0.9);

  const collect::CycleReport now = collector.run_cycle(t0, true);
  EXPECT_EQ(now.up, 7);
  const std::string db1 = fleet.instances[0].name, db2_name = db2.name;
  EXPECT_EQ(firing(collector),
            (std::set<std::string>{"TableGrowthWeekOverWeek " + db1 + " " + kProbeDb + ".t_growth",
                                   "AutoIncrementNearLimit " + db1 + " " + kProbeDb + ".t_key",
                                   "ConnectionsNearMax " + db2_name, "RedisMemoryHigh cache1"}));
  held.clear();
  root_sql(2, "SET GLOBAL max_connections = 151;");

  auto wh = open_warehouse(options().warehouse);
  const ResultSet discovered = wh->query(
      "SELECT instance, object FROM health__events WHERE kind = 'new_table' ORDER BY object");
  ASSERT_EQ(discovered.size(), 1u);
  EXPECT_EQ(discovered.text_at(0, 0), db1);
  EXPECT_EQ(discovered.text_at(0, 1), std::string(kProbeDb) + ".t_key");
  EXPECT_EQ(wh->query("SELECT COUNT(*) FROM health__events WHERE kind = 'instance_added'").int_at(0, 0), 7);
  // Every kind's metrics arrived.
  auto latest = [&](const std::string& instance, const std::string& metric) {
    return wh->query("SELECT value FROM health__latest WHERE instance = ? AND metric = ? AND object = ''", {instance, metric});
  };
  EXPECT_GT(latest("cache1", "memory_used_ratio").double_at(0, 0), 0.85);
  EXPECT_EQ(latest("cache1", "maxmemory_bytes").int_at(0, 0), kRedisMaxMemory);
  EXPECT_GE(latest("pg1", "connections").int_at(0, 0), 1);
  EXPECT_EQ(latest("pg1", "max_connections").int_at(0, 0), 20);
  EXPECT_GE(latest(db2_name, "connections").int_at(0, 0), 9);
  EXPECT_EQ(latest(db2_name, "max_connections").int_at(0, 0), 10);
  // The webhook got the firing alerts in Alertmanager's format.
  std::string delivered;
  for (const std::string& body : sink_->bodies()) delivered += body + "\n";
  EXPECT_NE(delivered.find("\"alertname\":\"RedisMemoryHigh\""), std::string::npos) << delivered;
  EXPECT_NE(delivered.find("\"status\":\"firing\""), std::string::npos);
}

TEST_F(HealthIntegration, AWedgedThenKilledServerIsDownWhileTheOthersComplete) {
  const Fleet fleet = load_fleet(options().fleet);
  const alerts::RuleSet rules = alerts::RuleSet::load(options().rules);
  collect::CollectOptions o = options();
  o.warehouse = *dir_ + "/down.db";
  collect::Collector collector(fleet, rules, o);
  int64_t t = 1800000000;
  EXPECT_EQ(collector.run_cycle(t, false).up, 7);
  redis_[3]->pause();  // answers nothing: the read timeout, not a hang
  const auto started = std::chrono::steady_clock::now();
  const collect::CycleReport wedged = collector.run_cycle(t += 60, false);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  EXPECT_EQ(wedged.up, 6);
  // Without the timeout the cycle waits as long as the server is paused
  // (forever); the margin is wide for a busy 2-core CI machine.
  EXPECT_LT(seconds, o.read_timeout_s + 10);
  EXPECT_EQ(firing(collector, "cache3"), std::set<std::string>{"InstanceDown cache3"});
  redis_[3]->resume();
  redis_[3]->stop();  // killed
  EXPECT_EQ(collector.run_cycle(t += 60, false).up, 6);
  redis_[3]->start();
  EXPECT_EQ(collector.run_cycle(t += 60, false).up, 7);
  EXPECT_TRUE(firing(collector, "cache3").empty());
  auto wh = open_warehouse(o.warehouse);
  const ResultSet e = wh->query("SELECT kind FROM health__events WHERE instance = 'cache3' AND kind IN ('down', 'up', "
                                "'alert_firing', 'alert_resolved') ORDER BY ts, rowid");
  std::vector<std::string> kinds;
  for (size_t i = 0; i < e.size(); ++i) kinds.push_back(e.text_at(i, 0));
  EXPECT_EQ(kinds, (std::vector<std::string>{"down", "alert_firing", "up", "alert_resolved"}));
  const std::vector<health::TargetInfo> targets = health::load_targets(*wh);
  for (const auto& target : targets) EXPECT_TRUE(target.up) << target.instance;
}

// `collect --routing`: the collector routes its alerts to the routing file's
// receiver; a silence in the warehouse holds cache3's InstanceDown back until
// it is expired; a resolved notice follows when the server answers again.
TEST_F(HealthIntegration, RoutesAlertsHonoursASilenceAndSendsResolved) {
  testing::HttpRecorder it;
  const std::string routing = *dir_ + "/routing.toml";
  std::ofstream(routing) << "[route]\nreceiver = \"it\"\ngroup_by = [\"alertname\", \"instance\"]\ngroup_wait = \"0s\"\n"
                            "group_interval = \"0s\"\n[[receiver]]\nname = \"it\"\nwebhook_url = \""
                         << it.url("/hook") << "\"\n";
  const Fleet fleet = load_fleet(options().fleet);
  const alerts::RuleSet rules = alerts::RuleSet::load(options().rules);
  collect::CollectOptions o = options();
  o.warehouse = *dir_ + "/routed.db";
  o.routing = routing;
  collect::Collector collector(fleet, rules, o);
  // cache3's notices so far: "firing" / "resolved" per notice.
  auto cache3 = [&] {
    std::vector<std::string> out;
    for (const std::string& body : it.bodies()) {
      const nlohmann::json j = nlohmann::json::parse(body);
      EXPECT_EQ(j["receiver"], "it");
      for (const auto& a : j["alerts"])
        if (a["labels"]["instance"] == "cache3" && a["labels"]["alertname"] == "InstanceDown") {
          EXPECT_EQ(a["labels"]["department"], "it");
          out.push_back(a["status"].get<std::string>());
        }
    }
    return out;
  };
  int64_t t = 1800000000;
  EXPECT_EQ(collector.run_cycle(t, false).up, 7);
  const auto wh = open_warehouse(o.warehouse);
  const alerts::Silence silence = alerts::create_silence(
      *wh,
      alerts::parse_silence(R"({"matchers": ["alertname=InstanceDown", "instance=cache3"], "duration": "1h",
                                "created_by": "ops", "comment": "maintenance"})", t),
      t);
  redis_[3]->pause();
  EXPECT_EQ(collector.run_cycle(t += 60, false).up, 6);
  EXPECT_EQ(firing(collector, "cache3"), std::set<std::string>{"InstanceDown cache3"});
  EXPECT_TRUE(cache3().empty());  // silenced
  EXPECT_TRUE(alerts::expire_silence(*wh, silence.id, t));
  EXPECT_EQ(collector.run_cycle(t += 60, false).up, 6);
  EXPECT_EQ(cache3(), std::vector<std::string>{"firing"});
  redis_[3]->resume();
  EXPECT_EQ(collector.run_cycle(t += 60, false).up, 7);
  EXPECT_EQ(cache3(), (std::vector<std::string>{"firing", "resolved"}));
}

TEST_F(HealthIntegration, TheBinaryCollectsAndNeverShowsAPassword) {
  std::string out, err;
  const std::string warehouse = *dir_ + "/cli.db";
  // One wrong password among them, so an authentication error is logged too.
  const std::string bad_fleet = *dir_ + "/bad.toml";
  {
    std::ifstream in(options().fleet);
    std::string text((std::istreambuf_iterator<char>(in)), {});
    const std::string wrong = *dir_ + "/wrong.secret";
    std::ofstream(wrong) << "not-" + passwords_.back();
    std::filesystem::permissions(wrong, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    text.replace(text.rfind(*dir_ + "/pg.secret"), (*dir_ + "/pg.secret").size(), wrong);
    std::ofstream(bad_fleet) << text;
  }
  const int rc = run_luckyhub("--verbose collect --once --fleet " + bad_fleet + " --warehouse " + warehouse +
                                  " --rules " + options().rules,
                              &out, &err);
  EXPECT_EQ(rc, 0) << err;
  EXPECT_NE(out.find("collect: 6 of 7 instances up"), std::string::npos) << out;
  EXPECT_NE(err.find("pg1 (127.0.0.1:"), std::string::npos) << err;
  auto wh = open_warehouse(warehouse);
  const std::string metrics = health::prometheus_metrics(*wh);
  EXPECT_NE(metrics.find("luckyhub_up{instance=\"cache0\",kind=\"redis\"} 1"), std::string::npos);
  EXPECT_NE(metrics.find("luckyhub_up{instance=\"pg1\",kind=\"postgres\"} 0"), std::string::npos);
  const std::string errors = wh->query("SELECT group_concat(COALESCE(error, ''), '|') FROM health__targets").text_at(0, 0);
  for (const std::string& pw : passwords_) {
    EXPECT_EQ(out.find(pw), std::string::npos);
    EXPECT_EQ(err.find(pw), std::string::npos);
    EXPECT_EQ(metrics.find(pw), std::string::npos);
    EXPECT_EQ(errors.find(pw), std::string::npos);
  }
  EXPECT_EQ(err.find("not-" + passwords_.back()), std::string::npos);
}

// An owner-only file holding `text`, as a fleet file's password_file wants.
std::string secret_file(const std::string& path, const std::string& text) {
  std::ofstream(path) << text;
  std::filesystem::permissions(path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  return path;
}

// A refused login is its own state and alert (auth_failed, AuthFailed, the
// server's message), never "down"; a Redis without a password and a
// PostgreSQL `trust` login are monitored without one; an instance that is
// not up exports only `up 0` on /metrics and shows no stale values.
TEST_F(HealthIntegration, ARefusedLoginIsItsOwnStateAndAlertNeverDown) {
  RedisServer open_redis(*dir_ + "/redis-open", kRedisMaxMemory, /*requirepass=*/false);
  const std::string wrong = secret_file(*dir_ + "/auth-wrong.secret", "not-the-password");
  const std::string pg_right = secret_file(*dir_ + "/auth-pg.secret", pg_->password());
  const Instance* db1 = nullptr;
  for (const Instance& in : test_fleet().fleet.instances) {
    if (in.kind == InstanceKind::kMysql && db1 == nullptr) db1 = &in;
  }
  ASSERT_NE(db1, nullptr);
  const int closed = free_port();  // nothing listens there
  auto entry = [](const std::string& name, const char* kind, int port, const std::string& auth) {
    return "[[instance]]\nname = \"" + name + "\"\nkind = \"" + kind + "\"\nhost = \"127.0.0.1\"\nport = " +
           std::to_string(port) + "\n" + auth + "\n";
  };
  auto fleet_file = [&](const std::string& path, const std::string& pg_login_secret) {
    std::ofstream(path) << entry("redis_open", "redis", open_redis.port(), "")
                        << entry("redis_noauth", "redis", redis_[0]->port(), "")
                        << entry("redis_wrong", "redis", redis_[0]->port(),
                                 "user = \"default\"\npassword_file = \"" + wrong + "\"\n")
                        << entry("pg_trust", "postgres", pg_->port(),
                                 std::string("user = \"") + PostgresServer::kTrustUser + "\"\n")
                        << entry("pg_login", "postgres", pg_->port(),
                                 "user = \"luckyhub_mon\"\npassword_file = \"" + pg_login_secret + "\"\n")
                        << entry("mysql_wrong", "mysql", db1->port,
                                 "user = \"luckyhub_ro\"\npassword_file = \"" + wrong + "\"\n")
                        << entry("redis_gone", "redis", closed, "");
    return path;
  };
  std::ofstream(*dir_ + "/auth-rules.toml") << R"([[rule]]
name = "InstanceDown"
kind = "instance_down"
severity = "critical"
[[rule]]
name = "AuthFailed"
kind = "auth_failed"
severity = "critical"
)";
  collect::CollectOptions o = options();
  o.warehouse = *dir_ + "/auth.db";
  o.rules = *dir_ + "/auth-rules.toml";
  const alerts::RuleSet rules = alerts::RuleSet::load(o.rules);
  const int64_t t = 1800000000;
  {
    // pg_login's password is right at first.
    const Fleet fleet = load_fleet(fleet_file(*dir_ + "/auth1.toml", pg_right));
    collect::Collector first(fleet, rules, o);
    EXPECT_EQ(first.run_cycle(t, false).up, 3);  // redis_open, pg_trust, pg_login
  }
  // Then pg_login's password is wrong: the login is refused, the instance is not "down".
  const Fleet fleet = load_fleet(fleet_file(*dir_ + "/auth2.toml", wrong));
  collect::Collector collector(fleet, rules, o);
  EXPECT_EQ(collector.run_cycle(t + 60, false).up, 2);
  EXPECT_EQ(firing(collector), (std::set<std::string>{"AuthFailed redis_noauth", "AuthFailed redis_wrong",
                                                       "AuthFailed pg_login", "AuthFailed mysql_wrong",
                                                       "InstanceDown redis_gone"}));

  auto wh = open_warehouse(o.warehouse);
  std::map<std::string, health::TargetInfo> by_name;
  for (const health::TargetInfo& target : health::load_targets(*wh)) by_name[target.instance] = target;
  for (const char* up : {"redis_open", "pg_trust"}) {
    EXPECT_TRUE(by_name[up].up) << up << ": " << by_name[up].error;
    EXPECT_FALSE(by_name[up].auth_failed) << up;
  }
  for (const char* refused : {"redis_noauth", "redis_wrong", "pg_login", "mysql_wrong"}) {
    EXPECT_FALSE(by_name[refused].up) << refused;
    EXPECT_TRUE(by_name[refused].auth_failed) << refused;
  }
  EXPECT_FALSE(by_name["redis_gone"].up);
  EXPECT_FALSE(by_name["redis_gone"].auth_failed);
  // The server's own words, each naming the instance.
  EXPECT_NE(by_name["redis_noauth"].error.find("NOAUTH"), std::string::npos) << by_name["redis_noauth"].error;
  EXPECT_NE(by_name["redis_wrong"].error.find("WRONGPASS"), std::string::npos) << by_name["redis_wrong"].error;
  EXPECT_NE(by_name["pg_login"].error.find("password authentication failed"), std::string::npos)
      << by_name["pg_login"].error;
  EXPECT_NE(by_name["mysql_wrong"].error.find("Access denied"), std::string::npos) << by_name["mysql_wrong"].error;
  // The transition is an event of its own kind.
  const ResultSet e = wh->query("SELECT kind, severity FROM health__events WHERE instance = 'pg_login' "
                                "AND kind IN ('up', 'down', 'auth_failed')");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e.text_at(0, 0), "auth_failed");
  EXPECT_EQ(e.text_at(0, 1), "critical");

  // /metrics: the refused and the gone instance export up 0 and nothing stale.
  const std::string metrics = health::prometheus_metrics(*wh);
  EXPECT_NE(metrics.find("luckyhub_auth_failed{instance=\"pg_login\",kind=\"postgres\"} 1"), std::string::npos);
  EXPECT_NE(metrics.find("luckyhub_auth_failed{instance=\"redis_gone\",kind=\"redis\"} 0"), std::string::npos);
  EXPECT_NE(metrics.find("luckyhub_up{instance=\"pg_login\",kind=\"postgres\"} 0"), std::string::npos);
  EXPECT_NE(metrics.find("luckyhub_connections{instance=\"pg_trust\",kind=\"postgres\"}"), std::string::npos);
  EXPECT_EQ(metrics.find("luckyhub_connections{instance=\"pg_login\""), std::string::npos)
      << "pg_login's connections of its first cycle are stale";
  EXPECT_EQ(metrics.find("luckyhub_scrape_duration_seconds{instance=\"redis_gone\""), std::string::npos);

  // fleet-health: each instance's state; the refused ones are not counted as down.
  const Report r = run_tool(ToolRegistry::instance().get("fleet-health"), *wh, {});
  EXPECT_EQ(r.as_of, "2027-01-15 08:01 UTC");  // the latest scrape, t + 60
  const Panel& instances = *r.panel("instances");
  const size_t c_instance = column(instances, "instance"), c_state = column(instances, "state"),
               c_connections = column(instances, "connections");
  std::map<std::string, std::string> state;
  for (const auto& row : instances.table.rows) {
    const std::string name = std::get<std::string>(row[c_instance]);
    state[name] = std::get<std::string>(row[c_state]);
    const Cell& last_seen = row[column(instances, "last_seen_up")];
    if (name == "pg_login") {
      EXPECT_TRUE(std::holds_alternative<std::monostate>(row[c_connections]));
      EXPECT_EQ(std::get<std::string>(last_seen), "2027-01-15 08:00");  // up in the first cycle, at t
    }
    if (name == "redis_gone") {
      EXPECT_TRUE(std::holds_alternative<std::monostate>(last_seen));  // never up
    }
    if (name == "redis_open") {
      EXPECT_EQ(std::get<std::string>(last_seen), "2027-01-15 08:01");
    }
  }
  EXPECT_EQ(state, (std::map<std::string, std::string>{{"redis_open", "up"}, {"redis_noauth", "auth failed"},
                                                        {"redis_wrong", "auth failed"}, {"pg_trust", "up"},
                                                        {"pg_login", "auth failed"}, {"mysql_wrong", "auth failed"},
                                                        {"redis_gone", "down"}}));
  std::map<std::string, int64_t> tiles;
  for (const KpiTile& k : r.panel("summary")->kpis) {
    if (std::holds_alternative<int64_t>(k.value)) tiles[k.id] = std::get<int64_t>(k.value);
  }
  EXPECT_EQ(tiles["down"], 1);
  EXPECT_EQ(tiles["auth_failed"], 4);
}

// Table statistics are a query of their own, on their own deadline: when they
// take too long they fail as such — named, stored, on the timeline — while the
// instance stays up with its cheap metrics; a later success clears it.
TEST_F(HealthIntegration, SlowTableStatisticsFailOnTheirOwnAndTheInstanceStaysUp) {
  // Enough tables that information_schema.TABLES takes longer than 1 ms.
  const std::string many = "luckyus_healthmany";
  std::string ddl = "DROP DATABASE IF EXISTS " + many + "; CREATE DATABASE " + many + "; USE " + many + ";";
  for (int i = 0; i < 400; ++i) {
    ddl += " CREATE TABLE t_" + std::to_string(i) + " (id INT AUTO_INCREMENT PRIMARY KEY, v INT) ENGINE=Aria;";
  }
  root_sql(1, ddl);
  const Instance* db1 = nullptr;
  for (const Instance& in : test_fleet().fleet.instances) {
    if (in.kind == InstanceKind::kMysql && db1 == nullptr) db1 = &in;
  }
  ASSERT_NE(db1, nullptr);
  std::ofstream(*dir_ + "/tables.toml") << "[[instance]]\nname = \"" << db1->name
                                        << "\"\nkind = \"mysql\"\nhost = \"127.0.0.1\"\nport = " << db1->port
                                        << "\nuser = \"luckyhub_ro\"\npassword_file = \"" << test_fleet().dir
                                        << "/secrets\"\n";
  const Fleet fleet = load_fleet(*dir_ + "/tables.toml");
  collect::CollectOptions o = options();
  o.warehouse = *dir_ + "/tables.db";
  o.table_timeout_s = 0.001;
  int64_t t = 1800000000;
  auto wh_path = o.warehouse;
  {
    collect::Collector collector(fleet, alerts::RuleSet::defaults(), o);
    const collect::CycleReport r = collector.run_cycle(t, true);
    EXPECT_EQ(r.up, 1);
    EXPECT_EQ(r.tables_failed, 1);
  }
  auto wh = open_warehouse(wh_path);
  std::vector<health::TargetInfo> targets = health::load_targets(*wh);
  ASSERT_EQ(targets.size(), 1u);
  EXPECT_TRUE(targets[0].up) << targets[0].error;
  EXPECT_EQ(targets[0].error, "");
  EXPECT_EQ(targets[0].tables_error.rfind("table statistics failed: " + db1->label() +
                                              ": no complete answer within their deadline of 0.001 s", 0),
            0u)
      << targets[0].tables_error;
  auto count = [&](const std::string& sql) { return wh->query(sql).int_at(0, 0); };
  // The cheap metrics are there; no table's sample (nothing half-read).
  EXPECT_EQ(count("SELECT COUNT(*) FROM health__latest WHERE metric = 'connections' AND object = ''"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM health__latest WHERE object <> '' AND metric LIKE 'table\\_%' ESCAPE '\\'"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM health__events WHERE kind = 'tables_failed' AND severity = 'warning' "
                  "AND detail LIKE 'table statistics failed: %'"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM health__events WHERE kind = 'down'"), 0);
  // fleet-health shows it on the timeline, the instance up.
  {
    const Report report = run_tool(ToolRegistry::instance().get("fleet-health"), *wh, {});
    const Panel& timeline = *report.panel("alert_timeline");
    const size_t c_event = column(timeline, "event"), c_detail = column(timeline, "detail");
    int shown = 0;
    for (const auto& row : timeline.table.rows) {
      if (std::get<std::string>(row[c_event]) == "tables_failed" &&
          std::get<std::string>(row[c_detail]) == targets[0].tables_error) {
        ++shown;
      }
    }
    EXPECT_EQ(shown, 1);
    const Panel& instances = *report.panel("instances");
    EXPECT_EQ(std::get<std::string>(instances.table.rows.at(0)[column(instances, "state")]), "up");
    // And in the instances table's column and on the server's page.
    EXPECT_EQ(std::get<std::string>(instances.table.rows.at(0)[column(instances, "tables_error")]),
              targets[0].tables_error);
    const Report page = run_tool(ToolRegistry::instance().get("fleet-health"), *wh, {{"instance", db1->name}});
    const KpiTile& tile = table_statistics_tile(page);
    EXPECT_EQ(std::get<std::string>(tile.value), "failed");
    EXPECT_EQ(tile.note, targets[0].tables_error);
  }
  wh.reset();

  // With a deadline they can meet, they are read, AUTO_INCREMENT headroom
  // included, and the failure is cleared (one event saying so).
  o.table_timeout_s = 30;
  {
    collect::Collector collector(fleet, alerts::RuleSet::defaults(), o);
    const collect::CycleReport r = collector.run_cycle(t += 60, true);
    EXPECT_EQ(r.up, 1);
    EXPECT_EQ(r.tables_failed, 0);
  }
  wh = open_warehouse(wh_path);
  targets = health::load_targets(*wh);
  EXPECT_EQ(targets[0].tables_error, "");
  {
    const Report report = run_tool(ToolRegistry::instance().get("fleet-health"), *wh, {});
    const Panel& instances = *report.panel("instances");
    EXPECT_EQ(std::get<std::string>(instances.table.rows.at(0)[column(instances, "tables_error")]), "");
    const Report page = run_tool(ToolRegistry::instance().get("fleet-health"), *wh, {{"instance", db1->name}});
    EXPECT_EQ(std::get<std::string>(table_statistics_tile(page).value), "read");
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM health__latest WHERE metric = 'table_rows' AND object LIKE '" + many + ".%'"),
            400);
  // INT's range: AUTO_INCREMENT 1 is 0 used.
  EXPECT_EQ(count("SELECT COUNT(*) FROM health__latest WHERE metric = 'auto_increment_used_ratio' AND object LIKE '" +
                  many + ".%' AND value = 0"),
            400);
  EXPECT_EQ(count("SELECT COUNT(*) FROM health__events WHERE kind = 'tables_read'"), 1);
  wh.reset();
  root_sql(1, "DROP DATABASE " + many + ";");
}

// AUTO_INCREMENT headroom without reading COLUMNS every cycle: the key
// column's type is kept from discovery and read again when the table is
// re-created (an ALTER that changes the type rebuilds it: a new CREATE_TIME).
TEST_F(HealthIntegration, AutoIncrementHeadroomFollowsATypeChange) {
  const std::string db = "luckyus_healthtype";
  root_sql(1, "DROP DATABASE IF EXISTS " + db + "; CREATE DATABASE " + db + "; CREATE TABLE " + db +
                  ".t_key (id SMALLINT AUTO_INCREMENT PRIMARY KEY, v INT) ENGINE=InnoDB AUTO_INCREMENT=16384;");
  const Instance* db1 = nullptr;
  for (const Instance& in : test_fleet().fleet.instances) {
    if (in.kind == InstanceKind::kMysql && db1 == nullptr) db1 = &in;
  }
  ASSERT_NE(db1, nullptr);
  std::ofstream(*dir_ + "/type.toml") << "[[instance]]\nname = \"" << db1->name
                                      << "\"\nkind = \"mysql\"\nhost = \"127.0.0.1\"\nport = " << db1->port
                                      << "\nuser = \"luckyhub_ro\"\npassword_file = \"" << test_fleet().dir
                                      << "/secrets\"\n";
  const Fleet fleet = load_fleet(*dir_ + "/type.toml");
  collect::CollectOptions o = options();
  o.warehouse = *dir_ + "/type.db";
  collect::Collector collector(fleet, alerts::RuleSet::defaults(), o);
  int64_t t = 1800000000;
  auto ratio = [&] {
    auto wh = open_warehouse(o.warehouse);
    return wh->query("SELECT value FROM health__latest WHERE metric = 'auto_increment_used_ratio' AND object = ?",
                     {db + ".t_key"}).double_at(0, 0);
  };
  collector.run_cycle(t, true);
  EXPECT_DOUBLE_EQ(ratio(), 16383.0 / 32767.0);  // SMALLINT: 32,767
  // Let CREATE_TIME (whole seconds) move on, then widen the key.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  root_sql(1, "ALTER TABLE " + db + ".t_key MODIFY id INT UNSIGNED NOT NULL AUTO_INCREMENT;");
  collector.run_cycle(t += 900, true);
  EXPECT_DOUBLE_EQ(ratio(), 16383.0 / 4294967295.0);  // INT UNSIGNED
  root_sql(1, "DROP DATABASE " + db + ";");
}

// The whole scrape has a deadline, not only each read: a server that stalls
// holds its worker for --scrape-timeout, not for every read's timeout, and is
// down with a message saying so.
TEST_F(HealthIntegration, AStalledServerIsCutOffAtTheScrapeDeadline) {
  const Fleet fleet = load_fleet(options().fleet);
  const alerts::RuleSet rules = alerts::RuleSet::load(options().rules);
  collect::CollectOptions o = options();
  o.warehouse = *dir_ + "/deadline.db";
  o.read_timeout_s = 30;  // each read could wait this long
  o.scrape_timeout_s = 1;
  collect::Collector collector(fleet, rules, o);
  int64_t t = 1800000000;
  EXPECT_EQ(collector.run_cycle(t, false).up, 7);
  redis_[2]->pause();
  const auto started = std::chrono::steady_clock::now();
  const collect::CycleReport stalled = collector.run_cycle(t += 60, false);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  redis_[2]->resume();
  EXPECT_EQ(stalled.up, 6);
  // The scrape's deadline (1 s) cut it, not the read timeout (30 s); the
  // margin is wide for a busy CI machine.
  EXPECT_LT(seconds, o.scrape_timeout_s + 10.0) << "the read timeout is " << o.read_timeout_s << " s";
  {
    auto wh = open_warehouse(o.warehouse);
    std::map<std::string, health::TargetInfo> by_name;
    for (const health::TargetInfo& target : health::load_targets(*wh)) by_name[target.instance] = target;
    EXPECT_FALSE(by_name["cache2"].up);
    EXPECT_EQ(by_name["cache2"].error, "cache2 (127.0.0.1:" + std::to_string(redis_[2]->port()) +
                                           "): no complete answer within the scrape deadline of 1 s");
  }
  // It answers again: up in the next cycle (a new connection).
  EXPECT_EQ(collector.run_cycle(t += 60, false).up, 7);
}

// A failed query's message names its statement, also when the SQL starts
// with a newline (it had an empty slot: "...: : Lost connection").
TEST_F(HealthIntegration, AFailedQueryNamesItsStatement) {
  const Instance* mysql = nullptr;
  for (const Instance& in : test_fleet().fleet.instances) {
    if (in.kind == InstanceKind::kMysql && mysql == nullptr) mysql = &in;
  }
  ASSERT_NE(mysql, nullptr);
  const Instance& db1 = *mysql;
  MysqlConnection c(db1, db1.reader);
  try {
    c.query("\n        SELECT nothing FROM no_such_table");
    FAIL() << "the query should fail";
  } catch (const Error& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find(db1.label() + ": SELECT: "), std::string::npos) << m;
    EXPECT_EQ(m.find(": : "), std::string::npos) << m;
  }
}

}  // namespace
}  // namespace luckyhub::testing
