// `luckyhub sync` from the MariaDB fleet into a ClickHouse warehouse (a
// server of its own, started by scripts/clickhouse-up for this suite and
// stopped after it): the same rows and the same reports as `simulate
// --warehouse`, and a failed run keeps the previous generation.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <fstream>
#include <regex>
#include <sstream>

#include "core/calendar.h"
#include "integration/fleet_harness.h"
#include "support/shared_sim.h"
#include "tools/registry.h"

namespace luckyhub {
namespace {

using testing::run_luckyhub;

class ClickHouseSync : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(testing::temp_dir());
    ASSERT_EQ(std::system((std::string(LUCKYHUB_SOURCE_DIR) + "/scripts/clickhouse-up single " + *dir_).c_str()), 0);
  }
  static void TearDownTestSuite() {
    std::system((std::string(LUCKYHUB_SOURCE_DIR) + "/scripts/clickhouse-down " + *dir_).c_str());
    delete dir_;
  }
  static std::string secret() {
    std::ifstream in(*dir_ + "/secret");
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  static std::string* dir_;
};
std::string* ClickHouseSync::dir_ = nullptr;

TEST_F(ClickHouseSync, EqualsSimulateWarehouseWithEveryReport) {
  testing::load_pristine_sources();
  const std::string w = testing::clickhouse_location_in(*dir_, "synced");
  std::string out, err;
  const std::string before = Timestamp{std::time(nullptr)}.str();
  ASSERT_EQ(run_luckyhub("sync --fleet " + testing::test_fleet().fleet_file + " --warehouse '" + w + "'", &out, &err),
            0)
      << out << err;
  EXPECT_NE(out.find("54 tables, 0 failed"), std::string::npos) << out;
  const std::string after = Timestamp{std::time(nullptr)}.str();
  EXPECT_EQ(out.find(secret()), std::string::npos);
  EXPECT_EQ(err.find(secret()), std::string::npos);

  auto expected = open_warehouse(testing::reference_warehouse());
  auto actual = open_warehouse(w);
  for (const TableDef& table : SchemaCatalog::builtin().tables()) {
    EXPECT_EQ(testing::first_difference(testing::warehouse_rows(*expected, table),
                                        testing::warehouse_rows(*actual, table)),
              "")
        << table.qualified_name();
  }
  for (const Tool* tool : ToolRegistry::instance().list()) {
    // fleet-health and redis-console read the metric history `collect` keeps, which no source holds.
    if (tool->id == "fleet-health" || tool->id == "redis-console") continue;
    std::string want, got;
    ASSERT_EQ(run_luckyhub("report " + tool->id + " --format json --warehouse " + testing::reference_warehouse(),
                           &want, &err), 0) << err;
    ASSERT_EQ(run_luckyhub("report " + tool->id + " --format json --warehouse '" + w + "'", &got, &err), 0) << err;
    // The same but for when deletions were reconciled: simulate's as-of,
    // the generation's copy start (every table copied whole from then).
    std::string simulated, synced;
    EXPECT_EQ(testing::without_deletions_reconciled(want, simulated),
              testing::without_deletions_reconciled(got, synced)) << tool->id;
    EXPECT_EQ(simulated, expected->meta("as_of") + " 00:00:00") << tool->id;
    EXPECT_GE(synced, before) << tool->id;
    EXPECT_LE(synced, after) << tool->id;
  }
  const std::string generation_reconciled = actual->meta("deletions_reconciled");

  // A run whose source is unreachable fails and leaves the synced generation.
  const std::string bad_fleet = testing::test_fleet().dir + "/unreachable-fleet.toml";
  {
    std::ifstream in(testing::test_fleet().fleet_file);
    std::stringstream text;
    text << in.rdbuf();
    std::string t = text.str();
    const size_t port = t.find("port = ");
    t.replace(port, t.find('\n', port) - port, "port = 1");
    std::ofstream(bad_fleet) << t;
  }
  EXPECT_NE(run_luckyhub("sync --fleet " + bad_fleet + " --warehouse '" + w + "'", &out, &err), 0);
  // The unreachable instance fails once, on stderr, not once per table.
  EXPECT_EQ(out.find("FAILED"), std::string::npos) << out;
  EXPECT_NE(err.find("cannot connect as luckyhub_ro"), std::string::npos) << err;
  EXPECT_FALSE(std::regex_search(err, std::regex("error[^\n]*luckyus_"))) << err;  // no error line per table
  EXPECT_EQ(open_warehouse(w)->meta("deletions_reconciled"), generation_reconciled);
  const int64_t orders = open_warehouse(w)->query("SELECT COUNT(*) FROM sales_order__t_order").int_at(0, 0);
  EXPECT_EQ(orders, expected->query("SELECT COUNT(*) FROM sales_order__t_order").int_at(0, 0));
}

}  // namespace
}  // namespace luckyhub
