// What every generator gets: the run's configuration, the world, the output
// tables and the ground-truth manifest.
#pragma once

#include <cmath>
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "core/calendar.h"
#include "simulate/random.h"
#include "simulate/truth.h"
#include "simulate/world.h"
#include "warehouse/warehouse.h"

namespace luckyhub::sim {

struct SimConfig {
  double scale = 0.1;
  uint64_t seed = 42;
  Date as_of = Date::from_ymd(2026, 2, 13);
  // Paid USD orders go to customers by BG/NBD purchase clocks
  // (sales/purchase_clocks.h) instead of the habit draw. Off by default: the
  // other tools' ground truth is planted on the habit draw's customers.
  bool purchase_clocks = false;
};

// The simulator's output: one RowSink per source table, opened on first use.
class SimOutput {
 public:
  explicit SimOutput(WarehouseWriter& writer);
  // The sink of a source table, e.g. sink("luckyus_sales_order", "t_order").
  RowSink& sink(const std::string& database, const std::string& table);
  // Flushes and closes every sink; returns rows written per qualified table
  // name. REQUIRES: called before the writer commits; no sink is used after.
  std::map<std::string, uint64_t> finish();

 private:
  WarehouseWriter& writer_;
  std::map<std::string, std::unique_ptr<RowSink>> sinks_;
};

struct SimContext {
  const SimConfig& config;
  World& world;
  SimOutput& out;
  Truth& truth;

  // A stream of randomness of its own for each named purpose.
  Rng rng(std::string_view stream) const { return Rng(config.seed, stream); }
  // A transactional volume: the figure at scale 1, scaled and rounded.
  int64_t scaled(double figure_at_scale_1) const {
    return std::llround(figure_at_scale_1 * config.scale);
  }
};

}  // namespace luckyhub::sim
