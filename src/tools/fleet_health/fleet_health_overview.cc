// The fleet overview of fleet-health: traffic lights for every instance (KPI
// tiles, a heatmap of instance x check, the instance table), the conditions
// that hold now, capacity projections per instance and per table, and the
// alert timeline.
#include <algorithm>
#include <cmath>
#include <map>

#include "health/schema.h"
#include "core/units.h"
#include "health/severity.h"
#include "health/trend.h"
#include "tools/fleet_health/fleet_health.h"

namespace luckyhub::fleet_health {
namespace {

constexpr size_t kMaxTableProjections = 50;

// The heatmap's rows: a check and the rule kinds it shows.
struct Check {
  const char* label;
  std::vector<alerts::RuleKind> kinds;
};
const std::vector<Check>& checks() {
  static const std::vector<Check> c = {
      {"Up", {alerts::RuleKind::kInstanceDown, alerts::RuleKind::kAuthFailed}},
      {"Connections", {alerts::RuleKind::kConnections}},
      {"Redis memory", {alerts::RuleKind::kRedisMemory}},
      {"Slow queries", {alerts::RuleKind::kSlowQueries}},
      {"Table growth", {alerts::RuleKind::kTableGrowth}},
      {"AUTO_INCREMENT", {alerts::RuleKind::kAutoIncrement}},
  };
  return c;
}

const char* state_label(const health::TargetInfo& t) {
  return t.up ? "up" : t.auth_failed ? "auth failed" : "down";
}

bool check_applies(const Check& c, InstanceKind kind) {
  if (c.kinds[0] == alerts::RuleKind::kRedisMemory) return kind == InstanceKind::kRedis;
  if (c.kinds[0] == alerts::RuleKind::kSlowQueries || c.kinds[0] == alerts::RuleKind::kAutoIncrement) {
    return kind == InstanceKind::kMysql;
  }
  if (c.kinds[0] == alerts::RuleKind::kTableGrowth) return kind != InstanceKind::kRedis;
  return true;
}

Panel heatmap(const Fleet& fleet) {
  Panel p{.id = "fleet_heatmap", .title = "Fleet health: every instance", .kind = PanelKind::kHeatmap};
  p.description = "0 green (fine), 1 yellow (a warning condition), 2 red (down or a critical condition); "
                  "empty where a check does not apply.";
  p.heatmap.x_label = "instance";
  p.heatmap.y_label = "check";
  p.heatmap.value_label = "status (0 green, 1 yellow, 2 red)";
  p.heatmap.palette = "status";
  for (const InstanceHealth& h : fleet.instances) p.heatmap.x.push_back(h.target.instance);
  for (const Check& c : checks()) {
    p.heatmap.y.push_back(c.label);
    std::vector<Cell> row;
    for (const InstanceHealth& h : fleet.instances) {
      if (!check_applies(c, h.target.kind)) {
        row.push_back(Cell{});
        continue;
      }
      Status worst = Status::kGreen;
      for (const alerts::Signal& s : h.conditions) {
        const alerts::Rule& r = rule_of(fleet, s);
        if (std::find(c.kinds.begin(), c.kinds.end(), r.kind) == c.kinds.end()) continue;
        worst = health::worse(worst, health::severity_status(r.severity));
      }
      row.push_back(int64_t{health::status_level(worst)});
    }
    p.heatmap.values.push_back(row);
  }
  return p;
}

Panel instances_table(const Fleet& fleet) {
  Panel p{.id = "instances", .title = "Instances", .kind = PanelKind::kTable};
  p.table.columns = {{"instance", "Instance", ValueType::kText, "", "", "/tools/fleet-health?instance={instance}"},
                     {"kind", "Kind", ValueType::kText},
                     {"status", "Status", ValueType::kText},
                     {"up", "Up", ValueType::kInt},
                     {"state", "State", ValueType::kText},
                     {"last_seen_up", "Last seen up (UTC)", ValueType::kText},
                     {"connections", "Connections", ValueType::kInt},
                     {"max_connections", "Max connections", ValueType::kInt},
                     {"connections_used", "Connections used", ValueType::kRate},
                     {"memory_used", "Memory of maxmemory", ValueType::kRate},
                     {"data_bytes", "Data size", ValueType::kNumber, "", "bytes"},
                     {"conditions", "Conditions", ValueType::kInt},
                     {"scrape_seconds", "Scrape", ValueType::kNumber, "", "s"},
                     {"last_scrape", "Last scrape (UTC)", ValueType::kText},
                     {"tables_error", "Table statistics failed", ValueType::kText}};
  for (const InstanceHealth& h : fleet.instances) {
    const alerts::InstanceSnapshot& s = h.snapshot;
    // A server that is not up shows no values: the last ones read are not its state now.
    const bool known = h.target.up;
    auto opt = [&](const char* metric) {
      return known && s.values.count({metric, ""}) ? Cell{s.value(metric)} : Cell{};
    };
    auto opt_int = [&](const char* metric) {
      return known && s.values.count({metric, ""}) ? Cell{static_cast<int64_t>(s.value(metric))} : Cell{};
    };
    const bool redis = h.target.kind == InstanceKind::kRedis;
    p.table.rows.push_back({h.target.instance, kind_label(h.target.kind), health::status_word(h.status),
                            int64_t{h.target.up}, state_label(h.target),
                            h.last_seen_up ? Cell{health::utc_text(h.last_seen_up)} : Cell{}, opt_int("connections"), opt_int("max_connections"),
                            opt("connections_used_ratio"), redis ? opt("memory_used_ratio") : Cell{},
                            redis ? opt("used_memory_bytes") : opt("data_bytes"),
                            static_cast<int64_t>(h.conditions.size()), h.target.scrape_seconds,
                            health::utc_text(h.target.last_scrape), h.target.tables_error});
  }
  return p;
}

// Capacity per instance: Redis memory against maxmemory, databases' data size.
Panel instance_capacity(Warehouse& wh, const Fleet& fleet) {
  Panel p{.id = "capacity", .title = "Capacity projections per instance (30/60/90 days)", .kind = PanelKind::kTable};
  p.description = "Least squares on daily sizes of the last 90 days, with 95% prediction intervals; days until "
                  "full where a limit is known (Redis maxmemory). Instances with fewer than 3 days of history "
                  "are left out.";
  p.table.columns = {{"instance", "Instance", ValueType::kText, "", "", "/tools/fleet-health?instance={instance}"},
                     {"metric", "Metric", ValueType::kText},
                     {"now_bytes", "Now", ValueType::kNumber, "", "bytes"},
                     {"growth_per_day_bytes", "Growth per day", ValueType::kNumber, "", "bytes"}};
  for (const double h : kHorizons) {
    const std::string d = std::to_string(static_cast<int>(h));
    p.table.columns.push_back({"in_" + d + "d_bytes", "In " + d + " days", ValueType::kNumber, "", "bytes"});
    p.table.columns.push_back({"in_" + d + "d_high_bytes", "In " + d + " days (95% high)", ValueType::kNumber, "", "bytes"});
  }
  p.table.columns.push_back({"limit_bytes", "Limit", ValueType::kNumber, "", "bytes"});
  p.table.columns.push_back({"days_until_full", "Days until full", ValueType::kNumber, "", "days"});
  const int64_t since = fleet.now - 90 * health::kDayStep;
  const double now_day = static_cast<double>(fleet.now) / health::kDayStep;
  std::map<std::string, const InstanceHealth*> by_name;
  for (const InstanceHealth& h : fleet.instances) by_name[h.target.instance] = &h;
  for (const char* metric : {"data_bytes", "used_memory_bytes"}) {
    for (const auto& [key, points] : daily_points(wh, metric, since)) {
      const auto it = by_name.find(key.instance);
      if (it == by_name.end() || !key.object.empty()) continue;
      const alerts::InstanceSnapshot& s = it->second->snapshot;
      const double max = s.value("maxmemory_bytes", "", 0);
      std::optional<double> limit;
      if (std::string(metric) == "used_memory_bytes" && max > 0) limit = max;
      const health::Projection pr = health::project(points, now_day, kHorizons, limit);
      if (pr.forecasts.empty()) continue;
      std::vector<Cell> row = {key.instance, std::string(metric), s.value(metric, "", points.back().value),
                               pr.slope_per_day};
      for (const health::Forecast& f : pr.forecasts) {
        row.push_back(f.value);
        row.push_back(f.high);
      }
      row.push_back(limit ? Cell{*limit} : Cell{});
      row.push_back(pr.days_until_limit ? Cell{*pr.days_until_limit} : Cell{});
      p.table.rows.push_back(row);
    }
  }
  // Soonest full first, then the fastest growing.
  std::stable_sort(p.table.rows.begin(), p.table.rows.end(), [](const auto& a, const auto& b) {
    const bool fa = std::holds_alternative<double>(a.back()), fb = std::holds_alternative<double>(b.back());
    if (fa != fb) return fa;
    if (fa) return std::get<double>(a.back()) < std::get<double>(b.back());
    return std::get<double>(a[3]) > std::get<double>(b[3]);
  });
  return p;
}

}  // namespace

// Per-table projections: bytes (no known limit) and the AUTO_INCREMENT range.
Panel table_projections(Warehouse& wh, const Fleet& fleet, const std::string& instance, size_t max_rows,
                        bool growing_only) {
  Panel p{.id = "table_projections", .title = "Table growth and projections", .kind = PanelKind::kTable};
  p.description = "Size now and 7 days ago, least-squares projection of daily sizes 30/60/90 days ahead (95% "
                  "high), and days until the AUTO_INCREMENT key's type is exhausted at the current pace.";
  p.table.columns = {{"instance", "Instance", ValueType::kText, "", "", "/tools/fleet-health?instance={instance}"},
                     {"table", "Table", ValueType::kText},
                     {"bytes", "Size", ValueType::kNumber, "", "bytes"},
                     {"growth_7d", "Growth in 7 days", ValueType::kRate},
                     {"in_30d_bytes", "In 30 days", ValueType::kNumber, "", "bytes"},
                     {"in_60d_bytes", "In 60 days", ValueType::kNumber, "", "bytes"},
                     {"in_90d_bytes", "In 90 days", ValueType::kNumber, "", "bytes"},
                     {"in_90d_high_bytes", "In 90 days (95% high)", ValueType::kNumber, "", "bytes"},
                     {"auto_increment_used", "AUTO_INCREMENT used", ValueType::kRate},
                     {"days_until_key_exhausted", "Days until key exhausted", ValueType::kNumber, "", "days"}};
  const int64_t since = fleet.now - 90 * health::kDayStep;
  const double now_day = static_cast<double>(fleet.now) / health::kDayStep;
  const auto sizes = daily_points(wh, "table_bytes", since, instance);
  const auto ai = daily_points(wh, "auto_increment_used_ratio", since, instance);
  struct Row {
    std::vector<Cell> cells;
    double rank;
  };
  std::vector<Row> rows;
  size_t static_tables = 0;
  for (const InstanceHealth& h : fleet.instances) {
    if (!instance.empty() && h.target.instance != instance) continue;
    const alerts::InstanceSnapshot& s = h.snapshot;
    for (const auto& [key, value] : s.values) {
      if (key.first != "table_bytes") continue;
      const std::string& table = key.second;
      Row row{{h.target.instance, table, value}, 0};
      const auto before = s.table_bytes_week_ago.find(table);
      const double growth = before != s.table_bytes_week_ago.end() && before->second > 0 ? value / before->second - 1 : NAN;
      row.cells.push_back(std::isnan(growth) ? Cell{} : Cell{growth});
      const auto pts = sizes.find({h.target.instance, table});
      const health::Projection pr = pts == sizes.end() ? health::Projection{}
                                                       : health::project(pts->second, now_day, kHorizons);
      if (pr.forecasts.size() == 3) {
        for (const health::Forecast& f : pr.forecasts) row.cells.push_back(f.value);
        row.cells.push_back(pr.forecasts[2].high);
      } else {
        row.cells.insert(row.cells.end(), 4, Cell{});
      }
      const double ratio = s.value("auto_increment_used_ratio", table, -1);
      row.cells.push_back(ratio >= 0 ? Cell{ratio} : Cell{});
      const auto ai_pts = ai.find({h.target.instance, table});
      std::optional<double> days;
      if (ai_pts != ai.end()) days = health::project(ai_pts->second, now_day, {}, 1.0).days_until_limit;
      row.cells.push_back(days ? Cell{*days} : Cell{});
      const bool grows = days.has_value() || growth > 0 || (!pr.forecasts.empty() && pr.slope_per_day > 0);
      if (growing_only && !grows) {
        ++static_tables;
        continue;
      }
      // The most urgent first: a key running out, then the fastest growth.
      row.rank = days ? 1e12 - *days : (std::isnan(growth) ? -1 : growth);
      rows.push_back(std::move(row));
    }
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.rank > b.rank; });
  for (size_t i = 0; i < rows.size() && i < max_rows; ++i) p.table.rows.push_back(std::move(rows[i].cells));
  if (rows.size() > max_rows) {
    p.description += " The " + std::to_string(max_rows) + " most urgent of " +
                     count_of(static_cast<int64_t>(rows.size()), "table") + " that grow.";
  }
  if (static_tables > 0) {
    p.description += " " + count_of(static_cast<int64_t>(static_tables), "table") +
                     (static_tables == 1 ? " that does" : " that do") + " not grow " +
                     (static_tables == 1 ? "is" : "are") + " left out (open a server for all of its tables).";
  }
  return p;
}

Panel conditions_panel(const Fleet& fleet, const std::string& instance) {
  Panel p{.id = "conditions", .title = "What is wrong now", .kind = PanelKind::kAlerts};
  p.description = "The alert rules' conditions on the latest values (defaults: growth > 20% week over week, "
                  "connections > 80% of max, Redis memory > 85% of maxmemory, > 10 slow queries per interval, "
                  "instance down, AUTO_INCREMENT > 80% of its range).";
  for (const InstanceHealth& h : fleet.instances) {
    if (!instance.empty() && h.target.instance != instance) continue;
    for (const alerts::Signal& s : h.conditions) {
      p.alerts.push_back({condition_status(fleet, s), s.rule + ": " + h.target.instance +
                              (s.object.empty() ? "" : " " + s.object),
                          s.summary, "/tools/fleet-health?instance=" + h.target.instance});
    }
  }
  std::stable_sort(p.alerts.begin(), p.alerts.end(),
                   [](const Alert& a, const Alert& b) { return health::status_level(a.severity) > health::status_level(b.severity); });
  return p;
}

Report overview(Warehouse& wh, const Fleet& fleet, int days) {
  int counts[3] = {0, 0, 0}, down = 0, refused = 0, by_kind[3] = {0, 0, 0};
  for (const InstanceHealth& h : fleet.instances) {
    counts[health::status_level(h.status)] += 1;
    down += !h.target.up && !h.target.auth_failed;
    refused += h.target.auth_failed;
    by_kind[static_cast<int>(h.target.kind)] += 1;
  }
  // The firing alerts' tile has the colour of the worst of them (health/severity.h).
  int64_t firing = 0;
  Status firing_status = Status::kGreen;
  for (const Row row : wh.query("SELECT severity, COUNT(*) AS n FROM health__alerts WHERE state = 'firing' "
                                "GROUP BY severity ORDER BY severity")) {
    firing += row.integer("n");
    firing_status = health::worse(firing_status, health::severity_status(row.text("severity")));
  }
  const int n = static_cast<int>(fleet.instances.size());
  Panel kpis{.id = "summary", .title = "Fleet", .kind = PanelKind::kKpis};
  kpis.kpis = {
      {"instances", "Instances", int64_t{n}, ValueType::kInt, "", "", Status::kNone,
       std::to_string(by_kind[0]) + " MySQL, " + std::to_string(by_kind[1]) + " Redis, " +
           std::to_string(by_kind[2]) + " PostgreSQL; latest scrape " + health::utc_text(fleet.now) + " UTC"},
      {"green", "Healthy", int64_t{counts[0]}, ValueType::kInt, "", "", counts[0] == n ? Status::kGreen : Status::kNone},
      {"yellow", "Warning", int64_t{counts[1]}, ValueType::kInt, "", "", counts[1] ? Status::kYellow : Status::kGreen},
      {"red", "Critical or down", int64_t{counts[2]}, ValueType::kInt, "", "", counts[2] ? Status::kRed : Status::kGreen},
      {"down", "Down", int64_t{down}, ValueType::kInt, "", "", down ? Status::kRed : Status::kGreen},
      {"auth_failed", "Login refused", int64_t{refused}, ValueType::kInt, "", "", refused ? Status::kRed : Status::kGreen,
       "the server answers but refuses luckyhub's user or password (the AuthFailed alert)"},
      {"alerts_firing", "Alerts firing", firing, ValueType::kInt, "", "", firing_status,
       "as the collector's state machine has them (pending alerts wait out their 'for')"},
  };
  Report report;
  report.panels = {kpis,
                   conditions_panel(fleet, ""),
                   heatmap(fleet),
                   instances_table(fleet),
                   instance_capacity(wh, fleet),
                   table_projections(wh, fleet, "", kMaxTableProjections, true),
                   timeline_panel(wh, fleet.now - int64_t{days} * health::kDayStep, "")};
  return report;
}

}  // namespace luckyhub::fleet_health
