// The home tile of tax-gap: the last full month's gap (tax due - collected)
// and its items with missing or wrong tax, at the default combined rate.
// One aggregate over that month's paid orders and their items, read from the
// orders' side (the month's orders, then their items through the item's
// order index) where the report reads every item with its order: the
// figures equal the summary tiles of the report run on that month (tax_gap.cc).
#include "domain/order_rules.h"
#include "domain/tenants.h"
#include "tools/registry.h"
#include "tools/tax_gap/tax_gap.h"
#include "tools/window.h"

namespace luckyhub::tax_gap {
namespace {

// The month's paid USD items with tax due: their count, tax collected, tax
// due and flagged items, in one row.
Query month_totals(const Dialect& d, const Window& w) {
  const std::string due = expected_tax(d, kDefaultRateE5);
  const std::string paid_orders =
      "SELECT id FROM sales_order__t_order WHERE tenant = ? AND currency_code = ? AND " +
      rules::paid_order() + " AND " + w.range(d, "pay_time");
  std::string sql =
      "SELECT COUNT(*) AS items, COALESCE(SUM(COALESCE(i.tax, 0)), 0) AS collected_cents";
  sql += ", COALESCE(SUM(" + due + "), 0) AS due_cents";
  sql += ", COALESCE(SUM(CASE WHEN " + flag_condition(d, kDefaultRateE5) + " THEN 1 ELSE 0 END), 0) AS flagged_items";
  sql += " FROM " + d.join_left("sales_order__t_order_item") + " i";
  sql += " JOIN (" + paid_orders + ") o ON o.id = i.order_id";
  sql += " WHERE i.pay_money > 0";
  return {sql, {tenant_for_currency("USD"), "USD", w.utc_from(), w.utc_to()}};
}

Headline compute_headline(Warehouse& wh) {
  const HeadlinePeriod period = last_full_month(wh);
  const Query q = month_totals(wh.dialect(), {period.from, period.to});
  const ResultSet r = wh.query(q.sql, q.params);
  const Row row = r.row(0);
  const int64_t gap = row.integer("due_cents") - row.integer("collected_cents");
  const int64_t flagged_items = row.integer("flagged_items");
  Headline h{.covers = period.label};
  h.figures = {
      {{"gap", "Tax gap (due - collected)", gap, ValueType::kMoney, "USD", "", gap_status(gap),
        "green when nothing is owed, red from $100"},
       "summary",
       period.params()},
      {{"flagged_items", "Items with missing or wrong tax", flagged_items, ValueType::kInt, "", "",
        flagged_items == 0 ? Status::kGreen : Status::kRed,
        "of " + std::to_string(row.integer("items")) + " taxable items"},
       "summary",
       period.params()},
  };
  return h;
}

const HeadlineRegistration kHeadline("tax-gap", &compute_headline);

}  // namespace
}  // namespace luckyhub::tax_gap
