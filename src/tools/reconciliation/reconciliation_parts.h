// The pieces of reconciliation.cc that its cost side (reconciliation_costs.cc)
// shares: the scope of one run (window, tenant and currency, tolerance), the
// day totals' queries the cost side reads too, and the cost side's own
// queries and checks. Internal to the tool: reconciliation.h is its contract.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "tools/reconciliation/reconciliation.h"

namespace luckyhub::reconciliation {

// One run: the window in UTC and as New York days, the tenant of the
// currency, and the tolerance in cents.
struct Scope {
  Window window;
  std::string tenant, currency, utc_from, utc_to, day_from, day_to;
  int64_t tolerance = 1;
  std::string range(const Warehouse& wh, std::string_view column) const { return window.range(wh.dialect(), column); }
  std::vector<SqlValue> pay_window() const { return {tenant, currency, utc_from, utc_to}; }
  std::vector<SqlValue> bill_window() const { return {tenant, currency, day_from, day_to}; }
};


Scope scope_of(const Window& w, const std::string& currency, int64_t tolerance_cents);

// The window's paid orders per New York day, with their delivery sales
// (reconciliation.cc).
Query orders_per_day_query(Warehouse& wh, const Scope& s);
// The fees of the payments that exist per day and channel, and their sum into
// each day's fees_cents (reconciliation.cc).
Query fee_channels_query(Warehouse& wh, const Scope& s);
void fee_channels(const ResultSet& r, std::map<std::string, DayTotals>& days, std::vector<FeeChannelDay>& out);

// The cost side (reconciliation_costs.cc): the fee and commission bills of
// the window, and the cost bills outside the scope's tenant and currency.
Query cost_bills_query(const Warehouse& wh, const Scope& s);
Query stray_cost_bills_query(const Warehouse& wh, const Scope& s);

// The posted bills of one cost type on one day.
struct CostDay {
  int64_t posted = 0, cents = 0, pending = 0;
  std::string ids;  // posted, ascending
};
// By cost type, then day.
using CostDays = std::map<int64_t, std::map<std::string, CostDay>>;

// The cost bills' rows into the days' totals and `by_type`.
void cost_bills(const ResultSet& r, std::map<std::string, DayTotals>& days, CostDays& by_type);
// Each day's fee and commission due against its posted bills.
void match_costs(std::map<std::string, DayTotals>& days, CostDays& by_type, int64_t commission_rate_e6,
                 int64_t tolerance, std::vector<Discrepancy>& out);
void match_stray_cost_bills(const ResultSet& r, const Scope& s, std::vector<Discrepancy>& out);

}  // namespace luckyhub::reconciliation
