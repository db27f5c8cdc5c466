#include "alerts/rules.h"

#include <gtest/gtest.h>

#include <fstream>

#include "core/error.h"
#include "support/shared_sim.h"

namespace luckyhub::alerts {
namespace {

std::string write_rules(const std::string& text) {
  const std::string path = testing::temp_dir() + "/rules.toml";
  std::ofstream(path) << text;
  return path;
}

std::string load_error(const std::string& text) {
  try {
    RuleSet::load(write_rules(text));
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

InstanceSnapshot mysql(const std::string& name) {
  InstanceSnapshot s{name, InstanceKind::kMysql, true, "", true};
  s.values[{"connections", ""}] = 50;
  s.values[{"max_connections", ""}] = 100;
  s.values[{"slow_queries", ""}] = 3;
  return s;
}

std::vector<std::string> fired(const Evaluation& e) {
  std::vector<std::string> out;
  for (const Signal& s : e.active) out.push_back(s.rule + " " + s.instance + (s.object.empty() ? "" : " " + s.object));
  return out;
}

TEST(Rules, DefaultsAreTheCatalogs) {
  const RuleSet d = RuleSet::defaults();
  ASSERT_EQ(d.rules.size(), 7u);
  EXPECT_DOUBLE_EQ(d.find("TableGrowthWeekOverWeek")->threshold, 0.20);
  EXPECT_DOUBLE_EQ(d.find("ConnectionsNearMax")->threshold, 0.80);
  EXPECT_DOUBLE_EQ(d.find("RedisMemoryHigh")->threshold, 0.85);
  EXPECT_DOUBLE_EQ(d.find("AutoIncrementNearLimit")->threshold, 0.80);
  EXPECT_EQ(d.find("InstanceDown")->kind, RuleKind::kInstanceDown);
  EXPECT_EQ(d.find("AuthFailed")->kind, RuleKind::kAuthFailed);
  EXPECT_EQ(d.find("AuthFailed")->severity, "critical");
}

TEST(Rules, EvaluatesEachKindAtItsThreshold) {
  const RuleSet d = RuleSet::defaults();
  InstanceSnapshot ok = mysql("ok"), busy = mysql("busy"), slow = mysql("slow");
  busy.values[{"connections", ""}] = 81;
  slow.values[{"slow_queries", ""}] = 11;
  ok.values[{"connections", ""}] = 80;  // exactly 80% is not over
  InstanceSnapshot grow = mysql("grow");
  grow.values[{"table_bytes", "s.big"}] = 12.5e6;
  grow.table_bytes_week_ago["s.big"] = 10e6;  // +25%
  grow.values[{"table_bytes", "s.small"}] = 50000;
  grow.table_bytes_week_ago["s.small"] = 10000;  // +400%, but under min_bytes
  grow.values[{"table_bytes", "s.steady"}] = 11e6;
  grow.table_bytes_week_ago["s.steady"] = 10e6;  // +10%
  grow.values[{"auto_increment_used_ratio", "s.key"}] = 0.81;
  grow.values[{"auto_increment_used_ratio", "s.fine"}] = 0.5;
  InstanceSnapshot redis{"cache", InstanceKind::kRedis, true, "", true};
  redis.values[{"used_memory_bytes", ""}] = 86;
  redis.values[{"maxmemory_bytes", ""}] = 100;
  InstanceSnapshot unlimited{"cache2", InstanceKind::kRedis, true, "", true};
  unlimited.values[{"used_memory_bytes", ""}] = 86;
  unlimited.values[{"maxmemory_bytes", ""}] = 0;  // no maxmemory: never "full"
  InstanceSnapshot down{"gone", InstanceKind::kPostgres, false, "gone (h:1): cannot connect", false};
  InstanceSnapshot refused{"locked", InstanceKind::kRedis, false, "locked (h:2): WRONGPASS", false};
  refused.auth_failed = true;  // a refused login is not "down"
  const Evaluation e = evaluate(d, {ok, busy, slow, grow, redis, unlimited, down, refused});
  EXPECT_EQ(fired(e), (std::vector<std::string>{"ConnectionsNearMax busy", "SlowQueries slow",
                                                 "TableGrowthWeekOverWeek grow s.big",
                                                 "AutoIncrementNearLimit grow s.key", "RedisMemoryHigh cache",
                                                 "InstanceDown gone", "AuthFailed locked"}));
  EXPECT_EQ(e.active.back().summary, "locked refused the login: locked (h:2): WRONGPASS");
  EXPECT_NEAR(e.active[2].value, 0.25, 1e-12);
  // A down instance is evaluated only for being down.
  EXPECT_TRUE(e.evaluated.count({"InstanceDown", "gone"}));
  EXPECT_FALSE(e.evaluated.count({"ConnectionsNearMax", "gone"}));
}

TEST(Rules, TableRulesWaitForTableStatistics) {
  InstanceSnapshot s = mysql("db");
  s.tables_read = false;
  s.values[{"auto_increment_used_ratio", "s.key"}] = 0.99;
  const Evaluation e = evaluate(RuleSet::defaults(), {s});
  EXPECT_TRUE(e.active.empty());
  EXPECT_FALSE(e.evaluated.count({"AutoIncrementNearLimit", "db"}));
}

TEST(Rules, LoadsAFile) {
  const RuleSet s = RuleSet::load(write_rules(R"(
[[rule]]
name = "Busy"
kind = "connections"
threshold = 0.5
for = "5m"
severity = "critical"

[[rule]]
name = "Growth"
kind = "table_growth"
threshold = 0.1
min_bytes = 0

[[webhook]]
url = "http://127.0.0.1:9/hook"
)"));
  ASSERT_EQ(s.rules.size(), 2u);
  EXPECT_EQ(s.rules[0].for_s, 300);
  EXPECT_EQ(s.rules[0].severity, "critical");
  EXPECT_EQ(s.rules[1].kind, RuleKind::kTableGrowth);
  EXPECT_EQ(s.rules[1].min_bytes, 0);
  EXPECT_EQ(s.webhooks, std::vector<std::string>{"http://127.0.0.1:9/hook"});
  // Only webhooks: the default rules.
  EXPECT_EQ(RuleSet::load(write_rules("[[webhook]]\nurl = \"http://h/x\"\n")).rules.size(), 7u);
}

TEST(Rules, RejectsABadFileWithItsLine) {
  EXPECT_NE(load_error("[[rule]]\nname = \"x\"\nkind = \"cpu\"\nthreshold = 1\n").find("rules.toml:1: rule x: kind 'cpu'"),
            std::string::npos);
  EXPECT_NE(load_error("[[rule]]\nname = \"x\"\nkind = \"connections\"\n").find("needs a threshold"), std::string::npos);
  EXPECT_NE(load_error("[[rule]]\nname = \"x\"\nkind = \"connections\"\nthreshold = 1\nfor = \"soon\"\n").find("is not a duration"),
            std::string::npos);
  EXPECT_NE(load_error("[[rule]]\nname = \"x\"\nkind = \"instance_down\"\nthresh = 1\n").find("rules.toml:4: unknown key 'thresh'"),
            std::string::npos);
  EXPECT_NE(load_error("[[webhook]]\nurl = \"https://x\"\n").find("http://"), std::string::npos);
  EXPECT_NE(load_error("[[rule]\n").find("rules.toml:1:"), std::string::npos);
}

}  // namespace
}  // namespace luckyhub::alerts
