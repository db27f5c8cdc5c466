// The home tile of reconciliation: the last 7 days' discrepancies and
// payments, in USD (production) at the default tolerance of 1 cent. Counts
// of the three kinds of break the report lists (orders that do not add up,
// payments without their order, income-bill groups that do not match their
// trades), the cost side's breaks (fee and commission bills, stray cost
// bills: reconciliation.h) and one sum, in one batch, where the report also fetches every
// break's ids, the day totals and the fees: the figures equal the summary
// tiles of the report run on those days (reconciliation.cc has the rules).
#include "domain/order_rules.h"
#include "domain/tenants.h"
#include "tools/registry.h"
#include "tools/window.h"
#include "tools/reconciliation/reconciliation.h"
#include "tools/reconciliation/reconciliation_tables.h"
#include "warehouse/derived_table.h"

namespace luckyhub::reconciliation {
namespace {

constexpr int kDays = 7;
constexpr int64_t kToleranceCents = 1;

struct HeadlineScope {
  Window window;
  std::string tenant, currency;
  std::vector<SqlValue> pay_window() const {
    return {tenant, currency, window.utc_from(), window.utc_to()};
  }
  std::vector<SqlValue> bill_window() const {
    return {tenant, currency, window.from.str(), window.to.str()};
  }
};

// Paid orders whose successful payments (kOrderPaid) are missing or differ.
Query unmatched_orders(Warehouse& wh, const HeadlineScope& s) {
  const Dialect& d = wh.dialect();
  Query orders = derived_from(wh, kOrderPaid);
  std::vector<SqlValue> params = std::move(orders.params);
  for (const SqlValue& v : s.pay_window()) params.push_back(v);
  params.push_back(kToleranceCents);
  return {"SELECT COUNT(*) AS breaks FROM " + orders.sql +
              " o WHERE o.tenant = ? AND o.currency_code = ? AND " + rules::paid_order("o") +
              " AND " + s.window.range(d, "o.pay_time") +
              " AND COALESCE(abs(o.paid - o.pay_money) > ?, 1) = 1",
          params};
}

// Successful payments without an order of their tenant and currency (kTradeOrders).
Query orphan_trades(Warehouse& wh, const HeadlineScope& s) {
  const Dialect& d = wh.dialect();
  Query trades = derived_from(wh, kTradeOrders);
  std::vector<SqlValue> params = std::move(trades.params);
  for (const SqlValue& v : s.pay_window()) params.push_back(v);
  return {"SELECT COUNT(*) AS breaks FROM " + trades.sql +
              " t WHERE t.tenant = ? AND t.currency_code = ? AND " +
              rules::successful_payment("t") + " AND " + s.window.range(d, "t.pay_time") +
              " AND (t.order_id IS NULL OR t.order_tenant <> t.tenant OR t.order_currency_code <> "
              "t.currency_code)",
          params};
}

// Income groups whose bills are missing, duplicated, without trades or off
// their trades' amount: the window's groups, inlined on every engine.
Query group_breaks(Warehouse& wh, const HeadlineScope& s) {
  const Dialect& d = wh.dialect();
  const SourceFilters window = {
      {"sales_payment__t_trade", {"tenant = ? AND currency_code = ? AND " + s.window.range(d, "pay_time"), s.pay_window()}},
      {"ifiaccounting__t_acc_income_bill",
       {"tenant = ? AND currency_code = ? AND " + s.window.range(d, "biz_date"), s.bill_window()}}};
  Query q = derived_from(wh, kIncomeGroups, window);
  q.sql = "SELECT COUNT(*) AS breaks FROM " + q.sql + R"( g WHERE g.tenant = ? AND g.currency_code = ? AND g.day >= ? AND g.day < ?
        AND (g.bills = 0 OR g.trades = 0 OR g.bills > g.sources OR abs(g.bill_cents - g.trade_cents) > ?))";
  for (const SqlValue& v : s.bill_window()) q.params.push_back(v);
  q.params.push_back(kToleranceCents);
  return q;
}

// The report's payments total: successful trades that are not refunds.
Query payments(const Dialect& d, const HeadlineScope& s) {
  return {
      "SELECT COALESCE(SUM(CASE WHEN trade_type = 2 THEN 0 ELSE amount END), 0) AS payments_cents"
      " FROM sales_payment__t_trade WHERE tenant = ? AND currency_code = ? AND " +
          rules::successful_trade() + " AND " + s.window.range(d, "pay_time"),
      s.pay_window()};
}

Headline compute_headline(Warehouse& wh) {
  const HeadlinePeriod period = last_days(wh, kDays);
  const HeadlineScope s{{period.from, period.to}, tenant_for_currency("USD"), "USD"};
  const Dialect& d = wh.dialect();
  std::vector<Query> queries = {group_breaks(wh, s), unmatched_orders(wh, s), orphan_trades(wh, s), payments(d, s)};
  for (Query& q : cost_side_queries(wh, s.window, s.currency)) queries.push_back(std::move(q));
  std::vector<ResultSet> r = wh.query_all(queries);
  int64_t breaks = 0;
  for (size_t i = 0; i < 3; ++i) breaks += r[i].row(0).integer("breaks");
  // The cost side's breaks (fee and commission bills, stray cost bills), as the report counts them.
  const std::vector<ResultSet> costs(std::make_move_iterator(r.begin() + 4), std::make_move_iterator(r.end()));
  breaks += static_cast<int64_t>(cost_side_breaks(costs, s.window, s.currency, kToleranceCents).size());
  Headline h{.covers = period.label};
  h.figures = {
      {{"discrepancies", "Discrepancies", breaks, ValueType::kInt, "", "",
        breaks == 0 ? Status::kGreen : Status::kRed, "tolerance $0.01"},
       "summary",
       period.params()},
      {{"payments_total", "Payments total", r[3].row(0).integer("payments_cents"),
        ValueType::kMoney, "USD"},
       "summary",
       period.params()},
  };
  return h;
}

const HeadlineRegistration kHeadline("reconciliation", &compute_headline);

}  // namespace
}  // namespace luckyhub::reconciliation
