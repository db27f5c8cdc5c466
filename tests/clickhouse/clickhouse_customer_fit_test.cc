// The customer-value fit stored with the data (customers__fit, computed by
// each load) is the same text on SQLite, one ClickHouse server and the
// two-shard cluster — the same doubles to the last bit — and a new process's
// profile reads it there and fits nothing: the profile reports are
// byte-identical on the three engines.
#include <gtest/gtest.h>

#include "domain/customer_fit_store.h"
#include "report/render.h"
#include "support/shared_sim.h"
#include "tools/registry.h"
#include "warehouse/derived_table.h"

namespace luckyhub {
namespace {

TEST(ClickHouseCustomerFit, StoredFitAndProfilesAreByteIdenticalOnEveryEngine) {
  const std::vector<std::string> locations = {
      testing::shared_sim().warehouse_path,
      testing::clickhouse_location_in(LUCKYHUB_TEST_CLICKHOUSE_SINGLE, "luckyhub"),
      testing::clickhouse_location_in(LUCKYHUB_TEST_CLICKHOUSE_CLUSTER, "luckyhub")};
  std::vector<std::string> fits, profiles;
  for (const std::string& location : locations) {
    auto wh = open_warehouse(location);
    ASSERT_TRUE(derived_current(*wh, customers::kStoredFit)) << location;
    std::string text;
    for (const Row row : wh->query("SELECT quantiles, as_of, fit FROM " + std::string(customers::kStoredFit) +
                                   " ORDER BY quantiles"))
      text += std::to_string(row.integer("quantiles")) + " " + row.text("as_of") + " " + row.text("fit") + "\n";
    fits.push_back(text);
    customers::forget_kept_fits();  // as a new process
    const int64_t before = customers::model_fits();
    std::string json;
    for (const char* user : {"10000027", "10000100", "10000500"}) {
      for (const char* q : {"4", "5"}) {
        json += render_json(run_tool(ToolRegistry::instance().get("customer-360"), *wh, {{"user", user}, {"quantiles", q}}));
      }
    }
    EXPECT_EQ(customers::model_fits(), before) << location << ": the profiles fitted instead of reading the stored fit";
    profiles.push_back(json);
  }
  EXPECT_NE(fits[0].find("\"bgnbd\""), std::string::npos);
  EXPECT_NE(profiles[0].find("p_alive"), std::string::npos);
  for (size_t i = 1; i < locations.size(); ++i) {
    EXPECT_EQ(fits[i], fits[0]) << locations[i];
    EXPECT_EQ(profiles[i], profiles[0]) << locations[i];
  }
}

}  // namespace
}  // namespace luckyhub
