// The wide tables (warehouse/wide_tables.h) hold the same rows on every
// engine: inlined as a subquery on SQLite, materialised at load on one
// ClickHouse server and on the two-shard cluster. Each is fingerprinted
// (its rows, and per column its non-NULL values and their sum, length or
// range) and the fingerprints must be equal; the looked-up columns must
// find a value for most rows and miss some where the simulation plants
// trades without orders and orders without payments.
#include <gtest/gtest.h>

#include "support/shared_sim.h"
#include "warehouse/wide_tables.h"

namespace luckyhub {
namespace {

// One row of figures about a wide table, read through `wh`.
std::vector<std::string> fingerprint(Warehouse& wh, const WideTable& wide) {
  const TableDef def = wide.def();
  std::string sql = "SELECT COUNT(*)";
  for (const ColumnDef& c : def.columns) {
    sql += ", COUNT(t." + c.name + ")";
    switch (c.type) {
      case ColumnType::kInt:
      case ColumnType::kDecimal: sql += ", SUM(t." + c.name + ")"; break;
      case ColumnType::kText:
      case ColumnType::kJson: sql += ", SUM(LENGTH(t." + c.name + "))"; break;
      default: sql += ", MIN(t." + c.name + "), MAX(t." + c.name + ")"; break;
    }
  }
  const ResultSet r = wh.query(sql + " FROM " + wide_from(wh.dialect(), wide.name) + " t");
  std::vector<std::string> out;
  for (size_t c = 0; c < r.columns.size(); ++c) out.push_back(r.is_null(0, c) ? "NULL" : r.text_at(0, c));
  return out;
}

TEST(WideTables, SameRowsOnSqliteOneServerAndTwoShards) {
  auto sqlite = open_warehouse(testing::shared_sim().warehouse_path);
  auto single = open_warehouse(testing::clickhouse_location_in(LUCKYHUB_TEST_CLICKHOUSE_SINGLE, "luckyhub"));
  auto cluster = open_warehouse(testing::clickhouse_location_in(LUCKYHUB_TEST_CLICKHOUSE_CLUSTER, "luckyhub"));
  ASSERT_EQ(wide_tables().size(), 4u);
  for (const WideTable& wide : wide_tables()) {
    ASSERT_TRUE(single->has_table(wide.name)) << wide.name << " was not materialised";
    const std::vector<std::string> expected = fingerprint(*sqlite, wide);
    const int64_t base_rows =
        sqlite->query("SELECT COUNT(*) FROM " + wide.base.warehouse_name()).int_at(0, 0);
    EXPECT_EQ(expected[0], std::to_string(base_rows)) << wide.name << ": one row per base row";
    ASSERT_GT(base_rows, 1000);
    EXPECT_EQ(fingerprint(*single, wide), expected) << wide.name << " on one server";
    EXPECT_EQ(fingerprint(*cluster, wide), expected) << wide.name << " on two shards";
  }
}

// How many rows of a wide table found nothing to look up.
int64_t unmatched(Warehouse& wh, std::string_view name, const std::string& column) {
  return wh.query("SELECT COUNT(*) FROM " + wide_from(wh.dialect(), name) + " t WHERE t." + column + " IS NULL")
      .int_at(0, 0);
}

TEST(WideTables, LookupsFindTheirRowsAndMissThePlantedOnes) {
  auto wh = open_warehouse(testing::clickhouse_location_in(LUCKYHUB_TEST_CLICKHOUSE_SINGLE, "luckyhub"));
  const int64_t trades = wh->query("SELECT COUNT(*) FROM sales_payment__t_trade").int_at(0, 0);
  const int64_t orders = wh->query("SELECT COUNT(*) FROM sales_order__t_order").int_at(0, 0);
  const int64_t items = wh->query("SELECT COUNT(*) FROM sales_order__t_order_item").int_at(0, 0);
  // Every successful payment has its fee; an order's trades are its own.
  const int64_t paid_without_fee =
      wh->query("SELECT COUNT(*) FROM " + std::string(kTradeFees) +
                " WHERE trade_status = 20 AND trade_type = 1 AND fee IS NULL").int_at(0, 0);
  EXPECT_LT(paid_without_fee, trades / 100);
  const int64_t orphans = unmatched(*wh, kTradeOrders, "order_id");
  EXPECT_GT(orphans, 0) << "the simulation plants trades without orders";
  EXPECT_LT(orphans, trades / 100);
  // Orders never paid have no payment; most paid ones have theirs.
  const int64_t unpaid = unmatched(*wh, kOrderPaid, "paid");
  EXPECT_GT(unpaid, 0);
  EXPECT_LT(unpaid, orders / 2);
  const int64_t paid_equal = wh->query("SELECT COUNT(*) FROM " + std::string(kOrderPaid) +
                                       " WHERE status IN (20, 30, 40, 60) AND paid = pay_money").int_at(0, 0);
  EXPECT_GT(paid_equal, orders / 2);
  // An item's order always exists.
  EXPECT_EQ(unmatched(*wh, kItemOrders, "order_status"), 0);
  EXPECT_GT(items, orders);
}

}  // namespace
}  // namespace luckyhub
