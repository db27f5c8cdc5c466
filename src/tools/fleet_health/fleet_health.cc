// Tool 1, Database Health Monitor (id "fleet-health"). Without a parameter:
// the fleet overview (traffic lights for every instance, what is wrong now,
// capacity projections, the alert timeline); with instance=NAME: that
// server's detail (metric trends, processlist snapshot, long queries, its
// tables with projections).
//
// Conditions are the default alert rules (alerts/rules.h) evaluated on each
// instance's latest values, the same evaluation the collector runs; the
// timeline is what the collector recorded (or the simulator, for the demo).
#include "tools/fleet_health/fleet_health.h"

#include <map>

#include "core/error.h"
#include "health/schema.h"
#include "health/severity.h"
#include "health/trend.h"
#include "tools/param_error.h"
#include "tools/param_options.h"
#include "tools/registry.h"

namespace luckyhub::fleet_health {

std::string kind_label(InstanceKind kind) {
  switch (kind) {
    case InstanceKind::kMysql: return "MySQL";
    case InstanceKind::kRedis: return "Redis";
    case InstanceKind::kPostgres: return "PostgreSQL";
  }
  return "?";
}

const alerts::Rule& rule_of(const Fleet& fleet, const alerts::Signal& s) {
  const alerts::Rule* r = fleet.rules.find(s.rule);
  if (r == nullptr) throw Error("fleet-health: unknown rule " + s.rule);
  return *r;
}

Status condition_status(const Fleet& fleet, const alerts::Signal& s) {
  return health::severity_status(rule_of(fleet, s).severity);
}

Fleet load(Warehouse& wh) {
  if (!health::has_history(wh)) {
    throw Error("warehouse " + wh.location() +
                " has no health history: run 'luckyhub collect --fleet FLEET --warehouse W', or 'luckyhub simulate'");
  }
  Fleet fleet;
  const std::vector<health::TargetInfo> targets = health::load_targets(wh);
  fleet.now = health::latest_scrape(wh);
  std::vector<alerts::InstanceSnapshot> snapshots = health::latest_snapshots(wh, targets, fleet.now);
  const alerts::Evaluation evaluation = alerts::evaluate(fleet.rules, snapshots);
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < targets.size(); ++i) {
    fleet.simulated = fleet.simulated || targets[i].simulated;
    index[targets[i].instance] = i;
    fleet.instances.push_back({targets[i], std::move(snapshots[i]), {}, targets[i].up ? Status::kGreen : Status::kRed});
  }
  // When the instances that are not up were last seen up: the latest sample of
  // 'up' above 0 (raw, or an hourly or daily average that was partly up).
  std::string not_up;
  std::vector<SqlValue> names;
  for (InstanceHealth& h : fleet.instances) {
    if (h.target.up) {
      h.last_seen_up = h.target.last_scrape;
      continue;
    }
    not_up += not_up.empty() ? "?" : ", ?";
    names.push_back(h.target.instance);
  }
  if (!names.empty()) {
    const ResultSet seen = wh.query("SELECT instance, MAX(ts) AS last_seen FROM health__samples WHERE metric = 'up' AND "
                                    "value > 0 AND instance IN (" + not_up + ") GROUP BY instance",
                                    names);
    for (const Row row : seen) fleet.instances[index.at(row.text("instance"))].last_seen_up = row.integer("last_seen");
  }
  for (const alerts::Signal& s : evaluation.active) {
    InstanceHealth& h = fleet.instances[index.at(s.instance)];
    h.conditions.push_back(s);
    h.status = health::worse(h.status, condition_status(fleet, s));
  }
  return fleet;
}

std::map<SeriesKey, std::vector<health::Point>> daily_points(Warehouse& wh, const std::string& metric,
                                                             int64_t since, const std::string& instance) {
  // A table's statistics are stored when they change: a day without a row
  // holds the last stored value (health/history.h).
  std::map<SeriesKey, std::vector<health::Point>> out;
  for (auto& [key, points] : health::daily_series(wh, metric, since, health::latest_scrape(wh), instance)) {
    out[{key.first, key.second}] = std::move(points);
  }
  return out;
}

Panel timeline_panel(Warehouse& wh, int64_t since, const std::string& instance) {
  constexpr int kMaxEvents = 500;
  Panel p{.id = "alert_timeline", .title = "Alert timeline", .kind = PanelKind::kTable};
  p.description = "Alert transitions (pending, firing, resolved), instances going down and up, and databases "
                  "and tables discovered, newest first (at most " + std::to_string(kMaxEvents) + ").";
  p.table.columns = {{"time", "Time (UTC)", ValueType::kText},
                     {"instance", "Instance", ValueType::kText, "", "", "/tools/fleet-health?instance={instance}"},
                     {"event", "Event", ValueType::kText},
                     {"object", "Object", ValueType::kText},
                     {"severity", "Severity", ValueType::kText},
                     {"detail", "Detail", ValueType::kText}};
  std::string sql = "SELECT ts, instance, kind, object, severity, detail FROM health__events WHERE ts >= ?";
  std::vector<SqlValue> params = {since};
  if (!instance.empty()) {
    sql += " AND instance = ?";
    params.push_back(instance);
  }
  // Ties of a second are ordered by what they are, not by insertion (which
  // only SQLite's rowid would give): the same timeline on every engine.
  const ResultSet r = wh.query(
      sql + " ORDER BY ts DESC, instance, kind, object, detail LIMIT " + std::to_string(kMaxEvents), params);
  for (const Row row : r) {
    p.table.rows.push_back({health::utc_text(row.integer("ts")), row.text("instance"), row.text("kind"),
                            row.text("object"), row.text("severity"), row.text("detail")});
  }
  return p;
}

namespace {

Report compute(Warehouse& wh, const Params& params) {
  if (!health::has_history(wh)) {
    Panel none{.id = "no_history", .title = "No health history yet", .kind = PanelKind::kText};
    none.text = "This warehouse holds no database metrics. Run 'luckyhub collect --fleet FLEET --warehouse " +
                wh.location() + "' to watch the fleet's MySQL, Redis and PostgreSQL servers (docs/health.md).";
    Report report;
    report.panels = {none};
    return report;
  }
  const Fleet fleet = load(wh);
  const int days = static_cast<int>(params.integer("days"));
  const std::string name = params.text("instance");
  Report report;
  if (name.empty()) {
    report = overview(wh, fleet, days);
  } else {
    const InstanceHealth* found = nullptr;
    for (const InstanceHealth& h : fleet.instances) {
      if (h.target.instance == name) found = &h;
    }
    if (found == nullptr) throw ParamValueError("parameter instance: '" + name + "' is not in the health history");
    report = server_detail(wh, fleet, *found, days);
  }
  // Collected metrics are as of the latest scrape; simulated ones as of the warehouse's date.
  if (!fleet.simulated) report.as_of = health::utc_text(fleet.now) + " UTC";
  if (fleet.simulated) {
    size_t simulated = 0;
    for (const InstanceHealth& h : fleet.instances) simulated += h.target.simulated;
    Panel note{.id = "simulated", .title = "Simulated fleet", .kind = PanelKind::kText};
    note.text = (simulated == fleet.instances.size() ? std::string("These instances")
                                                     : std::to_string(simulated) + " of these " +
                                                           std::to_string(fleet.instances.size()) + " instances") +
                " and their 90 days of metric history are simulated by 'luckyhub simulate' (a demo of 62 MySQL, "
                "78 Redis and 3 PostgreSQL servers), not collected from real servers. Run 'luckyhub collect "
                "--fleet FLEET' to monitor real ones.";
    report.panels.insert(report.panels.begin(), note);
  }
  return report;
}

const ToolRegistration kRegistration(Tool{
    .id = "fleet-health",
    .number = 1,
    .department = "it",
    .title = "Database Health Monitor",
    .summary = "Every MySQL, Redis and PostgreSQL instance in traffic lights, what is wrong now, "
               "30/60/90-day capacity projections, the alert timeline, and each server's trends, "
               "processlist and tables.",
    .params = {{.name = "instance",
                .type = ParamType::kText,
                .description = "One instance's detail (its name in the fleet file)",
                .label = "One instance's detail",
                .options = param_options::instances},
               {.name = "days",
                .type = ParamType::kInt,
                .default_value = "30",
                .description = "Days of history in trends and the timeline",
                .min = 1,
                .max = 90,
                .label = "History shown (days)"}},
    .compute = compute,
});

}  // namespace
}  // namespace luckyhub::fleet_health
