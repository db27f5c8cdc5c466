#include "simulate/health/fleet_history.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "alerts/alert_tracker.h"
#include "core/units.h"
#include "health/schema.h"
#include "simulate/health/rds_host.h"
#include "simulate/health/redis_keyspace_summary.h"
#include "warehouse/schema.h"

namespace luckyhub::sim {
namespace {

constexpr int kDays = 90;           // daily points: slots 0..89; slot 90 is now (the raw scrape)
constexpr int kSlots = kDays + 1;
constexpr int kHours = 72;          // hourly points before now
constexpr double kGiB = 1024.0 * 1024 * 1024;

// The planted conditions (fleet_history.h).
constexpr const char* kGrowingInstance = "mysql-app-11";
constexpr const char* kGrowingTable = "app_11.t_audit_log";
constexpr const char* kBusyInstance = "mysql-app-07";
constexpr const char* kFullRedis = "redis-42";
constexpr const char* kOversizedRedis = "redis-17";  // 16 GiB holding ~5%: right-sizing's over-provisioned
constexpr const char* kIdleRedis = "redis-64";       // ~0 ops/s for 90 days: a decommission candidate
// Hourly used memory of the Redis instances for the last two weeks (the
// memory baseline's history), each with a mild daily cycle, except:
constexpr int kMemoryHours = 14 * 24;
constexpr const char* kLeakingRedis = "redis-29";  // a leak: +30% over its last 30 hours
constexpr const char* kCyclingRedis = "redis-53";  // a strong daily cycle (+/-30%), not an anomaly
constexpr int kLeakHours = 30;
constexpr double kLeakGrowth = 0.30, kStrongCycle = 0.30;
constexpr const char* kKeyInstance = "mysql-app-23";
constexpr const char* kKeyTable = "app_23.t_event";
constexpr const char* kNewTableInstance = "mysql-app-05";
constexpr const char* kNewTable = "app_05.t_feature_flag";
constexpr int kNewTableSlot = 81;
// Its last table statistics timed out (it is up; its tables keep their last values).
constexpr const char* kTablesFailedInstance = "mysql-app-31";

using Values = std::vector<double>;  // one per slot

struct SimTable {
  std::string name;  // schema.table
  Values bytes;
  Values auto_increment;  // used ratio of the key's range; empty without one
  double rows_now = 0;
  int first_slot = 0;
};

struct SimInstance {
  std::string name;
  InstanceKind kind = InstanceKind::kMysql;
  std::string host;
  int port = 0;
  std::vector<std::string> databases;
  std::map<std::string, Values> metrics;
  std::vector<SimTable> tables;
  double uptime_days = 0;
  Values hourly_memory;  // Redis: used memory of the last kMemoryHours hours, oldest first
};

std::string numbered(const char* prefix, int n) {
  char text[48];
  std::snprintf(text, sizeof text, "%s%02d", prefix, n);
  return text;
}

// A value drifting linearly from `from` to `to` over the slots, with
// multiplicative noise, clamped to [lo, hi].
Values drift(Rng& rng, double from, double to, double noise, double lo = 0, double hi = 1e300) {
  Values v(kSlots);
  for (int s = 0; s < kSlots; ++s) {
    const double base = from + (to - from) * s / (kSlots - 1);
    v[s] = std::clamp(base * (1 + rng.uniform(-noise, noise)), lo, hi);
  }
  return v;
}

// Bytes growing by `per_day` (a fraction of today's size) up to `now_bytes`.
Values growing(Rng& rng, double now_bytes, double per_day) {
  Values v(kSlots);
  for (int s = 0; s < kSlots; ++s) {
    v[s] = std::round(std::max(16384.0, now_bytes * (1 - per_day * (kSlots - 1 - s)) * (1 + rng.uniform(-0.001, 0.001))));
  }
  return v;
}

void connections(Rng& rng, SimInstance& in, double max, double ratio_from, double ratio_to) {
  const Values ratio = drift(rng, ratio_from, ratio_to, 0.08, 0.01, 0.6);
  Values used(kSlots), maxv(kSlots, max), r(kSlots);
  for (int s = 0; s < kSlots; ++s) used[s] = std::round(ratio[s] * max), r[s] = used[s] / max;
  in.metrics["connections"] = used;
  in.metrics["max_connections"] = maxv;
  in.metrics["connections_used_ratio"] = r;
}

void size_metrics(SimInstance& in) {
  Values data(kSlots, 0), index(kSlots, 0);
  for (const SimTable& t : in.tables) {
    for (int s = t.first_slot; s < kSlots; ++s) data[s] += std::round(t.bytes[s] * 0.77), index[s] += std::round(t.bytes[s] * 0.23);
  }
  in.metrics["data_bytes"] = data;
  in.metrics["index_bytes"] = index;
}

std::vector<SimInstance> build_fleet(SimContext& ctx, const std::map<std::string, uint64_t>& rows) {
  Rng rng = ctx.rng("fleet_health");
  std::vector<SimInstance> fleet;
  const SchemaCatalog& catalog = SchemaCatalog::builtin();
  const std::vector<std::string> databases = catalog.databases();
  for (int i = 0; i < 62; ++i) {
    SimInstance in;
    in.kind = InstanceKind::kMysql;
    in.host = "10.20.0." + std::to_string(11 + i);
    in.port = 3306;
    in.uptime_days = rng.uniform(5, 200);
    if (i < static_cast<int>(databases.size())) {
      std::string short_name = databases[i].substr(8);
      std::replace(short_name.begin(), short_name.end(), '_', '-');
      in.name = "mysql-" + short_name + "-1";
      in.databases = {databases[i]};
      for (const TableDef& t : catalog.tables()) {
        if (t.database != databases[i]) continue;
        const auto it = rows.find(t.qualified_name());
        const double n = it == rows.end() ? 0 : static_cast<double>(it->second);
        SimTable table{t.qualified_name(), growing(rng, std::max(16384.0, n * (120 + 12.0 * t.columns.size()) * 1.3),
                                                   rng.uniform(0.001, 0.006))};
        table.rows_now = n;
        Values ai(kSlots);
        for (int s = 0; s < kSlots; ++s) ai[s] = (n * (0.5 + 0.5 * s / (kSlots - 1)) + 1) / 18446744073709551615.0;
        table.auto_increment = ai;  // BIGINT UNSIGNED keys: nowhere near
        in.tables.push_back(std::move(table));
      }
    } else {
      const int n = i - static_cast<int>(databases.size()) + 1;
      in.name = numbered("mysql-app-", n);
      const std::string db = numbered("app_", n);
      in.databases = {db};
      for (const char* t : {"t_event", "t_session", "t_config", "t_audit_log"}) {
        const std::string name = db + "." + t;
        SimTable table{name, growing(rng, std::exp(rng.uniform(std::log(10e6), std::log(5e9))), rng.uniform(0.0005, 0.005))};
        table.rows_now = table.bytes.back() / 180;
        if (std::string(t) == "t_event") {
          const bool planted = name == kKeyTable;
          const double now = planted ? 0.87 : rng.uniform(0.01, 0.35);
          const double per_day = planted ? 0.004 : rng.uniform(0.0002, 0.002);
          Values ai(kSlots);
          for (int s = 0; s < kSlots; ++s) ai[s] = std::max(0.001, now - per_day * (kSlots - 1 - s));
          table.auto_increment = ai;
        }
        if (name == kGrowingTable) {  // ~5% a day for the last week
          table.bytes = growing(rng, 2.2e9, 0.001);
          for (int s = kSlots - 8; s < kSlots; ++s) table.bytes[s] = std::round(table.bytes[kSlots - 9] * std::pow(1.05, s - (kSlots - 9)));
        }
        in.tables.push_back(std::move(table));
      }
      if (in.name == kNewTableInstance) {
        SimTable table{kNewTable, growing(rng, 2e6, 0.002)};
        table.first_slot = kNewTableSlot;
        table.rows_now = 4000;
        in.tables.push_back(std::move(table));
      }
    }
    if (in.name == kBusyInstance) {
      connections(rng, in, 150, 0.3, 0.4);
      for (int s = kSlots - 11; s < kSlots; ++s) {  // climbing to 92% in the last ten days
        const double used = std::round(150 * (0.4 + 0.52 * (s - (kSlots - 11)) / 10.0));
        in.metrics["connections"][s] = used;
        in.metrics["connections_used_ratio"][s] = used / 150;
      }
    } else {
      const double max = std::vector<double>{500, 1000, 2000}[rng.range(0, 2)];
      const double base = rng.uniform(0.05, 0.45);
      connections(rng, in, max, base * 0.8, base);
    }
    in.metrics["questions_per_second"] = drift(rng, rng.uniform(50, 800), rng.uniform(80, 1500), 0.1);
    Values slow(kSlots);
    const double slow_mean = rng.uniform(0.2, 3);
    for (double& v : slow) v = static_cast<double>(std::min<int64_t>(8, rng.poisson(slow_mean)));
    in.metrics["slow_queries"] = slow;
    // Queries running over 10 s: the busy server's two running sessions (below).
    in.metrics["long_queries"] = Values(kSlots, 0);
    if (in.name == kBusyInstance) in.metrics["long_queries"][kDays] = 2;
    size_metrics(in);
    fleet.push_back(std::move(in));
  }
  for (int i = 1; i <= 78; ++i) {
    SimInstance in;
    in.kind = InstanceKind::kRedis;
    in.name = numbered("redis-", i);
    in.host = "10.20.1." + std::to_string(10 + i);
    in.port = 6379;
    in.uptime_days = rng.uniform(5, 300);
    in.databases = {"db0"};
    double max = kGiB * std::vector<double>{1, 2, 4, 8, 16}[rng.range(0, 4)];
    // Between 45% and 75% of maxmemory: right-sized at 1.3x headroom (no
    // smaller size step holds the peak, none is over the 85% line).
    const double base = 0.45 + (rng.uniform(0.15, 0.7) - 0.15) * (0.30 / 0.55);
    Values ratio = drift(rng, base * 0.85, base, 0.03, 0.01, 0.78);
    if (in.name == kOversizedRedis) {
      max = 16 * kGiB;
      for (int s = 0; s < kSlots; ++s) ratio[s] = 0.045 + 0.004 * std::sin(s * 0.7);
    }
    if (in.name == kLeakingRedis || in.name == kCyclingRedis) {  // room for the leak and the cycle below 85%
      for (double& r : ratio) r *= 0.55 / base;
      if (in.name == kLeakingRedis) ratio[kDays] *= 1 + kLeakGrowth;
    }
    if (in.name == kFullRedis) {
      for (int s = kSlots - 15; s < kSlots; ++s) ratio[s] = ratio[kSlots - 16] + (0.91 - ratio[kSlots - 16]) * (s - (kSlots - 16)) / 15.0;
    }
    Values used(kSlots), keys(kSlots);
    for (int s = 0; s < kSlots; ++s) used[s] = std::round(ratio[s] * max), keys[s] = std::round(used[s] / 600);
    in.metrics["used_memory_bytes"] = used;
    in.metrics["maxmemory_bytes"] = Values(kSlots, max);
    in.metrics["memory_used_ratio"] = ratio;
    in.metrics["dbsize_keys"] = keys;
    connections(rng, in, 10000, rng.uniform(0.002, 0.03), rng.uniform(0.002, 0.04));
    in.metrics["ops_per_second"] = drift(rng, rng.uniform(100, 5000), rng.uniform(100, 8000), 0.1);
    if (in.name == kIdleRedis) {
      for (int s = 0; s < kSlots; ++s) in.metrics["ops_per_second"][s] = 0.02 + 0.01 * std::sin(s * 0.3);
    }
    in.metrics["keyspace_hit_ratio"] = drift(rng, rng.uniform(0.85, 0.99), rng.uniform(0.85, 0.99), 0.01, 0, 1);
    fleet.push_back(std::move(in));
  }
  const char* pg_names[] = {"pg-analytics-1", "pg-reporting-1", "pg-gis-1"};
  for (int i = 0; i < 3; ++i) {
    SimInstance in;
    in.kind = InstanceKind::kPostgres;
    in.name = pg_names[i];
    in.host = "10.20.2." + std::to_string(11 + i);
    in.port = 5432;
    in.uptime_days = rng.uniform(5, 200);
    const std::string db = std::string(pg_names[i]).substr(3, std::string(pg_names[i]).size() - 5);
    in.databases = {"postgres", db};
    for (const char* t : {"public.events", "public.daily_rollup", "public.dimensions"}) {
      SimTable table{"postgres." + std::string(t), growing(rng, std::exp(rng.uniform(std::log(50e6), std::log(20e9))),
                                                           rng.uniform(0.001, 0.004))};
      table.rows_now = table.bytes.back() / 120;
      in.tables.push_back(std::move(table));
    }
    connections(rng, in, 200, rng.uniform(0.1, 0.3), rng.uniform(0.1, 0.5));
    size_metrics(in);
    fleet.push_back(std::move(in));
  }
  return fleet;
}

// The Redis instances' hourly used memory: yesterday's level on the 90-day
// trend, a daily cycle peaking mid-afternoon (UTC), 0.5% noise; the planted
// leak and strong cycle (fleet_history.h).
void hourly_memory(SimContext& ctx, std::vector<SimInstance>& fleet) {
  Rng rng = ctx.rng("fleet_health_redis_hourly");
  for (SimInstance& in : fleet) {
    if (in.kind != InstanceKind::kRedis) continue;
    const Values& used = in.metrics.at("used_memory_bytes");
    const double slope_per_hour = (used[kDays - 1] - used[0]) / (kDays - 1) / 24;
    const double cycle = in.name == kCyclingRedis ? kStrongCycle : rng.uniform(0, 0.03);
    in.hourly_memory.resize(kMemoryHours);
    for (int h = 0; h < kMemoryHours; ++h) {
      const int hours_before = kMemoryHours - h;  // now is midnight UTC
      const int hour_of_day = (24 - hours_before % 24) % 24;
      double v = (used[kDays - 1] - slope_per_hour * (hours_before - 24)) *
                 (1 + cycle * std::sin(2 * M_PI * (hour_of_day - 9) / 24)) * (1 + rng.uniform(-0.005, 0.005));
      if (in.name == kLeakingRedis && hours_before <= kLeakHours) {
        v *= 1 + kLeakGrowth * (kLeakHours - hours_before + 1) / kLeakHours;
      }
      in.hourly_memory[h] = std::round(v);
    }
  }
}

// The demo's replication topology (health__redis_topology): each Redis
// instance a master with one replica outside the monitored fleet
// (10.20.3.x), online, a second or less behind.
void write_topology(SimContext& ctx, WarehouseWriter& writer, const std::vector<SimInstance>& fleet, int64_t now) {
  Rng rng = ctx.rng("fleet_health_redis_topology");
  const TableDef& table = health::table("redis_topology");
  std::unique_ptr<RowSink> sink = writer.open_sink(table);
  auto row = [&](const std::string& instance, int64_t position, const char* relation, const std::string& address,
                 const char* role, int64_t offset, int64_t lag_s) {
    sink->set_text(sink->col("instance"), instance);
    sink->set_int(sink->col("ts"), now);
    sink->set_int(sink->col("position"), position);
    sink->set_text(sink->col("relation"), relation);
    sink->set_text(sink->col("address"), address);
    sink->set_text(sink->col("role"), role);
    for (const char* empty : {"name", "master", "slots", "problems"}) sink->set_text(sink->col(empty), "");
    sink->set_text(sink->col("link"), position == 0 ? "" : "online");
    sink->set_int(sink->col("repl_offset"), offset);
    sink->set_int(sink->col("lag_s"), lag_s);
    sink->end_row();
  };
  for (const SimInstance& in : fleet) {
    if (in.kind != InstanceKind::kRedis) continue;
    const int64_t offset = rng.range(1'000'000, 900'000'000);
    row(in.name, 0, "self", "", "master", offset, -1);
    row(in.name, 1, "replica", "10.20.3." + in.host.substr(in.host.rfind('.') + 1) + ":6379", "replica",
        offset - rng.range(0, 4096), rng.range(0, 1));
  }
  sink->finish();
}

// The instance as the alert rules see it at one slot.
alerts::InstanceSnapshot snapshot_at(const SimInstance& in, int s) {
  alerts::InstanceSnapshot snap{in.name, in.kind, true, "", true};
  for (const auto& [metric, v] : in.metrics) snap.values[{metric, ""}] = v[s];
  for (const SimTable& t : in.tables) {
    if (s < t.first_slot) continue;
    snap.values[{"table_bytes", t.name}] = t.bytes[s];
    if (!t.auto_increment.empty()) snap.values[{"auto_increment_used_ratio", t.name}] = t.auto_increment[s];
    if (s - 7 >= t.first_slot) snap.table_bytes_week_ago[t.name] = t.bytes[s - 7];
  }
  return snap;
}

class Writer {
 public:
  Writer(WarehouseWriter& w, const char* table) : table_(health::table(table)), sink_(w.open_sink(table_)) {}
  Writer& text(const char* col, const std::string& v) { return sink_->set_text(sink_->col(col), v), *this; }
  Writer& num(const char* col, int64_t v) { return sink_->set_int(sink_->col(col), v), *this; }
  Writer& real(const char* col, double v) { return sink_->set_double(sink_->col(col), v), *this; }
  void row() { sink_->end_row(); }
  void finish() { sink_->finish(); }

 private:
  const TableDef& table_;
  std::unique_ptr<RowSink> sink_;
};

}  // namespace

void generate_fleet_health(SimContext& ctx, WarehouseWriter& writer, const std::map<std::string, uint64_t>& rows) {
  for (const TableDef& t : health::schema().tables()) writer.create_table(t);
  std::vector<SimInstance> fleet = build_fleet(ctx, rows);
  hourly_memory(ctx, fleet);
  const int64_t now = int64_t{ctx.config.as_of.days} * health::kDayStep;
  auto slot_ts = [&](int s) { return now - int64_t{kSlots - 1 - s} * health::kDayStep; };
  Rng rng = ctx.rng("fleet_health_scrapes");

  Writer targets(writer, "targets"), samples(writer, "samples"), latest(writer, "latest"), objects(writer, "objects"),
      events(writer, "events"), sessions(writer, "sessions"), long_queries(writer, "long_queries");
  auto sample = [&](const SimInstance& in, const std::string& metric, const std::string& object, int64_t step,
                    int64_t ts, double value) {
    samples.text("instance", in.name).text("metric", metric).text("object", object).num("step", step).num("ts", ts)
        .real("value", value).row();
    if (step == health::kRawStep) {
      latest.text("instance", in.name).text("metric", metric).text("object", object).num("ts", ts).real("value", value).row();
    }
  };
  auto event = [&](int64_t ts, const std::string& instance, const std::string& kind, const std::string& object,
                   const std::string& severity, const std::string& detail) {
    events.num("ts", ts).text("instance", instance).text("kind", kind).text("object", object)
        .text("severity", severity).text("detail", detail).row();
  };
  ctx.truth.describe("fleet_tables_failed", "health__targets",
                     "a MySQL server whose last table statistics timed out (up; tables_error, a tables_failed event)");
  for (const SimInstance& in : fleet) {
    const std::string label = in.name + " (" + in.host + ":" + std::to_string(in.port) + ")";
    const double scrape_s = rng.uniform(0.002, 0.04);
    targets.text("instance", in.name).text("kind", kind_name(in.kind)).text("host", in.host).num("port", in.port)
        .num("up", 1).num("auth_failed", 0).num("last_scrape", now).real("scrape_seconds", scrape_s).num("first_seen", slot_ts(0))
        .num("simulated", 1);
    if (in.name == kTablesFailedInstance) {
      // As the collector words it (collect/mysql_source.cc), on the timeline too.
      const std::string failure = "table statistics failed: " + label + ": no complete answer within their deadline of 30 s";
      targets.text("tables_error", failure);
      event(now, in.name, "tables_failed", "", "warning", failure);
      ctx.truth.add_item("fleet_tables_failed", {{"instance", in.name}, {"detail", failure}});
    }
    targets.row();
    for (const auto& [metric, v] : in.metrics) {
      for (int s = 0; s < kDays; ++s) sample(in, metric, "", health::kDayStep, slot_ts(s), v[s]);
      const bool ratio = metric.find("ratio") != std::string::npos;
      if (metric == "used_memory_bytes") {
        for (int h = 0; h < kMemoryHours; ++h) {
          sample(in, metric, "", health::kHourStep, now - int64_t{kMemoryHours - h} * health::kHourStep,
                 in.hourly_memory[h]);
        }
      }
      for (int h = 0; h < kHours && metric != "used_memory_bytes"; ++h) {
        const double f = (h + 1.0) / kHours;
        double value = v[kDays - 1] + (v[kDays] - v[kDays - 1]) * f;
        if (metric == "ops_per_second" || metric == "questions_per_second") {
          value *= 1 + 0.15 * std::sin(2 * M_PI * h / 24);
        } else if (!ratio && metric != "slow_queries" && metric.find("max") == std::string::npos) {
          value *= 1 + rng.uniform(-0.005, 0.005);
        }
        sample(in, metric, "", health::kHourStep, now - int64_t{kHours - h} * health::kHourStep, value);
      }
      sample(in, metric, "", health::kRawStep, now, v[kDays]);
    }
    sample(in, "up", "", health::kRawStep, now, 1);
    sample(in, "scrape_duration_seconds", "", health::kRawStep, now, scrape_s);
    sample(in, "uptime_seconds", "", health::kRawStep, now, std::round(in.uptime_days * 86400));
    objects.text("instance", in.name).text("kind", "instance").text("name", "").num("first_seen", slot_ts(0))
        .num("last_seen", now).row();
    for (const std::string& db : in.databases) {
      objects.text("instance", in.name).text("kind", "database").text("name", db).num("first_seen", slot_ts(0))
          .num("last_seen", now).row();
    }
    for (const SimTable& t : in.tables) {
      for (int s = t.first_slot; s < kDays; ++s) {
        sample(in, "table_bytes", t.name, health::kDayStep, slot_ts(s), t.bytes[s]);
        if (!t.auto_increment.empty()) sample(in, "auto_increment_used_ratio", t.name, health::kDayStep, slot_ts(s), t.auto_increment[s]);
      }
      sample(in, "table_bytes", t.name, health::kRawStep, now, t.bytes[kDays]);
      sample(in, "table_data_bytes", t.name, health::kRawStep, now, std::round(t.bytes[kDays] * 0.77));
      sample(in, "table_index_bytes", t.name, health::kRawStep, now, std::round(t.bytes[kDays] * 0.23));
      sample(in, "table_rows", t.name, health::kRawStep, now, std::round(t.rows_now));
      if (!t.auto_increment.empty()) sample(in, "auto_increment_used_ratio", t.name, health::kRawStep, now, t.auto_increment[kDays]);
      objects.text("instance", in.name).text("kind", "table").text("name", t.name).num("first_seen", slot_ts(t.first_slot))
          .num("last_seen", now).row();
      if (t.first_slot > 0) {
        event(slot_ts(t.first_slot), in.name, "new_table", t.name, "info", "new table " + t.name + " on " + label);
      }
    }
    event(slot_ts(0), in.name, "instance_added", "", "info",
          label + " monitored: " + count_of(static_cast<int64_t>(in.databases.size()), "database") + ", " +
              count_of(static_cast<int64_t>(in.tables.size()), "table"));
    if (in.kind != InstanceKind::kRedis) {
      // The processlist: a few sleeping application sessions and running queries.
      const int n = static_cast<int>(std::min(12.0, in.metrics.at("connections")[kDays]));
      for (int k = 0; k < n; ++k) {
        const bool running = k < 2;
        const bool busy = in.name == kBusyInstance;
        const double seconds = running ? std::round(busy ? rng.uniform(12, 40) : rng.uniform(0, 3)) : rng.range(1, 300);
        const std::string query = running ? "SELECT * FROM t_order WHERE user_no = ? AND create_time >= ? ORDER BY id DESC LIMIT ?" : "";
        sessions.text("instance", in.name).num("ts", now).num("id", 1000 + k).text("user", k % 3 ? "app_rw" : "app_ro")
            .text("db", in.databases.back()).text("command", running ? "Query" : "Sleep")
            .text("state", running ? "Sending data" : "").real("seconds", seconds).text("query", query).row();
        if (running && seconds >= 10) {
          long_queries.text("instance", in.name).num("ts", now).num("id", 1000 + k).text("user", "app_rw")
              .text("db", in.databases.back()).real("seconds", seconds).text("query", query).row();
        }
      }
    }
  }

  // One PostgreSQL server stands for an RDS read replica: its host metrics are CloudWatch's (rds_host.h).
  for (const SimInstance& in : fleet) {
    if (in.name != kRdsInstance) continue;
    for (const HostPoint& p : rds_host_history(now, kDays, kHours)) sample(in, p.metric, p.object, p.step, p.ts, p.value);
    ctx.truth.describe("fleet_cloudwatch_host", "health__latest",
                       "an RDS instance whose host metrics come from Amazon CloudWatch (the page names the source)");
    ctx.truth.add_item("fleet_cloudwatch_host", {{"instance", in.name}, {"db_instance_identifier", kRdsIdentifier},
                                                 {"cpu_busy_ratio", rds_latest_value("cpu_busy_ratio")},
                                                 {"storage_free_bytes", rds_latest_value("storage_free_bytes")},
                                                 {"replica_lag_seconds", rds_latest_value("replica_lag_seconds")}});
  }

  // The timeline and the alert state: the default rules through the state
  // machine, one evaluation a day, as a collector would have produced them.
  const alerts::RuleSet rules = alerts::RuleSet::defaults();
  alerts::AlertTracker tracker(rules);
  for (int s = 0; s < kSlots; ++s) {
    std::vector<alerts::InstanceSnapshot> snaps;
    for (const SimInstance& in : fleet) snaps.push_back(snapshot_at(in, s));
    for (const alerts::Transition& tr : tracker.update(slot_ts(s), alerts::evaluate(rules, snaps))) {
      const alerts::AlertRecord& a = tr.alert;
      event(slot_ts(s), a.key.instance, alerts::event_kind(a), a.key.object, alerts::event_severity(a),
            a.key.rule + ": " + a.summary);
    }
  }
  Writer alert_rows(writer, "alerts");
  for (const auto& [key, a] : tracker.alerts()) {
    alert_rows.text("rule", key.rule).text("instance", key.instance).text("object", key.object)
        .text("state", alerts::state_name(a.state)).text("severity", a.severity).num("active_since", a.active_since)
        .num("changed", a.changed).real("value", a.value).real("threshold", a.threshold).text("summary", a.summary).row();
  }
  for (Writer* w : {&targets, &samples, &latest, &objects, &events, &sessions, &long_queries, &alert_rows}) w->finish();
  std::vector<DemoRedis> redis;
  for (const SimInstance& in : fleet) {
    if (in.kind != InstanceKind::kRedis) continue;
    redis.push_back({in.name, std::stoi(in.name.substr(6)), in.metrics.at("used_memory_bytes")[kDays],
                     in.metrics.at("dbsize_keys")[kDays], in.metrics.at("ops_per_second")[kDays]});
  }
  generate_keyspace_summary(ctx, writer, redis, now);
  write_topology(ctx, writer, fleet, now);
  for (const TableDef& t : health::schema().tables()) writer.create_indexes(t);

  const char* table = "health__samples";
  ctx.truth.describe("redis_over_provisioned", table, "a 16 GiB Redis instance peaking near 5% of it (right-sizing)");
  ctx.truth.add_item("redis_over_provisioned", {{"instance", kOversizedRedis}});
  ctx.truth.describe("redis_unused", table, "a Redis instance near 0 ops/s for 90 days (decommission candidate)");
  ctx.truth.add_item("redis_unused", {{"instance", kIdleRedis}});
  ctx.truth.describe("redis_memory_anomaly", table,
                     "a Redis instance whose hourly used memory leaks +30% over its last 30 hours (memory baseline)");
  ctx.truth.add_item("redis_memory_anomaly", {{"instance", kLeakingRedis}, {"direction", "grown"}});
  ctx.truth.describe("redis_memory_daily_cycle", table,
                     "a Redis instance with a +/-30% daily memory cycle: its own baseline, not an anomaly");
  ctx.truth.add_item("redis_memory_daily_cycle", {{"instance", kCyclingRedis}});
  ctx.truth.describe("redis_under_provisioned", table, "a Redis instance peaking over 85% of maxmemory");
  ctx.truth.add_item("redis_under_provisioned", {{"instance", kFullRedis}});
  ctx.truth.describe("fleet_fast_growing_table", table, "a table grown ~40% in the last 7 days (rule: > 20% week over week)");
  ctx.truth.add_item("fleet_fast_growing_table", {{"rule", "TableGrowthWeekOverWeek"}, {"instance", kGrowingInstance}, {"object", kGrowingTable}});
  ctx.truth.describe("fleet_connections_near_max", table, "a MySQL server at 92% of max_connections (rule: > 80%)");
  ctx.truth.add_item("fleet_connections_near_max", {{"rule", "ConnectionsNearMax"}, {"instance", kBusyInstance}, {"object", ""}});
  ctx.truth.describe("fleet_redis_memory_high", table, "a Redis instance at 91% of maxmemory (rule: > 85%)");
  ctx.truth.add_item("fleet_redis_memory_high", {{"rule", "RedisMemoryHigh"}, {"instance", kFullRedis}, {"object", ""}});
  ctx.truth.describe("fleet_auto_increment_near_limit", table, "an INT AUTO_INCREMENT key at 87% of its range (rule: > 80%)");
  ctx.truth.add_item("fleet_auto_increment_near_limit", {{"rule", "AutoIncrementNearLimit"}, {"instance", kKeyInstance}, {"object", kKeyTable}});
  ctx.truth.describe("fleet_new_table", table, "a table created 9 days before as-of (discovery)");
  ctx.truth.add_item("fleet_new_table", {{"instance", kNewTableInstance}, {"object", kNewTable}});
  ctx.truth.set_figure("fleet_instances", static_cast<int64_t>(fleet.size()));
}

}  // namespace luckyhub::sim
