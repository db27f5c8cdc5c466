// Query::on_row: in a batch (Warehouse::query_all), a streamed query's rows go
// to its consumer, in order, and its result keeps none, on SQLite, one
// ClickHouse server and the two-shard cluster alike; the batch's other
// queries keep theirs.
#include <gtest/gtest.h>

#include "support/shared_sim.h"

namespace luckyhub {
namespace {

TEST(StreamedQueries, RowsGoToTheConsumerOnEveryEngine) {
  const Query plain{"SELECT id, order_no, pay_money FROM sales_order__t_order WHERE id <= ? ORDER BY id", {2000}};
  for (const std::string& where :
       {testing::shared_sim().warehouse_path,
        testing::clickhouse_location_in(LUCKYHUB_TEST_CLICKHOUSE_SINGLE, "luckyhub"),
        testing::clickhouse_location_in(LUCKYHUB_TEST_CLICKHOUSE_CLUSTER, "luckyhub")}) {
    auto wh = open_warehouse(where);
    const ResultSet expected = wh->query(plain.sql, plain.params);
    ASSERT_GT(expected.size(), 1000u);
    std::vector<std::vector<SqlValue>> seen;
    Query streamed = plain;
    streamed.on_row = [&seen](const std::vector<SqlValue>& row) { seen.push_back(row); };
    const std::vector<ResultSet> results = wh->query_all({streamed, plain});
    ASSERT_EQ(results.size(), 2u);
    EXPECT_TRUE(results[0].rows.empty()) << where.substr(0, where.find('?'));
    EXPECT_EQ(results[0].columns.size(), 3u);
    EXPECT_EQ(seen, expected.rows) << where.substr(0, where.find('?'));
    EXPECT_EQ(results[1].rows, expected.rows);
  }
}

}  // namespace
}  // namespace luckyhub
