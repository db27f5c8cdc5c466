// `luckyhub sync` from the MariaDB fleet into a ClickHouse warehouse (the
// single server of the CTest fixture 'clickhouse'): the same rows and the
// same reports as `simulate --warehouse`, and a failed run keeps the previous
// generation.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "integration/fleet_harness.h"
#include "support/shared_sim.h"
#include "tools/registry.h"

namespace luckyhub {
namespace {

using testing::run_luckyhub;

std::string clickhouse_secret() {
  std::ifstream in(std::string(LUCKYHUB_TEST_CLICKHOUSE_SINGLE) + "/secret");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(ClickHouseSync, EqualsSimulateWarehouseWithEveryReport) {
  testing::load_pristine_sources();
  const std::string w = testing::clickhouse_location_in(LUCKYHUB_TEST_CLICKHOUSE_SINGLE,
                                                        "synced_" + std::to_string(::getpid()));
  std::string out, err;
  ASSERT_EQ(run_luckyhub("sync --fleet " + testing::test_fleet().fleet_file + " --warehouse '" + w + "'", &out, &err),
            0)
      << out << err;
  EXPECT_NE(out.find("52 tables, 0 failed"), std::string::npos) << out;
  EXPECT_EQ(out.find(clickhouse_secret()), std::string::npos);
  EXPECT_EQ(err.find(clickhouse_secret()), std::string::npos);

  auto expected = open_warehouse(testing::reference_warehouse());
  auto actual = open_warehouse(w);
  for (const TableDef& table : SchemaCatalog::builtin().tables()) {
    EXPECT_EQ(testing::first_difference(testing::warehouse_rows(*expected, table),
                                        testing::warehouse_rows(*actual, table)),
              "")
        << table.qualified_name();
  }
  for (const Tool* tool : ToolRegistry::instance().list()) {
    std::string want, got;
    ASSERT_EQ(run_luckyhub("report " + tool->id + " --format json --warehouse " + testing::reference_warehouse(),
                           &want, &err), 0) << err;
    ASSERT_EQ(run_luckyhub("report " + tool->id + " --format json --warehouse '" + w + "'", &got, &err), 0) << err;
    EXPECT_EQ(want, got) << tool->id;
  }

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
  EXPECT_NE(out.find("FAILED"), std::string::npos) << out;
  const int64_t orders = open_warehouse(w)->query("SELECT COUNT(*) FROM sales_order__t_order").int_at(0, 0);
  EXPECT_EQ(orders, expected->query("SELECT COUNT(*) FROM sales_order__t_order").int_at(0, 0));
}

}  // namespace
}  // namespace luckyhub
