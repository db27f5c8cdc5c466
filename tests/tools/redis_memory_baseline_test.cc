// redis-console's memory baseline (memory_baseline.h) as examples: a daily
// cycle is its own baseline, a step or a leak departs, a short blip does not
// count; and on the shared simulation the planted leak is exactly what the
// report flags, the planted daily cycle not.
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "core/error.h"
#include "support/panel_columns.h"
#include "support/shared_sim.h"
#include "tools/redis_console/memory_baseline.h"
#include "tools/registry.h"

namespace luckyhub {
namespace {

using redis_console::against_baseline;
using redis_console::BaselineRules;
using redis_console::HourValue;
using redis_console::judge_memory;

constexpr int64_t kStart = 1'700'006'400;  // a midnight UTC

// `days` of hourly points: 1000 bytes with a +/-`cycle` daily sine and a
// small deterministic wobble (+/-0.4%).
std::vector<HourValue> cycling(int days, double cycle) {
  std::vector<HourValue> out;
  for (int h = 0; h < days * 24; ++h) {
    const double wobble = 0.004 * std::sin(h * 1.7);
    out.push_back({kStart + h * 3600,
                   1000 * (1 + cycle * std::sin(2 * M_PI * (h % 24) / 24)) * (1 + wobble)});
  }
  return out;
}

TEST(RedisMemoryBaseline, ADailyCycleIsItsOwnBaseline) {
  const BaselineRules rules;  // 7 days, k 4, 5%, 3 hours
  const auto hours = against_baseline(cycling(14, 0.4), rules);
  EXPECT_FALSE(judge_memory(hours, rules).flagged);
  for (size_t i = 0; i < hours.size(); ++i) {
    // The first 3 days have too few same-hour points; then every hour has a baseline inside which
    // it stays.
    EXPECT_EQ(hours[i].has_baseline, i >= 3 * 24) << i;
    EXPECT_EQ(hours[i].side, 0) << i;
  }
  // The median of the same hour follows the cycle: 6 a.m. is the peak (1400), 6 p.m. the trough
  // (600).
  EXPECT_NEAR(hours[13 * 24 + 6].median, 1400, 10);
  EXPECT_NEAR(hours[13 * 24 + 18].median, 600, 10);
}

TEST(RedisMemoryBaseline, AStepDepartsSinceItsFirstHour) {
  const BaselineRules rules;
  auto series = cycling(14, 0.4);
  for (size_t i = series.size() - 5; i < series.size(); ++i) series[i].value *= 1.2;
  const auto a = judge_memory(against_baseline(series, rules), rules);
  ASSERT_TRUE(a.flagged);
  EXPECT_EQ(a.side, 1);
  EXPECT_EQ(a.hours, 5);
  EXPECT_EQ(a.since, series[series.size() - 5].ts);
  EXPECT_NEAR(a.departure_share, 0.2, 0.02);
  EXPECT_NEAR(a.latest, series.back().value, 1e-9);
  ASSERT_TRUE(a.robust_deviations.has_value());
  EXPECT_GT(*a.robust_deviations, 4);
}

TEST(RedisMemoryBaseline, ADropDepartsBelow) {
  const BaselineRules rules;
  auto series = cycling(10, 0.1);
  for (size_t i = series.size() - 3; i < series.size(); ++i) series[i].value *= 0.5;
  const auto a = judge_memory(against_baseline(series, rules), rules);
  ASSERT_TRUE(a.flagged);
  EXPECT_EQ(a.side, -1);
  EXPECT_NEAR(a.departure_share, -0.5, 0.02);
}

TEST(RedisMemoryBaseline, ABlipShorterThanTheRunIsNotFlagged) {
  BaselineRules rules;
  auto series = cycling(10, 0.1);
  for (size_t i = series.size() - 2; i < series.size(); ++i) series[i].value *= 1.5;
  EXPECT_FALSE(judge_memory(against_baseline(series, rules), rules).flagged);
  rules.consecutive_hours = 2;
  EXPECT_TRUE(judge_memory(against_baseline(series, rules), rules).flagged);
  // Up then down is not one run.
  series[series.size() - 2].value = series[series.size() - 2].value / 1.5 * 0.5;
  EXPECT_FALSE(judge_memory(against_baseline(series, rules), rules).flagged);
}

TEST(RedisMemoryBaseline, OneOddDayDoesNotMoveTheBaseline) {
  const BaselineRules rules;
  auto series = cycling(10, 0.1);
  for (size_t i = 5 * 24; i < 6 * 24; ++i) series[i].value *= 3;  // day 5: three times the memory
  const auto hours = against_baseline(series, rules);
  EXPECT_NEAR(hours[9 * 24].median, series[8 * 24].value, 15);
  EXPECT_FALSE(judge_memory(hours, rules).flagged);
}

TEST(RedisMemoryBaseline, TheFloorAndKDecide) {
  BaselineRules rules;
  auto series = cycling(10, 0);  // flat: MAD ~ 0.3%
  for (size_t i = series.size() - 3; i < series.size(); ++i) series[i].value *= 1.04;
  EXPECT_FALSE(judge_memory(against_baseline(series, rules), rules).flagged);  // under the 5% floor
  rules.min_share = 0.02;
  EXPECT_TRUE(judge_memory(against_baseline(series, rules), rules).flagged);
  rules.k = 1000;  // the spread times k decides when it is wider than the floor
  EXPECT_FALSE(judge_memory(against_baseline(series, rules), rules).flagged);
}

TEST(RedisMemoryBaseline, GapsAndShortHistory) {
  const BaselineRules rules;
  EXPECT_FALSE(judge_memory(against_baseline({}, rules), rules).flagged);
  auto series = cycling(3, 0.1);  // at most 2 previous days: no baseline anywhere
  for (const auto& h : against_baseline(series, rules)) EXPECT_FALSE(h.has_baseline);
  series.back().value *= 5;
  EXPECT_FALSE(judge_memory(against_baseline(series, rules), rules).flagged);
}

std::set<std::string> manifest(const char* kind) {
  std::set<std::string> out;
  for (const auto& item : testing::shared_sim().truth.at("anomalies").at(kind).at("items")) {
    out.insert(item.at("instance").get<std::string>());
  }
  return out;
}

TEST(RedisMemoryBaseline, FindsExactlyThePlantedLeak) {
  const std::set<std::string> planted = manifest("redis_memory_anomaly"),
                              cycling = manifest("redis_memory_daily_cycle");
  ASSERT_EQ(planted.size(), 1u);
  ASSERT_EQ(cycling.size(), 1u);
  auto wh = testing::open_shared_warehouse();
  const Report r = run_tool(ToolRegistry::instance().get("redis-console"), *wh, {});
  const Panel* p = r.panel("memory_anomalies");
  ASSERT_NE(p, nullptr);
  std::set<std::string> found;
  for (const auto& row : p->table.rows)
    found.insert(std::get<std::string>(row[testing::column(*p, "instance")]));
  EXPECT_EQ(found, planted);  // precision and recall 1
  EXPECT_EQ(found.count(*cycling.begin()), 0u);

  // The leak's evidence against the hourly history read directly: its latest hour against the same
  // hour's median.
  const std::string leak = *planted.begin();
  const ResultSet latest = wh->query(
      "SELECT ts, value FROM health__samples WHERE instance = ? AND metric = 'used_memory_bytes' "
      "AND step = 3600 "
      "ORDER BY ts DESC LIMIT 1",
      {leak});
  const int64_t ts = latest.row(0).integer("ts");
  std::vector<double> same_hour;
  for (const Row row : wh->query(
           "SELECT value FROM health__samples WHERE instance = ? AND metric = "
           "'used_memory_bytes' AND step = 3600 AND ts IN (?, ?, ?, ?, ?, ?, ?) ORDER BY value",
           {leak, ts - 86400, ts - 2 * 86400, ts - 3 * 86400, ts - 4 * 86400, ts - 5 * 86400,
            ts - 6 * 86400, ts - 7 * 86400})) {
    same_hour.push_back(row.number("value"));
  }
  ASSERT_EQ(same_hour.size(), 7u);
  const double median = same_hour[3], value = latest.row(0).number("value");
  ASSERT_EQ(p->table.rows.size(), 1u);
  const auto& row = p->table.rows[0];
  EXPECT_EQ(std::get<std::string>(row[testing::column(*p, "direction")]), "grown");
  EXPECT_DOUBLE_EQ(std::get<double>(row[testing::column(*p, "baseline_bytes")]), median);
  EXPECT_DOUBLE_EQ(std::get<double>(row[testing::column(*p, "used_bytes")]), value);
  EXPECT_NEAR(std::get<double>(row[testing::column(*p, "departure_share")]), 0.30,
              0.03);  // the planted +30%

  const Report page =
      run_tool(ToolRegistry::instance().get("redis-console"), *wh, {{"instance", leak}});
  ASSERT_NE(page.panel("memory_anomaly"), nullptr);
  const Panel* chart = page.panel("memory_baseline");
  ASSERT_NE(chart, nullptr);
  EXPECT_EQ(chart->series.x.size(), 48u);
  EXPECT_EQ(chart->series.series.size(), 4u);
  const Report calm = run_tool(ToolRegistry::instance().get("redis-console"), *wh,
                               {{"instance", *cycling.begin()}});
  EXPECT_EQ(calm.panel("memory_anomaly"), nullptr);
  EXPECT_NE(calm.panel("memory_baseline"), nullptr);
}

TEST(RedisMemoryBaseline, BadParametersAreRefused) {
  auto wh = testing::open_shared_warehouse();
  const Tool& tool = ToolRegistry::instance().get("redis-console");
  for (const auto& [name, value] :
       std::vector<std::pair<std::string, std::string>>{{"baseline_days", "2"},
                                                        {"baseline_days", "x"},
                                                        {"anomaly_k", "0"},
                                                        {"anomaly_min_share", "1.5"},
                                                        {"anomaly_hours", "0"},
                                                        {"anomaly_hours", "49"}}) {
    EXPECT_THROW(run_tool(tool, *wh, {{name, value}}), Error) << name << "=" << value;
  }
}

}  // namespace
}  // namespace luckyhub
