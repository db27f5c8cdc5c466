// Tool 9, Tax Compliance Gap Tracker (id "tax-gap"): sales tax collected on
// paid USD orders against what New York State + New York City (+ MCTD) rates
// say it should be, the items whose tax is missing or wrong, a monthly summary
// for filing preparation, a daily synthetic tax ledger, and whether the empty
// luckyus_fi_tax invoice tables have started to fill.
//
// Items of paid orders count (rules::paid_order, which takes in refunded
// orders: a refunded order was paid, and its tax was charged). An item is taxable when pay_money > 0.
// Expected tax is round_half_up(pay_money x rate) per item, in cents. An
// item is flagged
//   missing      when its tax is NULL or 0 although tax is due,
//   wrong_rate   when its tax_rate is not the expected rate,
//   wrong_amount when its tax is not round_half_up(pay_money x its own tax_rate).
#include <cmath>
#include <cstdio>
#include <string>

#include "core/money.h"
#include "domain/order_rules.h"
#include "domain/tenants.h"
#include "tools/registry.h"
#include "tools/window.h"
#include "warehouse/wide_tables.h"

namespace luckyhub::tax_gap {
namespace {

constexpr int kRateScale = 100000;  // tax_rate is DECIMAL(6,5)
constexpr size_t kMaxListedItems = 5000;

// The New York jurisdictions behind the combined 8.875% rate.
struct Jurisdiction {
  const char* id;
  const char* name;
  int64_t rate_e5;
};
constexpr Jurisdiction kJurisdictions[] = {
    {"ny_state", "New York State", 4000},
    {"nyc", "New York City", 4500},
    {"mctd", "Metropolitan Commuter Transportation District", 375},
};

// Paid items of a tenant in its currency (the production tenant in USD by
// default), paid in the window: the items with their order (kItemOrders).
// `select` and `tail` complete the statement.
Query paid_items(const Dialect& d, const Window& w, const std::string& select, const std::string& tail,
                 const std::string& tenant = "LKUS", const std::string& currency = "USD") {
  return {"SELECT " + select + R"(
      FROM )" + wide_from(d, kItemOrders) + R"( i
      WHERE i.order_tenant = ? AND i.order_currency_code = ? AND )" + rules::paid_order_status("i.order_status") + R"(
        AND )" + w.range(d, "i.order_pay_time") + R"( AND i.pay_money > 0 )" + tail,
          {tenant, currency, w.utc_from(), w.utc_to()}};
}

// New York files sales tax quarterly for the periods Mar-May, Jun-Aug,
// Sep-Nov and Dec-Feb, each due on the 20th of the month after it ends.
struct FilingQuarter {
  std::string id;        // first month of the period, 'YYYY-MM'
  std::string label;     // 'Jun-Aug 2025'
  std::string due_date;  // 'YYYY-MM-20'
};

FilingQuarter filing_quarter(const std::string& month) {
  static const char* kNames[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  int y = std::stoi(month.substr(0, 4)), m = std::stoi(month.substr(5, 2));
  // Months back to the period's first: Mar->0, Apr->1, ..., Feb->2.
  const int back = (m + 12 - 3) % 3;
  int fy = y, fm = m - back;
  if (fm <= 0) fm += 12, fy -= 1;
  int ly = fy, lm = fm + 2;
  if (lm > 12) lm -= 12, ly += 1;
  int dy = ly, dm = lm + 1;
  if (dm > 12) dm -= 12, dy += 1;
  char id[32], label[48], due[32];
  std::snprintf(id, sizeof id, "%04d-%02d", fy, fm);
  std::snprintf(label, sizeof label, "%s-%s %d", kNames[fm - 1], kNames[lm - 1], ly);
  std::snprintf(due, sizeof due, "%04d-%02d-20", dy, dm);
  return {id, label, due};
}

std::string rounded_tax(const Dialect& d, const std::string& rate) {
  return d.int_div("i.pay_money * " + rate + " + 50000", std::to_string(kRateScale));
}

std::string flag_condition(const Dialect& d, int64_t rate_e5) {
  return "((COALESCE(i.tax, 0) = 0 AND " + rounded_tax(d, std::to_string(rate_e5)) +
         " > 0) OR i.tax_rate IS NULL OR i.tax_rate <> " + std::to_string(rate_e5) +
         " OR COALESCE(i.tax, 0) <> " + rounded_tax(d, "i.tax_rate") + ")";
}

// A luckyus_fi_tax table that holds rows, with when its first row came.
struct FiTaxTable {
  std::string table;
  int64_t rows = 0;
  std::string first_row;  // earliest create_time, UTC
};

std::vector<FiTaxTable> fi_tax_tables(Warehouse& wh) {
  std::vector<FiTaxTable> out;
  for (const TableDef& t : SchemaCatalog::builtin().tables()) {
    if (t.database != "luckyus_fi_tax" || !wh.has_table(t.warehouse_name())) continue;
    const ResultSet r = wh.query("SELECT COUNT(*), MIN(create_time) FROM " + t.warehouse_name());
    if (r.int_at(0, 0) > 0) out.push_back({t.name, r.int_at(0, 0), r.text_at(0, 1)});
  }
  return out;
}

Report compute(Warehouse& wh, const Params& params) {
  const Window w = report_window(wh, params);
  const int64_t rate_e5 = std::llround(params.number("rate") * kRateScale);
  const Dialect& d = wh.dialect();
  const std::string expected = rounded_tax(d, std::to_string(rate_e5));
  const std::string flagged = flag_condition(d, rate_e5);
  const std::string month = d.ny_month("i.order_pay_time");
  const std::string day = d.ny_date("i.order_pay_time");

  // One batch (Warehouse::query_all, the scans at once): the items by New
  // York day (the months are sums of their days), the NZ test tenant's items
  // by month (for GST, below), the flagged items.
  const std::string gst_due = d.int_div("i.pay_money * 6 + 23", "46");  // round(pay x 3/23), half up
  const std::vector<ResultSet> results = wh.query_all({
      paid_items(d, w,
                 day + " AS d, COUNT(*), SUM(i.pay_money), SUM(COALESCE(i.tax, 0)), SUM(" + expected +
                     "), SUM(CASE WHEN " + flagged + " THEN 1 ELSE 0 END)",
                 "GROUP BY d ORDER BY d"),
      paid_items(d, w, month + " AS m, COUNT(*), SUM(i.pay_money), SUM(COALESCE(i.tax, 0)), SUM(" + gst_due + ")",
                 "GROUP BY m ORDER BY m", tenant_for_currency("NZD"), "NZD"),
      paid_items(d, w,
                 "i.id, i.order_no, " + day + ", i.spu_name, i.pay_money, i.tax_rate, i.tax, " + expected + R"(,
       CASE WHEN COALESCE(i.tax, 0) = 0 AND )" + expected + R"( > 0 THEN 'missing'
            WHEN i.tax_rate IS NULL OR i.tax_rate <> )" + std::to_string(rate_e5) + R"( THEN 'wrong_rate'
            ELSE 'wrong_amount' END)",
                 "AND " + flagged + " ORDER BY i.id LIMIT " + std::to_string(kMaxListedItems + 1)),
  });
  const ResultSet& daily = results[0];
  const ResultSet& nz = results[1];
  const ResultSet& list = results[2];
  struct Sums {
    std::string month;
    int64_t items = 0, sales = 0, collected = 0, due = 0, flagged = 0;
  };
  std::vector<Sums> monthly;
  for (size_t r = 0; r < daily.size(); ++r) {
    const std::string m = daily.text_at(r, 0).substr(0, 7);
    if (monthly.empty() || monthly.back().month != m) monthly.push_back({m});
    Sums& x = monthly.back();
    x.items += daily.int_at(r, 1);
    x.sales += daily.int_at(r, 2);
    x.collected += daily.int_at(r, 3);
    x.due += daily.int_at(r, 4);
    x.flagged += daily.int_at(r, 5);
  }
  int64_t items = 0, sales = 0, collected = 0, due = 0, flagged_items = 0;
  Panel months{.id = "monthly", .title = "Monthly sales tax summary", .kind = PanelKind::kTable};
  months.description = "For filing preparation: taxable sales, tax collected and tax due at " +
                       format_decimal(rate_e5, 5) + ", by New York month of payment.";
  months.table.columns = {{"month", "Month", ValueType::kMonth},
                          {"taxable_items", "Taxable items", ValueType::kInt},
                          {"taxable_sales_cents", "Taxable sales", ValueType::kMoney, "USD"},
                          {"tax_collected_cents", "Tax collected", ValueType::kMoney, "USD"},
                          {"tax_expected_cents", "Tax due", ValueType::kMoney, "USD"},
                          {"gap_cents", "Gap (due - collected)", ValueType::kMoney, "USD"},
                          {"flagged_items", "Flagged items", ValueType::kInt}};
  for (const Jurisdiction& j : kJurisdictions) {
    months.table.columns.push_back({std::string(j.id) + "_due_cents", std::string(j.name) + " due",
                                    ValueType::kMoney, "USD"});
  }
  Panel trend{.id = "gap_trend", .title = "Tax collected vs due by month", .kind = PanelKind::kBar};
  trend.series.x_label = "month";
  trend.series.x_type = ValueType::kMonth;
  Series s_collected{"collected", "Collected", ValueType::kMoney, "USD"};
  Series s_due{"due", "Due", ValueType::kMoney, "USD"};
  for (const Sums& x : monthly) {
    const int64_t m_sales = x.sales, m_collected = x.collected, m_due = x.due;
    std::vector<Cell> row = {x.month, x.items, m_sales, m_collected, m_due, m_due - m_collected, x.flagged};
    // The jurisdictions' shares of the tax due, in proportion to their rates.
    for (const Jurisdiction& j : kJurisdictions) row.push_back(mul_div_round(m_due, j.rate_e5, rate_e5));
    months.table.rows.push_back(row);
    trend.series.x.push_back(x.month);
    s_collected.values.push_back(m_collected);
    s_due.values.push_back(m_due);
    items += x.items;
    sales += m_sales;
    collected += m_collected;
    due += m_due;
    flagged_items += x.flagged;
  }
  trend.series.series = {s_collected, s_due};

  // The quarterly filing summary: the monthly rows summed by filing period.
  Panel quarters{.id = "quarterly", .title = "Quarterly filing summary (NY sales tax periods)",
                 .kind = PanelKind::kTable};
  quarters.description = "New York's quarterly periods (Mar-May, Jun-Aug, Sep-Nov, Dec-Feb), each due on "
                         "the 20th of the month after it ends.";
  quarters.table.columns = {{"first_month", "From", ValueType::kMonth},
                            {"period", "Period", ValueType::kText},
                            {"due_date", "Return due", ValueType::kDate}};
  for (size_t c = 1; c < months.table.columns.size(); ++c) quarters.table.columns.push_back(months.table.columns[c]);
  for (const auto& row : months.table.rows) {
    const FilingQuarter q = filing_quarter(std::get<std::string>(row[0]));
    auto& rows = quarters.table.rows;
    if (rows.empty() || std::get<std::string>(rows.back()[0]) != q.id) {
      std::vector<Cell> fresh = {q.id, q.label, q.due_date};
      for (size_t c = 1; c < row.size(); ++c) fresh.push_back(int64_t{0});
      rows.push_back(fresh);
    }
    for (size_t c = 1; c < row.size(); ++c) {
      std::get<int64_t>(rows.back()[c + 2]) += std::get<int64_t>(row[c]);
    }
  }

  // New Zealand test rows: prices include 15% GST (price x 3/23), reported
  // apart and never mixed into the US figures.
  Panel gst{.id = "nzd_gst", .title = "New Zealand test tenant: GST (reported apart)", .kind = PanelKind::kTable};
  gst.description = "LKNZ test data in NZD: prices include 15% GST, so GST due is the price x 3/23. "
                    "Not part of any US figure.";
  gst.table.columns = {{"month", "Month", ValueType::kMonth},
                       {"items", "Items", ValueType::kInt},
                       {"sales_incl_gst_cents", "Sales incl. GST", ValueType::kMoney, "NZD"},
                       {"gst_charged_cents", "GST charged", ValueType::kMoney, "NZD"},
                       {"gst_due_cents", "GST due (3/23)", ValueType::kMoney, "NZD"},
                       {"gst_gap_cents", "Gap (due - charged)", ValueType::kMoney, "NZD"}};
  for (size_t r = 0; r < nz.size(); ++r) {
    gst.table.rows.push_back({nz.text_at(r, 0), nz.int_at(r, 1), nz.int_at(r, 2), nz.int_at(r, 3), nz.int_at(r, 4),
                              nz.int_at(r, 4) - nz.int_at(r, 3)});
  }

  const std::vector<FiTaxTable> filled = fi_tax_tables(wh);
  int64_t fi_rows = 0;
  for (const FiTaxTable& t : filled) fi_rows += t.rows;
  const int64_t gap = due - collected;
  Panel kpis{.id = "summary", .title = "Sales tax compliance", .kind = PanelKind::kKpis};
  kpis.kpis = {
      {"tax_collected", "Tax collected", collected, ValueType::kMoney, "USD"},
      {"tax_expected", "Tax due", due, ValueType::kMoney, "USD", "", Status::kNone,
       "NY State + NYC + MCTD " + format_decimal(rate_e5, 3) + "%"},
      {"gap", "Gap (due - collected)", gap, ValueType::kMoney, "USD", "",
       gap == 0 ? Status::kGreen : std::llabs(gap) < 10000 ? Status::kYellow : Status::kRed,
       "green when nothing is owed, red from $100"},
      {"flagged_items", "Items with missing or wrong tax", flagged_items, ValueType::kInt, "", "",
       flagged_items == 0 ? Status::kGreen : Status::kRed, "of " + std::to_string(items) + " taxable items"},
      {"fi_tax_rows", "Rows in luckyus_fi_tax", fi_rows, ValueType::kInt, "", "",
       fi_rows == 0 ? Status::kRed : Status::kGreen,
       fi_rows == 0 ? "the tax system receives nothing yet" : "the integration is live"},
  };

  Panel flags{.id = "flagged", .title = "Items with missing or wrong tax", .kind = PanelKind::kTable};
  flags.table.columns = {{"item_id", "Item", ValueType::kInt},
                         {"order_no", "Order", ValueType::kText},
                         {"day", "Day", ValueType::kDate},
                         {"product", "Product", ValueType::kText},
                         {"pay_money_cents", "Amount", ValueType::kMoney, "USD"},
                         {"tax_rate", "Rate", ValueType::kRate},
                         {"tax_cents", "Tax charged", ValueType::kMoney, "USD"},
                         {"expected_tax_cents", "Tax due", ValueType::kMoney, "USD"},
                         {"issue", "Issue", ValueType::kText}};
  for (size_t r = 0; r < list.size() && r < kMaxListedItems; ++r) {
    flags.table.rows.push_back({list.int_at(r, 0), list.text_at(r, 1), list.text_at(r, 2), list.text_at(r, 3),
                                list.int_at(r, 4),
                                list.is_null(r, 5) ? Cell{} : Cell{static_cast<double>(list.int_at(r, 5)) / kRateScale},
                                list.int_at(r, 6), list.int_at(r, 7), list.text_at(r, 8)});
  }
  if (list.size() > kMaxListedItems) {
    flags.description = "The first " + std::to_string(kMaxListedItems) + " of " +
                        std::to_string(flagged_items) + " flagged items.";
  }

  Panel ledger{.id = "ledger", .title = "Synthetic tax ledger (daily)", .kind = PanelKind::kTable};
  ledger.description = "What luckyus_fi_tax would hold: one line per business day.";
  ledger.table.columns = {{"day", "Day", ValueType::kDate},
                          {"taxable_items", "Taxable items", ValueType::kInt},
                          {"taxable_sales_cents", "Taxable sales", ValueType::kMoney, "USD"},
                          {"tax_collected_cents", "Tax collected", ValueType::kMoney, "USD"},
                          {"tax_expected_cents", "Tax due", ValueType::kMoney, "USD"}};
  for (size_t r = 0; r < daily.size(); ++r) {
    ledger.table.rows.push_back({daily.text_at(r, 0), daily.int_at(r, 1), daily.int_at(r, 2),
                                 daily.int_at(r, 3), daily.int_at(r, 4)});
  }

  Panel alerts{.id = "alerts", .title = "Alerts", .kind = PanelKind::kAlerts};
  if (fi_rows == 0) {
    alerts.alerts.push_back({Status::kRed, "luckyus_fi_tax is empty",
                             "Tax is captured on orders but not flowing to the tax system; file from the ledger below."});
  }
  for (const FiTaxTable& t : filled) {  // the moment the integration goes live, table by table
    alerts.alerts.push_back({Status::kYellow, "luckyus_fi_tax." + t.table + " has rows",
                             std::to_string(t.rows) + " rows, the first at " + t.first_row +
                                 " UTC: check them against the ledger below before the next filing."});
  }
  if (flagged_items > 0) {
    alerts.alerts.push_back({Status::kRed, std::to_string(flagged_items) + " items with missing or wrong tax",
                             "Gap " + format_money(Cents(gap), "USD") + " over the period."});
  }

  Report report;
  report.panels = {kpis, alerts, months, quarters, trend, flags, ledger, gst};
  return report;
}

std::vector<ParamSpec> params() {
  std::vector<ParamSpec> p = window_params();
  p.push_back({"rate", ParamType::kNumber, "0.08875", "Combined sales tax rate that applies", {}, 0, 0.5});
  return p;
}

const ToolRegistration kRegistration(Tool{
    .id = "tax-gap",
    .number = 9,
    .department = "finance",
    .title = "Tax Compliance Gap Tracker",
    .summary = "Sales tax collected on orders vs due at New York rates, items with missing or "
               "wrong tax, a monthly filing summary, and whether luckyus_fi_tax is filling.",
    .params = params(),
    .compute = compute,
});

}  // namespace
}  // namespace luckyhub::tax_gap
