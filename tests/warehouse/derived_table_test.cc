// The derived-table platform (warehouse/derived_table.h) with declarations
// that exist only in this test binary, one of each kind, and a test tool
// that reads one: built by a load, read materialised or inline with the same
// rows, refreshed by an updater's commits (inserts, updates, deletes, a
// rollback), made stale by a source copied whole and rebuilt by finish(), and
// rebuilt alone when its declaration's version changes.
#include <gtest/gtest.h>

#include "core/error.h"
#include "report/render.h"
#include "support/derived_checks.h"
#include "support/shared_sim.h"
#include "support/tiny_warehouse.h"
#include "tools/registry.h"
#include "warehouse/lookup_table.h"
#include "warehouse/updater.h"

namespace luckyhub {
namespace {

constexpr const char* kTrades = "sales_payment__t_trade";
constexpr const char* kOrders = "sales_order__t_order";

ColumnDef int_column(std::string name) { return {.name = std::move(name), .type = ColumnType::kInt}; }

// Orders of at least $10: a selection.
DerivedTable big_orders() {
  DerivedTable d{.owner = "test-derived", .refresh = DerivedRefresh::kSelection};
  d.def = {.database = "test", .name = "big_orders"};
  d.def.columns = {int_column("id"), {.name = "order_no", .type = ColumnType::kText}, int_column("pay_money")};
  d.def.primary_key = d.key = {"id"};
  d.sources = {{kOrders, [](const Dialect&, std::string_view rows) {
                  return "SELECT id, order_no, pay_money FROM " + std::string(rows) + " WHERE pay_money >= 1000";
                }}};
  return d;
}

// Successful payments and their cents per shop: a sum.
const DerivedTableRegistration kShopPayments(testing::shop_payments_declaration("test-derived", "test", "shop_payments"));
const DerivedTableRegistration kBigOrders(big_orders());
// Each trade with its order's shop: a lookup (recomputed by key).
const DerivedTableRegistration kTradeShops(lookup_table({
    .owner = "test-derived",
    .name = "test__trade_shop",
    .base = SchemaCatalog::builtin().table("luckyus_sales_payment", "t_trade"),
    .lookup = SchemaCatalog::builtin().table("luckyus_sales_order", "t_order"),
    .keys = {{"order_no", "order_no"}},
    .columns = {{"order_shop_id", "shop_id", "shop_id"}},
}));

// A tool that exists only here and reads test__shop_payments.
Report shop_payments_report(Warehouse& wh, const Params&) {
  const Query from = derived_from(wh, "test__shop_payments");
  Panel p{.id = "shops", .title = "Payments per shop", .kind = PanelKind::kTable};
  p.table.columns = {{"shop_id", "Shop", ValueType::kInt}, {"payments", "Payments", ValueType::kInt},
                     {"cents", "Cents", ValueType::kInt}};
  for (const Row row : wh.query("SELECT shop_id, payments, cents FROM " + from.sql + " d ORDER BY shop_id",
                                from.params)) {
    p.table.rows.push_back({row.integer("shop_id"), row.integer("payments"), row.integer("cents")});
  }
  Report r;
  r.panels = {p};
  return r;
}
const ToolRegistration kTestTool(Tool{.id = "test-derived", .number = 99, .department = "it",
                                      .title = "Derived-table test tool", .summary = "Payments per shop.",
                                      .compute = shop_payments_report});

std::vector<std::string> test_tables() { return {"test__big_orders", "test__shop_payments", "test__trade_shop"}; }

class DerivedTableTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!testing::clickhouse_test_location("x").empty()) GTEST_SKIP() << "SQLite updater tests";
    testing::TinyWarehouse tiny("2026-01-01", "2026-01-11");
    for (int i = 1; i <= 6; ++i) {
      const std::string no = "O" + std::to_string(i);
      tiny.add("luckyus_sales_order", "t_order",
               {{"id", int64_t{i}}, {"order_no", no}, {"shop_id", int64_t{i % 2 + 1}}, {"pay_money", int64_t{500 * i}},
                {"tenant", std::string("LKUS")}, {"currency_code", std::string("USD")}, {"status", int64_t{20}}});
      tiny.add("luckyus_sales_payment", "t_trade",
               {{"id", int64_t{i}}, {"trade_no", "T" + std::to_string(i)}, {"order_no", no},
                {"shop_id", int64_t{i % 2 + 1}}, {"amount", int64_t{500 * i}}, {"trade_type", int64_t{1}},
                {"trade_status", int64_t{i == 6 ? 30 : 20}}, {"tenant", std::string("LKUS")},
                {"currency_code", std::string("USD")}, {"pay_time", std::string("2026-01-05 15:00:00")}});
    }
    tiny.open();
    path_ = tiny.path();
  }

  // Every derived table of the warehouse holds what its declaration selects;
  // `computed_stale`: the computed ones (customers__fit) are stale instead, as
  // after commits that changed their sources and before the run's end.
  void expect_all_current(bool computed_stale = false) {
    auto wh = open_warehouse(path_);
    for (const DerivedTable* t : DerivedTableRegistry::instance().list()) {
      if (!t->buildable([&](const std::string& s) { return wh->has_table(s); })) continue;
      if (computed_stale && t->refresh == DerivedRefresh::kComputed) {
        EXPECT_FALSE(derived_current(*wh, t->name())) << t->name();
        EXPECT_EQ(wh->query("SELECT COUNT(*) FROM " + t->name()).int_at(0, 0), 0) << t->name();
        continue;
      }
      EXPECT_EQ(testing::derived_difference(*wh, *t), "");
    }
  }

  int64_t count(const std::string& sql) { return open_warehouse(path_)->query(sql).int_at(0, 0); }

  std::string path_;
};

TEST_F(DerivedTableTest, ALoadMaterialisesEachDeclarationAndReadsGiveTheInlineRows) {
  expect_all_current();
  auto wh = open_warehouse(path_);
  for (const std::string& name : test_tables()) EXPECT_EQ(derived_from(*wh, name).sql, name);
  // shop 1: orders 2, 4 (6 failed); shop 2: 1, 3, 5.
  EXPECT_EQ(count("SELECT payments * 100000 + cents FROM test__shop_payments WHERE shop_id = 1"), 2 * 100000 + 3000);
  EXPECT_EQ(count("SELECT COUNT(*) FROM test__big_orders"), 5);
  const Tool& tool = ToolRegistry::instance().get("test-derived");
  const std::string materialised = render_json(run_tool(tool, *wh, {}));
  // The same warehouse without the versions: read inline, the same report.
  auto updater = open_updater(path_);
  updater->begin();
  updater->execute("DELETE FROM _luckyhub_meta WHERE key LIKE 'derived:test__%'");
  updater->commit();
  updater.reset();
  wh = open_warehouse(path_);
  EXPECT_NE(derived_from(*wh, "test__shop_payments").sql, "test__shop_payments");
  EXPECT_EQ(render_json(run_tool(tool, *wh, {})), materialised);
  EXPECT_NE(materialised.find("\"cents\""), std::string::npos);
}

TEST_F(DerivedTableTest, CommitsRefreshTheRowsTheirChangesFeed) {
  auto updater = open_updater(path_);
  const TableDef& trade = SchemaCatalog::builtin().table("luckyus_sales_payment", "t_trade");
  const TableDef& order = SchemaCatalog::builtin().table("luckyus_sales_order", "t_order");
  updater->begin();
  {
    auto sink = updater->open_merge_sink(trade);
    // Trade 6 succeeds, trade 2 moves to order O5 (shop 2).
    for (const auto& [id, no, shop, status] : std::vector<std::tuple<int64_t, std::string, int64_t, int64_t>>{
             {6, "O6", 1, 20}, {2, "O5", 2, 20}}) {
      sink->set_int(sink->col("id"), id);
      sink->set_text(sink->col("trade_no"), "T" + std::to_string(id));
      sink->set_text(sink->col("order_no"), no);
      sink->set_int(sink->col("shop_id"), shop);
      sink->set_int(sink->col("amount"), 500 * id);
      sink->set_int(sink->col("trade_type"), 1);
      sink->set_int(sink->col("trade_status"), status);
      sink->set_text(sink->col("tenant"), "LKUS");
      sink->set_text(sink->col("currency_code"), "USD");
      sink->set_text(sink->col("pay_time"), "2026-01-05 15:00:00");
      sink->end_row();
    }
    sink->finish();
  }
  updater->execute("DELETE FROM sales_payment__t_trade WHERE id = 1");
  updater->execute("UPDATE sales_order__t_order SET pay_money = 900, shop_id = 7 WHERE id = 3");
  updater->commit();
  // A rolled-back change leaves nothing behind, and the next commit still refreshes.
  updater->begin();
  updater->execute("DELETE FROM sales_order__t_order");
  updater->rollback();
  updater->begin();
  {
    auto sink = updater->open_upsert_sink(order);
    sink->set_int(sink->col("id"), 7);
    sink->set_text(sink->col("order_no"), "O7");
    sink->set_int(sink->col("shop_id"), 3);
    sink->set_int(sink->col("pay_money"), 4000);
    sink->set_text(sink->col("tenant"), "LKXX");
    sink->set_text(sink->col("currency_code"), "USD");
    sink->set_int(sink->col("status"), 20);
    sink->end_row();
    sink->finish();
  }
  updater->commit();
  expect_all_current(/*computed_stale=*/true);
  updater->finish(/*analyze=*/false);  // the run's end computes them again
  updater.reset();

  expect_all_current();
  // Shop 1 now has trades 4 and 6; shop 2 trades 2, 3 and 5 (1 is gone).
  EXPECT_EQ(count("SELECT payments * 100000 + cents FROM test__shop_payments WHERE shop_id = 1"), 2 * 100000 + 5000);
  EXPECT_EQ(count("SELECT payments * 100000 + cents FROM test__shop_payments WHERE shop_id = 2"), 3 * 100000 + 5000);
  EXPECT_EQ(count("SELECT COUNT(*) FROM test__big_orders"), 5);  // 3 fell below $10, 7 came
  EXPECT_EQ(count("SELECT order_shop_id FROM test__trade_shop WHERE id = 3"), 7);  // its order moved shop
  EXPECT_EQ(count("SELECT order_shop_id FROM test__trade_shop WHERE id = 2"), 2);  // it moved order
  // The tenant audit's tables saw the unknown tenant come.
  EXPECT_EQ(count("SELECT COUNT(*) FROM tenant_audit__suspect_rows WHERE tenant = 'LKXX'"), 1);
  EXPECT_EQ(count("SELECT row_count FROM tenant_audit__rows WHERE table_name = 'sales_order__t_order'"
                  " AND tenant = 'LKUS'"),
            6);
}

TEST_F(DerivedTableTest, ASourceCopiedWholeMakesItsTablesStaleUntilFinish) {
  auto updater = open_updater(path_);
  const TableDef& order = SchemaCatalog::builtin().table("luckyus_sales_order", "t_order");
  updater->begin();
  updater->drop_table(order.warehouse_name());
  updater->create_table(order);
  {
    auto sink = updater->open_upsert_sink(order);
    sink->set_int(sink->col("id"), 1);
    sink->set_text(sink->col("order_no"), "O1");
    sink->set_int(sink->col("shop_id"), 1);
    sink->set_int(sink->col("pay_money"), 5000);
    sink->set_text(sink->col("tenant"), "LKUS");
    sink->set_text(sink->col("currency_code"), "USD");
    sink->set_int(sink->col("status"), 20);
    sink->end_row();
    sink->finish();
  }
  updater->commit();
  {
    // Stale: read inline, from the rows there are now.
    auto wh = open_warehouse(path_);
    const Query big = derived_from(*wh, "test__big_orders");
    EXPECT_NE(big.sql, "test__big_orders");
    EXPECT_EQ(wh->query("SELECT COUNT(*) FROM " + big.sql + " d", big.params).int_at(0, 0), 1);
    EXPECT_EQ(derived_from(*wh, "test__shop_payments").sql, "test__shop_payments");  // not a reader of orders
  }
  updater->finish(/*analyze=*/false);
  updater.reset();
  expect_all_current();
  EXPECT_EQ(count("SELECT COUNT(*) FROM test__big_orders"), 1);
}

TEST_F(DerivedTableTest, AChangedDeclarationRebuildsThatTableAlone) {
  auto updater = open_updater(path_);
  updater->begin();
  updater->set_meta(derived_meta_key("test__big_orders"), "an older declaration");
  updater->execute("DELETE FROM test__big_orders");
  updater->execute("UPDATE test__shop_payments SET cents = -1");  // would survive a rebuild of the other alone
  updater->commit();
  updater.reset();
  updater = open_updater(path_);
  updater->finish(/*analyze=*/false);
  updater.reset();
  EXPECT_EQ(count("SELECT COUNT(*) FROM test__big_orders"), 5);
  EXPECT_EQ(count("SELECT COUNT(*) FROM test__shop_payments WHERE cents = -1"), 2);
}

TEST(DerivedTableRegistry, RefusesDeclarationsThatCannotWork) {
  DerivedTable twice = big_orders();
  EXPECT_THROW(DerivedTableRegistry::instance().add(twice), Error);
  DerivedTable bad_key = big_orders();
  bad_key.def.name = "bad_key";
  bad_key.key = {"no_such_column"};
  EXPECT_THROW(DerivedTableRegistry::instance().add(bad_key), Error);
  DerivedTable bad_source = big_orders();
  bad_source.def.name = "bad_source";
  bad_source.sources[0].table = "sales_order__no_such_table";
  EXPECT_THROW(DerivedTableRegistry::instance().add(bad_source), Error);
  EXPECT_THROW(DerivedTableRegistry::instance().get("test__nothing"), Error);
  // A computed table needs its computation and a revision (its code's version).
  DerivedTable computed = big_orders();
  computed.def.name = "computed_without_compute";
  computed.refresh = DerivedRefresh::kComputed;
  computed.revision = "1";
  EXPECT_THROW(DerivedTableRegistry::instance().add(computed), Error);
  computed.compute = [](Warehouse&) { return std::vector<std::vector<SqlValue>>{}; };
  computed.revision = "";
  EXPECT_THROW(DerivedTableRegistry::instance().add(computed), Error);
  // And it has no inline form.
  EXPECT_THROW(derived_from(*open_warehouse(testing::shared_sim().warehouse_path), "customers__fit"), Error);
}

}  // namespace
}  // namespace luckyhub
