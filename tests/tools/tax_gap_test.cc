#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "support/tiny_warehouse.h"
#include "tools/registry.h"
#include "tools/tax_gap/tax_gap.h"

namespace luckyhub {
namespace {

using testing::TinyWarehouse;

class TaxGapTest : public ::testing::Test {
 protected:
  void SetUp() override {
    wh_ = std::make_unique<TinyWarehouse>("2026-01-01", "2026-03-01");
    // A $4.49 latte at 8.875%: round(39.84875) = 40 cents.
    add(1, "LKUS", "USD", 40, 449, 8875, 40, "2026-01-10 15:00:00");   // right
    add(2, "LKUS", "USD", 40, 449, 8875, 0, "2026-01-10 15:00:00");    // missing
    add(3, "LKUS", "USD", 40, 1000, 4000, 40, "2026-02-02 15:00:00");  // wrong rate (state only)
    add(4, "LKUS", "USD", 40, 1000, 8875, 88, "2026-02-02 15:00:00");  // wrong amount: 89 due
    add(5, "LKNZ", "NZD", 40, 1000, 15000, 0, "2026-02-02 15:00:00");  // test tenant: ignored
    add(6, "LKUS", "USD", 50, 1000, 8875, 0, "2026-02-02 15:00:00");   // cancelled: ignored
    warehouse_ = wh_->open();
  }

  void add(int64_t id, const std::string& tenant, const std::string& currency, int64_t status,
           int64_t pay_money, int64_t rate, int64_t tax, const std::string& pay_time) {
    wh_->add("luckyus_sales_order", "t_order",
             {{"id", id}, {"tenant", tenant}, {"order_no", "O" + std::to_string(id)},
              {"currency_code", currency}, {"status", status}, {"pay_money", pay_money + tax},
              {"pay_time", pay_time}});
    wh_->add("luckyus_sales_order", "t_order_item",
             {{"id", id * 10}, {"tenant", tenant}, {"order_id", id}, {"order_no", "O" + std::to_string(id)},
            {"spu_name", "Latte"},
              {"quantity", int64_t{1}}, {"pay_money", pay_money}, {"tax_rate", rate}, {"tax", tax}});
  }

  std::unique_ptr<TinyWarehouse> wh_;
  std::unique_ptr<Warehouse> warehouse_;
};

int64_t tile(const Report& r, const std::string& panel, const std::string& id) {
  for (const KpiTile& k : r.panel(panel)->kpis) {
    if (k.id == id) return std::get<int64_t>(k.value);
  }
  ADD_FAILURE() << "no tile " << id;
  return -1;
}

TEST_F(TaxGapTest, FindsEveryKindOfBadItemAndTheGap) {
  const Report r = run_tool(ToolRegistry::instance().get("tax-gap"), *warehouse_, {});
  // Due: 40 + 40 + 89 + 89 = 258; collected: 40 + 0 + 40 + 88 = 168.
  EXPECT_EQ(tile(r, "summary", "tax_expected"), 258);
  EXPECT_EQ(tile(r, "summary", "tax_collected"), 168);
  EXPECT_EQ(tile(r, "summary", "gap"), 90);
  EXPECT_EQ(tile(r, "summary", "flagged_items"), 3);
  EXPECT_EQ(tile(r, "summary", "fi_tax_rows"), 0);
  const auto& flagged = r.panel("flagged")->table.rows;
  ASSERT_EQ(flagged.size(), 3u);
  EXPECT_EQ(std::get<int64_t>(flagged[0][0]), 20);
  EXPECT_EQ(std::get<std::string>(flagged[0][8]), "missing");
  EXPECT_EQ(std::get<std::string>(flagged[1][8]), "wrong_rate");
  EXPECT_EQ(std::get<std::string>(flagged[2][8]), "wrong_amount");
  EXPECT_EQ(std::get<int64_t>(flagged[2][7]), 89);
}

TEST_F(TaxGapTest, MonthlySummarySplitsJurisdictions) {
  const Report r = run_tool(ToolRegistry::instance().get("tax-gap"), *warehouse_, {});
  const auto& months = r.panel("monthly")->table.rows;
  ASSERT_EQ(months.size(), 2u);
  EXPECT_EQ(std::get<std::string>(months[0][0]), "2026-01");
  EXPECT_EQ(std::get<int64_t>(months[0][4]), 80);   // due in January
  EXPECT_EQ(std::get<int64_t>(months[0][5]), 40);   // gap in January
  // 80 cents due: state 4/8.875 = 36, NYC 4.5/8.875 = 41, MCTD 0.375/8.875 = 3.
  EXPECT_EQ(std::get<int64_t>(months[0][7]), 36);
  EXPECT_EQ(std::get<int64_t>(months[0][8]), 41);
  EXPECT_EQ(std::get<int64_t>(months[0][9]), 3);
  EXPECT_EQ(r.panel("ledger")->table.rows.size(), 2u);
}

TEST_F(TaxGapTest, QuarterlySummaryFollowsNewYorkFilingPeriods) {
  const Report r = run_tool(ToolRegistry::instance().get("tax-gap"), *warehouse_, {});
  const auto& q = r.panel("quarterly")->table.rows;
  ASSERT_EQ(q.size(), 1u);  // January and February 2026 are both in Dec 2025 - Feb 2026
  EXPECT_EQ(std::get<std::string>(q[0][0]), "2025-12");
  EXPECT_EQ(std::get<std::string>(q[0][1]), "Dec-Feb 2026");
  EXPECT_EQ(std::get<std::string>(q[0][2]), "2026-03-20");
  EXPECT_EQ(std::get<int64_t>(q[0][3]), 4);    // taxable items
  EXPECT_EQ(std::get<int64_t>(q[0][6]), 258);  // due
  EXPECT_EQ(std::get<int64_t>(q[0][7]), 90);   // gap
}

TEST_F(TaxGapTest, NzdGstIsIncludedInThePriceAndReportedApart) {
  const Report r = run_tool(ToolRegistry::instance().get("tax-gap"), *warehouse_, {});
  const auto& nz = r.panel("nzd_gst")->table.rows;
  ASSERT_EQ(nz.size(), 1u);
  EXPECT_EQ(std::get<std::string>(nz[0][0]), "2026-02");
  EXPECT_EQ(std::get<int64_t>(nz[0][2]), 1000);
  EXPECT_EQ(std::get<int64_t>(nz[0][4]), 130);  // NZ$10.00 x 3/23 = 1.3043
  EXPECT_EQ(std::get<int64_t>(nz[0][5]), 130);  // none charged
  EXPECT_EQ(tile(r, "summary", "tax_expected"), 258);  // and none of it in the US figures
}

TEST_F(TaxGapTest, EmptyFiTaxIsOneRedAlert) {
  const Report r = run_tool(ToolRegistry::instance().get("tax-gap"), *warehouse_, {});
  const auto& alerts = r.panel("alerts")->alerts;
  ASSERT_FALSE(alerts.empty());
  EXPECT_EQ(alerts[0].title, "luckyus_fi_tax is empty");
  EXPECT_EQ(alerts[0].severity, Status::kRed);
}

// The day the tax integration goes live, the report says which table filled and when.
TEST(TaxGapFiTax, ATableWithRowsRaisesAnAlertNamingItAndItsFirstRow) {
  TinyWarehouse wh("2026-01-01", "2026-03-01");
  wh.add("luckyus_sales_order", "t_order",
         {{"id", int64_t{1}}, {"tenant", "LKUS"}, {"order_no", "O1"}, {"currency_code", "USD"},
          {"status", int64_t{40}}, {"pay_money", int64_t{489}}, {"pay_time", "2026-02-20 13:00:00"}});
  wh.add("luckyus_sales_order", "t_order_item",
         {{"id", int64_t{10}}, {"tenant", "LKUS"}, {"order_id", int64_t{1}}, {"spu_name", "Latte"},
          {"quantity", int64_t{1}}, {"pay_money", int64_t{449}}, {"tax_rate", int64_t{8875}}, {"tax", int64_t{40}}});
  wh.add("luckyus_fi_tax", "t_tax_invoice",
         {{"id", int64_t{1}}, {"tenant", "LKUS"}, {"create_time", "2026-02-20 14:00:00"}});
  wh.add("luckyus_fi_tax", "t_tax_invoice",
         {{"id", int64_t{2}}, {"tenant", "LKUS"}, {"create_time", "2026-02-21 09:30:00"}});
  const auto warehouse = wh.open();
  const Report r = run_tool(ToolRegistry::instance().get("tax-gap"), *warehouse, {});
  EXPECT_EQ(tile(r, "summary", "fi_tax_rows"), 2);
  const auto& alerts = r.panel("alerts")->alerts;
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].title, "luckyus_fi_tax.t_tax_invoice has rows");
  EXPECT_NE(alerts[0].detail.find("2 rows (2 rows of LKUS), the first at 2026-02-20 14:00:00"), std::string::npos)
      << alerts[0].detail;
}

// One row of the NZ test tenant is not the integration going live: the watch
// stays red and says whose row it is, in the singular.
TEST(TaxGapFiTax, OnlyATestTenantsRowStaysRedAndSaysWhoseItIs) {
  TinyWarehouse wh("2026-01-01", "2026-03-01");
  wh.add("luckyus_sales_order", "t_order",
         {{"id", int64_t{1}}, {"tenant", "LKUS"}, {"order_no", "O1"}, {"currency_code", "USD"},
          {"status", int64_t{40}}, {"pay_money", int64_t{489}}, {"pay_time", "2026-02-20 13:00:00"}});
  wh.add("luckyus_sales_order", "t_order_item",
         {{"id", int64_t{10}}, {"tenant", "LKUS"}, {"order_id", int64_t{1}}, {"spu_name", "Latte"},
          {"quantity", int64_t{1}}, {"pay_money", int64_t{449}}, {"tax_rate", int64_t{8875}}, {"tax", int64_t{40}}});
  wh.add("luckyus_fi_tax", "t_tax_declaration",
         {{"id", int64_t{1}}, {"tenant", "LKNZ"}, {"create_time", "2026-02-22 08:00:00"}});
  const auto warehouse = wh.open();
  const Report r = run_tool(ToolRegistry::instance().get("tax-gap"), *warehouse, {});
  EXPECT_EQ(tile(r, "summary", "fi_tax_rows"), 0);
  for (const KpiTile& k : r.panel("summary")->kpis) {
    if (k.id != "fi_tax_rows") continue;
    EXPECT_EQ(k.status, Status::kRed);
    EXPECT_NE(k.note.find("1 row of other tenants"), std::string::npos) << k.note;
  }
  const auto& alerts = r.panel("alerts")->alerts;
  ASSERT_EQ(alerts.size(), 2u);
  EXPECT_EQ(alerts[0].title, "luckyus_fi_tax has no production rows");
  EXPECT_EQ(alerts[0].severity, Status::kRed);
  EXPECT_EQ(alerts[1].title, "luckyus_fi_tax.t_tax_declaration has rows");
  EXPECT_NE(alerts[1].detail.find("1 row (1 row of LKNZ), the first at 2026-02-22 08:00:00"), std::string::npos)
      << alerts[1].detail;
}

// Over-collected tax is owed to the state too: it is shown apart from the
// missing tax, not netted away. One order, 8.875%:
//  $4.49 taxed 40 (due round(39.85) = 40)   - right
//  $10.00 taxed 100 (due round(88.75) = 89) - 11 over
//  $10.00 taxed 0 (due 89)                   - 89 missing
// Collected 140, due 218: net gap 78 = 89 - 11.
TEST(TaxGapSides, MissingAndOverCollectedApartWithTheNet) {
  TinyWarehouse wh("2026-01-01", "2026-03-01");
  wh.add("luckyus_sales_order", "t_order",
         {{"id", int64_t{1}}, {"tenant", "LKUS"}, {"order_no", "O1"}, {"currency_code", "USD"},
          {"status", int64_t{40}}, {"pay_money", int64_t{2589}}, {"pay_time", "2026-02-20 13:00:00"}});
  int64_t id = 10;
  for (const auto& [pay, tax] : {std::pair<int64_t, int64_t>{449, 40}, {1000, 100}, {1000, 0}}) {
    wh.add("luckyus_sales_order", "t_order_item",
           {{"id", id++}, {"tenant", "LKUS"}, {"order_id", int64_t{1}}, {"spu_name", "Latte"},
            {"quantity", int64_t{1}}, {"pay_money", pay}, {"tax_rate", int64_t{8875}}, {"tax", tax}});
  }
  const auto warehouse = wh.open();
  const Report r = run_tool(ToolRegistry::instance().get("tax-gap"), *warehouse, {});
  EXPECT_EQ(tile(r, "summary", "tax_collected"), 140);
  EXPECT_EQ(tile(r, "summary", "tax_expected"), 218);
  EXPECT_EQ(tile(r, "summary", "short"), 89);
  EXPECT_EQ(tile(r, "summary", "over_collected"), 11);
  EXPECT_EQ(tile(r, "summary", "gap"), 78);
}

// An LKUS order in NZD is in neither the US figures nor the NZ GST table: it
// is listed as left out, with the reason. A right NZ order is not.
TEST(TaxGapSides, AnOrderInAnotherCurrencyThanItsTenantsIsListedAsLeftOut) {
  TinyWarehouse wh("2026-01-01", "2026-03-01");
  auto order = [&](int64_t id, const std::string& tenant, const std::string& currency, int64_t pay, int64_t tax) {
    wh.add("luckyus_sales_order", "t_order",
           {{"id", id}, {"tenant", tenant}, {"order_no", "O" + std::to_string(id)}, {"currency_code", currency},
            {"status", int64_t{40}}, {"pay_money", pay + tax}, {"pay_time", "2026-02-20 13:00:00"}});
    wh.add("luckyus_sales_order", "t_order_item",
           {{"id", id * 10}, {"tenant", tenant}, {"order_id", id}, {"order_no", "O" + std::to_string(id)},
            {"spu_name", "Latte"},
            {"quantity", int64_t{1}}, {"pay_money", pay}, {"tax_rate", int64_t{8875}}, {"tax", tax}});
  };
  order(1, "LKUS", "USD", 449, 40);
  order(2, "LKUS", "NZD", 1000, 0);
  order(3, "LKNZ", "NZD", 1150, 0);
  const auto warehouse = wh.open();
  const Report r = run_tool(ToolRegistry::instance().get("tax-gap"), *warehouse, {});
  EXPECT_EQ(tile(r, "summary", "tax_expected"), 40);
  const Panel* excluded = r.panel("excluded");
  ASSERT_NE(excluded, nullptr);
  ASSERT_EQ(excluded->table.rows.size(), 1u);
  const auto& row = excluded->table.rows[0];
  EXPECT_EQ(std::get<std::string>(row[0]), "O2");
  EXPECT_EQ(std::get<std::string>(row[1]), "LKUS");
  EXPECT_EQ(std::get<std::string>(row[2]), "NZD");
  EXPECT_EQ(std::get<std::string>(row[3]), "2026-02-20");
  EXPECT_EQ(std::get<int64_t>(row[4]), 1);
  EXPECT_EQ(std::get<int64_t>(row[5]), 1000);
  EXPECT_NE(std::get<std::string>(row[7]).find("LKUS books in USD"), std::string::npos);
}

// tax_info against New York's split (NY_STATE 4%, NYC 4.5%, MCTD 0.375%).
TEST(TaxGapSplit, JudgesTheJurisdictionsAndTheirSum) {
  using tax_gap::judge_tax_info;
  EXPECT_EQ(judge_tax_info(R"({"NY_STATE":0.04000,"NYC":0.04500,"MCTD":0.00375})", 8875), "");
  EXPECT_EQ(judge_tax_info(R"({"MCTD": 0.00375, "NYC": 0.045, "NY_STATE": 0.04})", 8875), "");  // order, format
  EXPECT_EQ(judge_tax_info(R"({"NY_STATE":0.04000,"NYC":0.04500})", 8875),
            "MCTD (0.375%) missing; the rates add up to 8.5%, not the item's 8.875%");
  EXPECT_EQ(judge_tax_info(R"({"NY_STATE":0.04375,"NYC":0.04500})", 8875),
            "NY_STATE at 4.375%, not 4%; MCTD (0.375%) missing");
  EXPECT_EQ(judge_tax_info(R"({"NY_STATE":0.04,"NYC":0.045,"MCTD":0.00375,"NJ":0.01})", 8875),
            "NJ (1%) is not a New York jurisdiction; the rates add up to 9.875%, not the item's 8.875%");
  EXPECT_EQ(judge_tax_info("[0.08875]", 8875), "not an object of jurisdiction → rate");
  EXPECT_EQ(judge_tax_info("{not json", 8875), "not an object of jurisdiction → rate");
  EXPECT_EQ(judge_tax_info(R"({"NYC":"4.5%"})", 8875), "the rate of NYC is not a number");
  // Another rate than New York City's: only the sum is checked.
  EXPECT_EQ(judge_tax_info(R"({"US_DEFAULT":0.05000})", 5000), "");
  EXPECT_EQ(judge_tax_info(R"({"US_DEFAULT":0.05000})", 4000), "the rates add up to 5%, not the item's 4%");
}

// Listed: an item taxed right whose split leaves MCTD out. Not listed: the
// canonical split, the same split written otherwise, no tax_info, and an
// item at another rate (already flagged as wrong_rate).
TEST(TaxGapSplit, ListsTheItemsWhoseSplitIsNotNewYorks) {
  TinyWarehouse wh("2026-01-01", "2026-03-01");
  wh.add("luckyus_sales_order", "t_order",
         {{"id", int64_t{1}}, {"tenant", "LKUS"}, {"order_no", "O1"}, {"currency_code", "USD"},
          {"status", int64_t{40}}, {"pay_money", int64_t{2000}}, {"pay_time", "2026-02-20 13:00:00"}});
  const std::pair<int64_t, std::optional<std::string>> items[] = {
      {8875, R"({"NY_STATE":0.04000,"NYC":0.04500,"MCTD":0.00375})"},
      {8875, R"({"MCTD": 0.00375, "NYC": 0.045, "NY_STATE": 0.04})"},
      {8875, std::nullopt},
      {8875, R"({"NY_STATE":0.04000,"NYC":0.04500})"},
      {4000, R"({"US_DEFAULT":0.04000})"}};
  int64_t id = 10;
  for (const auto& [rate, info] : items) {
    std::map<std::string, SqlValue> row = {
        {"id", id++}, {"tenant", "LKUS"}, {"order_id", int64_t{1}}, {"order_no", "O1"}, {"spu_name", "Latte"},
        {"quantity", int64_t{1}}, {"pay_money", int64_t{400}}, {"tax_rate", rate}, {"tax", rate == 8875 ? 36 : 16}};
    if (info) row["tax_info"] = *info;
    wh.add("luckyus_sales_order", "t_order_item", row);
  }
  const auto warehouse = wh.open();
  const Report r = run_tool(ToolRegistry::instance().get("tax-gap"), *warehouse, {});
  const auto& rows = r.panel("tax_info")->table.rows;
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(std::get<int64_t>(rows[0][0]), 13);
  EXPECT_EQ(std::get<std::string>(rows[0][4]), R"({"NY_STATE":0.04000,"NYC":0.04500})");
  EXPECT_EQ(std::get<std::string>(rows[0][5]), "MCTD (0.375%) missing; the rates add up to 8.5%, not the item's 8.875%");
  bool alerted = false;
  for (const Alert& a : r.panel("alerts")->alerts) alerted = alerted || a.title == "1 item with a wrong split by jurisdiction";
  EXPECT_TRUE(alerted);
}

// An order's breakdown (t_order_amount.tax_amount) against its items' tax:
// listed when they differ, for paid USD orders of the production tenant in
// the window only.
TEST(TaxGapOrders, AnOrderWhoseBreakdownTaxIsNotItsItemsIsListed) {
  TinyWarehouse wh("2026-01-01", "2026-03-01");
  auto order = [&](int64_t id, const std::string& tenant, const std::string& currency, int64_t status,
                   std::vector<int64_t> item_taxes, int64_t amount_tax) {
    const std::string no = "O" + std::to_string(id);
    wh.add("luckyus_sales_order", "t_order",
           {{"id", id}, {"tenant", tenant}, {"order_no", no}, {"currency_code", currency}, {"status", status},
            {"pay_money", int64_t{1000}}, {"pay_time", "2026-02-20 13:00:00"}});
    int64_t item = id * 10;
    for (int64_t tax : item_taxes) {
      wh.add("luckyus_sales_order", "t_order_item",
             {{"id", item++}, {"tenant", tenant}, {"order_id", id}, {"order_no", no}, {"spu_name", "Latte"},
              {"quantity", int64_t{1}}, {"pay_money", int64_t{449}}, {"tax_rate", int64_t{8875}}, {"tax", tax}});
    }
    wh.add("luckyus_sales_order", "t_order_amount",
           {{"id", id}, {"tenant", tenant}, {"order_id", id}, {"order_no", no}, {"currency_code", currency},
            {"tax_amount", amount_tax}});
  };
  order(1, "LKUS", "USD", 40, {40, 36}, 75);  // one cent short of its items
  order(2, "LKUS", "USD", 40, {40}, 40);      // agrees
  order(3, "LKUS", "USD", 50, {40}, 41);      // cancelled: never paid
  order(4, "LKNZ", "NZD", 40, {40}, 99);      // the test tenant
  order(5, "LKUS", "USD", 60, {}, 12);        // refunded (was paid), no items: 0 against 12
  const auto warehouse = wh.open();
  const Report r = run_tool(ToolRegistry::instance().get("tax-gap"), *warehouse, {});
  const auto& rows = r.panel("order_tax")->table.rows;
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(std::get<std::string>(rows[0][0]), "O1");
  EXPECT_EQ(std::get<std::string>(rows[0][1]), "2026-02-20");
  EXPECT_EQ(std::get<int64_t>(rows[0][2]), 76);
  EXPECT_EQ(std::get<int64_t>(rows[0][3]), 75);
  EXPECT_EQ(std::get<int64_t>(rows[0][4]), -1);
  EXPECT_EQ(std::get<std::string>(rows[1][0]), "O5");
  EXPECT_EQ(std::get<int64_t>(rows[1][2]), 0);
  EXPECT_EQ(std::get<int64_t>(rows[1][4]), 12);
  bool alerted = false;
  for (const Alert& a : r.panel("alerts")->alerts) {
    alerted = alerted || a.title == "2 orders whose tax breakdown disagrees with their items";
  }
  EXPECT_TRUE(alerted);
}

// A day's tax collected (its paid items') against its sales bills' tax:
// listed when they differ. The 20th agrees; the 21st is booked twice (its
// refund's tax shown apart); the 22nd has no bill; a reversed bill, an NZD
// bill and a day with neither orders nor tax are not differences.
TEST(TaxGapBooked, TheDaysWhoseSalesBillsBookAnotherTaxThanTheItems) {
  TinyWarehouse wh("2026-01-01", "2026-03-01");
  auto order = [&](int64_t id, const std::string& paid, int64_t tax) {
    const std::string no = "O" + std::to_string(id);
    wh.add("luckyus_sales_order", "t_order",
           {{"id", id}, {"tenant", "LKUS"}, {"order_no", no}, {"currency_code", "USD"}, {"status", int64_t{40}},
            {"pay_money", int64_t{1000}}, {"pay_time", paid}});
    wh.add("luckyus_sales_order", "t_order_item",
           {{"id", id * 10}, {"tenant", "LKUS"}, {"order_id", id}, {"order_no", no}, {"spu_name", "Latte"},
            {"quantity", int64_t{1}}, {"pay_money", int64_t{449}}, {"tax_rate", int64_t{8875}}, {"tax", tax}});
  };
  int64_t bill = 0;
  auto book = [&](const std::string& day, int64_t type, int64_t tax, int64_t status,
                  const std::string& currency = "USD") {
    ++bill;
    wh.add("luckyus_ifiaccounting", "t_acc_income_bill",
           {{"id", bill}, {"tenant", "LKUS"}, {"bill_no", "IB" + std::to_string(bill)}, {"shop_id", int64_t{1}},
            {"biz_date", day}, {"biz_hour", int64_t{9}}, {"bill_type", type}, {"channel_id", int64_t{3}},
            {"trade_cnt", int64_t{1}}, {"amount", int64_t{0}}, {"tax_amount", tax}, {"currency_code", currency},
            {"sales_source", int64_t{1}}, {"status", status}});
  };
  order(1, "2026-02-20 15:00:00", 40);
  book("2026-02-20", 1, 40, 20);
  book("2026-02-20", 1, 40, 30);           // reversed
  book("2026-02-20", 1, 55, 20, "NZD");    // another currency
  order(2, "2026-02-21 15:00:00", 36);
  book("2026-02-21", 1, 36, 20);
  book("2026-02-21", 1, 36, 10);           // the same, again (pending)
  book("2026-02-21", 2, -36, 20);          // a refund
  order(3, "2026-02-22 15:00:00", 10);     // no bill
  book("2026-02-23", 1, 0, 20);            // a bill of no tax on a day of no orders
  const auto warehouse = wh.open();
  const Report r = run_tool(ToolRegistry::instance().get("tax-gap"), *warehouse, {});
  const auto& rows = r.panel("booked_tax")->table.rows;
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(std::get<std::string>(rows[0][0]), "2026-02-21");
  EXPECT_EQ(std::get<int64_t>(rows[0][1]), 36);
  EXPECT_EQ(std::get<int64_t>(rows[0][2]), 72);
  EXPECT_EQ(std::get<int64_t>(rows[0][3]), 36);
  EXPECT_EQ(std::get<int64_t>(rows[0][4]), -36);
  EXPECT_EQ(std::get<int64_t>(rows[0][5]), 1);
  EXPECT_EQ(std::get<std::string>(rows[1][0]), "2026-02-22");
  EXPECT_EQ(std::get<int64_t>(rows[1][2]), 0);
  EXPECT_EQ(std::get<int64_t>(rows[1][3]), -10);
  bool alerted = false;
  for (const Alert& a : r.panel("alerts")->alerts) {
    alerted = alerted || a.title == "2 days whose booked tax differs from the tax collected";
  }
  EXPECT_TRUE(alerted);
}

}  // namespace
}  // namespace luckyhub
