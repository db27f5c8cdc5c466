// The derived tables (warehouse/derived_table.h) hold the same rows on every
// engine: materialised at load on SQLite, on one ClickHouse server and on
// the two-shard cluster, each at its declaration's version and equal to what
// its SELECT gives (support/derived_checks.h), and fingerprinted alike (its
// rows, and per column its non-NULL values and their sum, length or range).
// A declaration that exists only in this test binary is built by a load into
// ClickHouse, read, and rebuilt by the next load with the changed rows. The
// lookups must find a value for most rows and miss some where the simulation
// plants trades without orders and orders without payments; the income
// groups must hold every successful trade and live bill once.
#include <gtest/gtest.h>

#include <set>

#include "domain/trade_fees.h"
#include "support/derived_checks.h"
#include "support/shared_sim.h"
#include "tools/reconciliation/reconciliation_tables.h"
#include "tools/tax_gap/tax_gap_tables.h"
#include "warehouse/derived_table.h"

namespace luckyhub {
namespace {

using reconciliation::kIncomeGroups;
using reconciliation::kOrderPaid;
using reconciliation::kTradeOrders;
using tax_gap::kItemOrders;

// One row of figures about a table of columns `def` read as `from`, through `wh`.
std::vector<std::string> fingerprint(Warehouse& wh, const TableDef& def, const std::string& from) {
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
  const ResultSet r = wh.query(sql + " FROM " + from + " t");
  std::vector<std::string> out;
  for (size_t c = 0; c < r.columns.size(); ++c) out.push_back(r.is_null(0, c) ? "NULL" : r.text_at(0, c));
  return out;
}

TEST(DerivedTables, SameRowsOnSqliteOneServerAndTwoShards) {
  auto sqlite = open_warehouse(testing::shared_sim().warehouse_path);
  auto single = open_warehouse(testing::clickhouse_location_in(LUCKYHUB_TEST_CLICKHOUSE_SINGLE, "luckyhub"));
  auto cluster = open_warehouse(testing::clickhouse_location_in(LUCKYHUB_TEST_CLICKHOUSE_CLUSTER, "luckyhub"));
  ASSERT_GE(DerivedTableRegistry::instance().list().size(), 7u);
  for (const DerivedTable* t : DerivedTableRegistry::instance().list()) {
    if (t->owner == "test") continue;  // this binary's own: unknown to the luckyhub that loaded them
    const std::string name = t->name();
    for (Warehouse* wh : {sqlite.get(), single.get(), cluster.get()}) {
      EXPECT_TRUE(derived_current(*wh, name)) << name << " is not materialised on " << wh->engine();
      EXPECT_EQ(testing::derived_difference(*wh, *t), "") << wh->location();
    }
    const std::vector<std::string> expected = fingerprint(*sqlite, t->def, name);
    // (A computed table holds a few rows: a fit per RFM quantiles.)
    ASSERT_GT(std::stoll(expected[0]), t->refresh == DerivedRefresh::kComputed ? 1 : 5) << name;
    EXPECT_EQ(fingerprint(*single, t->def, name), expected) << name << " on one server";
    EXPECT_EQ(fingerprint(*cluster, t->def, name), expected) << name << " on two shards";
  }
  // A lookup has one row per base row.
  EXPECT_EQ(sqlite->query("SELECT COUNT(*) FROM " + std::string(kTradeFees)).int_at(0, 0),
            sqlite->query("SELECT COUNT(*) FROM sales_payment__t_trade").int_at(0, 0));
}

// A declaration of this test binary only: successful payments per shop.
const DerivedTableRegistration kShopPayments(testing::shop_payments_declaration("test", "test", "ch_shop_payments"));

// Loads two shops' trades into a new ClickHouse warehouse (a new
// generation, as every load and every sync into ClickHouse makes).
void load_trades(const std::string& location, int64_t trades) {
  auto writer = create_warehouse(location);
  const TableDef& trade = SchemaCatalog::builtin().table("luckyus_sales_payment", "t_trade");
  writer->create_table(trade);
  auto sink = writer->open_sink(trade);
  for (int64_t i = 1; i <= trades; ++i) {
    sink->set_int(sink->col("id"), i);
    sink->set_text(sink->col("trade_no"), "T" + std::to_string(i));
    sink->set_text(sink->col("order_no"), "O" + std::to_string(i));
    sink->set_int(sink->col("shop_id"), i % 2 + 1);
    sink->set_int(sink->col("amount"), 100 * i);
    sink->set_int(sink->col("trade_type"), 1);
    sink->set_int(sink->col("trade_status"), 20);
    sink->set_text(sink->col("tenant"), "LKUS");
    sink->set_text(sink->col("currency_code"), "USD");
    sink->set_int(sink->col("channel_id"), 2);
    sink->set_text(sink->col("create_time"), "2026-01-05 15:00:00");
    sink->set_text(sink->col("update_time"), "2026-01-05 15:00:00");
    sink->set_text(sink->col("pay_time"), "2026-01-05 15:00:00");
    sink->end_row();
  }
  sink->finish();
  writer->set_meta("start", "2026-01-01");
  writer->set_meta("as_of", "2026-01-11");
  writer->commit();
}

TEST(DerivedTables, ATestDeclarationIsBuiltByEachLoadAndRead) {
  for (const std::string& dir : {std::string(LUCKYHUB_TEST_CLICKHOUSE_SINGLE), std::string(LUCKYHUB_TEST_CLICKHOUSE_CLUSTER)}) {
    const std::string location = testing::clickhouse_location_in(dir, "derived_test");
    load_trades(location, 4);
    auto wh = open_warehouse(location);
    ASSERT_EQ(derived_from(*wh, "test__ch_shop_payments").sql, "test__ch_shop_payments");
    EXPECT_EQ(wh->query("SELECT cents FROM test__ch_shop_payments WHERE shop_id = 1").int_at(0, 0), 200 + 400);
    load_trades(location, 5);  // the next generation: trade 5 came (shop 2)
    wh = open_warehouse(location);
    EXPECT_EQ(wh->query("SELECT payments * 1000 + cents FROM test__ch_shop_payments WHERE shop_id = 2").int_at(0, 0),
              3 * 1000 + 100 + 300 + 500);
    EXPECT_EQ(testing::derived_difference(*wh, DerivedTableRegistry::instance().get("test__ch_shop_payments")), "");
  }
}

// How many rows of a wide table found nothing to look up.
int64_t unmatched(Warehouse& wh, std::string_view name, const std::string& column) {
  const Query from = derived_from(wh, name);
  return wh.query("SELECT COUNT(*) FROM " + from.sql + " t WHERE t." + column + " IS NULL", from.params).int_at(0, 0);
}

// The lookups on ClickHouse against plain joins written here and against the
// manifest's planted counts: exact, not "more than 0 and under 1%".
TEST(DerivedTables, LookupsFindTheirRowsAndMissThePlantedOnes) {
  auto wh = open_warehouse(testing::clickhouse_location_in(LUCKYHUB_TEST_CLICKHOUSE_SINGLE, "luckyhub"));
  const nlohmann::json& truth = testing::shared_sim().truth;
  auto planted = [&](const char* kind) { return static_cast<int64_t>(truth.at("anomalies").at(kind).at("ids").size()); };
  const char* successful = "trade_type = 1 AND trade_status = 20";
  const char* paid = "status IN (20, 30, 40, 60)";
  // Every successful payment has its fee (the simulation plants no fee-less payment).
  EXPECT_EQ(wh->query("SELECT COUNT(*) FROM " + std::string(kTradeFees) +
                      " WHERE trade_status = 20 AND trade_type = 1 AND fee IS NULL").int_at(0, 0),
            0);
  // Trades without an order: exactly the planted ones.
  const int64_t orphans = unmatched(*wh, kTradeOrders, "order_id");
  EXPECT_EQ(orphans, wh->query("SELECT COUNT(*) FROM sales_payment__t_trade WHERE order_no NOT IN "
                               "(SELECT order_no FROM sales_order__t_order)").int_at(0, 0));
  EXPECT_EQ(orphans, planted("recon_trade_without_order"));
  // Orders without a successful payment of their tenant and currency.
  EXPECT_EQ(unmatched(*wh, kOrderPaid, "paid"),
            wh->query(std::string("SELECT COUNT(*) FROM sales_order__t_order WHERE (order_no, tenant, currency_code) "
                                  "NOT IN (SELECT order_no, tenant, currency_code FROM sales_payment__t_trade WHERE ") +
                      successful + ")").int_at(0, 0));
  // Paid orders whose payments add up to what they cost: every paid order but
  // the planted breaks (no trade, a wrong amount, a payment booked as another tenant's).
  const int64_t paid_equal =
      wh->query("SELECT COUNT(*) FROM " + std::string(kOrderPaid) + " WHERE " + paid + " AND paid = pay_money").int_at(0, 0);
  EXPECT_EQ(paid_equal,
            wh->query("SELECT COUNT(*) FROM sales_order__t_order o JOIN (SELECT order_no, tenant, currency_code, "
                      "SUM(amount) AS paid FROM sales_payment__t_trade WHERE " + std::string(successful) +
                      " GROUP BY order_no, tenant, currency_code) t ON t.order_no = o.order_no AND t.tenant = o.tenant "
                      "AND t.currency_code = o.currency_code WHERE o." + paid + " AND t.paid = o.pay_money").int_at(0, 0));
  const int64_t paid_orders = wh->query("SELECT COUNT(*) FROM sales_order__t_order WHERE " + std::string(paid)).int_at(0, 0);
  EXPECT_EQ(paid_equal, paid_orders - planted("recon_order_without_trade") - planted("recon_amount_mismatch") -
                            planted("recon_currency_leak"));
  // An item's order always exists.
  EXPECT_EQ(unmatched(*wh, kItemOrders, "order_status"), 0);
  EXPECT_EQ(wh->query("SELECT COUNT(*) FROM sales_order__t_order_item").int_at(0, 0),
            truth.at("figures").at("order_items_total").get<int64_t>());
}

TEST(IncomeGroups, HoldEveryPaidTradeAndLiveBillOnce) {
  auto wh = open_warehouse(testing::clickhouse_location_in(LUCKYHUB_TEST_CLICKHOUSE_CLUSTER, "luckyhub"));
  const ResultSet trades = wh->query(
      "SELECT COUNT(*), SUM(amount) FROM sales_payment__t_trade WHERE trade_status = 20 AND pay_time IS NOT NULL");
  const ResultSet bills =
      wh->query("SELECT COUNT(*), SUM(abs(amount)) FROM ifiaccounting__t_acc_income_bill WHERE status <> 30");
  const ResultSet groups = wh->query(
      "SELECT SUM(trades), SUM(trade_cents), SUM(bills), SUM(bill_cents), COUNT(*), "
      "SUM(CASE WHEN bills = 0 THEN 1 ELSE 0 END), SUM(CASE WHEN bills > sources THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN trades = 0 THEN 1 ELSE 0 END) FROM " + std::string(kIncomeGroups));
  ASSERT_GT(trades.int_at(0, 0), 1000);
  EXPECT_EQ(groups.int_at(0, 0), trades.int_at(0, 0));
  EXPECT_EQ(groups.int_at(0, 1), trades.int_at(0, 1));
  EXPECT_EQ(groups.int_at(0, 2), bills.int_at(0, 0));
  EXPECT_EQ(groups.int_at(0, 3), bills.int_at(0, 1));
  std::set<std::string> listed;  // every trade's id in its group's list, once
  size_t commas = 0;
  const ResultSet lists = wh->query("SELECT trade_ids FROM " + std::string(kIncomeGroups) + " WHERE trades > 0");
  for (size_t i = 0; i < lists.size(); ++i) {
    const std::string list = lists.text_at(i, 0);
    for (size_t at = 0; at <= list.size();) {
      const size_t comma = std::min(list.find(',', at), list.size());
      listed.insert(list.substr(at, comma - at));
      at = comma + 1;
      commas += 1;
    }
  }
  EXPECT_EQ(static_cast<int64_t>(listed.size()), trades.int_at(0, 0));
  EXPECT_EQ(commas, listed.size());
  // Most groups have both sides; the simulation plants missing bills and
  // duplicates.
  EXPECT_GT(groups.int_at(0, 5), 0);
  EXPECT_GT(groups.int_at(0, 6), 0);
  EXPECT_LT(groups.int_at(0, 5) + groups.int_at(0, 7), groups.int_at(0, 4) / 10);
}

// Dialect::row_in: the rows whose columns equal one of the listed rows, on
// SQLite (IN (VALUES ...)) and ClickHouse (IN ((...), ...)) alike.
TEST(RowIn, PicksTheListedRowsOnEveryEngine) {
  auto sqlite = open_warehouse(testing::shared_sim().warehouse_path);
  auto single = open_warehouse(testing::clickhouse_location_in(LUCKYHUB_TEST_CLICKHOUSE_SINGLE, "luckyhub"));
  const ResultSet some = sqlite->query(
      "SELECT shop_id, biz_date, bill_type FROM ifiaccounting__t_acc_income_bill ORDER BY id LIMIT 3");
  ASSERT_EQ(some.size(), 3u);
  std::vector<SqlValue> values;
  for (size_t i = 0; i < some.size(); ++i) {
    values.insert(values.end(), {some.int_at(i, 0), some.text_at(i, 1), some.int_at(i, 2)});
  }
  values.insert(values.end(), {SqlValue{int64_t{-1}}, SqlValue{std::string("2001-01-01")}, SqlValue{int64_t{1}}});
  std::vector<std::string> ids[2];
  int n = 0;
  for (Warehouse* wh : {sqlite.get(), single.get()}) {
    const ResultSet r = wh->query("SELECT id FROM ifiaccounting__t_acc_income_bill WHERE " +
                                      wh->dialect().row_in("shop_id, biz_date, bill_type", 3, 4) + " ORDER BY id",
                                  values);
    for (size_t i = 0; i < r.size(); ++i) ids[n].push_back(r.text_at(i, 0));
    ++n;
  }
  EXPECT_GE(ids[0].size(), 3u);
  EXPECT_EQ(ids[0], ids[1]);
  EXPECT_EQ(sqlite->dialect().row_in("a, b", 2, 2), "(a, b) IN (VALUES (?, ?), (?, ?))");
  EXPECT_EQ(single->dialect().row_in("a, b", 2, 2), "(a, b) IN ((?, ?), (?, ?))");
}

}  // namespace
}  // namespace luckyhub
