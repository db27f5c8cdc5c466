// The reconciliation tool's alert: every business day that does not
// reconcile (the report's daily table says MISMATCH), with the report's
// defaults (USD production, 1 cent tolerance, the whole window). One alert
// per day, about the tenant's currency; the summary counts the day's breaks
// by kind.
#include <map>

#include "alerts/tool_alerts.h"
#include "core/money.h"
#include "tools/reconciliation/reconciliation.h"
#include "tools/registry.h"

namespace luckyhub::reconciliation {
namespace {

constexpr int64_t kTolerance = 1;  // the report's default tolerance_cents

std::vector<alerts::Signal> break_signals(Warehouse& wh) {
  const Params params = Params::parse(window_params(), {});
  const Reconciliation r = reconcile(wh, report_window(wh, params), "USD", kTolerance);
  std::map<std::string, std::map<std::string, int>> kinds;  // day -> kind -> count
  for (const Discrepancy& d : r.discrepancies) kinds[d.day][d.kind] += 1;
  std::vector<alerts::Signal> out;
  for (const DayTotals& t : r.days) {
    if (day_matches(t, kTolerance)) continue;
    std::string what;
    for (const auto& [kind, n] : kinds[t.day]) what += (what.empty() ? "" : ", ") + std::to_string(n) + " " + kind;
    if (what.empty()) what = "totals differ";
    out.push_back({.rule = "ReconciliationBreak",
                   .instance = "USD",
                   .object = t.day,
                   .value = static_cast<double>(t.breaks),
                   .threshold = static_cast<double>(kTolerance),
                   .summary = t.day + " does not reconcile: orders " + format_money(Cents(t.orders_cents), "USD") +
                              ", payments " + format_money(Cents(t.payments_cents), "USD") + ", accounting " +
                              format_money(Cents(t.accounting_cents), "USD") + " (" + what + ")"});
  }
  return out;
}

const alerts::ToolAlertRegistration kAlerts({
    .tool = "reconciliation",
    .rules = {{.name = "ReconciliationBreak",
               .severity = "critical",
               .description = "a business day's orders, payments and accounting (or its fee and commission bills) do not reconcile"}},
    .signals = break_signals,
});

}  // namespace
}  // namespace luckyhub::reconciliation
