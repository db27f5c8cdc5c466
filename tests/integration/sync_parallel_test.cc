// `luckyhub sync --jobs 4` reads a fleet of four MariaDB servers at once
// (scripts/fleet-up 4) and writes the same warehouse as one server at a time
// (--jobs 1): every table row by row, both equal to `simulate --warehouse` of
// the same simulation; then, after the sources change (updates, deletes) and
// an incremental run with reconciliation by each, every table again and
// every tool's JSON report byte for byte (once: the reports take most of the
// test's time, and the first comparison's tables already hold their rows).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "integration/fleet_harness.h"
#include "sources/fleet.h"
#include "sources/mysql_client.h"
#include "support/shared_sim.h"
#include "tools/registry.h"
#include "warehouse/schema.h"
#include "warehouse/warehouse.h"

namespace luckyhub {
namespace {

using testing::run_luckyhub;
using testing::temp_dir;

// Four servers of their own, loaded with the harness's simulation; stopped at the end.
class FourServers {
 public:
  FourServers() : dir_(temp_dir() + "/fleet4") {
    if (std::system((script("fleet-up") + " 4 " + dir_ + " >/dev/null").c_str()) != 0) {
      throw std::runtime_error("scripts/fleet-up 4 failed");
    }
    std::string err;
    const int rc = run_luckyhub("--quiet simulate --fleet " + fleet_file() + " --scale " +
                                    std::to_string(testing::kFleetScale) + " --seed " +
                                    std::to_string(testing::kFleetSeed) + " --truth " + dir_ + "/truth.json",
                                nullptr, &err);
    if (rc != 0) throw std::runtime_error("simulate --fleet failed: " + err);
  }
  ~FourServers() { std::system((script("fleet-down") + " " + dir_ + " >/dev/null 2>&1").c_str()); }
  std::string fleet_file() const { return dir_ + "/fleet.toml"; }

  // A connection as the loader, which may write, to the server holding `database`.
  std::unique_ptr<MysqlConnection> loader(const std::string& database) const {
    const Fleet fleet = load_fleet(fleet_file());
    const Instance* instance = fleet.mysql_holding(database);
    return std::make_unique<MysqlConnection>(*instance, *instance->loader);
  }

 private:
  static std::string script(const std::string& name) { return std::string(LUCKYHUB_SOURCE_DIR) + "/scripts/" + name; }
  std::string dir_;
};

void sync_with_jobs(const FourServers& fleet, const std::string& warehouse, int jobs, const std::string& extra = "") {
  std::string out, err;
  ASSERT_EQ(run_luckyhub("sync --fleet " + fleet.fleet_file() + " --warehouse " + warehouse + " --jobs " +
                             std::to_string(jobs) + " " + extra,
                         &out, &err),
            0)
      << out << err;
  EXPECT_NE(out.find("54 tables, 0 failed"), std::string::npos) << out;
}


// Every tool's JSON report, but for when deletions were reconciled (each
// sync's own clock), byte for byte.
void expect_same_reports(const std::string& serial, const std::string& parallel) {
  int compared = 0;
  for (const Tool* tool : ToolRegistry::instance().list()) {
    if (tool->id == "fleet-health" || tool->id == "redis-console") continue;  // collect's data, no source's
    std::string a, b, err, ignored;
    ASSERT_EQ(run_luckyhub("report " + tool->id + " --format json --warehouse " + serial, &a, &err), 0) << err;
    ASSERT_EQ(run_luckyhub("report " + tool->id + " --format json --warehouse " + parallel, &b, &err), 0) << err;
    EXPECT_EQ(testing::without_deletions_reconciled(a, ignored), testing::without_deletions_reconciled(b, ignored))
        << tool->id;
    ++compared;
  }
  EXPECT_GE(compared, 16);
}

TEST(SyncParallel, FourServersAtOnceEqualOneAtATime) {
  const FourServers fleet;
  const std::string serial = temp_dir() + "/serial.db", parallel = temp_dir() + "/parallel.db";
  for (const std::string& w : {serial, parallel}) {
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) std::filesystem::remove(w + suffix);
  }
  // Small chunks: many commits, each with rows of several tables in it.
  sync_with_jobs(fleet, serial, 1, "--chunk-rows 3000");
  sync_with_jobs(fleet, parallel, 4, "--chunk-rows 3000");
  testing::expect_same_tables(testing::reference_warehouse(), serial);
  testing::expect_same_tables(serial, parallel);

  // Changes on two servers: updates of many rows, a delete.
  {
    auto orders = fleet.loader("luckyus_sales_order");
    orders->query("UPDATE luckyus_sales_order.t_order SET update_time = NOW() - INTERVAL 10 SECOND,"
                  " pay_money = pay_money + 1 WHERE id % 7 = 3");
    orders->query("DELETE FROM luckyus_sales_order.t_order_item WHERE id % 11 = 5");
    auto payments = fleet.loader("luckyus_sales_payment");
    payments->query("UPDATE luckyus_sales_payment.t_trade SET update_time = NOW() - INTERVAL 10 SECOND"
                    " WHERE id % 5 = 1");
  }
  sync_with_jobs(fleet, serial, 1, "--chunk-rows 3000 --settle-seconds 0 --reconcile");
  sync_with_jobs(fleet, parallel, 4, "--chunk-rows 3000 --settle-seconds 0 --reconcile");
  testing::expect_same_tables(serial, parallel);
  expect_same_reports(serial, parallel);
  {
    auto w = open_warehouse(parallel);
    EXPECT_EQ(w->query("SELECT COUNT(*) FROM sales_order__t_order_item WHERE id % 11 = 5").int_at(0, 0), 0);
  }
}

}  // namespace
}  // namespace luckyhub
