#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "alerts/routing_email.h"
#include "collect/collector.h"
#include "core/error.h"

namespace luckyhub::cli {

void add_collect(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "collect",
      "Watch every MySQL, Redis and PostgreSQL instance of a fleet file: poll them all every interval "
      "into the warehouse's metric history, discover new databases and tables, evaluate the alert rules "
      "and deliver alerts to webhooks (docs/health.md); analyse Redis keyspaces on a slower cadence "
      "(docs/redis-console.md). Runs until SIGINT/SIGTERM, or once with --once.");
  auto o = std::make_shared<collect::CollectOptions>();
  auto interval = std::make_shared<std::string>("60s");
  auto table_interval = std::make_shared<std::string>("15m");
  cmd->add_option("--fleet", o->fleet, "Fleet file (docs/fleet.md)")->required();
  cmd->add_option("--warehouse", o->warehouse, "SQLite warehouse file (created when missing)")->required();
  cmd->add_option("--rules", o->rules, "Alert rules file (docs/health.md); the defaults without it");
  cmd->add_option("--interval", *interval,
                  "Time between cycles: 60s, 5m (with --once, the time between runs: an alert's `for` counts at "
                  "most two of it per step, so a clock jump neither fires nor holds it back)")
      ->capture_default_str();
  cmd->add_option("--table-interval", *table_interval, "Time between table statistics reads")->capture_default_str();
  auto keyspace_interval = std::make_shared<std::string>("1h");
  cmd->add_option("--keyspace-config", o->keyspace_config,
                  "Keyspace file: namespaces, owning services, sampling budget, TTL policy (docs/redis-console.md)");
  cmd->add_option("--keyspace-interval", *keyspace_interval, "Time between Redis keyspace analyses")
      ->capture_default_str();
  cmd->add_flag("--once", o->once, "One cycle (with table statistics and keyspace analyses), then exit");
  cmd->add_option("--workers", o->workers, "Instances scraped at the same time")
      ->check(CLI::Range(1, 512))
      ->capture_default_str();
  cmd->add_option("--connect-timeout", o->connect_timeout_s, "Seconds to wait for a connection")
      ->check(CLI::Range(1, 300))
      ->capture_default_str();
  cmd->add_option("--read-timeout", o->read_timeout_s, "Seconds to wait for an answer")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  cmd->add_option("--scrape-timeout", o->scrape_timeout_s,
                  "Seconds one instance's scrape (connect, every query and read) may take in all; past it the "
                  "instance is down for this cycle")
      ->check(CLI::Range(0.1, 3600.0))
      ->capture_default_str();
  cmd->add_option("--table-timeout", o->table_timeout_s,
                  "Seconds one instance's table statistics may take; past them they fail on their own and the "
                  "instance stays up")
      ->check(CLI::Range(0.001, 3600.0))
      ->capture_default_str();
  cmd->add_option("--long-query", o->long_query_s, "Seconds after which a running query is listed as long")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--cycles", o->max_cycles, "Stop after this many cycles (0: run until stopped)")
      ->check(CLI::Range(0, 1000000000));
  cmd->add_option("--external-url", o->external_url, "The dashboard's URL, for links in webhook alerts");
  cmd->add_option("--routing", o->routing,
                  "Delivery file whose [route], [[receiver]] and [[inhibit]] route the alerts (docs/alerts.md)");
  cmd->callback([o, interval, table_interval, keyspace_interval] {
    o->interval_s = parse_duration_s(*interval, "--interval");
    o->keyspace_interval_s = parse_duration_s(*keyspace_interval, "--keyspace-interval");
    o->table_interval_s = parse_duration_s(*table_interval, "--table-interval");
    if (!o->routing.empty()) {  // e-mail receivers go through the delivery file's [smtp]
      const delivery::DeliveryConfig file = delivery::load_delivery_file(o->routing);
      if (file.smtp) o->email = alerts::smtp_email_sender(*file.smtp);
    }
    const collect::CycleReport r = collect::collect(*o);
    std::printf("collect: %d of %d instances up, cycle %.2f s%s%s; %d events, %d alert transitions, %d firing%s\n",
                r.up, r.targets, r.seconds, r.tables ? " with table statistics" : "",
                r.tables_failed > 0 ? (" (failed on " + std::to_string(r.tables_failed) + ")").c_str() : "",
                r.events, r.transitions, r.firing, r.written ? "" : " (not yet written: warehouse busy)");
    std::fflush(stdout);
  });
}

}  // namespace luckyhub::cli

namespace luckyhub::cli {

int parse_duration_s(const std::string& text, const std::string& flag) {
  size_t used = 0;
  long long n = -1;
  try {
    n = std::stoll(text, &used);
  } catch (const std::exception&) {
  }
  const std::string unit = n >= 0 ? text.substr(used) : "?";
  const long long scale = unit.empty() || unit == "s" ? 1 : unit == "m" ? 60 : unit == "h" ? 3600 : unit == "d" ? 86400 : 0;
  if (n <= 0 || scale == 0 || n * scale > 365LL * 86400) {
    throw Error(flag + " '" + text + "' is not a duration like 90s, 5m, 1h");
  }
  return static_cast<int>(n * scale);
}

}  // namespace luckyhub::cli
