// `luckyhub tools`: every parameter with its label, and with a tool and a
// warehouse the values its data-valued parameters take there, by name.
#include <gtest/gtest.h>

#include "support/shared_sim.h"

namespace luckyhub {
namespace {

using testing::run_luckyhub;

TEST(ToolsList, EveryParameterIsListedWithItsLabel) {
  std::string out, err;
  ASSERT_EQ(run_luckyhub("--quiet tools", &out, &err), 0) << err;
  EXPECT_NE(out.find("--param usd_per_gib_month=10  Memory price (USD per GiB-month)\n"), std::string::npos) << out;
  EXPECT_NE(out.find("--param target_seconds=120  Target wait (s)\n"), std::string::npos);
  EXPECT_NE(out.find("--param tolerance_cents=1  Tolerance (cents)\n"), std::string::npos);
  EXPECT_NE(out.find("--param currency=USD  Currency (tenant)\n        USD (production) or NZD (test tenant), never "
                     "mixed\n        one of: USD, NZD\n"),
            std::string::npos);
  EXPECT_NE(out.find("values: from the data (luckyhub tools staffing --warehouse W lists them)"), std::string::npos);
}

TEST(ToolsList, AToolsStoresAreListedByNameFromTheWarehouse) {
  std::string out, err;
  ASSERT_EQ(run_luckyhub("--quiet tools staffing --warehouse " + testing::shared_sim().warehouse_path, &out, &err), 0)
      << err;
  EXPECT_EQ(out.find("payment-fees"), std::string::npos) << "one tool only";
  EXPECT_NE(out.find("--param store=…  Store scheduled\n"), std::string::npos) << out;
  const auto wh = testing::open_shared_warehouse();
  const ResultSet stores =
      wh->query("SELECT id, shop_name FROM opshop__t_shop_info WHERE tenant = 'LKUS' ORDER BY id", {});
  ASSERT_GE(stores.size(), 2u);
  for (size_t i = 0; i < stores.size(); ++i) {
    EXPECT_NE(out.find("        " + stores.text_at(i, 0) + "  " + stores.text_at(i, 1) + "\n"), std::string::npos)
        << stores.text_at(i, 1);
  }
  // A warehouse names the values of one tool's parameters: without a tool, one error line.
  EXPECT_NE(run_luckyhub("--quiet tools --warehouse " + testing::shared_sim().warehouse_path, &out, &err), 0);
  EXPECT_NE(err.find("name the tool"), std::string::npos) << err;
}

}  // namespace
}  // namespace luckyhub
