// The tax-gap report: panels and registration of Tool 9, one function per
// panel. The analysis is in tax_gap.cc.
#include <cmath>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "core/money.h"
#include "tools/registry.h"
#include "tools/tax_gap/tax_gap.h"
#include "tools/tax_gap/tax_gap_checks.h"
#include "domain/tenants.h"

namespace luckyhub::tax_gap {
namespace {

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

TaxSums total_of(const std::vector<TaxSums>& months) {
  TaxSums total;
  for (const TaxSums& m : months) total.add(m);
  return total;
}

int64_t fi_tax_rows(const TaxGap& gap) {
  int64_t rows = 0;
  for (const FiTaxTable& t : gap.fi_tax) rows += t.rows;
  return rows;
}

int64_t fi_tax_production_rows(const TaxGap& gap) {
  int64_t rows = 0;
  for (const FiTaxTable& t : gap.fi_tax) rows += t.production_rows;
  return rows;
}

// "1 row", "2 rows".
std::string count_of(int64_t n, const std::string& noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

// Whose rows: "1 row of LKUS, 3 rows of LKNZ, 2 rows without a tenant".
std::string whose_rows(const std::vector<std::pair<std::string, int64_t>>& by_tenant) {
  std::string out;
  for (const auto& [tenant, n] : by_tenant) {
    out += (out.empty() ? "" : ", ") + count_of(n, "row") + (tenant.empty() ? " without a tenant" : " of " + tenant);
  }
  return out;
}

Panel summary_panel(const TaxGap& gap, const TaxSums& total) {
  const int64_t fi_rows = fi_tax_production_rows(gap), other_rows = fi_tax_rows(gap) - fi_rows;
  const int64_t owed = total.due_cents - total.collected_cents;
  Panel kpis{.id = "summary", .title = "Sales tax compliance", .kind = PanelKind::kKpis};
  kpis.kpis = {
      {"tax_collected", "Tax collected", total.collected_cents, ValueType::kMoney, "USD"},
      {"tax_expected", "Tax due", total.due_cents, ValueType::kMoney, "USD", "", Status::kNone,
       "NY State + NYC + MCTD " + format_decimal(gap.rate_e5, 3) + "%"},
      {"short", "Tax missing or short", total.short_cents, ValueType::kMoney, "USD", "",
       gap_status(total.short_cents), "items taxed less than due; green at 0, red from $100"},
      {"over_collected", "Tax over-collected", total.over_cents, ValueType::kMoney, "USD", "",
       gap_status(total.over_cents), "items taxed more than due: owed to the state too; green at 0, red from $100"},
      {"gap", "Net gap (due - collected)", owed, ValueType::kMoney, "USD", "", gap_status(owed),
       "missing - over-collected; green when nothing is owed, red from $100"},
      {"flagged_items", "Items with missing or wrong tax", total.flagged_items, ValueType::kInt, "",
       "", total.flagged_items == 0 ? Status::kGreen : Status::kRed,
       "of " + std::to_string(total.items) + " taxable items"},
      {"fi_tax_rows", "Production rows in luckyus_fi_tax", fi_rows, ValueType::kInt, "", "",
       fi_rows == 0 ? Status::kRed : Status::kGreen,
       (fi_rows == 0 ? "the tax system receives nothing of " + tenant_for_currency("USD") + " yet"
                     : "the integration is live for " + tenant_for_currency("USD")) +
           (other_rows > 0 ? "; " + count_of(other_rows, "row") + " of other tenants" : "")},
  };
  return kpis;
}

Panel alerts_panel(const TaxGap& gap, const TaxSums& total, const std::vector<BookingBreak>& breaks) {
  Panel alerts{.id = "alerts", .title = "Alerts", .kind = PanelKind::kAlerts};
  if (!breaks.empty()) {
    int64_t net = 0;
    for (const BookingBreak& b : breaks) net += b.booked_cents - b.collected_cents;
    alerts.alerts.push_back({Status::kYellow,
                             count_of(static_cast<int64_t>(breaks.size()), "day") +
                                 " whose booked tax differs from the tax collected",
                             "Accounting's sales bills book " + format_money(Cents(net), "USD") +
                                 " net against the items' tax over them: file from the items (the figures here), "
                                 "and correct the bills."});
  }
  if (fi_tax_production_rows(gap) == 0 && fi_tax_rows(gap) > 0) {
    alerts.alerts.push_back({Status::kRed, "luckyus_fi_tax has no production rows",
                             "Its rows are other tenants' only: tax is still not flowing to the tax "
                             "system for " + tenant_for_currency("USD") + "; file from the ledger below."});
  }
  if (fi_tax_rows(gap) == 0) {
    alerts.alerts.push_back({Status::kRed, "luckyus_fi_tax is empty",
                             "Tax is captured on orders but not flowing to the tax system; file "
                             "from the ledger below."});
  }
  for (const FiTaxTable& t : gap.fi_tax) {  // the moment the integration goes live, table by table
    alerts.alerts.push_back(
        {Status::kYellow, "luckyus_fi_tax." + t.table + " has rows",
         count_of(t.rows, "row") + " (" + whose_rows(t.by_tenant) + "), the first at " + t.first_row +
             " UTC: check them against the ledger below before the next filing."});
  }
  if (!gap.order_tax.empty()) {
    const std::string n =
        (gap.more_order_tax ? "over " : "") + count_of(static_cast<int64_t>(gap.order_tax.size()), "order");
    alerts.alerts.push_back({Status::kYellow, n + " whose tax breakdown disagrees with their items",
                             "t_order_amount.tax_amount is not the sum of the items' tax: the figures here are the "
                             "items'; correct whichever record is wrong before filing."});
  }
  if (!gap.tax_info.empty()) {
    const std::string n = (gap.more_tax_info ? "over " : "") + count_of(static_cast<int64_t>(gap.tax_info.size()), "item");
    alerts.alerts.push_back({Status::kYellow, n + " with a wrong split by jurisdiction",
                             "Their tax is right in total, but tax_info does not split it as New York does: "
                             "file the state, city and MCTD lines from the rate, not from tax_info."});
  }
  if (total.flagged_items > 0) {
    alerts.alerts.push_back(
        {Status::kRed, std::to_string(total.flagged_items) + " items with missing or wrong tax",
         "Gap " + format_money(Cents(total.due_cents - total.collected_cents), "USD") +
             " over the period."});
  }
  return alerts;
}

Panel monthly_table(const std::vector<TaxSums>& months, int64_t rate_e5) {
  Panel p{.id = "monthly", .title = "Monthly sales tax summary", .kind = PanelKind::kTable};
  p.description = "For filing preparation: taxable sales, tax collected and tax due at " +
                  format_decimal(rate_e5, 5) + ", by New York month of payment.";
  p.table.columns = {{"month", "Month", ValueType::kMonth},
                     {"taxable_items", "Taxable items", ValueType::kInt},
                     {"taxable_sales_cents", "Taxable sales", ValueType::kMoney, "USD"},
                     {"tax_collected_cents", "Tax collected", ValueType::kMoney, "USD"},
                     {"tax_expected_cents", "Tax due", ValueType::kMoney, "USD"},
                     {"gap_cents", "Gap (due - collected)", ValueType::kMoney, "USD"},
                     {"flagged_items", "Flagged items", ValueType::kInt}};
  for (const Jurisdiction& j : kJurisdictions) {
    p.table.columns.push_back(
        {std::string(j.id) + "_due_cents", std::string(j.name) + " due", ValueType::kMoney, "USD"});
  }
  for (const TaxSums& m : months) {
    std::vector<Cell> row = {m.period,          m.items,     m.sales_cents,
                             m.collected_cents, m.due_cents, m.due_cents - m.collected_cents,
                             m.flagged_items};
    // The jurisdictions' shares of the tax due, in proportion to their rates.
    for (const Jurisdiction& j : kJurisdictions)
      row.push_back(mul_div_round(m.due_cents, j.rate_e5, rate_e5));
    p.table.rows.push_back(row);
  }
  return p;
}

// The quarterly filing summary: the monthly table's rows summed by filing period.
Panel quarterly_table(const Panel& monthly) {
  Panel p{.id = "quarterly",
          .title = "Quarterly filing summary (NY sales tax periods)",
          .kind = PanelKind::kTable};
  p.description =
      "New York's quarterly periods (Mar-May, Jun-Aug, Sep-Nov, Dec-Feb), each due on "
      "the 20th of the month after it ends.";
  p.table.columns = {{"first_month", "From", ValueType::kMonth},
                     {"period", "Period", ValueType::kText},
                     {"due_date", "Return due", ValueType::kDate}};
  for (size_t c = 1; c < monthly.table.columns.size(); ++c)
    p.table.columns.push_back(monthly.table.columns[c]);
  for (const auto& row : monthly.table.rows) {
    const FilingQuarter q = filing_quarter(std::get<std::string>(row[0]));
    auto& rows = p.table.rows;
    if (rows.empty() || std::get<std::string>(rows.back()[0]) != q.id) {
      std::vector<Cell> fresh = {q.id, q.label, q.due_date};
      for (size_t c = 1; c < row.size(); ++c) fresh.push_back(int64_t{0});
      rows.push_back(fresh);
    }
    for (size_t c = 1; c < row.size(); ++c) {
      std::get<int64_t>(rows.back()[c + 2]) += std::get<int64_t>(row[c]);
    }
  }
  return p;
}

Panel trend_chart(const std::vector<TaxSums>& months) {
  Panel p{.id = "gap_trend", .title = "Tax collected vs due by month", .kind = PanelKind::kBar};
  p.series.x_label = "month";
  p.series.x_type = ValueType::kMonth;
  Series collected{"collected", "Collected", ValueType::kMoney, "USD"};
  Series due{"due", "Due", ValueType::kMoney, "USD"};
  for (const TaxSums& m : months) {
    p.series.x.push_back(m.period);
    collected.values.push_back(m.collected_cents);
    due.values.push_back(m.due_cents);
  }
  p.series.series = {collected, due};
  return p;
}

Panel flagged_table(const TaxGap& gap, const TaxSums& total) {
  Panel p{.id = "flagged", .title = "Items with missing or wrong tax", .kind = PanelKind::kTable};
  p.table.columns = {{"item_id", "Item", ValueType::kInt},
                     {"order_no", "Order", ValueType::kText},
                     {"day", "Day", ValueType::kDate},
                     {"product", "Product", ValueType::kText},
                     {"pay_money_cents", "Amount", ValueType::kMoney, "USD"},
                     {"tax_rate", "Rate", ValueType::kRate},
                     {"tax_cents", "Tax charged", ValueType::kMoney, "USD"},
                     {"expected_tax_cents", "Tax due", ValueType::kMoney, "USD"},
                     {"issue", "Issue", ValueType::kText}};
  for (const FlaggedItem& x : gap.flagged) {
    p.table.rows.push_back(
        {x.item_id, x.order_no, x.day, x.product, x.pay_money_cents,
         x.tax_rate_e5 ? Cell{static_cast<double>(*x.tax_rate_e5) / kRateScale} : Cell{},
         x.tax_cents, x.expected_tax_cents, x.issue});
  }
  if (gap.more_flagged) {
    p.description = "The first " + std::to_string(kMaxListedItems) + " of " +
                    std::to_string(total.flagged_items) + " flagged items.";
  }
  return p;
}

Panel ledger_table(const std::vector<TaxSums>& days) {
  Panel p{.id = "ledger", .title = "Synthetic tax ledger (daily)", .kind = PanelKind::kTable};
  p.description = "What luckyus_fi_tax would hold: one line per business day.";
  p.table.columns = {{"day", "Day", ValueType::kDate},
                     {"taxable_items", "Taxable items", ValueType::kInt},
                     {"taxable_sales_cents", "Taxable sales", ValueType::kMoney, "USD"},
                     {"tax_collected_cents", "Tax collected", ValueType::kMoney, "USD"},
                     {"tax_expected_cents", "Tax due", ValueType::kMoney, "USD"}};
  for (const TaxSums& d : days) {
    p.table.rows.push_back({d.period, d.items, d.sales_cents, d.collected_cents, d.due_cents});
  }
  return p;
}

// New Zealand test rows: prices include 15% GST (price x 3/23), reported
// apart and never mixed into the US figures.
Panel gst_table(const std::vector<GstMonth>& months) {
  Panel p{.id = "nzd_gst",
          .title = "New Zealand test tenant: GST (reported apart)",
          .kind = PanelKind::kTable};
  p.description =
      "LKNZ test data in NZD: prices include 15% GST, so GST due is the price x 3/23. "
      "Not part of any US figure.";
  p.table.columns = {{"month", "Month", ValueType::kMonth},
                     {"items", "Items", ValueType::kInt},
                     {"sales_incl_gst_cents", "Sales incl. GST", ValueType::kMoney, "NZD"},
                     {"gst_charged_cents", "GST charged", ValueType::kMoney, "NZD"},
                     {"gst_due_cents", "GST due (3/23)", ValueType::kMoney, "NZD"},
                     {"gst_gap_cents", "Gap (due - charged)", ValueType::kMoney, "NZD"}};
  for (const GstMonth& m : months) {
    p.table.rows.push_back({m.month, m.items, m.sales_cents, m.charged_cents, m.due_cents,
                            m.due_cents - m.charged_cents});
  }
  return p;
}

// The orders left out of both the US and the NZ figures, and why.
Panel excluded_table(const TaxGap& gap) {
  Panel p{.id = "excluded", .title = "Orders left out: currency not their tenant's", .kind = PanelKind::kTable};
  p.description = "Paid orders of a known tenant in another currency than its tenant's: counted in neither the "
                  "US figures above nor the NZ GST table below. Amounts in the order's currency.";
  p.table.columns = {{"order_no", "Order", ValueType::kText},
                     {"tenant", "Tenant", ValueType::kText},
                     {"currency_code", "Currency", ValueType::kText},
                     {"day", "Day", ValueType::kDate},
                     {"items", "Taxable items", ValueType::kInt},
                     {"sales_cents", "Sales (minor units)", ValueType::kInt},
                     {"tax_cents", "Tax (minor units)", ValueType::kInt},
                     {"reason", "Reason", ValueType::kText}};
  for (const ExcludedOrder& x : gap.excluded) {
    p.table.rows.push_back({x.order_no, x.tenant, x.currency, x.day, x.items, x.sales_cents, x.tax_cents, x.reason});
  }
  return p;
}

Report compute(Warehouse& wh, const Params& params) {
  const Window w = report_window(wh, params);
  const TaxGap gap = analyse(wh, w, std::llround(params.number("rate") * kRateScale));
  const std::vector<TaxSums> months = by_month(gap.days);
  const TaxSums total = total_of(months);
  const Panel monthly = monthly_table(months, gap.rate_e5);
  Report report;
  const std::vector<BookingBreak> breaks = booking_breaks(gap);
  report.panels = {summary_panel(gap, total), alerts_panel(gap, total, breaks), monthly,
                   quarterly_table(monthly),  trend_chart(months),      flagged_table(gap, total),
                   booked_table(gap, breaks), order_tax_table(gap),      tax_info_table(gap),
                   excluded_table(gap),
                   ledger_table(gap.days),    gst_table(gap.nz_months)};
  return report;
}

std::vector<ParamSpec> params() {
  std::vector<ParamSpec> p = window_params();
  p.push_back({.name = "rate",
               .type = ParamType::kNumber,
               .default_value = format_decimal(kDefaultRateE5, 5),
               .description = "Combined sales tax rate that applies",
               .min = 0,
               .max = 0.5,
               .label = "Combined sales tax rate (state, city, MCTD)"});
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
