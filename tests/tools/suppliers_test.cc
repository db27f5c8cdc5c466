// The suppliers tool on the shared simulation: the planted late supplier,
// short shipper, price riser and overdue deliveries found exactly (precision
// and recall 1.0 against the manifest), lead times that agree with the
// domain's reader, and its parameters refused one line at a time.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/error.h"
#include "domain/supplier_lead_times.h"
#include "support/panel_columns.h"
#include "support/shared_sim.h"
#include "tools/registry.h"

namespace luckyhub {
namespace {

const Report& suppliers_report() {
  static const Report report = [] {
    auto wh = testing::open_shared_warehouse();
    return run_tool(ToolRegistry::instance().get("suppliers"), *wh, {});
  }();
  return report;
}

using testing::column;

std::set<int64_t> planted(const std::string& kind) {
  std::set<int64_t> ids;
  for (const auto& id : testing::shared_sim().truth.at("anomalies").at(kind).at("ids")) ids.insert(id.get<int64_t>());
  return ids;
}

// The suppliers of the ranking whose flags name `flag`.
std::set<int64_t> flagged(const std::string& flag) {
  const Panel& p = *suppliers_report().panel("scorecard");
  const size_t id = column(p, "supplier_id"), flags = column(p, "flags");
  std::set<int64_t> out;
  for (const auto& row : p.table.rows)
    if (std::get<std::string>(row[flags]).find(flag) != std::string::npos) out.insert(std::get<int64_t>(row[id]));
  return out;
}

TEST(SuppliersGroundTruth, FindsExactlyTheLateSupplier) {
  ASSERT_EQ(planted("supplier_late").size(), 1u);
  EXPECT_EQ(flagged("late"), planted("supplier_late"));
}

TEST(SuppliersGroundTruth, FindsExactlyTheShortShipper) {
  ASSERT_EQ(planted("supplier_short_shipment").size(), 1u);
  EXPECT_EQ(flagged("short"), planted("supplier_short_shipment"));
  // Its fill rate as the manifest records it (to 0.001).
  const auto& item = testing::shared_sim().truth["anomalies"]["supplier_short_shipment"]["items"][0];
  const Panel& p = *suppliers_report().panel("scorecard");
  for (const auto& row : p.table.rows) {
    if (std::get<int64_t>(row[column(p, "supplier_id")]) != item["supplier_id"].get<int64_t>()) continue;
    EXPECT_NEAR(std::get<double>(row[column(p, "fill_rate")]), item["fill_rate"].get<double>(), 0.0005);
    EXPECT_LT(std::get<double>(row[column(p, "in_full")]), 0.9);
  }
}

TEST(SuppliersGroundTruth, FindsExactlyThePriceRiser) {
  ASSERT_EQ(planted("supplier_price_increase").size(), 1u);
  EXPECT_EQ(flagged("price rise"), planted("supplier_price_increase"));
  // Every flagged SKU increase is the riser's.
  const Panel& p = *suppliers_report().panel("prices");
  for (const auto& row : p.table.rows) {
    if (std::get<std::string>(row[column(p, "flagged")]) == "yes") {
      EXPECT_EQ(planted("supplier_price_increase").count(std::get<int64_t>(row[column(p, "supplier_id")])), 1u);
    }
  }
}

TEST(SuppliersGroundTruth, ListsExactlyTheOverdueDeliveriesWithTheirDays) {
  const auto& items = testing::shared_sim().truth["anomalies"]["delivery_overdue"]["items"];
  ASSERT_GE(items.size(), 1u);
  std::map<int64_t, int64_t> expected, found;
  for (const auto& item : items) expected[item["ship_id"].get<int64_t>()] = item["days_overdue"].get<int64_t>();
  const Panel& p = *suppliers_report().panel("overdue");
  for (const auto& row : p.table.rows)
    found[std::get<int64_t>(row[column(p, "ship_id")])] = std::get<int64_t>(row[column(p, "days_overdue")]);
  EXPECT_EQ(found, expected);
  EXPECT_EQ(suppliers_report().panel("alerts")->alerts.size() >= expected.size(), true);
}

TEST(SuppliersLeadTimes, PerSupplierAndPerSkuFromTheSameDeliveries) {
  auto wh = testing::open_shared_warehouse();
  const Date from = Date::parse(wh->meta("start")), to = Date::parse(wh->meta("as_of"));
  const auto by_supplier = supply::lead_times_by_supplier(*wh, from, to);
  const auto by_goods = supply::lead_times_by_supplier_goods(*wh, from, to);
  ASSERT_FALSE(by_supplier.empty());
  ASSERT_GE(by_goods.size(), by_supplier.size());
  // A supplier's SKU sees at most the supplier's deliveries, and the
  // slowest SKU's maximum is the supplier's maximum.
  for (const supply::SupplierLeadTime& s : by_supplier) {
    int max_of_goods = 0;
    for (const supply::SupplierLeadTime& g : by_goods) {
      if (g.supplier_id != s.supplier_id) continue;
      EXPECT_LE(g.stats.n, s.stats.n);
      max_of_goods = std::max(max_of_goods, g.stats.max);
    }
    EXPECT_EQ(max_of_goods, s.stats.max) << "supplier " << s.supplier_id;
  }
  // The planted late supplier has the widest spread of lead times.
  const int64_t late = *planted("supplier_late").begin();
  const auto widest = std::max_element(by_supplier.begin(), by_supplier.end(), [](const auto& a, const auto& b) {
    return a.stats.stdev < b.stats.stdev;
  });
  EXPECT_EQ(widest->supplier_id, late);
}

TEST(Suppliers, BadParametersAreRefused) {
  auto wh = testing::open_shared_warehouse();
  const Tool& tool = ToolRegistry::instance().get("suppliers");
  for (const auto& [name, value] : std::vector<std::pair<std::string, std::string>>{
           {"late_on_time", "1.5"}, {"short_in_full", "x"}, {"price_rise", "0"}, {"min_orders", "0"}, {"from", "soon"}}) {
    EXPECT_THROW(run_tool(tool, *wh, {{name, value}}), Error) << name << "=" << value;
  }
}

TEST(SuppliersCli, BadParameterIsOneErrorLine) {
  std::string err;
  const int rc = testing::run_luckyhub(
      "report suppliers --warehouse " + testing::shared_sim().warehouse_path + " --param price_rise=-1", nullptr, &err);
  EXPECT_NE(rc, 0);
  EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << err;
  EXPECT_NE(err.find("price_rise"), std::string::npos) << err;
}

}  // namespace
}  // namespace luckyhub
