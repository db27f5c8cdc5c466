// Sync's steps on their own, without a MySQL server: the deletion walk of a
// key reconciliation, the incremental watermark, and the checkpoint store on
// a tiny SQLite warehouse (committed with the rows it describes, or not at
// all). The whole sync against real servers is tests/integration/sync_test.cc.
#include <gtest/gtest.h>

#include <vector>

#include "support/shared_sim.h"
#include "sync/checkpoint.h"
#include "sync/key_walk.h"
#include "sync/watermark.h"
#include "warehouse/updater.h"

namespace luckyhub::sync {
namespace {

KeyDifferences walk(const std::vector<int64_t>& source, const std::vector<int64_t>& warehouse) {
  size_t at = 0;
  KeyWalk w([&](int64_t& id) {
    if (at == source.size()) return false;
    id = source[at++];
    return true;
  });
  for (const int64_t id : warehouse) w.warehouse_id(id);
  return w.finish();
}

TEST(KeyWalk, DeletedAreOnlyInTheWarehouseMissedOnlyAtTheSource) {
  const KeyDifferences d = walk({1, 2, 4, 5, 9, 10, 11}, {2, 3, 4, 6, 9});
  EXPECT_EQ(d.gone, (std::vector<int64_t>{3, 6}));
  EXPECT_EQ(d.missed, (std::vector<int64_t>{1, 5, 10, 11}));
}

TEST(KeyWalk, EmptySidesAndEqualSides) {
  EXPECT_EQ(walk({}, {1, 2}).gone, (std::vector<int64_t>{1, 2}));
  EXPECT_TRUE(walk({}, {1, 2}).missed.empty());
  EXPECT_EQ(walk({5, 7}, {}).missed, (std::vector<int64_t>{5, 7}));
  const KeyDifferences same = walk({1, 2, 3}, {1, 2, 3});
  EXPECT_TRUE(same.gone.empty());
  EXPECT_TRUE(same.missed.empty());
  // Every warehouse id past the source's last is gone.
  EXPECT_EQ(walk({1}, {1, 8, 9}).gone, (std::vector<int64_t>{8, 9}));
}

TEST(Watermark, ReadsAfterItInUpdateTimeThenIdOrder) {
  Checkpoint cp;
  EXPECT_EQ(rows_after_watermark(cp).where, "");  // never read incrementally: every row
  EXPECT_TRUE(rows_after_watermark(cp).params.empty());
  cp.watermark = "2026-01-01 10:00:00";
  cp.watermark_id = 5;
  const RowsAfter after = rows_after_watermark(cp);
  EXPECT_EQ(after.where, " WHERE update_time > ? OR (update_time = ? AND id > ?)");
  ASSERT_EQ(after.params.size(), 3u);
  EXPECT_EQ(std::get<std::string>(after.params[0]), "2026-01-01 10:00:00");
  EXPECT_EQ(std::get<std::string>(after.params[1]), "2026-01-01 10:00:00");
  EXPECT_EQ(std::get<int64_t>(after.params[2]), 5);
}

TEST(Watermark, StopsBeforeTheFirstUnsettledRow) {
  Checkpoint cp{.watermark = "2026-01-01 09:00:00", .watermark_id = 1};
  WatermarkAdvance advance(cp, "2026-01-01 10:05:00");
  advance.row("2026-01-01 10:01:00", 7);
  EXPECT_EQ(cp.watermark, "2026-01-01 10:01:00");
  EXPECT_EQ(cp.watermark_id, 7);
  advance.row("2026-01-01 10:02:00", 3);
  advance.row("2026-01-01 10:05:00", 2);  // at the settle line: not settled
  advance.row("2026-01-01 10:06:00", 9);
  EXPECT_EQ(cp.watermark, "2026-01-01 10:02:00");
  EXPECT_EQ(cp.watermark_id, 3);
}

TEST(Watermark, AllUnsettledLeavesItWhereItWas) {
  Checkpoint cp{.watermark = "2026-01-01 09:00:00", .watermark_id = 4};
  WatermarkAdvance advance(cp, "2026-01-01 10:00:00");
  advance.row("2026-01-01 10:00:01", 1);
  EXPECT_EQ(cp.watermark, "2026-01-01 09:00:00");
  EXPECT_EQ(cp.watermark_id, 4);
}

TEST(CheckpointStore, CommitsWithItsTransactionOrNotAtAll) {
  const std::string file = testing::temp_dir() + "/w.db";
  {
    auto warehouse = open_updater(file);
    CheckpointStore store(*warehouse);
    EXPECT_FALSE(store.load("sales_order__t_order").has_value());
    const Checkpoint written{.table = "sales_order__t_order", .phase = Phase::kIncremental, .full_last_id = 42,
                             .watermark = "2026-01-01 10:02:00", .watermark_id = 3,
                             .reconciled_at = "2026-01-01 00:00:00", .instance = "orders-primary"};
    warehouse->begin();
    store.save(written);
    warehouse->rollback();  // a crash before the commit: nothing of it stays
    EXPECT_FALSE(store.load("sales_order__t_order").has_value());
    warehouse->begin();
    store.save(written);
    warehouse->commit();
  }
  auto reopened = open_updater(file);
  CheckpointStore store(*reopened);
  const std::optional<Checkpoint> read = store.load("sales_order__t_order");
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->phase, Phase::kIncremental);
  EXPECT_EQ(read->full_last_id, 42);
  EXPECT_EQ(read->watermark, "2026-01-01 10:02:00");
  EXPECT_EQ(read->watermark_id, 3);
  EXPECT_EQ(read->reconciled_at, "2026-01-01 00:00:00");
  EXPECT_EQ(read->instance, "orders-primary");
  EXPECT_FALSE(read->synced_at.empty());
  EXPECT_FALSE(store.load("sales_order__t_trade").has_value());
}

// The warehouse's deletions are reconciled up to its least recently
// reconciled table; not at all while a table never was, nor with no table.
TEST(CheckpointStore, OldestReconciliationIsTheLeastRecentTables) {
  auto warehouse = open_updater(testing::temp_dir() + "/w.db");
  CheckpointStore store(*warehouse);
  EXPECT_EQ(store.oldest_reconciliation(), "");
  auto save = [&](const std::string& table, const std::string& reconciled_at) {
    warehouse->begin();
    store.save(Checkpoint{.table = table, .phase = Phase::kIncremental, .reconciled_at = reconciled_at});
    warehouse->commit();
  };
  save("sales_order__t_order", "2026-03-02 03:00:00");
  EXPECT_EQ(store.oldest_reconciliation(), "2026-03-02 03:00:00");
  save("sales_payment__t_trade", "2026-03-01 23:59:59");
  save("opshop__t_shop_info", "2026-03-02 04:10:00");
  EXPECT_EQ(store.oldest_reconciliation(), "2026-03-01 23:59:59");
  save("fi_tax__t_tax_declaration", "");
  EXPECT_EQ(store.oldest_reconciliation(), "");
  save("fi_tax__t_tax_declaration", "2026-03-02 05:00:00");
  save("sales_payment__t_trade", "2026-03-02 05:00:00");  // reconciled again
  EXPECT_EQ(store.oldest_reconciliation(), "2026-03-02 03:00:00");
}

}  // namespace
}  // namespace luckyhub::sync
