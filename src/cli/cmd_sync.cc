#include <cstdio>
#include <cstdlib>
#include <memory>

#include "cli/commands.h"
#include "core/error.h"
#include "core/log.h"
#include "sync/sync.h"

namespace luckyhub::cli {

void add_sync(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "sync",
      "Copy the luckyus_* tables from the MySQL servers of a fleet file into a warehouse: a full "
      "copy the first time, then only new, changed and deleted rows (docs/sync.md). Resumes "
      "from its last checkpoint after a crash.");
  auto options = std::make_shared<sync::SyncOptions>();
  auto reconcile_hours = std::make_shared<double>(24);
  cmd->add_option("--fleet", options->fleet, "Fleet file (docs/fleet.md)")->required();
  cmd->add_option("--warehouse", options->warehouse,
                  "SQLite warehouse file (created when missing), or clickhouse://user@host:port/db "
                  "(a full copy each run, docs/clickhouse.md)")
      ->required();
  cmd->add_option("--chunk-rows", options->table.chunk_rows, "Rows per warehouse transaction")
      ->check(CLI::Range(int64_t{1}, int64_t{100000000}))
      ->capture_default_str();
  cmd->add_option("--settle-seconds", options->table.settle_s,
                  "Rows this recent at the source are read again next run (late commits)")
      ->check(CLI::Range(int64_t{0}, int64_t{86400}))
      ->capture_default_str();
  cmd->add_flag("--reconcile", options->table.reconcile_now,
                "Reconcile every table's keys now (finds rows deleted at the source)");
  cmd->add_option("--reconcile-hours", *reconcile_hours,
                  "Reconcile a table's keys when its last reconciliation is older than this")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--jobs", options->jobs,
                  "Fleet instances read at once, each on its own connection (the warehouse has one writer)")
      ->check(CLI::Range(1, sync::SyncOptions::kMaxJobs))
      ->capture_default_str();
  cmd->add_option("--table", options->only,
                  "Only these tables (luckyus_x.t_y) or databases (luckyus_x); repeatable");
  cmd->callback([options, reconcile_hours] {
    options->table.reconcile_every_s = static_cast<int64_t>(*reconcile_hours * 3600);
    if (const char* hook = std::getenv("LUCKYHUB_TEST_SYNC_KILL_AFTER_CHUNKS")) {
      options->table.kill_after_chunks = std::atoll(hook);
    }
    const sync::SyncResult r = sync::sync(*options);
    std::printf("sync: %zu tables, %d failed; %llu rows copied, %llu deleted, %.0f MB written in %.1f s;"
                " as-of from %s\n",
                r.tables.size(), r.failed, static_cast<unsigned long long>(r.rows_copied),
                static_cast<unsigned long long>(r.rows_deleted), static_cast<double>(r.bytes_written) / 1e6,
                r.seconds, r.meta_source.c_str());
    // A table that failed alone is listed; an instance that failed as a
    // whole (a refused login, a server not reachable) had its one line on
    // stderr, not one per table.
    for (const sync::TableOutcome& t : r.tables) {
      if (!t.error.empty() && !t.instance_failed) std::printf("FAILED %s: %s\n", t.result.table.c_str(), t.error.c_str());
    }
    std::fflush(stdout);
    if (r.warehouse_removed) {
      throw Error("nothing synced (above), so no warehouse was created at " + options->warehouse);
    }
    if (!r.instances_failed.empty()) {
      const size_t n = r.instances_failed.size();
      throw Error(std::to_string(r.failed) + " of " + std::to_string(r.tables.size()) + " tables did not sync: " +
                  std::to_string(n) + (n == 1 ? " instance" : " instances") +
                  " could not be used (above); the warehouse's as-of is unchanged");
    }
    if (r.failed > 0) {
      throw Error(std::to_string(r.failed) + " of " + std::to_string(r.tables.size()) +
                  " tables did not sync (listed above); the others did");
    }
  });
}

}  // namespace luckyhub::cli
