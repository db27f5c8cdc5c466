#include "support/shared_sim.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "simulate/simulate.h"

namespace luckyhub::testing {
namespace {


std::vector<std::string>& temp_dirs() {
  static std::vector<std::string> dirs;
  return dirs;
}

void remove_temp_dirs() {
  for (const std::string& d : temp_dirs()) std::filesystem::remove_all(d);
}

}  // namespace

const SharedSim& shared_sim() {
  static const SharedSim sim = [] {
    SharedSim s;
    const std::string dir = LUCKYHUB_TEST_DATA_DIR;
    std::filesystem::create_directories(dir);
    s.warehouse_path = dir + "/shared-0.02-7.db";
    s.truth_path = dir + "/shared-0.02-7.truth.json";
    if (!std::filesystem::exists(s.warehouse_path) || !std::filesystem::exists(s.truth_path)) {
      sim::SimulateOptions options;
      options.config.scale = s.scale;
      options.config.seed = s.seed;
      options.warehouse = s.warehouse_path;
      options.truth = s.truth_path;
      sim::simulate(options);
    }
    s.truth = nlohmann::json::parse(read_file(s.truth_path));
    return s;
  }();
  return sim;
}

std::unique_ptr<Warehouse> open_shared_warehouse() {
  const std::string clickhouse = clickhouse_test_location("luckyhub");
  return open_warehouse(clickhouse.empty() ? shared_sim().warehouse_path : clickhouse);
}

std::string clickhouse_location_in(const std::string& dir, const std::string& database) {
  std::string url = read_file(dir + "/url");
  while (!url.empty() && url.back() == '\n') url.pop_back();
  const size_t slash = url.find('/', std::string("clickhouse://").size());
  const size_t query = url.find('?', slash);
  if (slash == std::string::npos || query == std::string::npos) {
    throw std::runtime_error("no ClickHouse location in " + dir + "/url");
  }
  return url.substr(0, slash + 1) + database + url.substr(query);
}

std::string clickhouse_test_location(const std::string& database) {
  const char* dir = std::getenv("LUCKYHUB_TEST_CLICKHOUSE_DIR");
  return dir == nullptr || *dir == '\0' ? "" : clickhouse_location_in(dir, database);
}

std::string temp_dir() {
  static bool registered = false;
  if (!registered) {
    temp_dirs();  // constructed before the handler is registered, so destroyed after it runs
    std::atexit(remove_temp_dirs);
    registered = true;
  }
  std::string pattern = (std::filesystem::temp_directory_path() / "luckyhub-test-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  temp_dirs().push_back(pattern);
  return pattern;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string write_file(const std::string& dir, const std::string& name, const std::string& text) {
  const std::string path = dir + "/" + name;
  std::ofstream(path) << text;
  return path;
}

int run_luckyhub(const std::string& args, std::string* out, std::string* err) {
  const std::string dir = temp_dir();
  const std::string cmd = std::string(LUCKYHUB_BINARY) + " " + args + " >" + dir + "/out 2>" + dir + "/err";
  const int status = std::system(cmd.c_str());
  if (out) *out = read_file(dir + "/out");
  if (err) *err = read_file(dir + "/err");
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace luckyhub::testing
