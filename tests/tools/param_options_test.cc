// The values of the data-valued parameters (tools/param_options.h) on the
// shared small simulation, each against plain SQL on its source table or
// against the catalog's names, and none from a warehouse without the table.
#include <gtest/gtest.h>

#include <map>

#include "support/shared_sim.h"
#include "support/tiny_warehouse.h"
#include "tools/param_options.h"

namespace luckyhub {
namespace {

using Options = std::vector<ParamOption>;

// (value, name) pairs of a two-column SELECT, by position.
std::vector<std::pair<std::string, std::string>> pairs(const ResultSet& r) {
  std::vector<std::pair<std::string, std::string>> out;
  for (size_t i = 0; i < r.size(); ++i) out.push_back({r.text_at(i, 0), r.text_at(i, 1)});
  return out;
}
std::vector<std::pair<std::string, std::string>> pairs(const Options& options) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const ParamOption& o : options) out.push_back({o.value, o.name});
  return out;
}

TEST(ParamOptions, StoresAreTheProductionStoresOfTShopInfoByName) {
  const auto wh = testing::open_shared_warehouse();
  const Options stores = param_options::stores(*wh);
  ASSERT_GE(stores.size(), 2u);
  EXPECT_EQ(pairs(stores),
            pairs(wh->query("SELECT id, shop_name FROM opshop__t_shop_info WHERE tenant = 'LKUS' ORDER BY id", {})));
  for (const ParamOption& o : stores) EXPECT_EQ(o.name.rfind("Luckin Coffee ", 0), 0u) << o.name;  // a name, not a number
  // The NZ test store is test data: never offered.
  const ResultSet nz = wh->query("SELECT id FROM opshop__t_shop_info WHERE tenant = 'LKNZ'", {});
  ASSERT_FALSE(nz.empty());
  for (const ParamOption& o : stores) EXPECT_NE(o.value, nz.text_at(0, 0));
}

TEST(ParamOptions, PaymentChannelsAreTheChannelsOfTheTradesByTheirCatalogNames) {
  const auto wh = testing::open_shared_warehouse();
  const Options channels = param_options::payment_channels(*wh);
  std::vector<std::string> ids;
  for (const ParamOption& o : channels) ids.push_back(o.value);
  std::vector<std::string> expected;
  const ResultSet r = wh->query(
      "SELECT channel_id FROM sales_payment__t_trade WHERE tenant = 'LKUS' GROUP BY channel_id ORDER BY channel_id", {});
  for (size_t i = 0; i < r.size(); ++i) expected.push_back(r.text_at(i, 0));
  EXPECT_EQ(ids, expected);
  // The catalog's names of the channels (luckyus_sales_payment.t_trade.channel_id).
  const std::map<std::string, std::string> names = {
      {"1", "Other card (1)"},  {"3", "Debit card (3)"},     {"5", "Prepaid card (5)"},
      {"6", "Credit card (6)"}, {"51", "Google Pay (51)"},   {"52", "Stripe Link (52)"},
      {"53", "Apple Pay (53)"}, {"54", "Cash App Pay (54)"}, {"55", "PayPal (55)"},
      {"91", "Luckin stored balance (91)"}, {"92", "Gift card (92)"}};
  for (const ParamOption& o : channels) {
    ASSERT_TRUE(names.count(o.value)) << o.value;
    EXPECT_EQ(o.name, names.at(o.value));
  }
  EXPECT_TRUE(std::any_of(channels.begin(), channels.end(), [](const ParamOption& o) { return o.value == "3"; }));
}

TEST(ParamOptions, InstancesComeFromTheHealthHistory) {
  const auto wh = testing::open_shared_warehouse();
  const ResultSet all = wh->query("SELECT instance, kind FROM health__targets ORDER BY instance", {});
  ASSERT_FALSE(all.empty());
  const Options instances = param_options::instances(*wh);
  ASSERT_EQ(instances.size(), all.size());
  for (size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(instances[i].value, all.text_at(i, 0));
    EXPECT_EQ(instances[i].name, all.text_at(i, 0) + " (" + all.text_at(i, 1) + ")");
  }
  const ResultSet redis =
      wh->query("SELECT instance, instance FROM health__targets WHERE kind = 'redis' ORDER BY instance", {});
  ASSERT_FALSE(redis.empty());
  EXPECT_EQ(pairs(param_options::redis_instances(*wh)), pairs(redis));
}

TEST(ParamOptions, ProductsMachinesAndTemplatesByName) {
  const auto wh = testing::open_shared_warehouse();
  EXPECT_EQ(pairs(param_options::products(*wh)),
            pairs(wh->query("SELECT id, commodity_name FROM scm_commodity__t_commodity_base_info WHERE tenant = 'LKUS' "
                            "ORDER BY commodity_name, id",
                            {})));
  EXPECT_EQ(pairs(param_options::devices(*wh)),
            pairs(wh->query("SELECT id, device_name FROM iot_platform__t_device WHERE tenant = 'LKUS' ORDER BY id", {})));
  const ResultSet templates = wh->query(
      "SELECT template_id, template_name FROM sales_marketing__t_coupon_template WHERE tenant = 'LKUS' "
      "ORDER BY template_id",
      {});
  const Options offered = param_options::coupon_templates(*wh);
  ASSERT_EQ(offered.size(), templates.size());
  ASSERT_FALSE(offered.empty());
  for (size_t i = 0; i < offered.size(); ++i) {
    EXPECT_EQ(offered[i].value, templates.text_at(i, 0));
    EXPECT_EQ(offered[i].name, templates.text_at(i, 1) + " (" + templates.text_at(i, 0) + ")");
  }
}

TEST(ParamOptions, AWarehouseWithoutTheTableOffersNothing) {
  testing::TinyWarehouse tiny("2026-01-01", "2026-01-11");
  tiny.add("luckyus_opshop", "t_shop_info",
           {{"id", int64_t{4}}, {"tenant", std::string("LKUS")}, {"shop_no", std::string("US0004")},
            {"shop_name", std::string("Fulton St")}});
  const auto wh = tiny.open();
  EXPECT_EQ(pairs(param_options::stores(*wh)), (std::vector<std::pair<std::string, std::string>>{{"4", "Fulton St"}}));
  EXPECT_TRUE(param_options::payment_channels(*wh).empty());
  EXPECT_TRUE(param_options::instances(*wh).empty());
  EXPECT_TRUE(param_options::redis_instances(*wh).empty());
  EXPECT_TRUE(param_options::products(*wh).empty());
  EXPECT_TRUE(param_options::devices(*wh).empty());
  EXPECT_TRUE(param_options::coupon_templates(*wh).empty());
}

}  // namespace
}  // namespace luckyhub
