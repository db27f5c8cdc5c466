// The collector's side of the warehouse: writes each collection cycle
// (targets, samples, sessions, discovery and alert events, alert state) in
// one transaction, keeps the history's retention and downsampling, and reads
// back what the next cycle needs (counter totals, sizes a week ago, alert
// state). The tables are those of health/schema.h, created when missing in an
// existing warehouse; the file is in WAL mode while open, so `serve` reads
// while `collect` writes.
//
// Retention: raw samples 8 days, hourly averages 90 days, daily averages
// 3 years (docs/health.md), of time collected: measured from a retention
// time that advances with the cycles stored, each gap between two counting
// at most a bound, so a wall clock set forward does not delete history.
// Not thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "alerts/alert_tracker.h"
#include "collect/keyspace_store.h"
#include "collect/metric_source.h"
#include "warehouse/updater.h"

namespace luckyhub::collect {

struct TargetScrape {
  const Instance* instance = nullptr;
  Scrape scrape;  // its samples include the derived ones (collector.h)
};

// Everything one cycle writes.
struct Cycle {
  int64_t ts = 0;  // unix seconds
  double long_query_s = 10;
  bool tables = false;  // table statistics were asked for (the table cadence)
  std::vector<TargetScrape> targets;
  std::vector<alerts::Transition> transitions;
  // Every pending alert after the cycle: its held time is stored, so that the
  // next process (`collect --once`, a restart) goes on counting its `for`.
  std::vector<alerts::AlertRecord> pending;
};

// The retention of each resolution, in seconds.
inline constexpr int64_t kRawRetentionS = 8 * 86400;
inline constexpr int64_t kHourRetentionS = 90 * 86400;
inline constexpr int64_t kDayRetentionS = 3 * 365 * 86400;

class HealthStore {
 public:
  // Opens (or creates) the warehouse and the health tables.
  static std::unique_ptr<HealthStore> open(const std::string& warehouse);

  // Writes a cycle atomically: on an error (a busy warehouse) nothing of it
  // is written and Error is thrown; the caller may write it again later.
  // Returns the discovery and up/down events it recorded.
  int write(const Cycle& cycle);

  // Keyspace analyses of Redis instances at `ts` (keyspace_store.h), in one
  // transaction with the TTL policy they are judged by; older big/hot/example
  // keys of those instances are dropped (the latest analysis is the view),
  // namespace history is kept for the hourly retention. Throws Error when
  // the warehouse is busy (nothing written).
  void write_keyspace(int64_t ts,
                      const std::vector<std::pair<const Instance*, KeyspaceAnalysis>>& analyses,
                      int64_t budget_commands, const std::vector<health::TtlRule>& policy);

  // The latest raw value and time of every *_total counter: (instance, metric) -> (value, ts).
  std::map<std::pair<std::string, std::string>, std::pair<double, int64_t>> last_totals();
  // Per instance, each table's latest table_bytes in (ts - 1 day, ts].
  std::map<std::string, std::map<std::string, double>> table_bytes_at(int64_t ts);
  std::vector<alerts::AlertRecord> load_alerts();
  // Alert routing's groups between runs (alerts/routing_dispatch.h:
  // Dispatcher::save) of one process kind ("collect", "alerts": each routes its
  // own alerts), in the meta table.
  std::string routing_state(const std::string& who);
  void save_routing_state(const std::string& who, const std::string& state);

  // Averages complete hours of raw samples and complete days of hourly ones
  // up to `now`, then deletes what is past retention, counted from the
  // retention time (retention_time()).
  void compact(int64_t now, int64_t max_gap_s);

 private:
  explicit HealthStore(std::unique_ptr<WarehouseUpdater> updater) : db_(std::move(updater)) {}
  // Whether a sample goes into the history: always, but for a table's
  // statistics that have not changed since the last stored one.
  bool changed(const std::string& instance, const Sample& s);
  int write_discovery(const Cycle& cycle, const TargetScrape& t);
  // Replaces the instance's rows of health__redis_topology: itself, then its peers.
  void write_topology(int64_t ts, const std::string& instance, const RedisTopology& t);
  void event(int64_t ts, const std::string& instance, const std::string& kind, const std::string& object,
             const std::string& severity, const std::string& detail);
  // The time retention counts back from: `now` at the first pass; then the
  // last pass's, advanced by the gaps between the cycles stored since (each
  // at most max_gap_s: a clock set forward adds no more than that), never
  // past `now`; max_gap_s = 0: `now` (the wall clock, unbounded). Kept in the
  // meta table. REQUIRES: in a transaction.
  int64_t retention_time(int64_t now, int64_t max_gap_s);

  std::unique_ptr<WarehouseUpdater> db_;
  // The last stored value of every table statistic, (instance, metric,
  // object) -> value; loaded from health__latest on the first write.
  using SeriesId = std::tuple<std::string, std::string, std::string>;
  std::map<SeriesId, double> stored_;
  std::map<SeriesId, double> pending_;  // this write's, kept once it commits
  bool stored_loaded_ = false;
};

// Creates the health tables missing from a warehouse being updated.
void create_health_tables(WarehouseUpdater& db);

}  // namespace luckyhub::collect
