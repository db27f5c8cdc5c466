// One small simulated warehouse shared by the tests of a run: built once by
// the CTest fixture 'simulate_shared' (or on first use when the test binary is
// run by hand) at scale 0.02, seed 7, default as-of.
#pragma once

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "warehouse/warehouse.h"

namespace luckyhub::testing {

struct SharedSim {
  double scale = 0.02;
  uint64_t seed = 7;
  std::string warehouse_path;
  std::string truth_path;
  nlohmann::json truth;
};

// Builds the shared simulation if its files are missing, then returns it.
const SharedSim& shared_sim();

// Opens the shared warehouse (a new read-only connection each call): the
// SQLite file, or the same simulation on ClickHouse when
// LUCKYHUB_TEST_CLICKHOUSE_DIR is set (see clickhouse_test_location).
std::unique_ptr<Warehouse> open_shared_warehouse();

// The ClickHouse CTest runs set LUCKYHUB_TEST_CLICKHOUSE_DIR to a directory
// of scripts/clickhouse-up (whose `url` file names its servers); this returns
// that location with `database` in it, or "" when the variable is not set.
std::string clickhouse_test_location(const std::string& database);

// The same for a given clickhouse-up directory.
std::string clickhouse_location_in(const std::string& dir, const std::string& database);

// A fresh empty temporary directory, removed at process exit.
std::string temp_dir();

// A file's whole content ("" when it cannot be read); writes `text` to
// dir/name and returns that path.
std::string read_file(const std::string& path);
std::string write_file(const std::string& dir, const std::string& name, const std::string& text);

// Runs the luckyhub binary with arguments (shell-quoted by the caller);
// returns its exit code and fills stdout/stderr.
int run_luckyhub(const std::string& args, std::string* out, std::string* err);

}  // namespace luckyhub::testing
