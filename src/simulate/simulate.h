// `luckyhub simulate`: builds a synthetic Luckin Coffee USA into a warehouse
// and writes the ground-truth manifest of what it planted. Deterministic: the
// same seed, scale and as-of give byte-identical files. Atomic: on any error
// neither file is created or replaced.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "simulate/context.h"

namespace luckyhub::sim {

struct SimulateOptions {
  SimConfig config;
  std::string warehouse;  // where to write the warehouse
  std::string truth;      // where to write the manifest
};

struct SimulateResult {
  std::map<std::string, uint64_t> rows;  // per qualified source table
  uint64_t total_rows = 0;
  double seconds = 0;        // all of it
  double load_seconds = 0;   // generating and loading the rows
  double index_seconds = 0;  // indexing, commit and the manifest
};

// Throws Error (and leaves no file behind) on bad options or failure.
SimulateResult simulate(const SimulateOptions& options);

}  // namespace luckyhub::sim
