#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "core/calendar.h"
#include "core/log.h"
#include "simulate/simulate.h"

namespace luckyhub::cli {

void add_simulate(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "simulate",
      "Build a synthetic Luckin Coffee USA (the 15 luckyus_* databases, calibrated to Luckin USA's figures at "
      "--scale 1: docs/simulator/calibration.md) into a warehouse, with a ground-truth manifest of every planted "
      "anomaly. Deterministic for a seed and scale.");
  auto options = std::make_shared<sim::SimulateOptions>();
  auto as_of = std::make_shared<std::string>("2026-02-13");
  cmd->add_option("--scale", options->config.scale,
                  "Transactional volume relative to Luckin USA (1 = ~60M rows)")
      ->capture_default_str();
  cmd->add_option("--seed", options->config.seed, "Random seed")->capture_default_str();
  cmd->add_option("--as-of", *as_of, "Last day covered is the day before (YYYY-MM-DD)")
      ->capture_default_str();
  auto* warehouse =
      cmd->add_option("--warehouse", options->warehouse,
                      "SQLite warehouse file to create, or clickhouse://user@host:port/db (docs/clickhouse.md)");
  auto* fleet = cmd->add_option("--fleet", options->fleet,
                                "Fleet file: load the luckyus_* databases into its MySQL servers "
                                "instead (docs/fleet.md)");
  warehouse->excludes(fleet);
  cmd->add_option("--databases", options->databases,
                  "With --fleet: write only these luckyus_* databases (comma-separated; the others are "
                  "generated and discarded)")
      ->delimiter(',')
      ->needs(fleet);
  cmd->add_flag("--purchase-clocks", options->config.purchase_clocks,
               "Customers buy the paid USD orders by BG/NBD purchase clocks (generating parameters in the "
               "manifest's bgnbd_generating; docs/simulator/sales.md)");
  cmd->add_option("--truth", options->truth, "Ground-truth manifest (JSON) to write")->required();
  cmd->callback([options, as_of] {
    options->config.as_of = Date::parse(*as_of);
    const sim::SimulateResult result = sim::simulate(*options);
    log::info("simulate: wrote ", result.total_rows, " rows to ",
              options->fleet.empty() ? options->warehouse : "the fleet of " + options->fleet, " in ",
              static_cast<int>(result.seconds), " s (", static_cast<int>(result.load_seconds),
              " s generating and loading, ", static_cast<int>(result.index_seconds), " s indexing); manifest ",
              options->truth);
  });
}

}  // namespace luckyhub::cli
