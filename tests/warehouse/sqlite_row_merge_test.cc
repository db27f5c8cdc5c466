// Merging rows (sync's incremental writes) gives what INSERT OR REPLACE gives,
// while writing only the pages of the columns that changed: no index page
// when only unindexed columns change, nothing at all for an unchanged row.
#include "warehouse/sqlite/sqlite_row_merge.h"

#include <gtest/gtest.h>

#include <functional>

#include "support/shared_sim.h"
#include "warehouse/schema.h"
#include "warehouse/sqlite/sqlite_updater.h"

namespace luckyhub {
namespace {

const TableDef& shop_table() {
  static const SchemaCatalog catalog = SchemaCatalog::parse({{"luckyus_test", R"(CREATE DATABASE IF NOT EXISTS luckyus_test DEFAULT CHARACTER SET utf8mb4;
USE luckyus_test;
CREATE TABLE t_shop (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'id',
  shop_no VARCHAR(32) NOT NULL COMMENT 'shop number',
  city VARCHAR(32) NULL COMMENT 'city',
  amount DECIMAL(10,2) NOT NULL COMMENT 'amount',
  rating DOUBLE NULL COMMENT 'rating',
  note VARCHAR(255) NULL COMMENT 'note',
  update_time DATETIME NOT NULL COMMENT 'update time',
  PRIMARY KEY (id),
  KEY idx_shop_no (shop_no),
  KEY idx_city (city)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='shops';
)"}});
  return catalog.table("luckyus_test", "t_shop");
}

struct Shop {
  int64_t id;
  std::string shop_no;
  std::optional<std::string> city;
  int64_t amount_cents;
  std::optional<double> rating;
  std::string note;
  std::string update_time = "2026-02-01 00:00:00";
};

Shop shop(int64_t id) {
  return {id, "S" + std::to_string(id * 7919 % 100003), id % 3 ? std::optional<std::string>("city" + std::to_string(id / 3 % 50)) : std::nullopt,
          id * 101, id % 4 ? std::optional<double>(id / 7.0) : std::nullopt, "note " + std::to_string(id)};
}

void write(RowSink& sink, const Shop& s) {
  sink.set_int(0, s.id);
  sink.set_text(1, s.shop_no);
  s.city ? sink.set_text(2, *s.city) : sink.set_null(2);
  sink.set_int(3, s.amount_cents);
  s.rating ? sink.set_double(4, *s.rating) : sink.set_null(4);
  sink.set_text(5, s.note);
  sink.set_text(6, s.update_time);
  sink.end_row();
}

// A warehouse holding shops 1..n, its WAL emptied.
std::unique_ptr<SqliteUpdater> warehouse_with_shops(const std::string& file, int64_t n) {
  auto w = SqliteUpdater::open(file);
  w->begin();
  w->create_table(shop_table());
  {
    auto sink = w->open_upsert_sink(shop_table());
    for (int64_t id = 1; id <= n; ++id) write(*sink, shop(id));
    sink->finish();
  }
  w->create_indexes(shop_table());
  w->commit();
  w->query("PRAGMA wal_checkpoint(TRUNCATE)");
  return w;
}

// Applies `rows` in one transaction through a sink; returns the pages
// (WAL frames) the commit wrote.
int64_t pages_written(SqliteUpdater& w, const std::function<std::unique_ptr<RowSink>()>& open,
                      const std::vector<Shop>& rows) {
  w.begin();
  {
    auto sink = open();
    for (const Shop& s : rows) write(*sink, s);
    sink->finish();
  }
  w.commit();
  const int64_t frames = w.query("PRAGMA wal_checkpoint(PASSIVE)").int_at(0, 1);
  w.query("PRAGMA wal_checkpoint(TRUNCATE)");  // the next count starts from 0
  return frames;
}

std::string dump(SqliteUpdater& w) {
  const ResultSet r = w.query("SELECT id, shop_no, city, amount, rating, note, update_time FROM test__t_shop ORDER BY id");
  std::string out;
  for (size_t i = 0; i < r.size(); ++i) {
    for (size_t c = 0; c < r.columns.size(); ++c) {
      out += r.is_null(i, c) ? "NULL" : r.text_at(i, c);
      out += c + 1 < r.columns.size() ? "|" : "\n";
    }
  }
  return out;
}

TEST(SqliteRowMerge, GivesWhatInsertOrReplaceGives) {
  const std::string dir = testing::temp_dir();
  auto merged = warehouse_with_shops(dir + "/merged.db", 300);
  auto replaced = warehouse_with_shops(dir + "/replaced.db", 300);
  std::vector<Shop> changes;
  for (int64_t id = 1; id <= 320; id += 3) {  // 1..300 exist, 301..320 are new
    Shop s = shop(id);
    if (id % 2) s.city = std::nullopt;                                      // to NULL (or NULL again)
    if (id % 5 == 0) s.rating = 2.5;                                        // from NULL, or a new real
    if (id % 7 == 0) s.amount_cents = -s.amount_cents;                      // an integer
    if (id % 11 == 0) s.shop_no += "x";                                     // an indexed text
    changes.push_back(s);
  }
  pages_written(*merged, [&] { return merged->open_merge_sink(shop_table()); }, changes);
  pages_written(*replaced, [&] { return replaced->open_upsert_sink(shop_table()); }, changes);
  EXPECT_EQ(dump(*merged), dump(*replaced));
  EXPECT_EQ(merged->query("SELECT COUNT(*) FROM test__t_shop").int_at(0, 0), 307);  // 300 + 301, 304 … 319
  EXPECT_EQ(merged->query("SELECT city, rating, amount FROM test__t_shop WHERE id = 70").rows,
            (std::vector<std::vector<SqlValue>>{{std::string("city23"), 2.5, int64_t{-7070}}}));
  EXPECT_TRUE(merged->query("SELECT city FROM test__t_shop WHERE id = 301").is_null(0, 0));
  // The indexes agree with the rows they index.
  EXPECT_EQ(merged->query("PRAGMA integrity_check").text_at(0, 0), "ok");
  EXPECT_EQ(merged->query("SELECT COUNT(*) FROM test__t_shop WHERE shop_no LIKE '%x'").int_at(0, 0), 10);
}

TEST(SqliteRowMerge, WritesOnlyThePagesOfChangedColumns) {
  const std::string dir = testing::temp_dir();
  constexpr int64_t kRows = 20000;
  // Every 100th row is stamped updated (update_time is in no index), as
  // when sync meets 1% of the rows updated all over a table.
  std::vector<Shop> spread;
  for (int64_t id = 7; id <= kRows; id += 100) {
    Shop s = shop(id);
    s.update_time = "2026-03-01 00:00:00";
    spread.push_back(s);
  }
  auto replaced = warehouse_with_shops(dir + "/replaced.db", kRows);
  const int64_t replace_pages =
      pages_written(*replaced, [&] { return replaced->open_upsert_sink(shop_table()); }, spread);
  auto merged = warehouse_with_shops(dir + "/merged.db", kRows);
  const int64_t merge_pages = pages_written(*merged, [&] { return merged->open_merge_sink(shop_table()); }, spread);
  const int64_t table_pages =
      merged->query("SELECT COUNT(*) FROM dbstat WHERE name = 'test__t_shop'").int_at(0, 0);
  const int64_t index_pages =
      merged->query("SELECT COUNT(*) FROM dbstat WHERE name LIKE 'test__t_shop__idx%'").int_at(0, 0);
  ASSERT_GT(index_pages, 40);
  // The replace rewrites an entry in both indexes for each row: most index
  // pages. The merge writes only the table pages holding the rows.
  EXPECT_GT(replace_pages, merge_pages + index_pages / 2) << replace_pages << " vs " << merge_pages;
  EXPECT_LT(merge_pages, table_pages);
  EXPECT_EQ(dump(*merged), dump(*replaced));

  // Applied again, nothing differs: nothing is written.
  EXPECT_EQ(pages_written(*merged, [&] { return merged->open_merge_sink(shop_table()); }, spread), 0);
}

}  // namespace
}  // namespace luckyhub
