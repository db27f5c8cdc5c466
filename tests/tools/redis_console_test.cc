// redis-console: the right-sizing rules as examples, and the tool on the
// shared simulation's demo fleet, whose planted findings
// (simulate/health/redis_model.h, fleet_history.h) are exactly what it finds.
#include "tools/redis_console/redis_console.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <tuple>

#include "core/error.h"
#include "support/panel_columns.h"
#include "support/shared_sim.h"
#include "tools/registry.h"

namespace luckyhub {
namespace {

using redis_console::judge;
using redis_console::SizingInput;
using redis_console::SizingRules;
using redis_console::Verdict;

constexpr double kGiB = 1024.0 * 1024 * 1024;

SizingInput history(double max_gib, double peak_gib, double max_ops) {
  return {.maxmemory_bytes = max_gib * kGiB,
          .peak_used_bytes = peak_gib * kGiB,
          .p95_used_bytes = peak_gib * kGiB * 0.9,
          .max_ops_per_second = max_ops,
          .mean_ops_per_second = max_ops / 2,
          .mean_hit_ratio = 0.95,
          .history_days = 30};
}

TEST(RedisSizing, SizeSteps) {
  EXPECT_DOUBLE_EQ(redis_console::size_step_at_least(0.1 * kGiB), 0.5 * kGiB);
  EXPECT_DOUBLE_EQ(redis_console::size_step_at_least(0.5 * kGiB), 0.5 * kGiB);
  EXPECT_DOUBLE_EQ(redis_console::size_step_at_least(1.04 * kGiB), 2 * kGiB);
  EXPECT_DOUBLE_EQ(redis_console::size_step_at_least(9 * kGiB), 16 * kGiB);
}

TEST(RedisSizing, Verdicts) {
  const SizingRules rules;  // 1.3 headroom, 85%, 1 op/s, 28 days, 10 USD per GiB-month
  // 16 GiB peaking at 0.8 GiB: 1.04 GiB needed -> 2 GiB, 14 GiB given back.
  auto over = judge(history(16, 0.8, 500), rules);
  EXPECT_EQ(over.verdict, Verdict::kOverProvisioned);
  EXPECT_DOUBLE_EQ(over.suggested_bytes, 2 * kGiB);
  EXPECT_EQ(over.saving_per_month.value, 14000);  // 140.00 USD
  // 4 GiB at 3.6 GiB peak (90%): grow to 8 GiB (4.68 GiB needed), 40 USD more.
  auto under = judge(history(4, 3.6, 500), rules);
  EXPECT_EQ(under.verdict, Verdict::kUnderProvisioned);
  EXPECT_DOUBLE_EQ(under.suggested_bytes, 8 * kGiB);
  EXPECT_EQ(under.saving_per_month.value, -4000);
  // 4 GiB at 2 GiB: 2.6 GiB needs 4 GiB: right-sized.
  EXPECT_EQ(judge(history(4, 2, 500), rules).verdict, Verdict::kRightSized);
  // 2 GiB at 0.76 GiB: 0.99 GiB fits 1 GiB: over by one step.
  EXPECT_EQ(judge(history(2, 0.76, 500), rules).verdict, Verdict::kOverProvisioned);
  // Never above 0.5 ops/s: unused, whatever its memory, saving all of it.
  auto unused = judge(history(8, 7.5, 0.5), rules);
  EXPECT_EQ(unused.verdict, Verdict::kUnused);
  EXPECT_EQ(unused.saving_per_month.value, 8000);
  // No maxmemory: no verdict on size, a suggestion.
  auto unlimited = judge(history(0, 3, 500), rules);
  EXPECT_EQ(unlimited.verdict, Verdict::kNoLimit);
  EXPECT_DOUBLE_EQ(unlimited.suggested_bytes, 4 * kGiB);
  // A week of history is too little to judge.
  SizingInput young = history(16, 0.8, 500);
  young.history_days = 7;
  EXPECT_EQ(judge(young, rules).verdict, Verdict::kShortHistory);
  // A larger headroom changes the answer: 0.8 x 2 = 1.6 GiB -> 2 GiB still.
  SizingRules roomy = rules;
  roomy.headroom = 3;
  EXPECT_DOUBLE_EQ(judge(history(16, 0.8, 500), roomy).suggested_bytes, 4 * kGiB);
}

// The hit ratio is named where it tells something: near the limit it points
// at evictions; with room to spare its misses are not from the size.
TEST(RedisSizing, LowHitRatioIsExplained) {
  const SizingRules rules;  // low below 80%
  SizingInput under = history(4, 3.6, 500);
  under.mean_hit_ratio = 0.55;
  EXPECT_EQ(judge(under, rules).verdict, Verdict::kUnderProvisioned);
  EXPECT_NE(judge(under, rules).reason.find("hit ratio 55%: evictions likely"), std::string::npos)
      << judge(under, rules).reason;
  SizingInput over = history(16, 0.8, 500);
  over.mean_hit_ratio = 0.4;
  EXPECT_EQ(judge(over, rules).verdict, Verdict::kOverProvisioned);
  EXPECT_NE(judge(over, rules).reason.find("not from its size"), std::string::npos);
  // A good or unknown hit ratio is not mentioned.
  EXPECT_EQ(judge(history(4, 3.6, 500), rules).reason.find("hit ratio"), std::string::npos);
  over.mean_hit_ratio = -1;
  EXPECT_EQ(judge(over, rules).reason.find("hit ratio"), std::string::npos);
}

std::set<std::string> manifest_instances(const char* kind) {
  std::set<std::string> out;
  for (const auto& item : testing::shared_sim().truth.at("anomalies").at(kind).at("items")) {
    out.insert(item.at("instance").get<std::string>());
  }
  return out;
}

TEST(RedisConsole, RightSizingVerdictsAreThePlantedOnes) {
  auto wh = testing::open_shared_warehouse();
  const redis_console::Console c = redis_console::load(*wh, SizingRules{}, 0.5);
  ASSERT_EQ(c.instances.size(), 78u);
  EXPECT_TRUE(c.simulated);
  std::map<Verdict, std::set<std::string>> by_verdict;
  for (const auto& in : c.instances) by_verdict[in.sizing.verdict].insert(in.name);
  EXPECT_EQ(by_verdict[Verdict::kOverProvisioned], manifest_instances("redis_over_provisioned"));
  EXPECT_EQ(by_verdict[Verdict::kUnderProvisioned], manifest_instances("redis_under_provisioned"));
  EXPECT_EQ(by_verdict[Verdict::kUnused], manifest_instances("redis_unused"));
  EXPECT_EQ(by_verdict[Verdict::kRightSized].size(), 75u);
  // The grid is sorted by memory utilisation: the full instance first.
  EXPECT_EQ(c.instances.front().name, "redis-42");
  EXPECT_TRUE(c.instances.front().memory_alert);
  for (size_t i = 1; i < c.instances.size(); ++i) {
    EXPECT_GE(c.instances[i - 1].used_bytes / c.instances[i - 1].maxmemory_bytes,
              c.instances[i].used_bytes / c.instances[i].maxmemory_bytes);
  }
}

TEST(RedisConsole, TtlViolationsAndHotKeysAreThePlantedOnes) {
  using Violation = std::tuple<std::string, std::string, std::string>;
  std::set<Violation> planted;
  for (const auto& item :
       testing::shared_sim().truth.at("anomalies").at("redis_ttl_violation").at("items")) {
    planted.insert({item.at("instance").get<std::string>(), item.at("namespace").get<std::string>(),
                    item.at("problem").get<std::string>()});
  }
  std::set<std::pair<std::string, std::string>> hot_planted;
  for (const auto& item :
       testing::shared_sim().truth.at("anomalies").at("redis_hot_key").at("items")) {
    hot_planted.insert({item.at("instance").get<std::string>(), item.at("key").get<std::string>()});
  }
  ASSERT_EQ(planted.size(), 3u);
  ASSERT_EQ(hot_planted.size(), 2u);
  auto wh = testing::open_shared_warehouse();
  const Report r = run_tool(ToolRegistry::instance().get("redis-console"), *wh, {});
  ASSERT_NE(r.panel("simulated"), nullptr);
  const Panel* violations = r.panel("ttl_violations");
  ASSERT_NE(violations, nullptr);
  std::set<Violation> found;
  for (const auto& row : violations->table.rows) {
    found.insert({std::get<std::string>(row[0]), std::get<std::string>(row[1]),
                  std::get<std::string>(row[3])});
    EXPECT_FALSE(std::get<std::string>(row[6]).empty()) << "example keys";
  }
  EXPECT_EQ(found, planted);
  const Panel* herd = r.panel("hot_keys");
  ASSERT_NE(herd, nullptr);
  // The fleet's hottest keys: the warnings (exactly the planted ones) first, then the hottest
  // of the rest, 20 rows in all.
  const size_t herd_col = testing::column(*herd, "herd");
  EXPECT_EQ(herd->table.rows.size(), 20u);
  std::set<std::pair<std::string, std::string>> hot_found;
  for (size_t i = 0; i < herd->table.rows.size(); ++i) {
    const auto& row = herd->table.rows[i];
    const bool warned = std::get<std::string>(row[herd_col]) == "yes";
    EXPECT_EQ(warned, i < hot_planted.size()) << "row " << i << ": the warnings come first";
    if (warned) hot_found.insert({std::get<std::string>(row[0]), std::get<std::string>(row[1])});
  }
  EXPECT_EQ(hot_found, hot_planted);
  std::map<std::string, int> others;  // at most 3 other keys of one instance
  for (size_t i = hot_planted.size(); i < herd->table.rows.size(); ++i) ++others[std::get<std::string>(herd->table.rows[i][0])];
  for (const auto& [name, n] : others) EXPECT_LE(n, 3) << name;
  EXPECT_GE(others.size(), 6u);
  const Panel* kpis = r.panel("kpis");
  ASSERT_NE(kpis, nullptr);
  EXPECT_EQ(std::get<int64_t>(kpis->kpis[0].value), 78);
  EXPECT_EQ(std::get<int64_t>(kpis->kpis[2].value), 1);  // over 85%: redis-42
  // redis-17 16 -> 2 GiB (140 USD) and redis-64 decommissioned (its maxmemory).
  const Panel* alerts = r.panel("memory_alerts");
  ASSERT_NE(alerts, nullptr);
  ASSERT_EQ(alerts->alerts.size(), 1u);
  EXPECT_EQ(alerts->alerts[0].title.substr(0, 8), "redis-42");
}

TEST(RedisConsole, InstanceDetail) {
  auto wh = testing::open_shared_warehouse();
  const Report r =
      run_tool(ToolRegistry::instance().get("redis-console"), *wh, {{"instance", "redis-13"}});
  for (const char* id :
       {"kpis", "memory_by_namespace", "namespaces", "ttl_histogram", "hit_ratio_trend",
        "connections_trend", "hot_keys", "big_keys", "ttl_violations", "right_sizing"}) {
    EXPECT_NE(r.panel(id), nullptr) << id;
  }
  const Panel* bars = r.panel("memory_by_namespace");
  ASSERT_EQ(bars->series.x.size(), 3u);  // role 0: session, user:profile, user:token
  EXPECT_EQ(bars->series.x[0], "session");
  const Panel* ttl = r.panel("ttl_histogram");
  ASSERT_EQ(ttl->series.x.size(), 6u);
  EXPECT_GT(std::get<int64_t>(ttl->series.series[0].values[0]),
            0);  // the planted sessions without TTL
  const Panel* v = r.panel("ttl_violations");
  ASSERT_EQ(v->table.rows.size(), 1u);
  EXPECT_EQ(std::get<std::string>(v->table.rows[0][1]), "session");
  EXPECT_THROW(
      run_tool(ToolRegistry::instance().get("redis-console"), *wh, {{"instance", "mysql-app-01"}}),
      Error);
}

}  // namespace
}  // namespace luckyhub
