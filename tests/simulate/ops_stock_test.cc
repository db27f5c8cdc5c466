// Store stock of the ops family on the synthetic company (ops_test_world.h):
// weekday tables, before/after chains, the weekend count, positions, planted
// stock-outs and consumption anomalies.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>

#include "simulate/ops_test_world.h"

namespace luckyhub::testing {
namespace {

const char* kDays[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

int64_t scalar(Warehouse& w, const std::string& sql) { return w.query(sql).int_at(0, 0); }

// Every movement of the seven weekday tables.
std::string all_changes() {
  std::string sql;
  for (int i = 0; i < 7; ++i) {
    if (i) sql += " UNION ALL ";
    sql += std::string("SELECT * FROM scm_shopstock__t_shop_goods_stock_change_") + kDays[i];
  }
  return "(" + sql + ")";
}

TEST(OpsStock, MovementsGoToTheTableOfTheirWeekday) {
  if (getenv("OPS_KEEP")) std::filesystem::copy_file(ops_test_run().warehouse_path, "/tmp/ops-test.db", std::filesystem::copy_options::overwrite_existing);
  auto w = open_warehouse(ops_test_run().warehouse_path);
  for (int i = 0; i < 7; ++i) {
    const std::string table = std::string("scm_shopstock__t_shop_goods_stock_change_") + kDays[i];
    // SQLite's %w: 0 Sunday .. 6 Saturday.
    const int sqlite_weekday = (i + 1) % 7;
    EXPECT_GT(scalar(*w, "SELECT COUNT(*) FROM " + table), 1000) << table;
    EXPECT_EQ(scalar(*w, "SELECT COUNT(*) FROM " + table + " WHERE CAST(strftime('%w', biz_date) AS INTEGER) <> " +
                             std::to_string(sqlite_weekday)), 0) << table;
  }
  // Ids are unique across the seven tables.
  EXPECT_EQ(scalar(*w, "SELECT COUNT(*) - COUNT(DISTINCT id) FROM " + all_changes()), 0);
}

TEST(OpsStock, BeforeAndAfterChainPerShopAndGoods) {
  auto w = open_warehouse(ops_test_run().warehouse_path);
  const std::string all = all_changes();
  EXPECT_EQ(scalar(*w, "SELECT COUNT(*) FROM " + all + " WHERE after_qty <> before_qty + change_qty OR after_qty < 0"), 0);
  EXPECT_EQ(scalar(*w, "SELECT COUNT(*) FROM " + all + " WHERE (change_type IN (1, 3, 6, 7) AND change_qty >= 0) OR "
                       "(change_type IN (2, 5) AND change_qty <= 0)"), 0);
  // In id order each movement starts where the previous one of its shop and goods ended.
  EXPECT_EQ(scalar(*w, "SELECT COUNT(*) FROM (SELECT before_qty, LAG(after_qty, 1, 0) OVER "
                       "(PARTITION BY shop_id, goods_id ORDER BY id) AS prev FROM " + all + ") WHERE before_qty <> prev"), 0);
  // Consumption refers to real orders, receipts to supplier shipments.
  EXPECT_EQ(scalar(*w, "SELECT COUNT(*) FROM " + all + " c WHERE change_type = 2 AND ref_no NOT IN "
                       "(SELECT ship_no FROM scm_purchase__t_ship_order)"), 0);
}

TEST(OpsStock, TheWeekendCountBooksEveryUnit) {
  auto w = open_warehouse(ops_test_run().warehouse_path);
  const std::string all = all_changes();
  const std::string counts = "(SELECT c.*, g.storage_type FROM " + all + " c JOIN scm_commodity__t_mdm_goods g "
                             "ON g.id = c.goods_id WHERE c.change_type = 4 AND c.ref_no LIKE 'STK%')";
  EXPECT_GT(scalar(*w, "SELECT COUNT(*) FROM " + counts), 1000);
  // Saturday the back room (ambient goods), Sunday the fridges, freezers and bar.
  EXPECT_EQ(scalar(*w, "SELECT COUNT(*) FROM " + counts + " WHERE CASE strftime('%w', biz_date) "
                       "WHEN '6' THEN storage_type <> 1 WHEN '0' THEN storage_type = 1 ELSE 1 END"), 0);
  // Sealed units match; at most the opened unit of a shop and goods is off, by a few percent.
  EXPECT_EQ(scalar(*w, "SELECT COUNT(*) FROM (SELECT shop_id, goods_id, biz_date FROM " + counts +
                       " WHERE change_qty <> 0 GROUP BY 1, 2, 3 HAVING COUNT(*) > 1)"), 0);
  EXPECT_GT(scalar(*w, "SELECT COUNT(*) FROM " + counts + " WHERE change_qty <> 0"), 0);
  EXPECT_LT(scalar(*w, "SELECT SUM(change_qty <> 0) * 1.0 / COUNT(*) * 100 FROM " + counts), 30);
  EXPECT_EQ(scalar(*w, "SELECT COUNT(*) FROM " + counts + " WHERE ABS(change_qty) * 20 > before_qty"), 0);
  // A count starts where the previous movement of its shop and goods ended, and
  // the next one starts from the counted quantity.
  EXPECT_EQ(scalar(*w, "SELECT COUNT(*) FROM (SELECT change_type, ref_no, before_qty, after_qty, LAG(after_qty) OVER w AS prev, "
                       "LEAD(before_qty) OVER w AS next FROM " + all + " WINDOW w AS (PARTITION BY shop_id, goods_id ORDER BY id)) "
                       "WHERE change_type = 4 AND ref_no LIKE 'STK%' AND (before_qty <> prev OR after_qty <> COALESCE(next, after_qty))"), 0);
}

TEST(OpsStock, PositionsMatchTheLastMovement) {
  const OpsTestRun& run = ops_test_run();
  auto w = open_warehouse(run.warehouse_path);
  EXPECT_NEAR(scalar(*w, "SELECT COUNT(*) FROM scm_shopstock__t_shop_goods_stock"), 150000 * run.scale, 150000 * run.scale * 0.1);
  EXPECT_EQ(scalar(*w, "SELECT COUNT(*) FROM (SELECT shop_id, goods_id, batch_no FROM scm_shopstock__t_shop_goods_stock "
                       "GROUP BY 1, 2, 3 HAVING COUNT(*) > 1)"), 0);
  const std::string last = "SELECT shop_id, goods_id, after_qty FROM (SELECT shop_id, goods_id, after_qty, ROW_NUMBER() OVER "
                           "(PARTITION BY shop_id, goods_id ORDER BY id DESC) AS n FROM " + all_changes() + ") WHERE n = 1";
  EXPECT_EQ(scalar(*w, "SELECT COUNT(*) FROM (" + last + ") l LEFT JOIN (SELECT shop_id, goods_id, SUM(stock_qty) AS q "
                       "FROM scm_shopstock__t_shop_goods_stock WHERE status = 1 GROUP BY 1, 2) s "
                       "ON s.shop_id = l.shop_id AND s.goods_id = l.goods_id WHERE COALESCE(s.q, 0) <> l.after_qty"), 0);
  EXPECT_EQ(scalar(*w, "SELECT COUNT(*) FROM scm_shopstock__t_shop_goods_stock WHERE (status = 1) <> (stock_qty > 0)"), 0);
  // Expired batches and waste only for perishables.
  EXPECT_EQ(scalar(*w, "SELECT COUNT(*) FROM scm_shopstock__t_shop_goods_stock s JOIN scm_commodity__t_mdm_goods g "
                       "ON g.id = s.goods_id WHERE s.status = 3 AND g.shelf_life_days = 0"), 0);
  EXPECT_GT(scalar(*w, "SELECT COUNT(*) FROM scm_shopstock__t_shop_goods_stock WHERE status = 3"), 0);
}

TEST(OpsStock, PlantedStockoutsAndOnlyThoseRunLow) {
  const OpsTestRun& run = ops_test_run();
  auto w = open_warehouse(run.warehouse_path);
  const auto& items = run.truth["anomalies"]["stockout_risk"]["items"];
  ASSERT_GE(items.size(), 2u);
  std::set<std::pair<int64_t, int64_t>> planted;
  for (const auto& item : items) {
    planted.insert({item["shop_id"].get<int64_t>(), item["goods_id"].get<int64_t>()});
    EXPECT_LT(item["days_of_supply"].get<double>(), 0.6);
    EXPECT_LT(item["on_hand"].get<double>(), item["safety_stock"].get<double>());
  }
  // Days of supply at as-of = on hand / mean daily consumption over the last 14 days.
  const ResultSet r = w->query(
      "WITH c AS (SELECT * FROM " + all_changes() + "), "
      "last AS (SELECT shop_id, goods_id, after_qty FROM (SELECT shop_id, goods_id, after_qty, ROW_NUMBER() OVER "
      "(PARTITION BY shop_id, goods_id ORDER BY id DESC) AS n FROM c) WHERE n = 1), "
      "used AS (SELECT shop_id, goods_id, -SUM(change_qty) / 14.0 AS daily FROM c WHERE change_type = 1 "
      "AND biz_date >= date('2026-02-13', '-14 days') GROUP BY 1, 2) "
      "SELECT l.shop_id, l.goods_id, l.after_qty / u.daily FROM last l JOIN used u USING (shop_id, goods_id) "
      "WHERE u.daily > 0 AND l.shop_id IN (SELECT shop_id FROM c GROUP BY 1 HAVING MIN(biz_date) < '2026-01-20')");
  ASSERT_GT(r.size(), 100u);
  for (size_t i = 0; i < r.size(); ++i) {
    const bool is_planted = planted.count({r.int_at(i, 0), r.int_at(i, 1)}) > 0;
    if (is_planted) EXPECT_LT(r.double_at(i, 2), 0.6);
    else EXPECT_GE(r.double_at(i, 2), 1.0) << r.int_at(i, 0) << " " << r.int_at(i, 1);
  }
}

TEST(OpsStock, ConsumptionAnomaliesArePresentAsRecorded) {
  const OpsTestRun& run = ops_test_run();
  auto w = open_warehouse(run.warehouse_path);
  const auto& kind = run.truth["anomalies"]["consumption_anomaly"];
  ASSERT_GE(kind["items"].size(), 6u);
  std::set<std::string> kinds;
  for (const auto& item : kind["items"]) {
    const std::string table = item["table"].get<std::string>().substr(std::string("luckyus_").size());
    const std::string wh = table.substr(0, table.find('.')) + "__" + table.substr(table.find('.') + 1);
    const ResultSet r = w->query("SELECT change_qty, change_type, shop_id, goods_id, biz_date FROM " + wh +
                                 " WHERE id = ?", {item["id"].get<int64_t>()});
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r.int_at(0, 0), std::llround(item["change_qty"].get<double>() * 1000));
    EXPECT_EQ(r.int_at(0, 1), item["change_type"].get<int64_t>());
    EXPECT_EQ(r.int_at(0, 2), item["shop_id"].get<int64_t>());
    EXPECT_EQ(r.text_at(0, 4), item["biz_date"].get<std::string>());
    EXPECT_GE(-item["change_qty"].get<double>(), 6 * item["typical_daily_qty"].get<double>());
    kinds.insert(item["kind"].get<std::string>());
  }
  EXPECT_EQ(kinds.size(), 3u);
}

}  // namespace
}  // namespace luckyhub::testing
