// The access policy (access/policy.h) on its own: how paths are classified,
// and a few decisions spelled out by hand. The whole matrix of roles, tools
// and paths through the server is tests/server/access_matrix_test.cc.
#include <gtest/gtest.h>

#include "access/policy.h"

namespace luckyhub::access {
namespace {

TEST(AccessPolicy, ClassifiesEveryKindOfPath) {
  EXPECT_EQ(classify("GET", "/api/health").area, Area::kPublic);
  EXPECT_EQ(classify("POST", "/api/login").area, Area::kPublic);
  EXPECT_EQ(classify("GET", "/api/login").area, Area::kUnknown) << "login is a POST";
  EXPECT_EQ(classify("GET", "/assets/index-abc.js").area, Area::kPublic);
  const Resource login = classify("GET", "/login");
  EXPECT_EQ(login.area, Area::kPublic);
  EXPECT_TRUE(login.page);
  EXPECT_EQ(classify("GET", "/api/session").area, Area::kSession);
  EXPECT_EQ(classify("POST", "/api/logout").area, Area::kSession);
  EXPECT_EQ(classify("GET", "/api/tools").area, Area::kAnyUser);
  EXPECT_EQ(classify("GET", "/").area, Area::kAnyUser);
  for (const char* path : {"/api/reports/tax-gap", "/api/reports/tax-gap.csv", "/api/reports/tax-gap.pdf",
                           "/api/reports/tax-gap.xlsx", "/tools/tax-gap", "/reports/tax-gap"}) {
    const Resource r = classify("GET", path);
    EXPECT_EQ(r.area, Area::kTool) << path;
    EXPECT_EQ(r.tool, "tax-gap") << path;
    EXPECT_EQ(r.page, path[1] != 'a') << path;
  }
  EXPECT_EQ(classify("GET", "/api/staffing/schedule.pdf").tool, "staffing");
  EXPECT_EQ(classify("PUT", "/api/staffing/actual").tool, "staffing");
  EXPECT_EQ(classify("PUT", "/api/channels/spend").tool, "channels");
  EXPECT_EQ(classify("GET", "/api/recommendations/U1").tool, "recommendations");
  EXPECT_EQ(classify("DELETE", "/api/silences/s1").area, Area::kAlerts);
  EXPECT_EQ(classify("GET", "/alerts").area, Area::kAlerts);
  EXPECT_EQ(classify("GET", "/api/schedules").area, Area::kSchedules);
  EXPECT_EQ(classify("GET", "/metrics").area, Area::kMetrics);
  EXPECT_EQ(classify("POST", "/api/users").area, Area::kAdmin);
  EXPECT_EQ(classify("DELETE", "/api/tokens/abc").area, Area::kAdmin);
  EXPECT_EQ(classify("GET", "/api/audit").area, Area::kAdmin);
  EXPECT_EQ(classify("GET", "/admin/users").area, Area::kAdmin);
  EXPECT_EQ(classify("GET", "/api/whatever").area, Area::kUnknown);
  EXPECT_EQ(classify("POST", "/tools/tax-gap").area, Area::kUnknown);
}

TEST(AccessPolicy, DecidesByDepartmentDefaultDeny) {
  const Principal finance{.name = "fi", .role = Role::kFinance};
  const Principal it{.name = "it", .role = Role::kIt};
  const Principal admin{.name = "root", .role = Role::kAdmin};
  const Principal metrics{.name = "token:1", .role = Role::kMetrics, .token = true};
  const Resource tax = classify("GET", "/api/reports/tax-gap");
  EXPECT_EQ(decide(nullptr, tax).status, 401);
  EXPECT_EQ(decide(&finance, tax).status, 200);
  EXPECT_EQ(decide(&it, tax).status, 403);
  EXPECT_EQ(decide(&admin, tax).status, 200);
  EXPECT_EQ(decide(&metrics, tax).status, 403);
  EXPECT_EQ(decide(&finance, classify("GET", "/api/reports/no-such-tool")).status, 403);
  EXPECT_EQ(decide(&finance, classify("GET", "/metrics")).status, 403);
  EXPECT_EQ(decide(&metrics, classify("GET", "/metrics")).status, 200);
  EXPECT_EQ(decide(&metrics, classify("GET", "/api/tools")).status, 403);
  EXPECT_EQ(decide(&it, classify("GET", "/api/alerts")).status, 200);
  EXPECT_EQ(decide(&finance, classify("GET", "/api/alerts")).status, 403);
  EXPECT_EQ(decide(&finance, classify("GET", "/api/users")).status, 403);
  EXPECT_EQ(decide(&admin, classify("GET", "/api/users")).status, 200);
  EXPECT_EQ(decide(&finance, classify("GET", "/api/whatever")).status, 403);
  EXPECT_EQ(decide(nullptr, classify("GET", "/api/health")).status, 200);
  EXPECT_EQ(decide(nullptr, classify("GET", "/tools/tax-gap")).status, 401);
}

TEST(AccessPolicy, AStoreManagerOpensOnlyPerStoreToolsPinnedToTheirStore) {
  const Tool staffing{.id = "staffing", .department = "operations", .store_param = "store"};
  const Tool machines{.id = "machines", .department = "operations"};
  const Principal manager{.name = "sm", .role = Role::kOperations, .stores = {12, 40}};
  EXPECT_TRUE(may_open_tool(manager, staffing));
  EXPECT_FALSE(may_open_tool(manager, machines));
  std::map<std::string, std::string> q;
  EXPECT_EQ(pin_store(manager, staffing, q).status, 200);
  EXPECT_EQ(q["store"], "12") << "no store given: their first";
  q = {{"store", "0"}};
  EXPECT_EQ(pin_store(manager, staffing, q).status, 200);
  EXPECT_EQ(q["store"], "12") << "0 means every store: narrowed to theirs";
  q = {{"store", "40"}};
  EXPECT_EQ(pin_store(manager, staffing, q).status, 200);
  EXPECT_EQ(q["store"], "40");
  q = {{"store", "41"}};
  EXPECT_EQ(pin_store(manager, staffing, q).status, 403);
  q = {{"store", "12abc"}};
  EXPECT_EQ(pin_store(manager, staffing, q).status, 403);
  const Principal ops{.name = "ops", .role = Role::kOperations};
  q = {{"store", "41"}};
  EXPECT_EQ(pin_store(ops, staffing, q).status, 200);
  EXPECT_EQ(q["store"], "41") << "an unrestricted user's choice stands";
}

}  // namespace
}  // namespace luckyhub::access
