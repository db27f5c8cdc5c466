// The two-shard cluster (scripts/clickhouse-up cluster): every shard holds a
// share of the simulated rows in its local tables, a store's rows sit on one
// shard, and the Distributed tables see them all.
#include <gtest/gtest.h>

#include <set>

#include "support/shared_sim.h"
#include "warehouse/clickhouse/clickhouse_client.h"
#include "warehouse/clickhouse/clickhouse_warehouse.h"

namespace luckyhub {
namespace {

TEST(ClickHouseCluster, RowsAreSpreadOverBothShardsByStore) {
  const std::string where = testing::clickhouse_location_in(LUCKYHUB_TEST_CLICKHOUSE_CLUSTER, "luckyhub");
  auto wh = open_warehouse(where);
  auto* ch = dynamic_cast<clickhouse::ClickHouseWarehouse*>(wh.get());
  ASSERT_NE(ch, nullptr);
  const int64_t total = wh->query("SELECT COUNT(*) FROM sales_order__t_order").int_at(0, 0);
  ASSERT_GT(total, 1000);

  const clickhouse::Location loc = clickhouse::parse_location(where);
  ASSERT_EQ(loc.shards.size(), 2u);
  int64_t sum = 0;
  std::vector<std::set<int64_t>> shops(2);
  for (size_t i = 0; i < 2; ++i) {
    clickhouse::Client shard(loc, loc.shards[i], ch->generation() + "_local");
    const int64_t rows = shard.query("SELECT COUNT(*) FROM sales_order__t_order").int_at(0, 0);
    EXPECT_GT(rows, total / 10) << "shard " << i + 1 << " holds too few of " << total << " orders";
    sum += rows;
    const ResultSet r = shard.query("SELECT DISTINCT shop_id FROM sales_order__t_order");
    for (size_t j = 0; j < r.size(); ++j) shops[i].insert(r.int_at(j, 0));
  }
  EXPECT_EQ(sum, total);
  for (int64_t shop : shops[0]) EXPECT_FALSE(shops[1].count(shop)) << "store " << shop << " is on both shards";
}

}  // namespace
}  // namespace luckyhub
