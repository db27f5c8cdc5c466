// The reconciliation report: panels and registration of Tool 7. The matching
// itself is in reconciliation.cc.
#include <cmath>
#include <map>

#include "core/error.h"
#include "core/money.h"
#include "domain/payment_fees.h"
#include "tools/reconciliation/reconciliation.h"
#include "tools/reconciliation/reconciliation_tables.h"
#include "warehouse/derived_table.h"
#include "tools/registry.h"
#include "domain/tenants.h"
#include "warehouse/schema.h"

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
  p.description = "Orders paid, payments captured and income booked per New York business day; the day's "
                  "processing fees and the fee bills posted for them (empty: none posted).";
  p.table.columns = {{"day", "Day", ValueType::kDate, "", "", "/tools/reconciliation?day={day}"},
                     {"status", "Status", ValueType::kText},
                     {"orders", "Orders", ValueType::kInt},
                     {"orders_cents", "Orders total", ValueType::kMoney, currency},
                     {"payments_cents", "Payments total", ValueType::kMoney, currency},
                     {"accounting_cents", "Accounting total", ValueType::kMoney, currency},
                     {"fees_cents", "Processing fees", ValueType::kMoney, currency},
                     {"fees_booked_cents", "Fees booked", ValueType::kMoney, currency},
                     {"orders_minus_payments_cents", "Orders - payments", ValueType::kMoney, currency},
                     {"payments_minus_accounting_cents", "Payments - accounting", ValueType::kMoney, currency},
                     {"refunds_cents", "Refunds paid", ValueType::kMoney, currency},
                     {"accounting_refunds_cents", "Refunds booked", ValueType::kMoney, currency},
                     {"discrepancies", "Discrepancies", ValueType::kInt}};
  for (const DayTotals& t : r.days) {
    p.table.rows.push_back({t.day, std::string(day_matches(t, tolerance) ? "match" : "MISMATCH"), t.orders,
                            t.orders_cents, t.payments_cents, t.accounting_cents, t.fees_cents,
                            t.fee_bills > 0 ? Cell{t.fees_booked_cents} : Cell{},
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
                     {"cost_bill_ids", "Cost bill ids", ValueType::kText},
                     {"reason", "Reason", ValueType::kText},
                     {"expected_cents", "Expected", ValueType::kMoney, currency},
                     {"actual_cents", "Actual", ValueType::kMoney, currency},
                     {"difference_cents", "Difference", ValueType::kMoney, currency}};
  for (const Discrepancy& x : r.discrepancies) {
    if (!only_day.empty() && x.day != only_day) continue;
    p.table.rows.push_back({x.kind, x.day, x.shop_id ? Cell{x.shop_id} : Cell{}, x.hour >= 0 ? Cell{x.hour} : Cell{},
                            x.channel_id ? Cell{x.channel_id} : Cell{}, x.order_no,
                            x.order_id ? Cell{x.order_id} : Cell{}, x.trade_ids, x.bill_ids, x.fee_ids, x.trade_no,
                            x.cost_bill_ids, x.reason, x.expected_cents,
                            x.actual_missing ? Cell{} : Cell{x.actual_cents}, x.actual_cents - x.expected_cents});
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

// A payment channel as a person reads it: "Apple Pay (53)".
std::string channel_label(int64_t channel) {
  static const std::map<int64_t, std::string> names =
      code_meanings(SchemaCatalog::builtin().table("luckyus_sales_payment", "t_trade").column("channel_id"));
  const auto name = names.find(channel);
  return (name == names.end() ? "channel" : name->second) + " (" + std::to_string(channel) + ")";
}

// The fees per channel per day (Reconciliation::fee_channels).
Panel fees_per_channel(const Reconciliation& r, const std::string& currency) {
  std::vector<std::string> days;
  std::map<int64_t, std::map<std::string, int64_t>> by_channel;
  for (const FeeChannelDay& f : r.fee_channels) {
    if (days.empty() || days.back() != f.day) days.push_back(f.day);
    by_channel[f.channel_id][f.day] = f.fee_cents;
  }
  Panel p{.id = "fees_daily", .title = "Processing fees per channel per day", .kind = PanelKind::kTimeseries};
  p.series.x_label = "day";
  p.series.x_type = ValueType::kDate;
  p.series.x = days;
  for (const auto& [channel, values] : by_channel) {
    Series s{"channel_" + std::to_string(channel), channel_label(channel), ValueType::kMoney, currency};
    for (const std::string& d : days) {
      const auto it = values.find(d);
      s.values.push_back(it == values.end() ? int64_t{0} : it->second);
    }
    p.series.series.push_back(s);
  }
  return p;
}

// The window's fees per channel (on a day's drill-down, that day's): what
// the day's fee bill should add up to, channel by channel.
Panel fee_channels_table(const Reconciliation& r, const std::string& currency) {
  const std::map<int64_t, std::string> names =
      code_meanings(SchemaCatalog::builtin().table("luckyus_sales_payment", "t_trade").column("channel_id"));
  std::map<int64_t, std::pair<int64_t, int64_t>> by_channel;  // rows, cents
  int64_t total = 0;
  for (const FeeChannelDay& f : r.fee_channels) {
    by_channel[f.channel_id].first += f.rows;
    by_channel[f.channel_id].second += f.fee_cents;
    total += f.fee_cents;
  }
  Panel p{.id = "fees_by_channel", .title = "Processing fees by channel", .kind = PanelKind::kTable};
  p.description = "Fee rows whose payment exists, per channel, over the report's days (a day's drill-down: "
                  "that day's, which its fee bill must add up to).";
  p.table.columns = {{"channel_id", "Channel", ValueType::kInt},
                     {"channel", "Channel name", ValueType::kText},
                     {"fee_rows", "Fee rows", ValueType::kInt},
                     {"fee_cents", "Fees", ValueType::kMoney, currency},
                     {"share", "Share of fees", ValueType::kRate}};
  for (const auto& [channel, v] : by_channel) {
    const auto name = names.find(channel);
    p.table.rows.push_back({channel, name == names.end() ? "channel " + std::to_string(channel) : name->second,
                            v.first, v.second,
                            total == 0 ? Cell{} : Cell{static_cast<double>(v.second) / static_cast<double>(total)}});
  }
  return p;
}

// A rate in parts per million as a percentage, without trailing zeros: "22%", "21.5%".
std::string percent(int64_t rate_e6) {
  std::string s = format_decimal(rate_e6, 4);
  while (s.find('.') != std::string::npos && (s.back() == '0' || s.back() == '.')) s.pop_back();
  return s + "%";
}

// The cost side per day: fees against fee bills, delivery commissions due at
// the contract rate against commission bills (posted; pending counted apart).
Panel cost_bills_table(const Reconciliation& r, const std::string& currency, int64_t rate_e6) {
  Panel p{.id = "cost_bills", .title = "Cost bills: processing fees and delivery commissions", .kind = PanelKind::kTable};
  p.description = "Per business day, the processing fees of its payments against the fee bills posted "
                  "(cost type 3), and its delivery sales x the commission rate " + percent(rate_e6) +
                  " against the commission bills posted (cost type 9). Empty: none posted. USD production only.";
  p.table.columns = {{"day", "Day", ValueType::kDate, "", "", "/tools/reconciliation?day={day}"},
                     {"fees_cents", "Processing fees", ValueType::kMoney, currency},
                     {"fee_bills", "Fee bills posted", ValueType::kInt},
                     {"fees_booked_cents", "Fees booked", ValueType::kMoney, currency},
                     {"fees_difference_cents", "Booked - fees", ValueType::kMoney, currency},
                     {"delivery_cents", "Delivery sales", ValueType::kMoney, currency},
                     {"commission_due_cents", "Commission due", ValueType::kMoney, currency},
                     {"commission_bills", "Commission bills posted", ValueType::kInt},
                     {"commission_booked_cents", "Commission booked", ValueType::kMoney, currency},
                     {"commission_difference_cents", "Booked - due", ValueType::kMoney, currency},
                     {"bills_pending", "Bills pending", ValueType::kInt}};
  if (currency != "USD") return p;
  for (const DayTotals& t : r.days) {
    const bool fees = t.fee_bills > 0, commission = t.commission_bills > 0;
    p.table.rows.push_back({t.day, t.fees_cents, t.fee_bills, fees ? Cell{t.fees_booked_cents} : Cell{},
                            fees ? Cell{t.fees_booked_cents - t.fees_cents} : Cell{}, t.delivery_cents,
                            t.commission_due_cents, t.commission_bills,
                            commission ? Cell{t.commission_booked_cents} : Cell{},
                            commission ? Cell{t.commission_booked_cents - t.commission_due_cents} : Cell{},
                            t.fee_bills_pending + t.commission_bills_pending});
  }
  return p;
}

Report compute(Warehouse& wh, const Params& params) {
  Window w = report_window(wh, params);
  const std::string only_day = params.text("day");
  if (!only_day.empty()) w = {params.date("day"), params.date("day") + 1};
  const std::string currency = params.text("currency");
  const int64_t tolerance = params.integer("tolerance_cents");
  const int64_t rate_e6 = std::llround(params.number("commission_rate") * 1e6);
  const Reconciliation r = reconcile(wh, w, currency, tolerance, {}, nullptr, rate_e6);
  Report report;
  report.panels = {summary(r, currency, tolerance), daily_table(r, currency, tolerance),
                   daily_chart(r, currency), discrepancy_table(r, currency, only_day), kinds_chart(r),
                   cost_bills_table(r, currency, rate_e6), fees_per_channel(r, currency),
                   fee_channels_table(r, currency),
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
  p.push_back({.name = "commission_rate",
               .type = ParamType::kNumber,
               .default_value = "0.22",
               .description = "The delivery platforms' contract rate: commission due = delivery sales x rate",
               .min = 0,
               .max = 1,
               .label = "Delivery commission rate"});
  return p;
}

const ToolRegistration kRegistration(Tool{
    .id = "reconciliation",
    .number = 7,
    .department = "finance",
    .title = "Daily Revenue Reconciliation",
    .summary = "Orders, payments and booked income matched per business day and per order, "
               "processing fees and delivery commissions against their cost bills, "
               "with every discrepancy, fees per channel and the monthly processing rate.",
    .params = params(),
    .compute = compute,
});

}  // namespace
}  // namespace luckyhub::reconciliation
