#include "collect/health_store.h"

#include <algorithm>
#include <set>

#include "core/error.h"
#include "core/log.h"
#include "core/units.h"
#include "health/history.h"
#include "health/schema.h"

namespace luckyhub::collect {

namespace {

// health::is_table_statistic's metrics, as an SQL list.
constexpr const char* kTableStatistics =
    "'table_data_bytes', 'table_index_bytes', 'table_rows', 'table_bytes', 'auto_increment_used_ratio'";

// An instance's state as the events name it: "up", "down" or "auth_failed".
const char* state_name(bool up, bool auth_failed) { return up ? "up" : auth_failed ? "auth_failed" : "down"; }

}  // namespace

void create_health_tables(WarehouseUpdater& db) {
  for (const TableDef& t : health::schema().tables()) {
    if (db.has_table(t.warehouse_name())) continue;
    db.create_table(t);
    db.create_indexes(t);
  }
  for (const health::AddedColumn& c : health::added_columns()) {
    const ResultSet cols = db.query(std::string("SELECT * FROM ") + c.table + " LIMIT 0");
    if (std::find(cols.columns.begin(), cols.columns.end(), c.column) == cols.columns.end()) {
      db.execute(std::string("ALTER TABLE ") + c.table + " ADD COLUMN " + c.ddl);
    }
  }
}

std::unique_ptr<HealthStore> HealthStore::open(const std::string& warehouse) {
  std::unique_ptr<HealthStore> store(new HealthStore(open_updater(warehouse)));
  store->db_->begin();
  create_health_tables(*store->db_);
  store->db_->commit();
  return store;
}

void HealthStore::event(int64_t ts, const std::string& instance, const std::string& kind,
                        const std::string& object, const std::string& severity, const std::string& detail) {
  db_->execute("INSERT INTO health__events (ts, instance, kind, object, severity, detail) VALUES (?, ?, ?, ?, ?, ?)",
               {ts, instance, kind, object, severity, detail});
}

void HealthStore::write_topology(int64_t ts, const std::string& instance, const RedisTopology& t) {
  db_->execute("DELETE FROM health__redis_topology WHERE instance = ?", {instance});
  std::string problems;
  for (const std::string& p : t.problems) problems += (problems.empty() ? "" : "\n") + p;
  const RedisPeer self{.relation = "self", .role = t.role, .master = t.master, .link = t.master_link,
                       .offset = t.offset, .slots = t.slots};
  std::vector<const RedisPeer*> rows = {&self};
  for (const RedisPeer& p : t.peers) rows.push_back(&p);
  for (size_t i = 0; i < rows.size(); ++i) {
    const RedisPeer& p = *rows[i];
    db_->execute(R"(INSERT INTO health__redis_topology (instance, ts, position, relation, address, role, name, master, link,
                                                        repl_offset, lag_s, slots, problems)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?))",
                 {instance, ts, static_cast<int64_t>(i), p.relation, p.address, p.role, p.name, p.master, p.link,
                  p.offset, p.lag_s, p.slots, i == 0 ? problems : std::string()});
  }
}

bool HealthStore::changed(const std::string& instance, const Sample& s) {
  if (!health::is_table_statistic(s.metric) || s.object.empty()) return true;
  SeriesId id{instance, s.metric, s.object};
  const auto it = stored_.find(id);
  const bool same = it != stored_.end() && it->second == s.value;
  if (!same) pending_[std::move(id)] = s.value;
  return !same;
}

int HealthStore::write(const Cycle& cycle) {
  try {
    if (!stored_loaded_) {
      // What the history holds as current: the latest value of each table
      // statistic (written with every change, so equal to the last stored sample).
      const ResultSet r = db_->query("SELECT instance, metric, object, value FROM health__latest WHERE object <> ''");
      for (const Row row : r) {
        if (health::is_table_statistic(row.text("metric"))) {
          stored_[{row.text("instance"), row.text("metric"), row.text("object")}] = row.number("value");
        }
      }
      stored_loaded_ = true;
    }
    pending_.clear();
    db_->begin();
    int events = 0;
    for (const char* table : {"samples", "latest"}) {
      std::unique_ptr<RowSink> sink = db_->open_upsert_sink(health::table(table));
      const int c_instance = sink->col("instance"), c_metric = sink->col("metric"), c_object = sink->col("object"),
                c_ts = sink->col("ts"), c_value = sink->col("value");
      const int c_step = sink->table().has_column("step") ? sink->col("step") : -1;
      const bool history = c_step >= 0;
      for (const TargetScrape& t : cycle.targets) {
        for (const Sample& s : t.scrape.samples) {
          // The history gets a table's statistics only when they changed
          // (readers hold the last stored one as current); health__latest
          // gets every value, its ts saying when it was last read.
          if (history && !changed(t.instance->name, s)) continue;
          sink->set_text(c_instance, t.instance->name);
          sink->set_text(c_metric, s.metric);
          sink->set_text(c_object, s.object);
          if (c_step >= 0) sink->set_int(c_step, health::kRawStep);
          sink->set_int(c_ts, cycle.ts);
          sink->set_double(c_value, s.value);
          sink->end_row();
        }
      }
      sink->finish();
    }
    for (const TargetScrape& t : cycle.targets) {
      const Instance& in = *t.instance;
      const ResultSet before = db_->query(
          "SELECT up, auth_failed, COALESCE(tables_error, '') AS tables_error FROM health__targets WHERE instance = ?",
          {in.name});
      const std::string state = state_name(t.scrape.up, t.scrape.auth_failed);
      if (!before.empty() &&
          state_name(before.row(0).integer("up") == 1, before.row(0).integer("auth_failed") == 1) != state) {
        const std::string detail = t.scrape.up            ? in.label() + " answers again"
                                   : t.scrape.auth_failed ? in.label() + " refused the login: " + t.scrape.error
                                                          : in.label() + " is down: " + t.scrape.error;
        event(cycle.ts, in.name, state, "", t.scrape.up ? "info" : "critical", detail);
        ++events;
      }
      db_->execute(R"(
          INSERT INTO health__targets (instance, kind, host, port, up, auth_failed, last_scrape, scrape_seconds,
                                       error, first_seen, simulated)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
          ON CONFLICT (instance) DO UPDATE SET kind = excluded.kind, host = excluded.host, port = excluded.port,
            up = excluded.up, auth_failed = excluded.auth_failed, last_scrape = excluded.last_scrape,
            scrape_seconds = excluded.scrape_seconds, error = excluded.error, simulated = 0)",
                   {in.name, std::string(kind_name(in.kind)), in.host, int64_t{in.port}, int64_t{t.scrape.up},
                    int64_t{t.scrape.auth_failed}, cycle.ts, t.scrape.duration_s, t.scrape.error, cycle.ts});
      if (!t.scrape.up) continue;
      if (cycle.tables) {
        // Table statistics have their own state: failed (the instance still
        // up), or read again; the timeline has their transitions.
        const bool failed_before = !before.empty() && !before.row(0).text("tables_error").empty();
        const bool failed = !t.scrape.tables_error.empty();
        if (failed != failed_before) {
          event(cycle.ts, in.name, failed ? "tables_failed" : "tables_read", "", failed ? "warning" : "info",
                failed ? t.scrape.tables_error : "table statistics of " + in.label() + " read again");
          ++events;
        }
        db_->execute("UPDATE health__targets SET tables_error = ? WHERE instance = ?",
                     {failed ? SqlValue{t.scrape.tables_error} : SqlValue{}, in.name});
      }
      db_->execute("DELETE FROM health__sessions WHERE instance = ?", {in.name});
      for (const Session& s : t.scrape.sessions) {
        db_->execute(R"(INSERT OR REPLACE INTO health__sessions (instance, ts, id, user, db, command, state, seconds, query)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?))",
                     {in.name, cycle.ts, s.id, s.user, s.database, s.command, s.state, s.seconds, s.query});
        if (s.command == "Query" && s.seconds >= cycle.long_query_s) {
          db_->execute(R"(INSERT OR REPLACE INTO health__long_queries (instance, ts, id, user, db, seconds, query)
                          VALUES (?, ?, ?, ?, ?, ?, ?))",
                       {in.name, cycle.ts, s.id, s.user, s.database, s.seconds, s.query});
        }
      }
      if (t.scrape.redis_topology) write_topology(cycle.ts, in.name, *t.scrape.redis_topology);
      events += write_discovery(cycle, t);
    }
    for (const alerts::Transition& tr : cycle.transitions) {
      const alerts::AlertRecord& a = tr.alert;
      if (a.state == alerts::AlertState::kInactive) {
        db_->execute("DELETE FROM health__alerts WHERE rule = ? AND instance = ? AND object = ?",
                     {a.key.rule, a.key.instance, a.key.object});
      } else {
        db_->execute(R"(INSERT OR REPLACE INTO health__alerts
                          (rule, instance, object, state, severity, active_since, changed, value, threshold, summary,
                           held_s, held_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?))",
                     {a.key.rule, a.key.instance, a.key.object, std::string(alerts::state_name(a.state)), a.severity,
                      a.active_since, a.changed, a.value, a.threshold, a.summary, a.held_s, a.held_at});
      }
      event(cycle.ts, a.key.instance, alerts::event_kind(a), a.key.object, alerts::event_severity(a),
            a.key.rule + ": " + a.summary);
    }
    for (const alerts::AlertRecord& a : cycle.pending) {
      db_->execute("UPDATE health__alerts SET held_s = ?, held_at = ? WHERE rule = ? AND instance = ? AND object = ?",
                   {a.held_s, a.held_at, a.key.rule, a.key.instance, a.key.object});
    }
    db_->commit();
    for (auto& [id, value] : pending_) stored_[id] = value;
    pending_.clear();
    return events;
  } catch (const std::exception& e) {
    pending_.clear();
    if (db_->in_transaction()) db_->rollback();
    throw Error("warehouse " + db_->location() + ": cycle not written: " + e.what());
  }
}

void HealthStore::write_keyspace(
    int64_t ts, const std::vector<std::pair<const Instance*, KeyspaceAnalysis>>& analyses,
    int64_t budget_commands, const std::vector<health::TtlRule>& policy) {
  try {
    db_->begin();
    for (const auto& [instance, a] : analyses) {
      db_->execute("DELETE FROM health__redis_keys WHERE instance = ?", {instance->name});
    }
    KeyspaceSinks sinks{db_->open_upsert_sink(health::table("keyspace_scans")),
                        db_->open_upsert_sink(health::table("keyspace")),
                        db_->open_upsert_sink(health::table("redis_keys"))};
    for (const auto& [instance, a] : analyses) write_keyspace_rows(sinks, instance->name, ts, a, budget_commands, false);
    for (auto* sink : {sinks.scans.get(), sinks.keyspace.get(), sinks.keys.get()}) sink->finish();
    db_->execute("DELETE FROM health__redis_policy");
    std::unique_ptr<RowSink> rules = db_->open_upsert_sink(health::table("redis_policy"));
    write_policy_rows(*rules, policy);
    rules->finish();
    db_->execute("DELETE FROM health__keyspace WHERE ts < ?", {ts - kHourRetentionS});
    db_->execute("DELETE FROM health__keyspace_scans WHERE ts < ?", {ts - kHourRetentionS});
    db_->commit();
  } catch (const std::exception& e) {
    if (db_->in_transaction()) db_->rollback();
    throw Error("warehouse " + db_->location() + ": keyspace analyses not written: " + e.what());
  }
}

// New databases and tables become events; the first scrape of an instance is
// its baseline (one event, not one per table).
int HealthStore::write_discovery(const Cycle& cycle, const TargetScrape& t) {
  const std::string& instance = t.instance->name;
  const ResultSet known = db_->query("SELECT kind, name FROM health__objects WHERE instance = ?", {instance});
  std::set<std::pair<std::string, std::string>> seen;
  for (const Row row : known) seen.insert({row.text("kind"), row.text("name")});
  // The instance itself is an object too, so that one holding nothing yet
  // (an empty Redis) has its baseline and later databases are news.
  const bool baseline = !seen.count({"instance", ""});
  if (baseline) {
    db_->execute("INSERT OR IGNORE INTO health__objects (instance, kind, name, first_seen, last_seen) VALUES (?, 'instance', '', ?, ?)",
                 {instance, cycle.ts, cycle.ts});
  }
  int events = 0, databases = 0, tables = 0;
  for (const ObjectName& o : t.scrape.objects) {
    if (seen.count({o.kind, o.name})) continue;
    db_->execute("INSERT OR IGNORE INTO health__objects (instance, kind, name, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)",
                 {instance, o.kind, o.name, cycle.ts, cycle.ts});
    (o.kind == "table" ? tables : databases) += 1;
    if (!baseline) {
      event(cycle.ts, instance, "new_" + o.kind, o.name, "info",
            "new " + o.kind + " " + o.name + " on " + t.instance->label());
      ++events;
    }
  }
  db_->execute("UPDATE health__objects SET last_seen = ? WHERE instance = ? AND kind IN ('instance', 'database')",
               {cycle.ts, instance});
  if (t.scrape.tables_read) {
    db_->execute("UPDATE health__objects SET last_seen = ? WHERE instance = ? AND kind = 'table'", {cycle.ts, instance});
  }
  if (baseline) {
    event(cycle.ts, instance, "instance_added", "", "info",
          t.instance->label() + " monitored: " + count_of(databases, "database") + ", " + count_of(tables, "table"));
    ++events;
  }
  return events;
}

std::map<std::pair<std::string, std::string>, std::pair<double, int64_t>> HealthStore::last_totals() {
  const ResultSet r = db_->query(R"(
      SELECT instance, metric, value, MAX(ts) AS latest_ts FROM health__samples
      WHERE step = 0 AND object = '' AND metric LIKE '%\_total' ESCAPE '\'
      GROUP BY instance, metric)");
  std::map<std::pair<std::string, std::string>, std::pair<double, int64_t>> out;
  for (const Row row : r) {
    out[{row.text("instance"), row.text("metric")}] = {row.number("value"),
                                                       row.integer("latest_ts")};
  }
  return out;
}

std::map<std::string, std::map<std::string, double>> HealthStore::table_bytes_at(int64_t ts) {
  const ResultSet r = db_->query(health::table_bytes_at_sql(),
                                 {ts - health::kTableLookbackS, ts, ts - health::kTableLookbackS, ts});
  std::map<std::string, std::map<std::string, double>> out;
  for (const Row row : r) out[row.text("instance")][row.text("object")] = row.number("table_bytes");
  return out;
}

std::vector<alerts::AlertRecord> HealthStore::load_alerts() {
  const ResultSet r = db_->query(
      "SELECT rule, instance, object, state, severity, active_since, changed, value, threshold, summary, "
      "COALESCE(held_s, 0) AS held_s, COALESCE(held_at, 0) AS held_at FROM health__alerts");
  std::vector<alerts::AlertRecord> out;
  for (const Row row : r) {
    out.push_back({{row.text("rule"), row.text("instance"), row.text("object")},
                   alerts::parse_state(row.text("state")),
                   row.text("severity"),
                   row.integer("active_since"),
                   row.integer("changed"),
                   row.number("value"),
                   row.number("threshold"),
                   row.text("summary"),
                   row.integer("held_s"),
                   row.integer("held_at")});
  }
  return out;
}

std::string HealthStore::routing_state(const std::string& who) { return db_->meta("alerts_routing_" + who); }

void HealthStore::save_routing_state(const std::string& who, const std::string& state) {
  db_->begin();
  db_->set_meta("alerts_routing_" + who, state);
  db_->commit();
}

void HealthStore::compact(int64_t now, int64_t max_gap_s) {
  db_->begin();
  // Averages of whole buckets only: a bucket is written once it has ended.
  for (const auto& [from, to] : {std::pair{health::kRawStep, health::kHourStep},
                                 std::pair{health::kHourStep, health::kDayStep}}) {
    const std::string key = "health_downsampled_" + std::to_string(to);
    const std::string done = db_->meta(key);
    const int64_t end = now / to * to;
    int64_t start = done.empty() ? 0 : std::stoll(done);
    if (start > end) {
      // The clock was set back past the last compaction (it had run ahead):
      // buckets from here on are averaged as they end, any already written
      // again whole, rather than none until the clock catches up.
      start = end;
      db_->set_meta(key, std::to_string(end));
    }
    if (end <= start) continue;
    db_->execute(std::string(R"(
        INSERT OR REPLACE INTO health__samples (instance, metric, object, step, ts, value)
        SELECT instance, metric, object, ?, ts / ? * ?, AVG(value) FROM health__samples
        WHERE step = ? AND ts >= ? AND ts < ? AND metric NOT IN ()") + kTableStatistics + R"()
        GROUP BY instance, metric, object, ts / ?)",
                 {to, to, to, from, start, end, to});
    // A table's statistics are stored when they change, so their samples are
    // instants, not an even sampling: a bucket holds its last value (SQLite
    // takes the bare `value` from the row of MAX(ts)).
    db_->execute(std::string(R"(
        INSERT OR REPLACE INTO health__samples (instance, metric, object, step, ts, value)
        SELECT instance, metric, object, step, bucket, value FROM (
          SELECT instance, metric, object, ? AS step, ts / ? * ? AS bucket, value, MAX(ts) FROM health__samples
          WHERE step = ? AND ts >= ? AND ts < ? AND metric IN ()") + kTableStatistics + R"()
          GROUP BY instance, metric, object, ts / ?))",
                 {to, to, to, from, start, end, to});
    db_->set_meta(key, std::to_string(end));
  }
  const int64_t kept_to = retention_time(now, max_gap_s);
  db_->execute("DELETE FROM health__samples WHERE step = ? AND ts < ?",
               {health::kRawStep, kept_to - kRawRetentionS});
  db_->execute("DELETE FROM health__samples WHERE step = ? AND ts < ?",
               {health::kHourStep, kept_to - kHourRetentionS});
  db_->execute("DELETE FROM health__samples WHERE step = ? AND ts < ?",
               {health::kDayStep, kept_to - kDayRetentionS});
  // A series not seen for a day (a dropped table, a removed instance) leaves the current view.
  db_->execute("DELETE FROM health__latest WHERE ts < ?", {kept_to - health::kDayStep});
  db_->execute("DELETE FROM health__long_queries WHERE ts < ?", {kept_to - kHourRetentionS});
  db_->execute("DELETE FROM health__events WHERE ts < ?", {kept_to - kDayRetentionS});
  db_->commit();
}

int64_t HealthStore::retention_time(int64_t now, int64_t max_gap_s) {
  const std::string kept = db_->meta("health_retention_ts"), counted = db_->meta("health_retention_cycle");
  int64_t kept_to = now, last_cycle = now;
  if (max_gap_s > 0 && !kept.empty() && !counted.empty()) {
    kept_to = std::stoll(kept);
    last_cycle = std::stoll(counted);
    // The cycles stored since the last pass, in time order: every instance
    // has an `up` sample in each.
    const ResultSet cycles = db_->query(
        "SELECT DISTINCT ts FROM health__samples WHERE metric = 'up' AND step = ? AND ts > ? ORDER BY ts",
        {health::kRawStep, last_cycle});
    int64_t not_counted = 0;
    for (const Row row : cycles) {
      const int64_t gap = row.integer("ts") - last_cycle;
      kept_to += std::min(gap, max_gap_s);
      not_counted += std::max<int64_t>(0, gap - max_gap_s);
      last_cycle = row.integer("ts");
    }
    if (not_counted > 0) {
      log::warn("collect: retention: cycles more than ", format_duration(static_cast<double>(max_gap_s)),
                " apart (the clock set forward, or the collector stopped); ", format_duration(static_cast<double>(not_counted)),
                " of that time not counted, so no history is deleted early");
    }
  }
  db_->set_meta("health_retention_ts", std::to_string(kept_to));
  db_->set_meta("health_retention_cycle", std::to_string(last_cycle));
  return std::min(kept_to, now);
}

}  // namespace luckyhub::collect
