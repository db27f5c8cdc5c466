// The tools straight on MariaDB, as on a read replica: one server of its own
// holding the databases the money tools read (`simulate --fleet
// --databases`), the views of `luckyhub replica-views`, and each money tool's
// report on `--warehouse mysql://…` equal to its report on the SQLite
// warehouse of the same simulation — the same SQL on both engines.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "integration/fleet_harness.h"
#include "support/shared_sim.h"

namespace luckyhub {
namespace {

using testing::run_luckyhub;

using testing::read_file;

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

TEST(Replica, MoneyToolsOnMariadbGiveTheWarehouseReports) {
  const std::string dir = testing::temp_dir() + "/replica";
  const std::string scripts = std::string(LUCKYHUB_SOURCE_DIR) + "/scripts/";
  ASSERT_EQ(std::system((scripts + "fleet-up 1 " + dir + " >/dev/null").c_str()), 0);
  struct Down {
    std::string command;
    ~Down() { [[maybe_unused]] int rc = std::system(command.c_str()); }
  } down{scripts + "fleet-down " + dir + " >/dev/null 2>&1"};

  const std::string databases =
      "luckyus_sales_order,luckyus_sales_payment,luckyus_ifiaccounting,luckyus_fi_tax,luckyus_opshop";
  std::string out, err;
  ASSERT_EQ(run_luckyhub("simulate --fleet " + dir + "/fleet.toml --databases " + databases + " --scale " +
                             std::to_string(testing::kFleetScale) + " --seed " + std::to_string(testing::kFleetSeed) +
                             " --truth " + dir + "/truth.json",
                         &out, &err),
            0)
      << err;
  const std::string port = trim(read_file(dir + "/s1/port"));
  const std::string views = dir + "/views.sql";
  ASSERT_EQ(run_luckyhub("replica-views --databases " + databases, &out, &err), 0) << err;
  std::ofstream(views) << out;
  ASSERT_EQ(std::system(("mariadb --no-defaults -h127.0.0.1 -P" + port + " -uluckyhub_loader -p" +
                         trim(read_file(dir + "/loader.secret")) + " < " + views)
                            .c_str()),
            0);

  const std::string replica =
      "mysql://luckyhub_ro@127.0.0.1:" + port + "/luckyhub_replica?password_file=" + dir + "/secrets";
  for (const std::string tool : {"payment-fees", "reconciliation", "tax-gap"}) {
    std::string want, got;
    ASSERT_EQ(run_luckyhub("report " + tool + " --format json --warehouse " + testing::reference_warehouse(),
                           &want, &err),
              0)
        << err;
    ASSERT_EQ(run_luckyhub("report " + tool + " --format json --warehouse '" + replica + "'", &got, &err), 0)
        << tool << ": " << err;
    EXPECT_EQ(want, got) << tool;
    EXPECT_EQ(err.find(trim(read_file(dir + "/secrets"))), std::string::npos) << "a password in stderr";
  }

  // A wrong database, a missing password: one clear line each, no secret.
  EXPECT_NE(run_luckyhub("report tax-gap --warehouse 'mysql://luckyhub_ro@127.0.0.1:" + port +
                             "/luckyus_sales_order?password_file=" + dir + "/secrets'",
                         &out, &err),
            0);
  EXPECT_NE(err.find("holds no luckyhub views"), std::string::npos) << err;
  ::unsetenv("LUCKYHUB_MYSQL_PASSWORD");
  EXPECT_NE(run_luckyhub("report tax-gap --warehouse mysql://luckyhub_ro@127.0.0.1:" + port + "/luckyhub_replica",
                         &out, &err),
            0);
  EXPECT_NE(err.find("no password"), std::string::npos) << err;
}

}  // namespace
}  // namespace luckyhub
