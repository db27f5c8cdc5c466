#include "integration/fleet_harness.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/money.h"
#include "support/shared_sim.h"

namespace luckyhub::testing {
namespace {

std::string marker_path() { return test_fleet().dir + "/loaded"; }
// A rebuilt simulator may write other rows: what was loaded (and the
// reference built) by an older binary does not count.
std::filesystem::file_time_type binary_time() { return std::filesystem::last_write_time(LUCKYHUB_BINARY); }
std::string wanted_marker() {
  return std::to_string(kFleetScale) + " " + std::to_string(kFleetSeed) + " redis " +
         std::to_string(binary_time().time_since_epoch().count());
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string cell_text(const SqlValue& v) {
  if (const auto* i = std::get_if<int64_t>(&v)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&v)) return "double " + std::to_string(*d);
  if (const auto* s = std::get_if<std::string>(&v)) return "'" + *s + "'";
  return "NULL";
}

}  // namespace

const TestFleet& test_fleet() {
  static const TestFleet fleet = [] {
    TestFleet f;
    const char* dir = std::getenv("LUCKYHUB_TEST_FLEET_DIR");
    f.dir = dir ? dir : LUCKYHUB_TEST_FLEET_DIR;
    f.fleet_file = f.dir + "/fleet.toml";
    // Idempotent: starts only servers that are not running.
    const std::string cmd = std::string(LUCKYHUB_SOURCE_DIR) + "/scripts/fleet-up 2 " + f.dir + " --redis >/dev/null";
    if (std::system(cmd.c_str()) != 0) throw std::runtime_error("scripts/fleet-up failed");
    f.fleet = load_fleet(f.fleet_file);
    return f;
  }();
  return fleet;
}

void load_pristine_sources() {
  const TestFleet& f = test_fleet();
  if (read_text(marker_path()) == wanted_marker()) return;
  std::filesystem::remove(marker_path());
  std::string err;
  const int rc = run_luckyhub("--quiet simulate --fleet " + f.fleet_file + " --scale " +
                                  std::to_string(kFleetScale) + " --seed " + std::to_string(kFleetSeed) +
                                  " --truth " + fleet_truth_path(),
                              nullptr, &err);
  if (rc != 0) throw std::runtime_error("simulate --fleet failed: " + err);
  std::ofstream(marker_path()) << wanted_marker();
}

std::string fleet_truth_path() { return test_fleet().dir + "/truth.json"; }

void mark_sources_changed() { std::filesystem::remove(marker_path()); }

const std::string& reference_warehouse() {
  static const std::string path = [] {
    const std::string p = std::string(LUCKYHUB_TEST_DATA_DIR) + "/fleet-reference.db";
    if (!std::filesystem::exists(p) || std::filesystem::last_write_time(p) < binary_time()) {
      std::filesystem::remove(p);
      std::string err;
      const int rc = run_luckyhub("--quiet simulate --warehouse " + p + " --scale " +
                                      std::to_string(kFleetScale) + " --seed " + std::to_string(kFleetSeed) +
                                      " --truth " + temp_dir() + "/truth.json",
                                  nullptr, &err);
      if (rc != 0) throw std::runtime_error("simulate --warehouse failed: " + err);
    }
    return p;
  }();
  return path;
}

std::unique_ptr<MysqlConnection> loader_connection(const std::string& database) {
  const Instance* instance = test_fleet().fleet.mysql_holding(database);
  if (instance == nullptr || !instance->loader) throw std::runtime_error("no loader for " + database);
  return std::make_unique<MysqlConnection>(*instance, *instance->loader);
}

std::vector<std::vector<SqlValue>> warehouse_rows(Warehouse& warehouse, const TableDef& table) {
  return warehouse.query("SELECT * FROM " + table.warehouse_name() + " ORDER BY id").rows;
}

std::vector<std::vector<SqlValue>> source_rows(const TableDef& table) {
  std::unique_ptr<MysqlConnection> c = loader_connection(table.database);
  std::string columns;
  for (const ColumnDef& col : table.columns) columns += (columns.empty() ? "" : ", ") + col.name;
  const ResultSet r = c->query("SELECT " + columns + " FROM " + table.database + "." + table.name + " ORDER BY id");
  std::vector<std::vector<SqlValue>> rows;
  for (const auto& in : r.rows) {
    std::vector<SqlValue> row(in.size());
    for (size_t i = 0; i < in.size(); ++i) {
      const auto* text = std::get_if<std::string>(&in[i]);
      if (text == nullptr) continue;
      switch (table.columns[i].type) {
        case ColumnType::kInt: row[i] = static_cast<int64_t>(std::stoll(*text)); break;
        case ColumnType::kDecimal: row[i] = parse_decimal(*text, table.columns[i].scale); break;
        case ColumnType::kDouble: row[i] = std::stod(*text); break;
        default: row[i] = *text;
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string first_difference(const std::vector<std::vector<SqlValue>>& expected,
                             const std::vector<std::vector<SqlValue>>& actual) {
  for (size_t r = 0; r < std::min(expected.size(), actual.size()); ++r) {
    for (size_t c = 0; c < std::min(expected[r].size(), actual[r].size()); ++c) {
      if (expected[r][c] != actual[r][c]) {
        return "row " + std::to_string(r) + " column " + std::to_string(c) + ": expected " +
               cell_text(expected[r][c]) + ", got " + cell_text(actual[r][c]);
      }
    }
    if (expected[r].size() != actual[r].size()) return "row " + std::to_string(r) + ": column counts differ";
  }
  if (expected.size() != actual.size()) {
    return "expected " + std::to_string(expected.size()) + " rows, got " + std::to_string(actual.size());
  }
  return "";
}

std::string without_deletions_reconciled(const std::string& report_json, std::string& reconciled) {
  nlohmann::json report = nlohmann::json::parse(report_json);
  const nlohmann::json at = report.at("deletions_reconciled");  // present in every report
  reconciled = at.is_null() ? "" : at.get<std::string>();
  report.erase("deletions_reconciled");
  return report.dump(2);
}

int closed_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

void write_fleet_with_a_dead_instance(const std::string& path) {
  std::ofstream fleet(path);
  for (const Instance& in : test_fleet().fleet.instances) {
    if (in.kind != InstanceKind::kMysql) continue;
    fleet << "[[instance]]\nname = \"" << in.name << "\"\nkind = \"mysql\"\nhost = \"127.0.0.1\"\nport = " << in.port
          << "\nuser = \"luckyhub_ro\"\npassword_file = \"" << test_fleet().dir << "/secrets\"\n\n";
  }
  fleet << "[[instance]]\nname = \"gone\"\nkind = \"mysql\"\nhost = \"127.0.0.1\"\nport = " << closed_port()
        << "\nuser = \"luckyhub_ro\"\npassword_file = \"" << test_fleet().dir << "/secrets\"\n";
}

void expect_same_tables(const std::string& expected_path, const std::string& actual_path) {
  auto expected = open_warehouse(expected_path);
  auto actual = open_warehouse(actual_path);
  for (const TableDef& table : SchemaCatalog::builtin().tables()) {
    EXPECT_EQ(first_difference(warehouse_rows(*expected, table),
                                        warehouse_rows(*actual, table)),
              "")
        << table.qualified_name();
  }
}

}  // namespace luckyhub::testing
