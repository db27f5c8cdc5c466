// `luckyhub sync` against two real MariaDB servers loaded by `simulate
// --fleet`: the same warehouse as `simulate --warehouse`, incremental runs
// that follow inserts, updates and deletes, resuming after SIGKILL, a dead
// server, and passwords that never show.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <ctime>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "core/calendar.h"
#include "core/error.h"
#include "integration/fleet_harness.h"
#include "report/render.h"
#include "support/derived_checks.h"
#include "support/shared_sim.h"
#include "sync/sync.h"
#include "tools/forecast_accuracy/forecast_accuracy_tables.h"
#include "tools/reconciliation/reconciliation_tables.h"
#include "tools/registry.h"
#include "warehouse/derived_table.h"
#include "warehouse/updater.h"

namespace luckyhub {
namespace {

using testing::run_luckyhub;
using testing::temp_dir;
using testing::test_fleet;

std::string now() { return Timestamp{std::time(nullptr)}.str(); }

struct SyncRun {
  int rc;
  std::string out, err;
};

SyncRun sync_into(const std::string& warehouse, const std::string& extra = "",
              const std::string& fleet_file = "") {
  SyncRun r;
  r.rc = run_luckyhub("sync --fleet " + (fleet_file.empty() ? test_fleet().fleet_file : fleet_file) +
                          " --warehouse " + warehouse + " " + extra,
                      &r.out, &r.err);
  return r;
}

uint64_t rows_copied(const std::string& summary) {
  std::smatch m;
  if (!std::regex_search(summary, m, std::regex(R"((\d+) rows copied)"))) return UINT64_MAX;
  return std::stoull(m[1]);
}


// Every table in the warehouse holds exactly what its source holds now.
void expect_warehouse_matches_sources(const std::string& warehouse_path) {
  auto warehouse = open_warehouse(warehouse_path);
  for (const TableDef& table : SchemaCatalog::builtin().tables()) {
    EXPECT_EQ(testing::first_difference(testing::source_rows(table), testing::warehouse_rows(*warehouse, table)), "")
        << table.qualified_name();
  }
}

// Every derived table that luckyhub declares (not this binary's own) whose
// sources the warehouse holds is materialised at its version with exactly
// the rows its SELECT gives now.
void expect_derived_current(const std::string& warehouse_path) {
  auto warehouse = open_warehouse(warehouse_path);
  int checked = 0;
  for (const DerivedTable* t : DerivedTableRegistry::instance().list()) {
    if (t->owner == "test") continue;  // unknown to the luckyhub binary that synced
    if (!t->buildable([&](const std::string& s) { return warehouse->has_table(s); })) continue;
    EXPECT_EQ(testing::derived_difference(*warehouse, *t), "");
    ++checked;
  }
  EXPECT_GE(checked, 7);
}

// tenant-audit reads its derived tables, kept by sync; without them (read
// inline: every table scanned) the report is the same.
void expect_tenant_audit_equals_scan(const std::string& warehouse_path) {
  const std::string copy = temp_dir() + "/scanned.db";
  std::filesystem::remove(copy);
  std::filesystem::copy_file(warehouse_path, copy);
  {
    auto updater = open_updater(copy);
    updater->begin();
    updater->drop_table("tenant_audit__rows");
    updater->drop_table("tenant_audit__suspect_rows");
    updater->commit();
  }
  std::string kept, scanned, err;
  ASSERT_EQ(run_luckyhub("report tenant-audit --format json --warehouse " + warehouse_path, &kept, &err), 0) << err;
  ASSERT_EQ(run_luckyhub("report tenant-audit --format json --warehouse " + copy, &scanned, &err), 0) << err;
  EXPECT_EQ(kept, scanned);
  EXPECT_NE(kept.find("unknown_tenant"), std::string::npos);
}

std::string password() { return test_fleet().fleet.instances[0].reader.password.value(); }
std::string loader_password() { return test_fleet().fleet.instances[0].loader->password.value(); }

void expect_no_secret(const SyncRun& r) {
  for (const std::string& secret : {password(), loader_password()}) {
    EXPECT_EQ(r.out.find(secret), std::string::npos) << "a password in stdout";
    EXPECT_EQ(r.err.find(secret), std::string::npos) << "a password in stderr";
  }
}

TEST(Sync, EqualsSimulateWarehouseWithEveryReport) {
  testing::load_pristine_sources();
  const std::string w = temp_dir() + "/w.db";
  const std::string before = now();
  const SyncRun first = sync_into(w, "--chunk-rows 5000");
  const std::string after = now();
  ASSERT_EQ(first.rc, 0) << first.out << first.err;
  expect_no_secret(first);
  EXPECT_NE(first.out.find("54 tables, 0 failed"), std::string::npos) << first.out;
  testing::expect_same_tables(testing::reference_warehouse(), w);
  {
    // reconciliation's fee lookup, built by the sync from MariaDB: a row per
    // fee row, exactly what its declaration selects, every fee's payment found.
    auto synced = open_warehouse(w);
    const std::string fees(reconciliation::kFeePayment);
    EXPECT_EQ(testing::derived_difference(*synced, DerivedTableRegistry::instance().get(fees)), "");
    EXPECT_EQ(synced->query("SELECT COUNT(*) FROM " + fees).int_at(0, 0),
              synced->query("SELECT COUNT(*) FROM sales_payment__t_channel_fee").int_at(0, 0));
    EXPECT_GT(synced->query("SELECT COUNT(*) FROM " + fees).int_at(0, 0), 0);
    EXPECT_EQ(synced->query("SELECT COUNT(*) FROM " + fees + " WHERE payment_id IS NULL").int_at(0, 0), 0);
  }

  // Same meta, so the same as-of and windows: every tool's report is identical.
  for (const Tool* tool : ToolRegistry::instance().list()) {
    // fleet-health and redis-console read the metric history and keyspace
    // analyses `collect` keeps, which no source holds.
    if (tool->id == "fleet-health" || tool->id == "redis-console") continue;
    std::string want, got, err;
    ASSERT_EQ(run_luckyhub("report " + tool->id + " --format json --warehouse " + testing::reference_warehouse(),
                           &want, &err), 0) << err;
    ASSERT_EQ(run_luckyhub("report " + tool->id + " --format json --warehouse " + w, &got, &err), 0) << err;
    // All but when deletions were reconciled: simulate's as-of against the
    // start of the sync's full copies.
    std::string simulated, synced;
    EXPECT_EQ(testing::without_deletions_reconciled(want, simulated),
              testing::without_deletions_reconciled(got, synced)) << tool->id;
    EXPECT_EQ(simulated, open_warehouse(testing::reference_warehouse())->meta("as_of") + " 00:00:00");
    EXPECT_GE(synced, before) << tool->id;
    EXPECT_LE(synced, after) << tool->id;
  }

  // Nothing changed: a second run moves (almost) nothing — only the rows of
  // each table's newest second, re-read on purpose.
  const SyncRun second = sync_into(w);
  ASSERT_EQ(second.rc, 0) << second.err;
  const uint64_t full = rows_copied(first.out), again = rows_copied(second.out);
  EXPECT_GT(full, 100000u);
  EXPECT_LT(again, full / 200) << second.out;
  testing::expect_same_tables(testing::reference_warehouse(), w);
}

TEST(Sync, FollowsInsertsUpdatesAndDeletes) {
  testing::load_pristine_sources();
  const std::string w = temp_dir() + "/w.db";
  ASSERT_EQ(sync_into(w).rc, 0);
  testing::mark_sources_changed();

  auto orders = testing::loader_connection("luckyus_sales_order");
  orders->execute(
      "UPDATE luckyus_sales_order.t_order SET pay_money = pay_money + 1.25,"
      " update_time = '2026-03-01 10:00:00' WHERE id % 50 = 0");
  orders->execute(
      "CREATE TEMPORARY TABLE luckyus_sales_order.n AS"
      " SELECT * FROM luckyus_sales_order.t_order ORDER BY id DESC LIMIT 3;"
      "UPDATE luckyus_sales_order.n SET id = id + 1000000, order_no = CONCAT('NEW', order_no),"
      " update_time = '2026-03-01 11:00:00';"
      // One insert stamped in the past, behind the watermark: only
      // reconciliation can find it.
      "UPDATE luckyus_sales_order.n SET update_time = '2020-01-01 00:00:00' ORDER BY id LIMIT 1;"
      "INSERT INTO luckyus_sales_order.t_order SELECT * FROM luckyus_sales_order.n");
  // Used coupons moved a day and order amounts changed: campaigns__template_day's other sources.
  orders->execute(
      "UPDATE luckyus_sales_order.t_order_amount SET coupon_deduct = coupon_deduct + 0.50,"
      " update_time = '2026-03-01 10:00:00' WHERE id % 13 = 0");
  testing::loader_connection("luckyus_sales_marketing")
      ->execute(
          "UPDATE luckyus_sales_marketing.t_coupon_record SET use_time = use_time + INTERVAL 1 DAY,"
          " update_time = '2026-03-01 10:00:00' WHERE status = 2 AND id % 7 = 0");
  auto shops = testing::loader_connection("luckyus_opshop");
  shops->execute("UPDATE luckyus_opshop.t_shop_info SET shop_name = ?, update_time = '2026-03-02 00:00:00'"
                 " WHERE id = 1",
                 {std::string("Caf\xC3\xA9\t\"No. 5\"\n\\ 'back'")});
  auto payments = testing::loader_connection("luckyus_sales_payment");
  const int64_t doomed =
      payments->query("SELECT COUNT(*) FROM luckyus_sales_payment.t_trade WHERE id % 97 = 0").int_at(0, 0);
  ASSERT_GT(doomed, 0);
  // The fee rows whose successful payment goes with them (of any tenant;
  // the USD report lists production's, LKUS in USD).
  const std::string orphaned_sql =
      "SELECT COUNT(*) FROM luckyus_sales_payment.t_channel_fee f JOIN luckyus_sales_payment.t_trade t"
      " ON t.trade_no = f.trade_no AND t.tenant = f.tenant AND t.currency_code = f.currency_code"
      " WHERE t.id % 97 = 0 AND t.trade_type = 1 AND t.trade_status = 20";
  const int64_t orphaned_fees = payments->query(orphaned_sql).int_at(0, 0);
  const int64_t orphaned_usd_fees =
      payments->query(orphaned_sql + " AND BINARY f.tenant = 'LKUS' AND f.currency_code = 'USD'").int_at(0, 0);
  ASSERT_GT(orphaned_usd_fees, 0);
  payments->execute("DELETE FROM luckyus_sales_payment.t_trade WHERE id % 97 = 0");

  const SyncRun run = sync_into(w, "--reconcile");
  ASSERT_EQ(run.rc, 0) << run.out << run.err;
  EXPECT_NE(run.out.find(std::to_string(doomed) + " deleted"), std::string::npos) << run.out;
  EXPECT_TRUE(std::regex_search(
      run.err, std::regex(R"(luckyus_sales_order\.t_order: incremental, \d+ rows, reconciled \(0 deleted, 1 missed\))")))
      << run.err;
  expect_warehouse_matches_sources(w);
  // The derived tables followed every change within sync's commits.
  expect_derived_current(w);
  {
    // reconciliation's fee lookup followed the deleted payments: their fees
    // have none now, and the report lists each as fee_without_payment.
    auto synced = open_warehouse(w);
    EXPECT_EQ(synced->query("SELECT COUNT(*) FROM " + std::string(reconciliation::kFeePayment) +
                            " WHERE payment_id IS NULL")
                  .int_at(0, 0),
              orphaned_fees);
    const Report report = run_tool(ToolRegistry::instance().get("reconciliation"), *synced, {});
    int64_t listed = 0;
    for (const auto& row : report.panel("discrepancies")->table.rows) {
      listed += std::get<std::string>(row[0]) == "fee_without_payment" ? 1 : 0;
    }
    EXPECT_EQ(listed, orphaned_usd_fees);
  }
  expect_tenant_audit_equals_scan(w);

  // A table gone from its source fails alone; the rest syncs.
  testing::loader_connection("luckyus_fi_tax")->execute("DROP TABLE luckyus_fi_tax.t_tax_declaration");
  const SyncRun missing = sync_into(w);
  EXPECT_EQ(missing.rc, 1);
  EXPECT_NE(missing.out.find("54 tables, 1 failed"), std::string::npos) << missing.out;
  EXPECT_NE(missing.out.find("FAILED luckyus_fi_tax.t_tax_declaration: mysql db"), std::string::npos) << missing.out;
  EXPECT_NE(missing.out.find("doesn't exist"), std::string::npos) << missing.out;
}

// forecast-accuracy's pairs (recompute tables joining predictions with the
// stock-change tables' consumption) follow a changed, a new and a deleted
// forecast, and a changed and a deleted movement, within sync's commits.
TEST(Sync, KeepsForecastPairsCurrent) {
  testing::load_pristine_sources();
  const std::string w = temp_dir() + "/pairs.db";
  ASSERT_EQ(sync_into(w).rc, 0);
  const std::string sums = "SELECT SUM(n), SUM(abs_error), SUM(abs_actual) FROM ";
  auto totals = [&](std::string_view table) {
    auto wh = open_warehouse(w);
    EXPECT_EQ(derived_from(*wh, table).sql, std::string(table));  // materialised
    const ResultSet r = wh->query(sums + std::string(table));
    return std::vector<int64_t>{r.int_at(0, 0), r.int_at(0, 1), r.int_at(0, 2)};
  };
  const auto key_before = totals(forecast_accuracy::kPairsPerKey), run_before = totals(forecast_accuracy::kPairsPerRun);
  EXPECT_EQ(key_before, run_before);  // the same pairs, grouped twice

  testing::mark_sources_changed();
  const std::string pred = "luckyus_ireplenishment.wh_goods_daily_demand_pred";
  const std::string stamp = "update_time = '2026-03-01 10:00:00'";
  auto forecasts = testing::loader_connection("luckyus_ireplenishment");
  const int64_t deleted = forecasts->query("SELECT COUNT(*) FROM " + pred + " WHERE id % 97 = 0").int_at(0, 0);
  ASSERT_GT(deleted, 0);
  forecasts->execute("UPDATE " + pred + " SET predict_qty = predict_qty + 2.5, " + stamp + " WHERE id % 41 = 0");
  forecasts->execute("INSERT INTO " + pred +
                     " (tenant, warehouse_id, shop_id, goods_id, pred_date, predict_qty, model_version, create_time,"
                     " update_time) SELECT tenant, warehouse_id, shop_id, goods_id, pred_date, predict_qty + 1,"
                     " model_version, create_time - INTERVAL 1 DAY, '2026-03-01 10:00:00' FROM " + pred + " WHERE id % 53 = 0");
  forecasts->execute("DELETE FROM " + pred + " WHERE id % 97 = 0");
  auto stock = testing::loader_connection("luckyus_scm_shopstock");
  for (const std::string_view table : stock::kWeekdayTables) {
    const std::string source = "luckyus_scm_shopstock." + std::string(table.substr(table.find("__") + 2));
    stock->execute("UPDATE " + source + " SET change_qty = change_qty - 1, " + stamp +
                   " WHERE change_type = 1 AND id % 29 = 0");
    stock->execute("DELETE FROM " + source + " WHERE change_type = 1 AND id % 71 = 0");
  }

  const SyncRun run = sync_into(w, "--reconcile");
  ASSERT_EQ(run.rc, 0) << run.out << run.err;
  auto wh = open_warehouse(w);
  for (const std::string_view table : {forecast_accuracy::kPairsPerKey, forecast_accuracy::kPairsPerRun})
    EXPECT_EQ(testing::derived_difference(*wh, DerivedTableRegistry::instance().get(table)), "") << table;
  const auto key_after = totals(forecast_accuracy::kPairsPerKey);
  EXPECT_EQ(key_after, totals(forecast_accuracy::kPairsPerRun));
  EXPECT_NE(key_after[0], key_before[0]);  // forecasts came and went
  EXPECT_NE(key_after[2], key_before[2]);  // and so did consumption
}

// A declaration of this test binary only, kept by a sync run in this process:
// the successful payments of each shop.
const DerivedTableRegistration kShopPayments(testing::shop_payments_declaration("test", "test", "sync_shop_payments"));

TEST(Sync, KeepsADeclarationOfThisBinaryCurrent) {
  testing::load_pristine_sources();
  const std::string w = temp_dir() + "/declared.db";
  const sync::SyncOptions options{.fleet = test_fleet().fleet_file, .warehouse = w};
  ASSERT_EQ(sync::sync(options).failed, 0);
  auto wh = open_warehouse(w);
  ASSERT_EQ(derived_from(*wh, "test__sync_shop_payments").sql, "test__sync_shop_payments");
  const int64_t before = wh->query("SELECT SUM(payments) FROM test__sync_shop_payments").int_at(0, 0);
  EXPECT_EQ(before, wh->query("SELECT COUNT(*) FROM sales_payment__t_trade WHERE trade_type = 1 AND trade_status = 20")
                        .int_at(0, 0));
  testing::mark_sources_changed();
  auto payments = testing::loader_connection("luckyus_sales_payment");
  const std::string some = " FROM luckyus_sales_payment.t_trade WHERE trade_type = 1 AND trade_status = 20 AND id % 10 = 0";
  const int64_t failed = payments->query("SELECT COUNT(*)" + some).int_at(0, 0);
  payments->execute("UPDATE luckyus_sales_payment.t_trade SET trade_status = 30, update_time = '2026-03-01 10:00:00'" +
                    some.substr(some.find(" WHERE")));
  ASSERT_EQ(sync::sync(options).failed, 0);
  wh = open_warehouse(w);
  EXPECT_EQ(testing::derived_difference(*wh, DerivedTableRegistry::instance().get("test__sync_shop_payments")), "");
  EXPECT_EQ(wh->query("SELECT SUM(payments) FROM test__sync_shop_payments").int_at(0, 0), before - failed);
  EXPECT_GT(failed, 0);
}

// Runs sync with the test hook that kills it (SIGKILL) after writing
// `chunks` chunks of `chunk_rows` rows of a table, before that commit.
void expect_killed_after(const std::string& warehouse, int chunks, int chunk_rows) {
  const int rc = std::system(("env LUCKYHUB_TEST_SYNC_KILL_AFTER_CHUNKS=" + std::to_string(chunks) + " " +
                              LUCKYHUB_BINARY + " --quiet sync --fleet " + test_fleet().fleet_file +
                              " --warehouse " + warehouse + " --chunk-rows " + std::to_string(chunk_rows) +
                              " >/dev/null 2>&1")
                                 .c_str());
  // Killed by SIGKILL: as system()'s shell reports it, or directly.
  const bool killed =
      (WIFEXITED(rc) && WEXITSTATUS(rc) == 128 + SIGKILL) || (WIFSIGNALED(rc) && WTERMSIG(rc) == SIGKILL);
  EXPECT_TRUE(killed) << "run killed after " << chunks << " chunks was not killed (status " << rc << ")";
}

TEST(Sync, ResumesAfterSigkillWithoutLossOrDuplicates) {
  testing::load_pristine_sources();
  const std::string w = temp_dir() + "/w.db";
  // Each run kills itself (SIGKILL) with a chunk written but not committed,
  // a few chunks further than the last; the next run resumes.
  // The first, into a new warehouse, writes through a rollback journal
  // (docs/sync.md): its kill leaves a hot journal, and no WAL.
  expect_killed_after(w, 2, 2000);
  EXPECT_GT(std::filesystem::file_size(w + "-journal"), 0u);
  EXPECT_FALSE(std::filesystem::exists(w + "-wal"));
  for (int chunks : {3, 1, 4}) expect_killed_after(w, chunks, 2000);
  const SyncRun last = sync_into(w, "--chunk-rows 2000");
  ASSERT_EQ(last.rc, 0) << last.out << last.err;
  testing::expect_same_tables(testing::reference_warehouse(), w);
}

// Incremental runs merge changed columns into the rows they meet
// (sqlite_row_merge.h); killed with a chunk of them written but not
// committed, the next run still ends equal to the sources.
TEST(Sync, ResumesAnIncrementalRunAfterSigkill) {
  testing::load_pristine_sources();
  const std::string w = temp_dir() + "/w.db";
  ASSERT_EQ(sync_into(w).rc, 0);
  testing::mark_sources_changed();
  auto orders = testing::loader_connection("luckyus_sales_order");
  const int64_t changed =
      orders->query("SELECT COUNT(*) FROM luckyus_sales_order.t_order WHERE id % 3 = 0").int_at(0, 0);
  ASSERT_GT(changed, 600);  // more than the 3 chunks of 200 rows the kills need
  orders->execute(
      "UPDATE luckyus_sales_order.t_order SET status = status + 1, pay_money = pay_money + 0.01,"
      " update_time = '2026-03-01 10:00:00' WHERE id % 3 = 0");
  for (int chunks : {1, 3}) expect_killed_after(w, chunks, 200);
  const SyncRun last = sync_into(w, "--chunk-rows 200");
  ASSERT_EQ(last.rc, 0) << last.out << last.err;
  expect_warehouse_matches_sources(w);
}

int count_lines_with(const std::string& text, const std::string& needle) {
  int n = 0;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) n += line.find(needle) != std::string::npos;
  return n;
}

TEST(Sync, DeadServerFailsOnlyItsTables) {
  testing::load_pristine_sources();
  const testing::TestFleet& f = test_fleet();
  // The same fleet, but db2 points at a port where no server listens.
  std::ifstream in(f.fleet_file);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string port = "port = " + std::to_string(f.fleet.instances[1].port);
  text.replace(text.find(port), port.size(), "port = " + std::to_string(testing::closed_port()));
  const std::string dead_fleet = f.dir + "/dead-db2.toml";
  std::ofstream(dead_fleet) << text;

  const std::string w = temp_dir() + "/w.db";
  const SyncRun run = sync_into(w, "", dead_fleet);
  EXPECT_EQ(run.rc, 1);
  int db2_tables = 0;
  for (const TableDef& t : SchemaCatalog::builtin().tables()) {
    if (f.fleet.mysql_holding(t.database) == &f.fleet.instances[1]) ++db2_tables;
  }
  EXPECT_NE(run.out.find("54 tables, " + std::to_string(db2_tables) + " failed"), std::string::npos) << run.out;
  // db2 fails once, on stderr, without trying its tables one by one.
  EXPECT_EQ(count_lines_with(run.err, "cannot connect as luckyhub_ro"), 1) << run.err;
  EXPECT_EQ(count_lines_with(run.err, "mysql " + f.fleet.instances[1].name + " ("), 1) << run.err;
  EXPECT_EQ(run.out.find("FAILED"), std::string::npos) << run.out;
  expect_no_secret(run);
  // db1's tables are in the warehouse, complete.
  auto warehouse = open_warehouse(w);
  for (const TableDef& t : SchemaCatalog::builtin().tables()) {
    if (f.fleet.mysql_holding(t.database) != &f.fleet.instances[0]) continue;
    EXPECT_EQ(testing::first_difference(testing::source_rows(t), testing::warehouse_rows(*warehouse, t)), "")
        << t.qualified_name();
  }
  // Half a warehouse does not look loaded: no as-of, and reports say why.
  EXPECT_EQ(warehouse->meta("as_of"), "");
  std::string report_err;
  EXPECT_NE(run_luckyhub("report payment-fees --warehouse " + w, nullptr, &report_err), 0);
  EXPECT_NE(report_err.find("has no data: no sync or simulation finished loading it"), std::string::npos) << report_err;
  // With the server back, the next run completes the warehouse.
  warehouse.reset();
  const SyncRun again = sync_into(w);
  ASSERT_EQ(again.rc, 0) << again.out << again.err;
  testing::expect_same_tables(testing::reference_warehouse(), w);
  EXPECT_EQ(open_warehouse(w)->meta("as_of"), open_warehouse(testing::reference_warehouse())->meta("as_of"));
}

TEST(Sync, WrongPasswordIsNamedButNeverShown) {
  const testing::TestFleet& f = test_fleet();
  const std::string dir = temp_dir();
  const std::string wrong = "Wr0ng-Secret-4711";
  std::ifstream in(f.fleet_file);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // Passwords by environment variable, one of them wrong.
  text = std::regex_replace(text, std::regex("password_file = \"secrets\""), "password_env = \"LH_TEST_PW\"");
  text = std::regex_replace(text, std::regex("password_file = \"loader.secret\""), "password_env = \"LH_TEST_PW\"");
  std::ofstream(dir + "/fleet.toml") << text;
  SyncRun r;
  r.rc = run_luckyhub("--verbose sync --fleet " + dir + "/fleet.toml --warehouse " + dir + "/w.db --table luckyus_opshop",
                      &r.out, &r.err);
  // The variable unset: refused at load, one line, naming it.
  EXPECT_EQ(r.rc, 1);
  EXPECT_NE(r.err.find("password_env LH_TEST_PW of instance db1 is not set"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  ::setenv("LH_TEST_PW", wrong.c_str(), 1);
  r.rc = run_luckyhub("--verbose sync --fleet " + dir + "/fleet.toml --warehouse " + dir + "/w.db --table luckyus_opshop",
                      &r.out, &r.err);
  EXPECT_EQ(r.rc, 1);
  EXPECT_NE(r.err.find("Access denied for user 'luckyhub_ro'"), std::string::npos) << r.err;
  EXPECT_EQ(r.out.find(wrong), std::string::npos) << r.out;
  EXPECT_EQ(r.err.find(wrong), std::string::npos) << r.err;
  expect_no_secret(r);
  ::unsetenv("LH_TEST_PW");
}

// The test fleet with every reader's password replaced by a wrong one (beside
// the fleet file, whose loader secret it names by a relative path).
std::string wrong_password_fleet() {
  std::ifstream in(test_fleet().fleet_file);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  text = std::regex_replace(text, std::regex("password_file = \"secrets\""), "password_env = \"LH_TEST_WRONG_PW\"");
  ::setenv("LH_TEST_WRONG_PW", "Wr0ng-Secret-0815", 1);
  const std::string file = test_fleet().dir + "/wrong-password.toml";
  std::ofstream(file) << text;
  return file;
}

// A wrong password fails once per instance, not once per table (54 lines on
// each stream before), and a new warehouse into which nothing synced is not
// left behind looking loaded.
TEST(Sync, WrongPasswordFailsOncePerInstanceAndLeavesNoWarehouse) {
  const testing::TestFleet& f = test_fleet();
  const std::string dir = temp_dir();
  const std::string fleet = wrong_password_fleet();
  const SyncRun run = sync_into(dir + "/w.db", "", fleet);
  EXPECT_NE(run.rc, 0);
  int mysql = 0;
  for (const Instance& i : f.fleet.instances) {
    if (i.kind != InstanceKind::kMysql) continue;
    ++mysql;
    EXPECT_EQ(count_lines_with(run.err, "mysql " + i.label() + ": cannot connect as luckyhub_ro: Access denied"), 1)
        << run.err;
  }
  EXPECT_EQ(mysql, 2);
  // No line per table on either stream; stdout is the summary alone.
  EXPECT_EQ(run.err.find("luckyus_"), std::string::npos) << run.err;
  EXPECT_EQ(run.out.find("luckyus_"), std::string::npos) << run.out;
  EXPECT_EQ(count_lines_with(run.out, ""), 1) << run.out;
  EXPECT_NE(run.out.find("54 tables, 54 failed; 0 rows copied"), std::string::npos) << run.out;
  // The two instance lines and the closing error: nothing else.
  EXPECT_EQ(count_lines_with(run.err, ""), 3) << run.err;
  EXPECT_NE(run.err.find("no warehouse was created"), std::string::npos) << run.err;
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) {
    EXPECT_FALSE(std::filesystem::exists(dir + "/w.db" + suffix)) << suffix;
  }
  expect_no_secret(run);
  EXPECT_EQ((run.out + run.err).find("Wr0ng-Secret-0815"), std::string::npos);
  ::unsetenv("LH_TEST_WRONG_PW");
}

// A good warehouse stays as it was, data and meta, through a sync whose
// password is wrong.
TEST(Sync, WrongPasswordLeavesAGoodWarehouseAsItWas) {
  testing::load_pristine_sources();
  const std::string dir = temp_dir();
  const std::string w = dir + "/w.db";
  ASSERT_EQ(sync_into(w).rc, 0);
  auto meta = [&] {
    auto wh = open_warehouse(w);
    std::vector<std::string> values;
    for (const char* key : {"as_of", "start", "source", "synced_at", "deletions_reconciled"}) values.push_back(wh->meta(key));
    values.push_back(std::to_string(wh->query("SELECT COUNT(*) FROM sales_order__t_order").int_at(0, 0)));
    return values;
  };
  const std::vector<std::string> good = meta();
  EXPECT_NE(good[0], "");
  std::string report, err;
  ASSERT_EQ(run_luckyhub("report payment-fees --format json --warehouse " + w, &report, &err), 0) << err;

  ::sleep(1);  // a rewritten synced_at would differ
  const SyncRun bad = sync_into(w, "--reconcile", wrong_password_fleet());
  EXPECT_NE(bad.rc, 0);
  EXPECT_NE(bad.err.find("Access denied"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("as-of is unchanged"), std::string::npos) << bad.err;
  EXPECT_EQ(meta(), good);
  std::string again;
  ASSERT_EQ(run_luckyhub("report payment-fees --format json --warehouse " + w, &again, &err), 0) << err;
  EXPECT_EQ(again, report);
  ::unsetenv("LH_TEST_WRONG_PW");
}

// A row deleted at a source still counts until a reconciling sync, and every
// report says since when deletions are reconciled: before --reconcile that
// time is older than the sync that read the row's neighbours; after it the
// row is gone and the time has moved.
TEST(Sync, ReportsSayWhenDeletionsWereLastReconciled) {
  testing::load_pristine_sources();
  const std::string w = temp_dir() + "/w.db";
  const std::string first_began = now();
  ASSERT_EQ(sync_into(w).rc, 0);
  auto reported = [&] {
    std::string json, err;
    EXPECT_EQ(run_luckyhub("report payment-fees --format json --warehouse " + w, &json, &err), 0) << err;
    std::string reconciled;
    testing::without_deletions_reconciled(json, reconciled);
    EXPECT_EQ(reconciled, open_warehouse(w)->meta("deletions_reconciled"));
    return reconciled;
  };
  auto trades = [&] { return open_warehouse(w)->query("SELECT COUNT(*) FROM sales_payment__t_trade").int_at(0, 0); };
  const std::string copied = reported();
  EXPECT_GE(copied, first_began);  // the full copies began after this
  const int64_t before = trades();

  testing::mark_sources_changed();
  auto payments = testing::loader_connection("luckyus_sales_payment");
  const int64_t doomed =
      payments->query("SELECT COUNT(*) FROM luckyus_sales_payment.t_trade WHERE id % 89 = 0").int_at(0, 0);
  ASSERT_GT(doomed, 0);
  payments->execute("DELETE FROM luckyus_sales_payment.t_trade WHERE id % 89 = 0");
  ::sleep(1);  // whole seconds: the next reconciliation must be later

  // A plain sync (the daily reconciliation is not due) keeps the rows, and
  // the reports keep saying when deletions were last reconciled.
  const SyncRun plain = sync_into(w);
  ASSERT_EQ(plain.rc, 0) << plain.out << plain.err;
  EXPECT_NE(plain.out.find(" 0 deleted"), std::string::npos) << plain.out;
  EXPECT_EQ(trades(), before);
  EXPECT_EQ(reported(), copied);
  EXPECT_LT(copied, open_warehouse(w)->meta("synced_at"));

  const std::string reconcile_began = now();
  const SyncRun reconciled = sync_into(w, "--reconcile");
  ASSERT_EQ(reconciled.rc, 0) << reconciled.out << reconciled.err;
  EXPECT_EQ(trades(), before - doomed);
  const std::string moved = reported();
  EXPECT_GE(moved, reconcile_began);
  EXPECT_GT(moved, copied);
}

TEST(MysqlClient, ValuesAreEscapedAndIdentifiersChecked) {
  const testing::TestFleet& f = test_fleet();
  MysqlConnection c(f.fleet.instances[0], f.fleet.instances[0].reader);
  const std::string nasty = "it's a \\ \"test\" ? ; DROP DATABASE x; -- \xE2\x98\x95";
  const ResultSet r = c.query("SELECT ?, ?, ?, '?'", {nasty, int64_t{-42}, SqlValue{}});
  EXPECT_EQ(r.text_at(0, 0), nasty);
  EXPECT_EQ(r.text_at(0, 1), "-42");
  EXPECT_TRUE(r.is_null(0, 2));
  EXPECT_EQ(r.text_at(0, 3), "?");
  EXPECT_THROW(MysqlConnection::quote_identifier("t`; DROP"), Error);
  EXPECT_EQ(MysqlConnection::quote_identifier("t_order"), "`t_order`");
  // Streaming reads every row without holding them.
  MysqlConnection::Stream rows = c.stream("SELECT seq FROM luckyus_opshop.seq_1_to_100000");
  int64_t n = 0, sum = 0;
  while (rows.next()) ++n, sum += std::stoll(std::string(rows.text(0)));
  EXPECT_EQ(n, 100000);
  EXPECT_EQ(sum, int64_t{100000} * 100001 / 2);
}

}  // namespace
}  // namespace luckyhub
