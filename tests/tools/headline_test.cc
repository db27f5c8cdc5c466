// Every tool's headline against its full report: each figure of the home
// tile must equal, in value, type and status, the tile it names in the JSON of
// the tool's report run with the figure's parameters (the tool's own compute:
// an independent path to the same number).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "report/render.h"
#include "support/shared_sim.h"
#include "support/tiny_warehouse.h"
#include "tools/registry.h"
#include "warehouse/sqlite/sqlite_db.h"

namespace luckyhub::testing {
namespace {

using nlohmann::json;

const std::vector<std::string> kToolsWithHeadlines = {
    "fleet-health", "tenant-audit", "redis-console", "reconciliation", "payment-fees", "tax-gap", "menu", "production-time",
    "forecast-accuracy", "suppliers", "inventory", "machines", "staffing", "stores", "campaigns", "channels",
    "recommendations"};

json tile_in(const json& report, const std::string& panel_id, const std::string& tile_id) {
  for (const json& panel : report["panels"]) {
    if (panel["id"] != panel_id) continue;
    for (const json& tile : panel["tiles"]) {
      if (tile["id"] == tile_id) return tile;
    }
  }
  return nullptr;
}

// The figure as the home document renders it (through the report's renderer).
json figure_json(const HeadlineFigure& figure) {
  Report holder;
  holder.panels.push_back({.id = "headline", .kind = PanelKind::kKpis, .kpis = {figure.tile}});
  return report_to_json(holder)["panels"][0]["tiles"][0];
}

// Runs the tool's headline and, for each figure, the tool's report; returns
// how many figures were checked.
size_t expect_headline_equals_report(const std::string& tool_id, Warehouse& warehouse) {
  const Tool& tool = ToolRegistry::instance().get(tool_id);
  const Headline headline = run_headline(tool, warehouse);
  for (const HeadlineFigure& figure : headline.figures) {
    const json report = json::parse(render_json(run_tool(tool, warehouse, figure.params)));
    const json expected = tile_in(report, figure.panel, figure.tile.id);
    SCOPED_TRACE(tool_id + " " + figure.panel + "." + figure.tile.id + " of " +
                 json(figure.params).dump());
    EXPECT_FALSE(expected.is_null()) << "the report has no such tile";
    if (expected.is_null()) continue;
    const json actual = figure_json(figure);
    for (const char* field : {"value", "type", "currency", "unit", "status"}) {
      EXPECT_EQ(actual.value(field, json()), expected.value(field, json())) << field;
    }
  }
  return headline.figures.size();
}

class HeadlineTest : public ::testing::TestWithParam<std::string> {};

TEST_P(HeadlineTest, EveryFigureEqualsItsTileInTheReport) {
  auto warehouse = open_shared_warehouse();
  EXPECT_GE(expect_headline_equals_report(GetParam(), *warehouse), 2u);
}

INSTANTIATE_TEST_SUITE_P(SharedSimulation, HeadlineTest, ::testing::ValuesIn(kToolsWithHeadlines),
                         [](const auto& info) {
                           std::string name = info.param;
                           for (char& c : name) c = c == '-' ? '_' : c;
                           return name;
                         });

TEST(HeadlineRegistryTest, EveryHeadlineNamesARegisteredTool) {
  EXPECT_EQ(ToolRegistry::instance().orphan_headlines(), std::vector<std::string>{});
  for (const std::string& id : kToolsWithHeadlines)
    EXPECT_NE(ToolRegistry::instance().headline(id), nullptr) << id;
}

TEST(HeadlineRegistryTest, ComputesNoReport) {
  auto warehouse = open_shared_warehouse();
  const uint64_t before = ToolRegistry::instance().computations();
  for (const Tool* tool : ToolRegistry::instance().list()) run_headline(*tool, *warehouse);
  EXPECT_EQ(ToolRegistry::instance().computations(), before);
}

TEST(HeadlinePeriodTest, LastFullMonthEndsBeforeAsOf) {
  TinyWarehouse mid("2025-10-01", "2026-02-13");
  auto w = mid.open();
  const HeadlinePeriod month = last_full_month(*w);
  EXPECT_EQ(month.from.str(), "2026-01-01");
  EXPECT_EQ(month.to.str(), "2026-02-01");
  EXPECT_EQ(month.label, "January 2026");
  TinyWarehouse first("2025-10-01", "2026-01-01");  // data through 31 December
  auto w2 = first.open();
  EXPECT_EQ(last_full_month(*w2).from.str(), "2025-12-01");
  EXPECT_EQ(last_full_month(*w2).params(),
            (std::map<std::string, std::string>{{"from", "2025-12-01"}, {"to", "2026-01-01"}}));
  EXPECT_EQ(last_days(*w2, 7).from.str(), "2025-12-25");
}

// The shared simulation's last week reconciles cleanly; here the week holds
// one break of each side, so that the count is compared where it is not 0.
// Day 2026-01-05 (New York), store 1, channel 53:
//  O1 $4.00 paid by T1, its hour's bill $5.00 (T1 + T5)  - clean order
//  O3 $6.00, no trade                                   - order_without_trade
//  T5 $1.00 for an order that does not exist            - trade_without_order
//  T7 $3.00 for O7 in hour 11, which has no bill        - missing_income_bill
TEST(ReconciliationHeadlineTest, CountsTheWeeksBreaksAsTheReportDoes) {
  TinyWarehouse tiny("2025-12-01", "2026-01-06");
  auto order = [&](int64_t id, int64_t cents, const std::string& pay_time) {
    tiny.add("luckyus_sales_order", "t_order",
             {{"id", id},
              {"tenant", "LKUS"},
              {"order_no", "O" + std::to_string(id)},
              {"shop_id", int64_t{1}},
              {"currency_code", "USD"},
              {"status", int64_t{40}},
              {"pay_money", cents},
              {"pay_time", pay_time}});
  };
  auto trade = [&](int64_t id, const std::string& order_no, int64_t cents,
                   const std::string& pay_time) {
    tiny.add("luckyus_sales_payment", "t_trade",
             {{"id", id},
              {"tenant", "LKUS"},
              {"trade_no", "T" + std::to_string(id)},
              {"order_no", order_no},
              {"shop_id", int64_t{1}},
              {"channel_id", int64_t{53}},
              {"trade_type", int64_t{1}},
              {"trade_status", int64_t{20}},
              {"amount", cents},
              {"currency_code", "USD"},
              {"pay_time", pay_time}});
    tiny.add("luckyus_sales_payment", "t_channel_fee",
             {{"id", id},
              {"tenant", "LKUS"},
              {"trade_no", "T" + std::to_string(id)},
              {"channel_id", int64_t{53}},
              {"currency_code", "USD"},
              {"amount", cents},
              {"total_fee", cents / 50},
              {"fee_date", "2026-01-05"}});
  };
  order(1, 400, "2026-01-05 15:00:00");
  order(3, 600, "2026-01-05 15:02:00");
  order(7, 300, "2026-01-05 16:00:00");
  trade(1, "O1", 400, "2026-01-05 15:00:00");
  trade(5, "O5", 100, "2026-01-05 15:05:00");
  trade(7, "O7", 300, "2026-01-05 16:00:00");
  tiny.add("luckyus_ifiaccounting", "t_acc_income_bill",
           {{"id", int64_t{1}},
            {"tenant", "LKUS"},
            {"bill_no", "B1"},
            {"shop_id", int64_t{1}},
            {"biz_date", "2026-01-05"},
            {"biz_hour", int64_t{10}},
            {"bill_type", int64_t{1}},
            {"channel_id", int64_t{53}},
            {"amount", int64_t{500}},
            {"currency_code", "USD"},
            {"sales_source", int64_t{1}},
            {"status", int64_t{20}}});
  // The day's fees (8 + 2 + 6 cents), booked: the cost side is clean.
  tiny.add("luckyus_ifiaccounting", "t_acc_cost_bill",
           {{"id", int64_t{1}},
            {"tenant", "LKUS"},
            {"bill_no", "C1"},
            {"biz_date", "2026-01-05"},
            {"cost_type", int64_t{3}},
            {"amount", int64_t{16}},
            {"currency_code", "USD"},
            {"status", int64_t{20}}});
  auto warehouse = tiny.open();
  EXPECT_EQ(expect_headline_equals_report("reconciliation", *warehouse), 2u);
  const Headline h = run_headline(ToolRegistry::instance().get("reconciliation"), *warehouse);
  EXPECT_EQ(h.figures[0].tile.value, Cell{int64_t{3}});
  EXPECT_EQ(h.figures[1].tile.value, Cell{int64_t{800}});
}

// The orders' store-currency check runs only when the orders' database passes
// on its tenants: here it does (one LKUS order in USD), but its store takes NZD.
TEST(TenantAuditHeadlineTest, AnOrderInAnotherCurrencyThanItsStoreFailsItsDatabase) {
  TinyWarehouse tiny("2026-01-01", "2026-01-06");
  tiny.add("luckyus_opshop", "t_shop_info",
           {{"id", int64_t{1}},
            {"tenant", "LKNZ"},
            {"currency_code", "NZD"},
            {"shop_name", "Auckland"}});
  tiny.add("luckyus_sales_order", "t_order",
           {{"id", int64_t{1}},
            {"tenant", "LKUS"},
            {"order_no", "O1"},
            {"shop_id", int64_t{1}},
            {"currency_code", "USD"},
            {"status", int64_t{40}},
            {"pay_money", int64_t{400}},
            {"pay_time", "2026-01-05 15:00:00"}});
  auto warehouse = tiny.open();
  EXPECT_EQ(expect_headline_equals_report("tenant-audit", *warehouse), 2u);
  const Headline h = run_headline(ToolRegistry::instance().get("tenant-audit"), *warehouse);
  EXPECT_EQ(h.figures[0].tile.value, Cell{int64_t{1}});
}

TEST(TenantAuditHeadlineTest, WithoutTheTenantCountsLeavesTheFiguresToTheReport) {
  const std::string copy = temp_dir() + "/unprofiled.db";
  {
    TinyWarehouse tiny("2026-01-01", "2026-01-06");
    tiny.add("luckyus_sales_order", "t_order",
             {{"id", int64_t{1}}, {"tenant", "LKUS"}, {"currency_code", "USD"}});
    tiny.open();
    std::filesystem::copy_file(tiny.path(), copy);
  }
  SqliteDb(copy, SQLITE_OPEN_READWRITE)
      .exec("DELETE FROM _luckyhub_meta WHERE key = 'derived:tenant_audit__rows'");
  auto warehouse = open_warehouse(copy);
  const Headline h = run_headline(ToolRegistry::instance().get("tenant-audit"), *warehouse);
  EXPECT_TRUE(h.figures.empty());
  EXPECT_NE(h.note.find("does not keep the audit's tenant counts"), std::string::npos) << h.note;
}

}  // namespace
}  // namespace luckyhub::testing
