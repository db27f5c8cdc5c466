// The tenant audit reads the tenant profile recorded at load; without one
// (a warehouse changed by an incremental sync) it scans, with the same result.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>

#include "report/render.h"
#include "support/shared_sim.h"
#include "tools/registry.h"
#include "warehouse/sqlite/sqlite_db.h"
#include "warehouse/tenant_profile.h"

namespace luckyhub {
namespace {

TEST(TenantAudit, ProfileAndFullScanGiveTheSameReport) {
  const auto& sim = testing::shared_sim();
  auto profiled = open_warehouse(sim.warehouse_path);
  const std::optional<TenantProfile> profile = read_tenant_profile(*profiled);
  ASSERT_TRUE(profile.has_value());
  ASSERT_TRUE(profile->count("sales_order__t_order"));
  int64_t orders = 0;
  for (const auto& e : profile->at("sales_order__t_order")) orders += e.rows;
  EXPECT_EQ(orders, profiled->query("SELECT COUNT(*) FROM sales_order__t_order").int_at(0, 0));

  const std::string copy = testing::temp_dir() + "/unprofiled.db";
  std::filesystem::copy_file(sim.warehouse_path, copy);
  {
    SqliteDb db(copy, SQLITE_OPEN_READWRITE);
    db.exec("DELETE FROM _luckyhub_meta WHERE key = 'tenant_profile'");
  }
  auto scanned = open_warehouse(copy);
  EXPECT_FALSE(read_tenant_profile(*scanned).has_value());

  const Tool& tool = ToolRegistry::instance().get("tenant-audit");
  for (const std::string limit : {"100000", "3"}) {
    const std::map<std::string, std::string> params{{"limit", limit}};
    EXPECT_EQ(render_json(run_tool(tool, *profiled, params)), render_json(run_tool(tool, *scanned, params)))
        << "limit " << limit;
  }
}

}  // namespace
}  // namespace luckyhub
