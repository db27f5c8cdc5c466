#include "simulate/simulate.h"

#include "core/paths.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>

#include "core/atomic_file.h"
#include "core/error.h"
#include "core/log.h"
#include "simulate/generators.h"
#include "simulate/health/fleet_history.h"
#include "simulate/health/redis_fill.h"
#include "simulate/fleet_loader.h"

namespace luckyhub::sim {
namespace {

// The first store opened in June 2025: no as-of date before July makes sense.
const Date kEarliestAsOf = Date::from_ymd(2025, 7, 1);

void validate(const SimulateOptions& options) {
  const SimConfig& c = options.config;
  if (!(c.scale > 0)) throw Error("--scale must be greater than 0");
  if (c.scale > 20) throw Error("--scale must be at most 20");
  if (c.as_of < kEarliestAsOf) throw Error("--as-of must be on or after " + kEarliestAsOf.str());
  if (options.warehouse.empty() == options.fleet.empty()) {
    throw Error("give exactly one of --warehouse and --fleet");
  }
  if (options.truth.empty()) throw Error("--truth is required");
  if (!options.databases.empty() && options.fleet.empty()) throw Error("--databases needs --fleet");
  for (const std::string& database : options.databases) {
    const std::vector<std::string>& known = SchemaCatalog::builtin().databases();
    if (std::find(known.begin(), known.end(), database) == known.end()) {
      throw Error("--databases: " + database + " is not a luckyus_* database of the schema");
    }
  }
  if (options.truth == options.warehouse) throw Error("--truth and --warehouse must differ");
}

}  // namespace

SimulateResult simulate(const SimulateOptions& options) {
  validate(options);
  require_writable(options.truth);
  const auto started = std::chrono::steady_clock::now();
  const SimConfig& config = options.config;
  std::unique_ptr<WarehouseWriter> writer =
      options.fleet.empty() ? create_warehouse(options.warehouse)
                            : create_fleet_writer(load_fleet(options.fleet), options.databases);
  const SchemaCatalog& catalog = SchemaCatalog::builtin();
  for (const TableDef& table : catalog.tables()) writer->create_table(table);

  World world;
  world.end = config.as_of;
  SimOutput out(*writer);
  Truth truth;
  truth.set("seed", config.seed);
  truth.set("scale", config.scale);
  truth.set("as_of", config.as_of.str());
  SimContext ctx{config, world, out, truth};

  log::info("simulate: scale ", config.scale, ", seed ", config.seed, ", as of ", config.as_of.str());
  build_sales_world(ctx);
  build_marketing_world(ctx);
  build_ops_world(ctx);
  truth.set("start", world.start.str());

  std::unique_ptr<OrderObserver> marketing = make_marketing_observer(ctx);
  std::unique_ptr<OrderObserver> ops = make_ops_observer(ctx);
  std::vector<OrderObserver*> observers;
  if (marketing) observers.push_back(marketing.get());
  if (ops) observers.push_back(ops.get());
  std::unique_ptr<OrderObserver> served = make_served_recommendations_observer(ctx);
  observers.push_back(served.get());
  generate_sales(ctx, observers);
  generate_marketing(ctx);
  generate_ops(ctx);

  SimulateResult result;
  result.rows = out.finish();
  for (const auto& [name, n] : result.rows) result.total_rows += n;
  const auto loaded = std::chrono::steady_clock::now();
  result.load_seconds = std::chrono::duration<double>(loaded - started).count();
  log::info("simulate: generated and loaded ", result.total_rows, " rows in ", static_cast<int>(result.load_seconds),
            " s; indexing");
  // The demo's database fleet and its metric history (tool 1) live only in a
  // warehouse: a fleet's MySQL servers are real and `collect` watches them.
  if (options.fleet.empty()) generate_fleet_health(ctx, *writer, result.rows);
  // A fleet's Redis instances get Luckin's keyspace (docs/redis-console.md).
  if (!options.fleet.empty()) fill_fleet_redis(ctx, load_fleet(options.fleet));
  for (const TableDef& table : catalog.tables()) writer->create_indexes(table);
  writer->set_meta("as_of", config.as_of.str());
  writer->set_meta("start", world.start.str());
  writer->set_meta("seed", std::to_string(config.seed));
  writer->set_meta("scale", truth.json()["scale"].dump());
  writer->set_meta("source", "simulate");
  // Complete at its as-of, with nothing deleted to reconcile (docs/sync.md).
  writer->set_meta("deletions_reconciled", config.as_of.str() + " 00:00:00");
  writer->commit();
  write_file_atomically(options.truth, truth.dump());
  const auto done = std::chrono::steady_clock::now();
  result.seconds = std::chrono::duration<double>(done - started).count();
  result.index_seconds = std::chrono::duration<double>(done - loaded).count();
  return result;
}

}  // namespace luckyhub::sim
