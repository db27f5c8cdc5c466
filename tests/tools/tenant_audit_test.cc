// The tenant audit reads its derived tables (tenant_audit_tables.h),
// materialised by the load; read inline — a warehouse without them, which
// means scanning every table — it gives the same report.
#include <gtest/gtest.h>

#include <filesystem>

#include "report/render.h"
#include "support/shared_sim.h"
#include "tools/registry.h"
#include "tools/tenant_audit/tenant_audit_tables.h"
#include "warehouse/derived_table.h"
#include "warehouse/updater.h"

namespace luckyhub {
namespace {

TEST(TenantAudit, DerivedTablesAndFullScanGiveTheSameReport) {
  const auto& sim = testing::shared_sim();
  auto profiled = open_warehouse(sim.warehouse_path);
  ASSERT_EQ(derived_from(*profiled, tenant_audit::kTenantRows).sql, tenant_audit::kTenantRows);
  EXPECT_EQ(profiled->query("SELECT SUM(row_count) FROM tenant_audit__rows WHERE table_name = 'sales_order__t_order'")
                .int_at(0, 0),
            profiled->query("SELECT COUNT(*) FROM sales_order__t_order").int_at(0, 0));

  const std::string copy = testing::temp_dir() + "/unprofiled.db";
  std::filesystem::copy_file(sim.warehouse_path, copy);
  {
    auto updater = open_updater(copy);
    updater->begin();
    updater->drop_table(std::string(tenant_audit::kTenantRows));
    updater->drop_table(std::string(tenant_audit::kSuspectRows));
    updater->commit();
  }
  auto scanned = open_warehouse(copy);
  EXPECT_NE(derived_from(*scanned, tenant_audit::kTenantRows).sql, tenant_audit::kTenantRows);

  const Tool& tool = ToolRegistry::instance().get("tenant-audit");
  for (const std::string limit : {"100000", "3"}) {
    const std::map<std::string, std::string> params{{"limit", limit}};
    const std::string json = render_json(run_tool(tool, *profiled, params));
    EXPECT_EQ(json, render_json(run_tool(tool, *scanned, params))) << "limit " << limit;
    EXPECT_NE(json.find("unknown_tenant"), std::string::npos) << "the planted unknown tenants are listed";
  }
}

}  // namespace
}  // namespace luckyhub
