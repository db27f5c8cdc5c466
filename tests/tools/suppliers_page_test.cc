// A supplier's page (supplier=ID) and the spend pie on the shared simulation,
// against the manifest and against SQL written here on the purchase tables:
// the planted late supplier's deliveries, on time and late; its open orders;
// each goods item's unit price per order date; the spend per goods category.
// An id that is no supplier is refused as a parameter value (a 400).
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

#include "support/panel_columns.h"
#include "support/shared_sim.h"
#include "tools/param_error.h"
#include "tools/registry.h"

namespace luckyhub {
namespace {

using testing::column;

int64_t late_supplier() {
  return testing::shared_sim().truth.at("anomalies").at("supplier_late").at("ids").at(0).get<int64_t>();
}

const Report& late_supplier_page() {
  static const Report report = [] {
    auto wh = testing::open_shared_warehouse();
    return run_tool(ToolRegistry::instance().get("suppliers"), *wh, {{"supplier", std::to_string(late_supplier())}});
  }();
  return report;
}

// The report's default window: orders placed from the data's start to as-of.
std::string as_of() { return testing::open_shared_warehouse()->meta("as_of"); }
std::string start() { return testing::open_shared_warehouse()->meta("start"); }

const KpiTile& tile(const Panel& p, const std::string& id) {
  for (const KpiTile& k : p.kpis)
    if (k.id == id) return k;
  throw std::runtime_error("no tile " + id);
}

TEST(SupplierPage, DeliveriesOfTheLateSupplierAreTheManifests) {
  const auto& item = testing::shared_sim().truth["anomalies"]["supplier_late"]["items"][0];
  const Panel& tiles = *late_supplier_page().panel("supplier");
  EXPECT_EQ(std::get<int64_t>(tile(tiles, "deliveries").value), item["arrived_shipments"].get<int64_t>());
  EXPECT_NEAR(std::get<double>(tile(tiles, "deliveries_on_time").value), item["on_time_rate"].get<double>(), 0.005);
  // The timeline draws one bar per arrived shipment, on time or late.
  const Panel& chart = *late_supplier_page().panel("delivery_timeline");
  ASSERT_EQ(chart.series.x.size(), item["arrived_shipments"].get<size_t>());
  int64_t late = 0;
  for (const Cell& v : chart.series.series[1].values) late += std::holds_alternative<int64_t>(v) ? 1 : 0;
  EXPECT_EQ(late, std::llround(item["arrived_shipments"].get<double>() * (1 - item["on_time_rate"].get<double>())));
}

TEST(SupplierPage, EachDeliverysStatusIsWhatSqlSays) {
  auto wh = testing::open_shared_warehouse();
  const std::string to = as_of();
  std::map<int64_t, std::string> expected;
  for (const Row r : wh->query(
           "SELECT s.id AS id, CASE"
           " WHEN s.arrival_date IS NOT NULL AND s.arrival_date < ? AND s.arrival_date <= s.expected_arrival_date"
           " THEN 'on time'"
           " WHEN s.arrival_date IS NOT NULL AND s.arrival_date < ? THEN 'late'"
           " WHEN s.expected_arrival_date < ? THEN 'overdue' ELSE 'in transit' END AS status"
           " FROM scm_purchase__t_ship_order s JOIN scm_purchase__t_purchase_order o ON o.id = s.po_id"
           " WHERE s.tenant = 'LKUS' AND o.tenant = 'LKUS' AND o.supplier_id = ? AND o.status <> 60 AND s.status <> 50"
           " AND o.order_date >= ? AND o.order_date < ?",
           {to, to, to, late_supplier(), start(), to}))
    expected[r.integer("id")] = r.text("status");
  ASSERT_FALSE(expected.empty());
  const Panel& p = *late_supplier_page().panel("deliveries");
  std::map<int64_t, std::string> found;
  for (const auto& row : p.table.rows)
    found[std::get<int64_t>(row[column(p, "ship_id")])] = std::get<std::string>(row[column(p, "status")]);
  EXPECT_EQ(found, expected);
  // The planted overdue shipments are its overdue ones.
  std::set<int64_t> overdue, planted;
  for (const auto& [id, status] : found)
    if (status == "overdue") overdue.insert(id);
  for (const auto& it : testing::shared_sim().truth["anomalies"]["delivery_overdue"]["items"])
    if (it["supplier_id"].get<int64_t>() == late_supplier()) planted.insert(it["ship_id"].get<int64_t>());
  EXPECT_EQ(overdue, planted);
}

TEST(SupplierPage, OpenOrdersAreTheOrdersWithAShipmentStillOut) {
  auto wh = testing::open_shared_warehouse();
  const std::string to = as_of();
  std::set<std::string> expected;
  for (const Row r : wh->query(
           "SELECT o.po_no AS po_no FROM scm_purchase__t_purchase_order o WHERE o.tenant = 'LKUS' AND o.supplier_id = ?"
           " AND o.status <> 60 AND o.order_date >= ? AND o.order_date < ? AND (NOT EXISTS (SELECT 1 FROM scm_purchase__t_ship_order s"
           " WHERE s.po_id = o.id AND s.tenant = 'LKUS' AND s.status <> 50) OR EXISTS (SELECT 1 FROM"
           " scm_purchase__t_ship_order s WHERE s.po_id = o.id AND s.tenant = 'LKUS' AND s.status <> 50"
           " AND (s.arrival_date IS NULL OR s.arrival_date >= ?)))",
           {late_supplier(), start(), to, to}))
    expected.insert(r.text("po_no"));
  ASSERT_FALSE(expected.empty()) << "the late supplier has overdue shipments";
  const Panel& p = *late_supplier_page().panel("open_orders");
  std::set<std::string> found;
  for (const auto& row : p.table.rows) found.insert(std::get<std::string>(row[column(p, "po_no")]));
  EXPECT_EQ(found, expected);
  EXPECT_EQ(std::get<int64_t>(tile(*late_supplier_page().panel("supplier"), "open_orders").value),
            static_cast<int64_t>(expected.size()));
}

TEST(SupplierPage, GoodsPricesPerOrderDateAreTheLinesAverages) {
  // The price riser buys the most often: its chart has several dates.
  const int64_t riser =
      testing::shared_sim().truth["anomalies"]["supplier_price_increase"]["ids"][0].get<int64_t>();
  auto wh = testing::open_shared_warehouse();
  const Report page = run_tool(ToolRegistry::instance().get("suppliers"), *wh, {{"supplier", std::to_string(riser)}});
  std::map<std::pair<int64_t, std::string>, double> expected;  // (goods, day) -> mean cents
  for (const Row r : wh->query(
           "SELECT i.goods_id AS goods_id, o.order_date AS day, AVG(i.unit_price) AS price"
           " FROM scm_purchase__t_purchase_order_item i JOIN scm_purchase__t_purchase_order o ON o.id = i.po_id"
           " WHERE i.tenant = 'LKUS' AND o.tenant = 'LKUS' AND o.supplier_id = ? AND o.status <> 60"
           " AND i.unit_price > 0 AND o.order_date >= ? AND o.order_date < ? GROUP BY i.goods_id, o.order_date",
           {riser, start(), as_of()}))
    expected[{r.integer("goods_id"), r.text("day")}] = r.number("price");
  const Panel& p = *page.panel("goods_prices");
  ASSERT_GE(p.series.x.size(), 2u);
  size_t points = 0;
  for (const Series& s : p.series.series) {
    const int64_t goods = std::stoll(s.id.substr(s.id.find('_') + 1));
    for (size_t i = 0; i < p.series.x.size(); ++i) {
      const auto it = expected.find({goods, p.series.x[i]});
      if (it == expected.end()) {
        EXPECT_TRUE(std::holds_alternative<std::monostate>(s.values[i])) << s.id << " " << p.series.x[i];
        continue;
      }
      ++points;
      EXPECT_NEAR(static_cast<double>(std::get<int64_t>(s.values[i])), it->second, 0.5) << s.id << " " << p.series.x[i];
    }
  }
  EXPECT_EQ(points, expected.size());
}

TEST(SuppliersSpendPie, EachCategorysSpendIsWhatSqlSums) {
  auto wh = testing::open_shared_warehouse();
  std::map<std::string, int64_t> expected;
  for (const Row r : wh->query(
           "SELECT g.goods_category AS category, SUM(i.amount) AS spend FROM scm_purchase__t_purchase_order_item i"
           " JOIN scm_purchase__t_purchase_order o ON o.id = i.po_id"
           " JOIN scm_commodity__t_mdm_goods g ON g.id = i.goods_id AND g.tenant = 'LKUS'"
           " WHERE i.tenant = 'LKUS' AND o.tenant = 'LKUS' AND o.status <> 60 AND o.order_date >= ? AND o.order_date < ?"
           " GROUP BY g.goods_category",
           {start(), as_of()}))
    expected[r.text("category")] = r.integer("spend");
  const Report all = run_tool(ToolRegistry::instance().get("suppliers"), *wh, {});
  const Panel& p = *all.panel("spend_category_share");
  ASSERT_EQ(p.series.series.size(), 1u);
  EXPECT_EQ(p.series.series[0].draw, "pie");
  std::map<std::string, int64_t> found;
  for (size_t i = 0; i < p.series.x.size(); ++i) found[p.series.x[i]] = std::get<int64_t>(p.series.series[0].values[i]);
  EXPECT_EQ(found, expected);
}

TEST(SupplierPage, TheRankingLinksToIt) {
  auto wh = testing::open_shared_warehouse();
  const Report all = run_tool(ToolRegistry::instance().get("suppliers"), *wh, {});
  const Panel& p = *all.panel("scorecard");
  EXPECT_EQ(p.table.columns[column(p, "supplier_id")].link, "/tools/suppliers?supplier={supplier_id}");
}

TEST(SupplierPage, AnIdThatIsNoSupplierIsABadParameterValue) {
  auto wh = testing::open_shared_warehouse();
  const Tool& tool = ToolRegistry::instance().get("suppliers");
  EXPECT_THROW(run_tool(tool, *wh, {{"supplier", "999999"}}), ParamValueError);
  EXPECT_THROW(run_tool(tool, *wh, {{"supplier", "-1"}}), Error);
  EXPECT_THROW(run_tool(tool, *wh, {{"supplier", "abc"}}), Error);
}

}  // namespace
}  // namespace luckyhub
