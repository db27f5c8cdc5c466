#include "collect/collector.h"

#include <algorithm>
#include <csignal>
#include <chrono>
#include <ctime>
#include <optional>
#include <thread>

#include "alerts/routing_silences.h"
#include "collect/counter_rates.h"
#include "collect/redis_connection.h"
#include "core/error.h"
#include "core/log.h"

namespace luckyhub::collect {
namespace {

constexpr int64_t kWeekS = 7 * 86400;
constexpr size_t kMaxUnwrittenCycles = 120;

std::atomic<bool> g_stop{false};
extern "C" void on_stop_signal(int) { g_stop = true; }

double value_of(const Scrape& s, const std::string& metric, const std::string& object = "", double missing = -1) {
  for (const Sample& x : s.samples) {
    if (x.metric == metric && x.object == object) return x.value;
  }
  return missing;
}

// The stored alerts of this fleet's instances: another fleet's (or the
// simulated demo's) in the same warehouse are not this collector's to resolve.
std::vector<alerts::AlertRecord> fleet_alerts(const Fleet& fleet, std::vector<alerts::AlertRecord> stored) {
  std::vector<alerts::AlertRecord> out;
  for (alerts::AlertRecord& a : stored) {
    for (const Instance& in : fleet.instances) {
      if (in.name == a.key.instance) {
        out.push_back(std::move(a));
        break;
      }
    }
  }
  return out;
}

}  // namespace

namespace {

// The routing file's routes and the rules file's webhooks.
alerts::RoutingConfig routing_of(const std::string& file, const std::vector<std::string>& webhooks, bool email) {
  alerts::RoutingConfig routing = file.empty() ? alerts::RoutingConfig{} : alerts::load_routing(file);
  alerts::add_webhooks(routing, webhooks);
  routing.check_email(email);
  return routing;
}

}  // namespace

Collector::Collector(const Fleet& fleet, alerts::RuleSet rules, const CollectOptions& options)
    : fleet_(fleet), rules_(std::move(rules)), options_(options), store_(HealthStore::open(options.warehouse)),
      tracker_(rules_, fleet_alerts(fleet, store_->load_alerts()), 2 * int64_t{options.interval_s}),
      routing_(routing_of(options.routing, rules_.webhooks, static_cast<bool>(options.email))),
      dispatcher_(routing_) {
  dispatcher_.restore(store_->routing_state("collect"));
  for (const Instance& in : fleet_.instances) sources_.push_back(make_source(in));
  totals_ = store_->last_totals();
}

// Counters become per-interval deltas (a restart, where the total drops,
// gives none), and usage becomes ratios.
void Collector::derive(const Instance& instance, int64_t now, Scrape& s) {
  std::vector<Sample> extra = {{"up", "", s.up ? 1.0 : 0.0}, {"scrape_duration_seconds", "", s.duration_s}};
  CounterRates rates = counter_rates(totals_, instance.name, now, s.samples);
  extra.insert(extra.end(), rates.samples.begin(), rates.samples.end());
  std::map<std::string, double>& deltas = rates.delta;
  if (const double max = value_of(s, "max_connections", "", 0); max > 0) {
    const double used = value_of(s, "connections", "", -1);
    const double clients = value_of(s, "connected_clients", "", -1);
    const double n = used >= 0 ? used : clients;
    if (n >= 0) {
      if (used < 0) extra.push_back({"connections", "", n});
      extra.push_back({"connections_used_ratio", "", n / max});
    }
  }
  if (const double max = value_of(s, "maxmemory_bytes", "", 0); max > 0) {
    extra.push_back({"memory_used_ratio", "", value_of(s, "used_memory_bytes", "", 0) / max});
  }
  if (const double pages = value_of(s, "innodb_buffer_pool_pages", "", 0); pages > 0) {
    extra.push_back({"innodb_buffer_pool_used_ratio", "",
                     1 - value_of(s, "innodb_buffer_pool_pages_free", "", 0) / pages});
  }
  if (deltas.count("keyspace_hits") && deltas.count("keyspace_misses") &&
      deltas["keyspace_hits"] + deltas["keyspace_misses"] > 0) {
    extra.push_back({"keyspace_hit_ratio", "",
                     deltas["keyspace_hits"] / (deltas["keyspace_hits"] + deltas["keyspace_misses"])});
  }
  // A table's size: its data and its indexes.
  std::map<std::string, double> bytes;
  for (const Sample& x : s.samples) {
    if (x.metric == "table_data_bytes" || x.metric == "table_index_bytes") bytes[x.object] += x.value;
  }
  for (const auto& [table, b] : bytes) extra.push_back({"table_bytes", table, b});
  s.samples.insert(s.samples.end(), extra.begin(), extra.end());
}

CycleReport Collector::run_cycle(int64_t now, bool tables) {
  CycleReport report{.ts = now, .targets = static_cast<int>(sources_.size()), .tables = tables};
  const ScrapeRequest request{.tables = tables,
                              .connect_timeout_s = options_.connect_timeout_s,
                              .read_timeout_s = options_.read_timeout_s,
                              .scrape_timeout_s = options_.scrape_timeout_s,
                              .table_timeout_s = options_.table_timeout_s,
                              .long_query_s = options_.long_query_s};
  Cycle cycle{.ts = now, .long_query_s = options_.long_query_s, .tables = tables};
  cycle.targets.resize(sources_.size());
  const auto started = std::chrono::steady_clock::now();
  {
    // Each worker takes the next target until none is left: a slow target
    // holds one worker, the others carry on.
    std::atomic<size_t> next{0};
    auto work = [&] {
      for (size_t i = next++; i < sources_.size(); i = next++) {
        cycle.targets[i] = {&fleet_.instances[i], sources_[i]->scrape(request)};
      }
    };
    const size_t n = std::min<size_t>(std::max(1, options_.workers), sources_.size());
    std::vector<std::thread> workers;
    for (size_t w = 0; w < n; ++w) workers.emplace_back(work);
    for (std::thread& t : workers) t.join();
  }
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  std::map<std::string, std::map<std::string, double>> week_ago;
  bool judge_tables = tables;
  if (tables) {
    try {
      week_ago = store_->table_bytes_at(now - kWeekS);
    } catch (const Error& e) {
      // Without last week's sizes the table rules are not judged this time
      // (their alerts keep their state) rather than judged on nothing.
      log::warn("collect: table rules skipped: ", e.what());
      judge_tables = false;
    }
  }
  std::vector<alerts::InstanceSnapshot> snapshots;
  for (TargetScrape& t : cycle.targets) {
    derive(*t.instance, now, t.scrape);
    if (t.scrape.up) {
      report.up += 1;
    } else {
      log::warn("collect: ", t.scrape.error);
    }
    if (!t.scrape.tables_error.empty()) {
      report.tables_failed += 1;
      log::warn("collect: ", t.scrape.tables_error);
    }
    alerts::InstanceSnapshot snap{t.instance->name, t.instance->kind, t.scrape.up, t.scrape.error,
                                  t.scrape.tables_read && judge_tables};
    snap.auth_failed = t.scrape.auth_failed;
    for (const Sample& x : t.scrape.samples) snap.values[{x.metric, x.object}] = x.value;
    if (auto it = week_ago.find(t.instance->name); it != week_ago.end()) snap.table_bytes_week_ago = it->second;
    snapshots.push_back(std::move(snap));
  }
  cycle.transitions = tracker_.update(now, alerts::evaluate(rules_, snapshots));
  report.transitions = static_cast<int>(cycle.transitions.size());
  for (const auto& [key, a] : tracker_.alerts()) {
    if (a.state == alerts::AlertState::kPending) cycle.pending.push_back(a);
    report.firing += a.state == alerts::AlertState::kFiring;
  }
  for (const alerts::Transition& tr : cycle.transitions) {
    const auto& a = tr.alert;
    log::emit(a.state == alerts::AlertState::kFiring ? log::Level::kWarn : log::Level::kInfo, "alert ",
              alerts::state_name(tr.from), " -> ", alerts::state_name(a.state), ": ", a.key.rule, " ",
              a.key.instance, a.key.object.empty() ? "" : " " + a.key.object, ": ", a.summary);
  }
  deliver(now);

  unwritten_.push_back(std::move(cycle));
  try {
    for (; !unwritten_.empty(); unwritten_.erase(unwritten_.begin())) report.events += store_->write(unwritten_.front());
    report.written = true;
  } catch (const Error& e) {
    log::warn("collect: ", e.what(), "; ", unwritten_.size(), " cycle(s) kept for the next attempt");
    if (unwritten_.size() > kMaxUnwrittenCycles) unwritten_.erase(unwritten_.begin());
  }
  return report;
}

KeyspaceReport Collector::run_keyspace(int64_t now, const KeyspaceConfig& config) {
  KeyspaceReport report;
  std::vector<const Instance*> redis;
  for (const Instance& in : fleet_.instances) {
    if (in.kind == InstanceKind::kRedis) redis.push_back(&in);
  }
  report.instances = static_cast<int>(redis.size());
  if (redis.empty()) return report;
  std::vector<std::optional<KeyspaceAnalysis>> results(redis.size());
  const auto started = std::chrono::steady_clock::now();
  {
    std::atomic<size_t> next{0};
    auto work = [&] {
      for (size_t i = next++; i < redis.size(); i = next++) {
        try {
          RedisConnection connection(*redis[i], options_.connect_timeout_s, options_.read_timeout_s);
          results[i] = analyze_keyspace(connection, config.options);
        } catch (const Error& e) {  // names the instance
          log::warn("collect: keyspace: ", e.what());
        } catch (const std::exception& e) {  // an odd reply: one instance, not the collector
          log::warn("collect: keyspace: ", redis[i]->label(), ": ", e.what());
        }
      }
    };
    const size_t n = std::min<size_t>(std::max(1, options_.workers), redis.size());
    std::vector<std::thread> workers;
    for (size_t w = 0; w < n; ++w) workers.emplace_back(work);
    for (std::thread& t : workers) t.join();
  }
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::vector<std::pair<const Instance*, KeyspaceAnalysis>> analyses;
  for (size_t i = 0; i < redis.size(); ++i) {
    if (!results[i]) continue;
    report.keys_sampled += results[i]->keys_sampled;
    report.commands += results[i]->commands;
    analyses.push_back({redis[i], std::move(*results[i])});
  }
  report.analysed = static_cast<int>(analyses.size());
  try {
    store_->write_keyspace(now, analyses, config.options.max_commands, config.policy);
    report.written = true;
  } catch (const Error& e) {
    log::warn("collect: ", e.what());
  }
  return report;
}

void Collector::deliver(int64_t now) {
  if (routing_.empty()) return;  // nowhere to send
  std::vector<alerts::Silence> silences;
  try {
    auto warehouse = open_warehouse(options_.warehouse);
    silences = alerts::read_silences(*warehouse);
  } catch (const Error& e) {
    log::warn("collect: silences not read: ", e.what());
  }
  alerts::deliver_notifications(routing_, dispatcher_.tick(now, tracker_.alerts(), silences),
                                {.external_url = options_.external_url, .email = options_.email}, "collect");
  try {
    store_->save_routing_state("collect", dispatcher_.save());
  } catch (const Error& e) {
    log::warn("collect: routing state not saved: ", e.what());
  }
}

CycleReport collect(const CollectOptions& options) {
  if (options.interval_s < 1) throw Error("--interval must be at least 1 s");
  const Fleet fleet = load_fleet(options.fleet);
  const alerts::RuleSet rules = options.rules.empty() ? alerts::RuleSet::defaults() : alerts::RuleSet::load(options.rules);
  const KeyspaceConfig keyspace =
      options.keyspace_config.empty() ? KeyspaceConfig{} : load_keyspace_config(options.keyspace_config);
  Collector collector(fleet, rules, options);
  g_stop = false;
  std::signal(SIGINT, on_stop_signal);
  std::signal(SIGTERM, on_stop_signal);
  CycleReport last;
  int64_t last_tables = 0, last_compaction = 0, last_keyspace = 0;
  // Cycles are due on the monotonic clock and stamped with the wall clock's
  // time when they start: a wall clock set back does not stall collection
  // for as long, nor one set forward make it run the cycles it "missed" back
  // to back. A cycle that overruns its interval delays the next, never skips it.
  auto due = std::chrono::steady_clock::now();
  for (int cycles = 0; !g_stop; ++cycles) {
    const int64_t now = options.wall_clock ? options.wall_clock() : std::time(nullptr);
    // A cadence whose last run is stamped after `now` (the clock was set back) is due.
    auto due_after = [now](int64_t last, int64_t every_s) { return last == 0 || now < last || now - last >= every_s; };
    const bool tables = options.once || due_after(last_tables, options.table_interval_s);
    if (tables) last_tables = now;
    last = collector.run_cycle(now, tables);
    log::info("collect: ", last.up, "/", last.targets, " up in ", last.seconds, " s", tables ? " (with tables)" : "",
              last.tables_failed > 0 ? " (table statistics failed on " + std::to_string(last.tables_failed) + ")" : "",
              "; ", last.events, " events, ", last.transitions, " alert transitions, ", last.firing, " firing");
    if (options.once || due_after(last_keyspace, options.keyspace_interval_s)) {
      last_keyspace = now;
      const KeyspaceReport k = collector.run_keyspace(now, keyspace);
      if (k.instances > 0) {
        log::info("collect: keyspace of ", k.analysed, "/", k.instances, " Redis instances in ", k.seconds, " s: ",
                  k.keys_sampled, " keys sampled with ", k.commands, " commands", k.written ? "" : " (not written)");
      }
    }
    if (options.once || due_after(last_compaction, 3600)) {
      try {
        collector.compact(now);
        last_compaction = now;
      } catch (const Error& e) {
        log::warn("collect: downsampling deferred: ", e.what());
      }
    }
    if (options.once || (options.max_cycles > 0 && cycles + 1 >= options.max_cycles)) break;
    due = std::max(due + std::chrono::seconds(options.interval_s), std::chrono::steady_clock::now());
    while (!g_stop && std::chrono::steady_clock::now() < due) {
      std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
          std::chrono::milliseconds(200), due - std::chrono::steady_clock::now()));
    }
  }
  return last;
}

}  // namespace luckyhub::collect
