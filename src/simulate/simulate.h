// `luckyhub simulate`: builds a synthetic Luckin Coffee USA into a warehouse
// and writes the ground-truth manifest of what it planted. Deterministic: the
// same seed, scale and as-of give byte-identical files. Atomic: on any error
// neither file is created or replaced.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "simulate/context.h"

namespace luckyhub::sim {

struct SimulateOptions {
  SimConfig config;
  std::string warehouse;  // where to write the warehouse, or
  std::string fleet;      // a fleet file: write the luckyus_* databases into its MySQL servers
  // With a fleet: write only these databases (all are generated, since they
  // feed each other; the rest are discarded). Empty: all of them.
  std::vector<std::string> databases;
  std::string truth;      // where to write the manifest
};

struct SimulateResult {
  std::map<std::string, uint64_t> rows;  // per qualified source table
  uint64_t total_rows = 0;
  double seconds = 0;        // all of it
  double load_seconds = 0;   // generating and loading the rows
  double index_seconds = 0;  // indexing, commit and the manifest
};

// Throws Error (and leaves no file behind) on bad options or failure. With a
// fleet, the same rows go into the fleet's MySQL servers instead (the
// databases are replaced; see simulate/fleet_loader.h).
SimulateResult simulate(const SimulateOptions& options);

}  // namespace luckyhub::sim
