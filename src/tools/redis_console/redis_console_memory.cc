// redis-console's memory anomalies (memory_baseline.h): the hourly used
// memory of the Redis instances read from the health history, the fleet's
// departures from their baselines (the overview's memory_anomalies), one
// instance's evidence (its series against the baseline band, and when and by
// how much it departed), and the RedisMemoryAnomaly alert the same finding
// raises through the tool alert engine.
#include <cstdio>
#include <map>

#include "alerts/tool_alerts.h"
#include "health/history.h"
#include "health/schema.h"
#include "health/trend.h"
#include "tools/redis_console/redis_console.h"

namespace luckyhub::redis_console {
namespace {

constexpr int kEvidenceHours = 48;
// How far back a run of departures is traced: the baseline days, then three more.
constexpr int kRunDays = 3;

std::map<std::string, std::vector<HourValue>> hourly_memory(Warehouse& wh, int64_t now,
                                                            const BaselineRules& rules,
                                                            const std::string& instance) {
  std::string sql = R"(
      SELECT s.instance AS instance, s.ts AS ts, s.value AS value
      FROM )" + wh.dialect().join_left("health__samples") +
                    R"( s
      JOIN health__targets t ON t.instance = s.instance
      WHERE t.kind = 'redis' AND s.metric = 'used_memory_bytes' AND s.object = '' AND s.step = ?
        AND s.ts > ? AND s.ts <= ?)";
  std::vector<SqlValue> params = {
      health::kHourStep, now - int64_t{rules.baseline_days + kRunDays} * health::kDayStep, now};
  if (!instance.empty()) {
    sql += " AND s.instance = ?";
    params.push_back(instance);
  }
  std::map<std::string, std::vector<HourValue>> out;
  for (const Row row : wh.query(sql + " ORDER BY s.instance, s.ts", params)) {
    out[row.text("instance")].push_back({row.integer("ts"), row.number("value")});
  }
  return out;
}

std::string signed_share(double share) {
  char text[32];
  std::snprintf(text, sizeof text, "%+.1f%%", 100 * share);
  return text;
}

std::string describe(const std::string& instance, const MemoryAnomaly& a) {
  char text[320];
  std::snprintf(text, sizeof text,
                "%s's used memory has %s its baseline since %s UTC (%d hours): %.0f bytes against "
                "a median of %.0f, %s",
                instance.c_str(), a.side > 0 ? "grown above" : "fallen below",
                health::utc_text(a.since).c_str(), a.hours, a.latest, a.median,
                signed_share(a.departure_share).c_str());
  std::string out = text;
  if (a.robust_deviations) {
    std::snprintf(text, sizeof text, ", %.1f robust deviations", *a.robust_deviations);
    out += text;
  }
  return out;
}

std::string rules_text(const BaselineRules& r) {
  char text[400];
  std::snprintf(text, sizeof text,
                "An hour departs when it is more than max(%g x 1.4826 x MAD, %g%% of the median) "
                "from the median of "
                "the same hour on the previous %d days; flagged when the last %d hours all depart "
                "on the same side.",
                r.k, 100 * r.min_share, r.baseline_days, r.consecutive_hours);
  return text;
}

// The conditions with the report's defaults, for the alert engine.
std::vector<alerts::Signal> anomaly_signals(Warehouse& wh) {
  std::vector<alerts::Signal> out;
  if (!health::has_history(wh)) return out;
  const BaselineRules rules;
  for (const auto& [instance, a] : memory_anomalies(wh, health::latest_scrape(wh), rules)) {
    out.push_back({"RedisMemoryAnomaly", instance, "", a.departure_share, rules.min_share,
                   describe(instance, a)});
  }
  return out;
}

const alerts::ToolAlertRegistration kAlerts({
    .tool = "redis-console",
    .rules =
        {{.name = "RedisMemoryAnomaly",
          .severity = "warning",
          .description =
              "a Redis instance's used memory has departed from the median of the same hour of day "
              "on its previous 7 days (beyond 4 robust deviations and 5%) for the last 3 hours"}},
    .signals = anomaly_signals,
});

}  // namespace

std::vector<std::pair<std::string, MemoryAnomaly>> memory_anomalies(Warehouse& wh, int64_t now,
                                                                    const BaselineRules& rules) {
  std::vector<std::pair<std::string, MemoryAnomaly>> out;
  for (const auto& [instance, series] : hourly_memory(wh, now, rules, "")) {
    const MemoryAnomaly a = judge_memory(against_baseline(series, rules), rules);
    if (a.flagged) out.emplace_back(instance, a);
  }
  return out;
}

Panel memory_anomalies_panel(Warehouse& wh, const Console& c) {
  Panel p{.id = "memory_anomalies",
          .title = "Memory departing from its baseline",
          .kind = PanelKind::kTable};
  p.description = rules_text(c.baseline) + " Open an instance for its series against the band.";
  p.table.columns = {{"instance", "Instance", ValueType::kText, "", "", kInstanceLink},
                     {"direction", "Direction", ValueType::kText},
                     {"since", "Since (UTC)", ValueType::kText},
                     {"hours", "Hours", ValueType::kInt},
                     {"used_bytes", "Used memory", ValueType::kNumber, "", "bytes"},
                     {"baseline_bytes", "Baseline (median)", ValueType::kNumber, "", "bytes"},
                     {"departure_bytes", "Departure", ValueType::kNumber, "", "bytes"},
                     {"departure_share", "Departure of baseline", ValueType::kRate},
                     {"robust_deviations", "Robust deviations", ValueType::kNumber}};
  for (const auto& [instance, a] : memory_anomalies(wh, c.now, c.baseline)) {
    p.table.rows.push_back({instance, std::string(a.side > 0 ? "grown" : "shrunk"),
                            health::utc_text(a.since), int64_t{a.hours}, a.latest, a.median,
                            a.departure, a.departure_share,
                            a.robust_deviations ? Cell{*a.robust_deviations} : Cell{}});
  }
  return p;
}

std::vector<Panel> memory_evidence(Warehouse& wh, const Console& c, const std::string& instance) {
  const auto series = hourly_memory(wh, c.now, c.baseline, instance);
  std::vector<Panel> out;
  if (!series.count(instance)) return out;
  const std::vector<BaselineHour> hours = against_baseline(series.at(instance), c.baseline);
  const MemoryAnomaly a = judge_memory(hours, c.baseline);
  if (a.flagged) {
    Panel alert{.id = "memory_anomaly",
                .title = "Memory departs from its baseline",
                .kind = PanelKind::kAlerts};
    alert.alerts.push_back({Status::kYellow, describe(instance, a), rules_text(c.baseline), ""});
    out.push_back(alert);
  }
  Panel chart{.id = "memory_baseline",
              .title = "Used memory against its baseline",
              .kind = PanelKind::kTimeseries};
  chart.description = "The last " + std::to_string(kEvidenceHours) +
                      " hourly averages of used memory; the baseline is the median of the same "
                      "hour on the previous "
                      "days and the band what an hour may stray from it. " +
                      rules_text(c.baseline);
  chart.series.x_label = "hour (UTC)";
  Series used{"used_bytes", "Used memory", ValueType::kNumber, "", "bytes"};
  Series median{"baseline_bytes", "Baseline (median)", ValueType::kNumber, "", "bytes"};
  Series low{"band_low_bytes", "Band, low", ValueType::kNumber, "", "bytes"};
  Series high{"band_high_bytes", "Band, high", ValueType::kNumber, "", "bytes"};
  const size_t first = hours.size() > kEvidenceHours ? hours.size() - kEvidenceHours : 0;
  for (size_t i = first; i < hours.size(); ++i) {
    const BaselineHour& h = hours[i];
    chart.series.x.push_back(health::utc_text(h.ts));
    used.values.push_back(h.value);
    median.values.push_back(h.has_baseline ? Cell{h.median} : Cell{});
    low.values.push_back(h.has_baseline ? Cell{h.low} : Cell{});
    high.values.push_back(h.has_baseline ? Cell{h.high} : Cell{});
  }
  chart.series.series = {used, median, low, high};
  out.push_back(chart);
  return out;
}

}  // namespace luckyhub::redis_console
