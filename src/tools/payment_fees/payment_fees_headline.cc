// The home tile of payment-fees: the last full month's effective rate and
// processing fees, in USD (production). One aggregate over that month's
// successful payments with their fees, where the report groups every month
// by channel: the figures equal the summary tiles of the report run on that
// month (payment_fees_report.cc).
#include "domain/order_rules.h"
#include "domain/tenants.h"
#include "tools/payment_fees/payment_fees.h"
#include "tools/registry.h"
#include "tools/window.h"
#include "domain/trade_fees.h"
#include "warehouse/derived_table.h"

namespace luckyhub::payment_fees {
namespace {

// The month's successful USD payments with their fees: revenue and fees, in one row.
Query month_totals(Warehouse& wh, const Window& w) {
  const Dialect& d = wh.dialect();
  Query trades = derived_from(wh, kTradeFees);
  std::string sql =
      "SELECT COALESCE(SUM(t.amount), 0) AS revenue_cents, COALESCE(SUM(t.fee), 0) AS fee_cents";
  sql += " FROM " + trades.sql + " t";
  sql += " WHERE t.tenant = ? AND t.currency_code = ? AND " + rules::successful_payment("t");
  sql += " AND " + w.range(d, "t.pay_time");
  for (SqlValue v : {SqlValue{tenant_for_currency("USD")}, SqlValue{std::string("USD")}, SqlValue{w.utc_from()},
                     SqlValue{w.utc_to()}}) {
    trades.params.push_back(std::move(v));
  }
  return {sql, std::move(trades.params)};
}

Headline compute_headline(Warehouse& wh) {
  const HeadlinePeriod period = last_full_month(wh);
  const Query q = month_totals(wh, {period.from, period.to});
  const ResultSet r = wh.query(q.sql, q.params);
  const int64_t revenue = r.row(0).integer("revenue_cents"), fees = r.row(0).integer("fee_cents");
  const double rate = revenue > 0 ? static_cast<double>(fees) / static_cast<double>(revenue) : 0;
  Headline h{.covers = period.label};
  h.figures = {
      {{"effective_rate", "Effective rate", rate, ValueType::kRate, "", "", rate_status(rate),
        "green under 2.5%, red from 3%"},
       "summary",
       period.params()},
      {{"fees", "Processing fees", fees, ValueType::kMoney, "USD"}, "summary", period.params()},
  };
  return h;
}

const HeadlineRegistration kHeadline("payment-fees", &compute_headline);

}  // namespace
}  // namespace luckyhub::payment_fees
