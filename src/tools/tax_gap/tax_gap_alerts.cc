// The tax-gap tool's alerts, from the report's own analysis with its
// defaults (the whole window, New York's combined rate):
//  - TaxShortfall: the state's tax collected falls short of the tax due by
//    the report's red threshold or more (gap_status: $100); one alert per
//    state (the report covers New York), its value the shortfall in cents;
//  - FiTaxLive: a luckyus_fi_tax table has rows of the production tenant:
//    the tax system integration has gone live (the catalog's watch), one
//    alert per table, saying whose rows it holds.
#include <cmath>

#include "alerts/tool_alerts.h"
#include "core/money.h"
#include "core/units.h"
#include "tools/registry.h"
#include "tools/tax_gap/tax_gap.h"

namespace luckyhub::tax_gap {
namespace {

std::vector<alerts::Signal> tax_signals(Warehouse& wh) {
  const TaxGap gap = analyse(wh, report_window(wh, Params::parse(window_params(), {})), kDefaultRateE5);
  TaxSums total;
  for (const TaxSums& d : gap.days) total.add(d);
  std::vector<alerts::Signal> out;
  const int64_t owed = total.due_cents - total.collected_cents;
  if (owed > 0 && gap_status(owed) == Status::kRed) {
    out.push_back({.rule = "TaxShortfall",
                   .instance = "NY",
                   .value = static_cast<double>(owed),
                   .threshold = 10000,
                   .summary = "New York: tax collected " + format_money(Cents(total.collected_cents), "USD") +
                              " falls short of the tax due " + format_money(Cents(total.due_cents), "USD") + " by " +
                              format_money(Cents(owed), "USD") + " (" + std::to_string(total.flagged_items) +
                              " items with missing or wrong tax)"});
  }
  for (const FiTaxTable& t : gap.fi_tax) {
    // Live means the production tenant's rows (the report's fi_tax_rows);
    // a test tenant's rows alone are not the integration going live.
    if (t.production_rows == 0) continue;
    std::string whose;
    for (const auto& [tenant, n] : t.by_tenant) {
      whose += (whose.empty() ? "" : ", ") + count_of(n, "row") + " of " + (tenant.empty() ? "no tenant" : tenant);
    }
    out.push_back({.rule = "FiTaxLive",
                   .instance = "luckyus_fi_tax",
                   .object = t.table,
                   .value = static_cast<double>(t.production_rows),
                   .summary = "luckyus_fi_tax." + t.table + " has " + whose + ", the first at " + t.first_row +
                              " UTC: the tax system integration is live; check it against the ledger"});
  }
  return out;
}

const alerts::ToolAlertRegistration kAlerts({
    .tool = "tax-gap",
    .rules = {{.name = "TaxShortfall",
               .severity = "critical",
               .description = "a state's tax collected falls short of the tax due by $100 or more"},
              {.name = "FiTaxLive",
               .severity = "info",
               .description = "a luckyus_fi_tax table has rows: the tax system integration is live"}},
    .signals = tax_signals,
});

}  // namespace
}  // namespace luckyhub::tax_gap
