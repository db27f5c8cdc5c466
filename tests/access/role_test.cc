// Roles, user names and store lists (access/role.h).
#include "access/role.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "tools/registry.h"

namespace luckyhub::access {
namespace {

TEST(AccessRole, NamesRoundTrip) {
  const std::vector<std::string> expected = {"admin",   "it",         "marketing",    "finance",
                                             "product", "operations", "supply-chain", "metrics"};
  ASSERT_EQ(all_roles().size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(role_name(all_roles()[i]), expected[i]);
    EXPECT_EQ(parse_role(expected[i]), all_roles()[i]);
  }
  EXPECT_FALSE(parse_role("Admin"));
  EXPECT_FALSE(parse_role("supply_chain"));
  EXPECT_FALSE(parse_role(""));
}

TEST(AccessRole, DepartmentRolesAreTheRegistrysDepartments) {
  std::vector<std::string> department_ids;
  for (const Department& d : departments()) department_ids.push_back(d.id);
  std::vector<std::string> roles;
  for (Role r : all_roles())
    if (r != Role::kAdmin && r != Role::kMetrics) roles.emplace_back(role_name(r));
  EXPECT_EQ(roles, department_ids);
}

TEST(AccessRole, UserNames) {
  for (const char* good : {"ana", "a", "store-12.manager", "9lives", "j_doe"})
    EXPECT_NO_THROW(check_user_name(good)) << good;
  for (const char* bad :
       {"", "Ana", "-ana", ".ana", "_ana", "ana smith", "ana@luckin", "anä", "a/b"})
    EXPECT_THROW(check_user_name(bad), Error) << bad;
  EXPECT_NO_THROW(check_user_name(std::string(64, 'a')));
  EXPECT_THROW(check_user_name(std::string(65, 'a')), Error);
}

TEST(AccessRole, Stores) {
  EXPECT_EQ(parse_stores(""), std::vector<int64_t>{});
  EXPECT_EQ(parse_stores("12,40"), (std::vector<int64_t>{12, 40}));
  EXPECT_EQ(parse_stores("40, 12,40"), (std::vector<int64_t>{12, 40}));  // sorted, once each
  EXPECT_EQ(stores_text({12, 40}), "12,40");
  EXPECT_EQ(stores_text({}), "");
  for (const char* bad :
       {"0", "-3", "12,", ",12", "12,,40", "abc", "12x", "1.5", "99999999999999999999"})
    EXPECT_THROW(parse_stores(bad), Error) << bad;
}

TEST(AccessRole, PrincipalRestriction) {
  Principal p{.name = "m", .role = Role::kOperations};
  EXPECT_FALSE(p.store_restricted());
  p.stores = {12};
  EXPECT_TRUE(p.store_restricted());
}

}  // namespace
}  // namespace luckyhub::access
