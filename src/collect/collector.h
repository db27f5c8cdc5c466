// `luckyhub collect`: polls every instance of a fleet file on an interval,
// concurrently on a bounded pool of workers with per-target connect and read
// timeouts (one dead or slow server delays only its own worker), derives
// rates and ratios, evaluates the alert rules, writes the cycle to the
// warehouse and delivers alert transitions to webhooks.
//
// Table statistics (information_schema.TABLES and friends) are read on a
// slower cadence than connection counts, so thousands of tables do not slow
// every cycle. A cycle the warehouse could not take (busy, disk full) is kept
// and written with the next one.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "alerts/alert_tracker.h"
#include "alerts/routing_dispatch.h"
#include "alerts/rules.h"
#include "collect/health_store.h"
#include "collect/keyspace_config.h"
#include "collect/metric_source.h"

namespace luckyhub::collect {

struct CollectOptions {
  std::string fleet;
  std::string warehouse;
  std::string rules;  // rules file; "" for the defaults
  int interval_s = 60;
  int table_interval_s = 900;
  std::string keyspace_config;     // keyspace file (docs/redis-console.md); "" for the defaults
  int keyspace_interval_s = 3600;  // Redis keyspace analyses (also on --once)
  bool once = false;
  int workers = 16;
  int connect_timeout_s = 3;
  int read_timeout_s = 5;
  double scrape_timeout_s = 10;  // the whole cheap scrape of one instance (0: none)
  double table_timeout_s = 30;   // one instance's table statistics
  double long_query_s = 10;
  int max_cycles = 0;  // stop after this many (0: until SIGINT/SIGTERM)
  std::string external_url;  // the dashboard, for webhook links
  std::string routing;       // delivery file with alert routing (alerts/routing_config.h); "" for none
  alerts::EmailSender email;  // sends the e-mail receivers' notices (alerts/routing_email.h); none: they are refused
  // Unix seconds each cycle is stamped with; empty: the system's wall clock.
  // A test sets it to step the clock.
  std::function<int64_t()> wall_clock;
};

struct CycleReport {
  int64_t ts = 0;
  int targets = 0, up = 0;
  bool tables = false;
  int tables_failed = 0;    // up instances whose table statistics failed
  double seconds = 0;       // wall time of the scrapes
  int events = 0;           // discovery and up/down events written
  int transitions = 0;      // alert transitions
  int firing = 0;           // alerts firing after the cycle
  bool written = false;     // false: kept for the next cycle
};

struct KeyspaceReport {
  int instances = 0, analysed = 0;
  int64_t keys_sampled = 0, commands = 0;
  double seconds = 0;
  bool written = false;
};

class Collector {
 public:
  Collector(const Fleet& fleet, alerts::RuleSet rules, const CollectOptions& options);
  Collector(Fleet&&, alerts::RuleSet, const CollectOptions&) = delete;  // fleet_ is a reference

  // One cycle at `now` (unix seconds); tables: read table statistics too.
  CycleReport run_cycle(int64_t now, bool tables);

  // Analyses the keyspace of every Redis instance (redis_keyspace.h), on the
  // same worker pool size, and writes the analyses. A failed instance is
  // logged and left out; a busy warehouse loses this round (the next comes
  // an interval later).
  KeyspaceReport run_keyspace(int64_t now, const KeyspaceConfig& config);

  // Downsamples and applies retention (hourly is enough). Retention counts
  // a gap between two cycles as at most kRetentionGapS or two intervals,
  // whichever is longer (health_store.h).
  void compact(int64_t now) {
    store_->compact(now, std::max<int64_t>(kRetentionGapS, 2 * int64_t{options_.interval_s}));
  }
  static constexpr int64_t kRetentionGapS = 3600;

  const alerts::AlertTracker& tracker() const { return tracker_; }

 private:
  void derive(const Instance& instance, int64_t now, Scrape& scrape);
  // Routes the alerts (routing_ and the rules file's webhooks) at `now`.
  void deliver(int64_t now);

  const Fleet& fleet_;      // the caller's, outlives the collector
  alerts::RuleSet rules_;   // a copy: callers may pass a temporary (RuleSet::defaults())
  CollectOptions options_;
  std::unique_ptr<HealthStore> store_;
  std::vector<std::unique_ptr<MetricSource>> sources_;  // one per fleet instance
  std::map<std::pair<std::string, std::string>, std::pair<double, int64_t>> totals_;  // CounterTotals
  alerts::AlertTracker tracker_;
  alerts::RoutingConfig routing_;
  alerts::Dispatcher dispatcher_;  // on routing_ (declared after it)
  std::vector<Cycle> unwritten_;
};

// Runs the collector until --once's single cycle is done, max_cycles have
// run, or SIGINT/SIGTERM. Returns the last cycle's report.
CycleReport collect(const CollectOptions& options);

}  // namespace luckyhub::collect
