// The reconciliation report: panels and registration of Tool 7. The matching
// itself is in reconciliation.cc.
#include <map>

#include "core/error.h"
#include "core/money.h"
#include "domain/payment_fees.h"
#include "tools/reconciliation/reconciliation.h"
#include "tools/reconciliation/reconciliation_tables.h"
#include "warehouse/derived_table.h"
#include "tools/registry.h"
#include "domain/tenants.h"

namespace luckyhub::reconciliation {
bool day_matches(const DayTotals& t, int64_t tolerance) {
  return std::llabs(t.orders_cents - t.payments_cents) <= tolerance &&
         std::llabs(t.payments_cents - t.accounting_cents) <= tolerance &&
         std::llabs(t.refunds_cents - t.accounting_refunds_cents) <= tolerance && t.breaks == 0;
}

namespace {

Panel summary(const Reconciliation& r, const std::string& currency, int64_t tolerance) {
  int64_t orders = 0, payments = 0, accounting = 0, matched = 0;
  for (const DayTotals& t : r.days) {
    orders += t.orders_cents;
    payments += t.payments_cents;
    accounting += t.accounting_cents;
    matched += day_matches(t, tolerance) ? 1 : 0;
  }
  const int64_t days = static_cast<int64_t>(r.days.size());
  const int64_t breaks = static_cast<int64_t>(r.discrepancies.size());
  Panel p{.id = "summary", .title = "Three-way match", .kind = PanelKind::kKpis};
  p.kpis = {
      {"orders_total", "Orders total", orders, ValueType::kMoney, currency},
      {"payments_total", "Payments total", payments, ValueType::kMoney, currency},
      {"accounting_total", "Accounting total", accounting, ValueType::kMoney, currency},
      {"days_matched", "Days matched", matched, ValueType::kInt, "", "",
       matched == days ? Status::kGreen : Status::kRed, "of " + std::to_string(days) + (days == 1 ? " business day" : " business days")},
      {"discrepancies", "Discrepancies", breaks, ValueType::kInt, "", "",
       breaks == 0 ? Status::kGreen : Status::kRed, "tolerance " + format_money(Cents(tolerance), currency)},
  };
  return p;
}

Panel daily_table(const Reconciliation& r, const std::string& currency, int64_t tolerance) {
  Panel p{.id = "daily", .title = "Daily summary", .kind = PanelKind::kTable};
  p.description = "Orders paid, payments captured and income booked per New York business day.";
  p.table.columns = {{"day", "Day", ValueType::kDate, "", "", "/tools/reconciliation?day={day}"},
                     {"status", "Status", ValueType::kText},
                     {"orders", "Orders", ValueType::kInt},
                     {"orders_cents", "Orders total", ValueType::kMoney, currency},
                     {"payments_cents", "Payments total", ValueType::kMoney, currency},
                     {"accounting_cents", "Accounting total", ValueType::kMoney, currency},
                     {"orders_minus_payments_cents", "Orders - payments", ValueType::kMoney, currency},
                     {"payments_minus_accounting_cents", "Payments - accounting", ValueType::kMoney, currency},
                     {"refunds_cents", "Refunds paid", ValueType::kMoney, currency},
                     {"accounting_refunds_cents", "Refunds booked", ValueType::kMoney, currency},
                     {"discrepancies", "Discrepancies", ValueType::kInt}};
  for (const DayTotals& t : r.days) {
    p.table.rows.push_back({t.day, std::string(day_matches(t, tolerance) ? "match" : "MISMATCH"), t.orders,
                            t.orders_cents, t.payments_cents, t.accounting_cents,
                            t.orders_cents - t.payments_cents, t.payments_cents - t.accounting_cents,
                            t.refunds_cents, t.accounting_refunds_cents, t.breaks});
  }
  return p;
}

Panel daily_chart(const Reconciliation& r, const std::string& currency) {
  Panel p{.id = "daily_totals", .title = "Orders, payments and accounting per day", .kind = PanelKind::kTimeseries};
  p.series.x_label = "day";
  p.series.x_type = ValueType::kDate;
  Series orders{"orders", "Orders", ValueType::kMoney, currency};
  Series payments{"payments", "Payments", ValueType::kMoney, currency};
  Series accounting{"accounting", "Accounting", ValueType::kMoney, currency};
  for (const DayTotals& t : r.days) {
    p.series.x.push_back(t.day);
    orders.values.push_back(t.orders_cents);
    payments.values.push_back(t.payments_cents);
    accounting.values.push_back(t.accounting_cents);
  }
  p.series.series = {orders, payments, accounting};
  return p;
}

Panel discrepancy_table(const Reconciliation& r, const std::string& currency, const std::string& only_day) {
  Panel p{.id = "discrepancies", .title = "Discrepancies", .kind = PanelKind::kTable};
  p.table.columns = {{"kind", "Kind", ValueType::kText},
                     {"day", "Day", ValueType::kDate, "", "", "/tools/reconciliation?day={day}"},
                     {"shop_id", "Store", ValueType::kInt},
                     {"hour", "Hour", ValueType::kInt},
                     {"channel_id", "Channel", ValueType::kInt},
                     {"order_no", "Order", ValueType::kText},
                     {"order_id", "Order id", ValueType::kInt},
                     {"trade_ids", "Trade ids", ValueType::kText},
                     {"bill_ids", "Income bill ids", ValueType::kText},
                     {"fee_ids", "Fee row ids", ValueType::kText},
                     {"trade_no", "Trade number", ValueType::kText},
                     {"expected_cents", "Expected", ValueType::kMoney, currency},
                     {"actual_cents", "Actual", ValueType::kMoney, currency},
                     {"difference_cents", "Difference", ValueType::kMoney, currency}};
  for (const Discrepancy& x : r.discrepancies) {
    if (!only_day.empty() && x.day != only_day) continue;
    p.table.rows.push_back({x.kind, x.day, x.shop_id, x.hour >= 0 ? Cell{x.hour} : Cell{},
                            x.channel_id ? Cell{x.channel_id} : Cell{}, x.order_no,
                            x.order_id ? Cell{x.order_id} : Cell{}, x.trade_ids, x.bill_ids, x.fee_ids, x.trade_no,
                            x.expected_cents, x.actual_missing ? Cell{} : Cell{x.actual_cents},
                            x.actual_cents - x.expected_cents});
  }
  return p;
}

Panel kinds_chart(const Reconciliation& r) {
  std::map<std::string, int64_t> counts;
  for (const Discrepancy& x : r.discrepancies) counts[x.kind] += 1;
  Panel p{.id = "by_kind", .title = "Discrepancies by kind", .kind = PanelKind::kBar};
  p.series.x_label = "kind";
  Series n{"count", "Discrepancies", ValueType::kInt};
  for (const auto& [kind, count] : counts) {
    p.series.x.push_back(kind);
    n.values.push_back(count);
  }
  p.series.series = {n};
  return p;
}

// The fees of the payments that exist (kFeePayment): a fee row whose payment
// is gone is listed as fee_without_payment, not counted, so that the day's
// fees are payment-fees' fees of that day's payments.
Query fees_per_channel_query(Warehouse& wh, const Window& w, const std::string& currency) {
  Query fees = derived_from(wh, kFeePayment);
  Query q{R"(SELECT f.fee_date AS fee_date, f.channel_id AS channel_id,
        SUM(f.total_fee) AS fee_cents
      FROM )" + fees.sql + R"( f
      WHERE f.tenant = ? AND f.currency_code = ? AND )" + w.range(wh.dialect(), "f.fee_date") + R"(
        AND f.payment_id IS NOT NULL
      GROUP BY f.fee_date, f.channel_id ORDER BY f.fee_date, f.channel_id)",
          std::move(fees.params)};
  for (SqlValue v : {SqlValue{tenant_for_currency(currency)}, SqlValue{currency}, SqlValue{w.from.str()},
                     SqlValue{w.to.str()}}) {
    q.params.push_back(std::move(v));
  }
  return q;
}

Panel fees_per_channel(const ResultSet& r, const std::string& currency) {
  std::vector<std::string> days;
  std::map<int64_t, std::map<std::string, int64_t>> by_channel;
  for (const Row row : r) {
    const std::string day = row.text("fee_date");
    if (days.empty() || days.back() != day) days.push_back(day);
    by_channel[row.integer("channel_id")][day] = row.cents("fee_cents").value;
  }
  Panel p{.id = "fees_daily", .title = "Processing fees per channel per day", .kind = PanelKind::kTimeseries};
  p.series.x_label = "day";
  p.series.x_type = ValueType::kDate;
  p.series.x = days;
  for (const auto& [channel, values] : by_channel) {
    Series s{"channel_" + std::to_string(channel), "channel " + std::to_string(channel), ValueType::kMoney, currency};
    for (const std::string& d : days) {
      const auto it = values.find(d);
      s.values.push_back(it == values.end() ? int64_t{0} : it->second);
    }
    p.series.series.push_back(s);
  }
  return p;
}

Report compute(Warehouse& wh, const Params& params) {
  Window w = report_window(wh, params);
  const std::string only_day = params.text("day");
  if (!only_day.empty()) w = {params.date("day"), params.date("day") + 1};
  const std::string currency = params.text("currency");
  const int64_t tolerance = params.integer("tolerance_cents");
  // The daily fees query runs in the reconciliation's batch.
  std::vector<ResultSet> daily_fees;
  const Reconciliation r =
      reconcile(wh, w, currency, tolerance, {fees_per_channel_query(wh, w, currency)}, &daily_fees);
  Report report;
  report.panels = {summary(r, currency, tolerance), daily_table(r, currency, tolerance),
                   daily_chart(r, currency), discrepancy_table(r, currency, only_day), kinds_chart(r),
                   fees_per_channel(daily_fees[0], currency),
                   fees::monthly_rate_panel(r.months, fees::channel_costs(r.months))};
  return report;
}

std::vector<ParamSpec> params() {
  std::vector<ParamSpec> p = window_params();
  p.push_back({.name = "day",
               .type = ParamType::kDate,
               .description = "Only this business day (overrides from/to)",
               .label = "One business day only"});
  p.push_back({.name = "currency",
               .type = ParamType::kChoice,
               .default_value = "USD",
               .description = "USD (production) or NZD (test tenant), never mixed",
               .choices = {"USD", "NZD"},
               .label = "Currency (tenant)"});
  p.push_back({.name = "tolerance_cents",
               .type = ParamType::kInt,
               .default_value = "1",
               .description = "Differences up to this many cents match",
               .min = 0,
               .max = 100,
               .label = "Tolerance (cents)"});
  return p;
}

const ToolRegistration kRegistration(Tool{
    .id = "reconciliation",
    .number = 7,
    .department = "finance",
    .title = "Daily Revenue Reconciliation",
    .summary = "Orders, payments and booked income matched per business day and per order, "
               "with every discrepancy, fees per channel and the monthly processing rate.",
    .params = params(),
    .compute = compute,
});

}  // namespace
}  // namespace luckyhub::reconciliation
