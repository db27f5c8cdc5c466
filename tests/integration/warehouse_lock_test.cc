// The fault matrix (issue 28): a SQLite warehouse whose write lock another
// process holds while `luckyhub sync` runs, against the real MariaDB fleet.
// - Held through the whole busy timeout (10 s): the sync stops once, with
//   one line that says the warehouse is locked and by what kind of holder
//   (a lock taken between two tables stops it the same way, at the table:
//   "sync stopped at ...", instead of waiting 10 s on every table);
//   the warehouse is as it was (`PRAGMA integrity_check`, every row), and
//   the next sync, the lock gone, ends equal to the sources.
// - Released within the timeout: the sync waits and completes; the holder's
//   own write is kept too (nothing lost on either side).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <string>
#include <thread>

#include "integration/fleet_harness.h"
#include "support/shared_sim.h"
#include "warehouse/sqlite/sqlite_db.h"
#include "warehouse/warehouse.h"

namespace luckyhub {
namespace {

using testing::run_luckyhub;
using testing::temp_dir;
using testing::test_fleet;

struct SyncRun {
  int rc = -1;
  std::string out, err;
};

// One database keeps the test short: the lock is the warehouse's, whatever the tables.
constexpr const char* kDatabase = "luckyus_sales_order";

SyncRun sync_into(const std::string& warehouse) {
  SyncRun r;
  r.rc = run_luckyhub("sync --fleet " + test_fleet().fleet_file + " --warehouse " + warehouse + " --table " + kDatabase,
                      &r.out, &r.err);
  return r;
}

// Every table of kDatabase holds exactly what its source holds now.
void expect_equal_to_sources(const std::string& warehouse_path) {
  auto warehouse = open_warehouse(warehouse_path);
  for (const TableDef& table : SchemaCatalog::builtin().tables()) {
    if (table.database != kDatabase) continue;
    EXPECT_EQ(testing::first_difference(testing::source_rows(table), testing::warehouse_rows(*warehouse, table)), "")
        << table.qualified_name();
  }
}

// A synced warehouse, then orders changed at the source: the next sync has
// rows to write.
std::string synced_warehouse_with_changes_pending() {
  testing::load_pristine_sources();
  const std::string w = temp_dir() + "/locked.db";
  const SyncRun first = sync_into(w);
  EXPECT_EQ(first.rc, 0) << first.out << first.err;
  testing::mark_sources_changed();
  testing::loader_connection("luckyus_sales_order")
      ->execute("UPDATE luckyus_sales_order.t_order SET pay_money = pay_money + 0.25,"
                " update_time = '2026-03-01 10:00:00' WHERE id % 7 = 0");
  return w;
}

// Another writer: a connection of this process holding the write lock in an
// open transaction, with a row of its own written in it.
std::unique_ptr<SqliteDb> hold_write_lock(const std::string& warehouse) {
  auto holder = std::make_unique<SqliteDb>(warehouse, SQLITE_OPEN_READWRITE);
  holder->exec("CREATE TABLE IF NOT EXISTS test__other_writer (note TEXT)");
  holder->exec("BEGIN IMMEDIATE");
  holder->exec("INSERT INTO test__other_writer VALUES ('written while sync waited')");
  return holder;
}

std::vector<std::vector<SqlValue>> orders(const std::string& warehouse) {
  auto w = open_warehouse(warehouse);
  return testing::warehouse_rows(*w, *SchemaCatalog::builtin().find("luckyus_sales_order", "t_order"));
}

TEST(WarehouseLock, AWriterHoldingTheLockStopsTheSyncOnceAndClearly) {
  const std::string w = synced_warehouse_with_changes_pending();
  const auto before = orders(w);
  auto holder = hold_write_lock(w);
  const auto started = std::chrono::steady_clock::now();
  const SyncRun locked = sync_into(w);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  holder->exec("ROLLBACK");
  holder.reset();

  EXPECT_EQ(locked.rc, 1) << locked.out << locked.err;
  // Refused at the start (sync puts the file in WAL mode first), once, after
  // waiting the busy timeout, with what holds it.
  EXPECT_NE(locked.err.find("luckyhub: error: warehouse " + w +
                            ": database is locked (another process held its write lock for 10 s: another sync, or a "
                            "transaction left open)"),
            std::string::npos)
      << locked.err;
  EXPECT_GE(seconds, 9.5) << "it did not wait for the lock";
  EXPECT_LT(seconds, 40.0) << "it waited more than once";
  EXPECT_EQ(locked.err.find(" failed: "), std::string::npos) << "tables tried under the lock: " << locked.err;
  {
    auto warehouse = open_warehouse(w);
    EXPECT_EQ(warehouse->query("PRAGMA integrity_check").text_at(0, 0), "ok");
  }
  EXPECT_EQ(testing::first_difference(before, orders(w)), "") << "the locked sync changed rows";

  const SyncRun again = sync_into(w);
  ASSERT_EQ(again.rc, 0) << again.out << again.err;
  expect_equal_to_sources(w);
}

TEST(WarehouseLock, ALockReleasedWithinTheBusyTimeoutOnlyDelaysTheSync) {
  const std::string w = synced_warehouse_with_changes_pending();
  auto holder = hold_write_lock(w);
  SyncRun run;
  std::thread sync([&] { run = sync_into(w); });
  std::this_thread::sleep_for(std::chrono::seconds(3));  // the sync is waiting for the lock
  holder->exec("COMMIT");
  holder.reset();
  sync.join();
  ASSERT_EQ(run.rc, 0) << run.out << run.err;
  EXPECT_EQ(run.err.find("locked"), std::string::npos) << run.err;
  expect_equal_to_sources(w);
  auto warehouse = open_warehouse(w);
  EXPECT_EQ(warehouse->query("PRAGMA integrity_check").text_at(0, 0), "ok");
  EXPECT_EQ(warehouse->query("SELECT note FROM test__other_writer").text_at(0, 0), "written while sync waited");
}

}  // namespace
}  // namespace luckyhub
