// luckyhub: Luckin Coffee USA's 18 department tools in one program.
#include <cstdio>

#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "core/error.h"
#include "core/log.h"

// jemalloc (linked in place of glibc's malloc) reads its options from this
// symbol at start-up; MALLOC_CONF in the environment still overrides them.
// Its memory is backed by transparent huge pages: where a page fault is dear
// (a VM), a report that materialises a few hundred thousand rows otherwise
// spends a third of its time faulting in fresh 4 KiB pages (docs/clickhouse.md,
// "Speed").
extern "C" {
// NOLINTNEXTLINE: the name and type are jemalloc's.
const char* malloc_conf = "thp:always";
}

int main(int argc, char** argv) {
  CLI::App app{
      "luckyhub: the 18 department tools of Luckin Coffee USA over its luckyus_* databases.\n"
      "Simulate a synthetic Luckin USA into a warehouse, then run any tool's report."};
  app.require_subcommand(1);
  bool quiet = false, verbose = false;
  app.add_flag("-q,--quiet", quiet, "Only print errors");
  app.add_flag("-v,--verbose", verbose, "Print debug messages");
  luckyhub::cli::add_simulate(app);
  luckyhub::cli::add_tools(app);
  luckyhub::cli::add_report(app);
  luckyhub::cli::add_calibration(app);
  luckyhub::cli::add_serve(app);
  luckyhub::cli::add_sync(app);
  luckyhub::cli::add_collect(app);
  luckyhub::cli::add_alerts(app);
  luckyhub::cli::add_replica_views(app);
  luckyhub::cli::add_redis(app);
  luckyhub::cli::add_model(app);
  luckyhub::cli::add_channels_spend(app);
  luckyhub::cli::add_inventory_thresholds(app);
  luckyhub::cli::add_delivery(app);
  luckyhub::cli::add_access(app);
  app.parse_complete_callback([&] {
    using luckyhub::log::Level;
    luckyhub::log::set_level(quiet ? Level::kError : verbose ? Level::kDebug : Level::kInfo);
  });
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "luckyhub: %s (see --help)\n", e.what());
    return 2;
  } catch (const luckyhub::Error& e) {
    std::fprintf(stderr, "luckyhub: error: %s\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "luckyhub: internal error: %s\n", e.what());
    return 3;
  }
  return 0;
}
