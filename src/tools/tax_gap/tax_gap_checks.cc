// tax-gap's cross-checks as report panels: see tax_gap_checks.h.
#include "tools/tax_gap/tax_gap_checks.h"

#include <map>

namespace luckyhub::tax_gap {

std::vector<BookingBreak> booking_breaks(const TaxGap& gap) {
  if (!gap.has_income_bills) return {};
  std::map<std::string, BookingBreak> days;
  for (const TaxSums& d : gap.days) days[d.period].collected_cents = d.collected_cents;
  for (const BookedDay& b : gap.booked) {
    BookingBreak& x = days[b.day];
    x.booked_cents = b.sales_tax_cents;
    x.refund_tax_cents = b.refund_tax_cents;
    x.pending_bills = b.pending_bills;
  }
  std::vector<BookingBreak> out;
  for (auto& [day, x] : days) {
    x.day = day;
    if (x.booked_cents != x.collected_cents) out.push_back(x);
  }
  return out;
}

Panel booked_table(const TaxGap& gap, const std::vector<BookingBreak>& breaks) {
  Panel p{.id = "booked_tax", .title = "Tax booked in accounting against tax collected, by day", .kind = PanelKind::kTable};
  p.description =
      gap.has_income_bills
          ? "The days whose sales income bills (t_acc_income_bill, bill type 1, pending or posted, not reversed, "
            "LKUS in USD) book another tax than the day's items collected: a bill missing or booked twice, a "
            "payment booked without its order or an order without its payment. Refunds' tax is booked on the day "
            "of the refund and shown apart."
          : "No live income bills of LKUS in USD in the period (luckyus_ifiaccounting.t_acc_income_bill): "
            "nothing to compare.";
  p.table.columns = {{"day", "Day", ValueType::kDate},
                     {"collected_cents", "Tax collected (items)", ValueType::kMoney, "USD"},
                     {"booked_cents", "Tax booked (sales bills)", ValueType::kMoney, "USD"},
                     {"difference_cents", "Booked - collected", ValueType::kMoney, "USD"},
                     {"refund_tax_cents", "Refunds' tax booked", ValueType::kMoney, "USD"},
                     {"pending_bills", "Bills not posted", ValueType::kInt}};
  for (const BookingBreak& x : breaks) {
    p.table.rows.push_back({x.day, x.collected_cents, x.booked_cents, x.booked_cents - x.collected_cents,
                            x.refund_tax_cents, x.pending_bills});
  }
  return p;
}

// Orders whose breakdown (t_order_amount) carries another tax than their
// items: what the order-level and the item-level records would file differ.
Panel order_tax_table(const TaxGap& gap) {
  Panel p{.id = "order_tax", .title = "Orders whose tax breakdown disagrees with their items", .kind = PanelKind::kTable};
  p.description = "Paid USD orders whose t_order_amount.tax_amount is not the sum of their items' tax: one of the "
                  "two records is wrong; the figures above are the items'." +
                  (gap.more_order_tax ? " The first " + std::to_string(kMaxListedItems) + " are listed." : "");
  p.table.columns = {{"order_no", "Order", ValueType::kText},
                     {"day", "Day", ValueType::kDate},
                     {"items_tax_cents", "Items' tax", ValueType::kMoney, "USD"},
                     {"amount_tax_cents", "Order's tax (t_order_amount)", ValueType::kMoney, "USD"},
                     {"difference_cents", "Difference", ValueType::kMoney, "USD"}};
  for (const OrderTaxMismatch& x : gap.order_tax) {
    p.table.rows.push_back({x.order_no, x.day, x.items_tax_cents, x.amount_tax_cents,
                            x.amount_tax_cents - x.items_tax_cents});
  }
  return p;
}

// Items taxed at the right rate whose split by jurisdiction is not New
// York's: the state, city and MCTD lines of a filing would be wrong.
Panel tax_info_table(const TaxGap& gap) {
  Panel p{.id = "tax_info", .title = "Items whose tax split by jurisdiction is wrong", .kind = PanelKind::kTable};
  p.description = "Items taxed at " + format_decimal(gap.rate_e5, 3) +
                  "% whose tax_info does not split it as New York does (NY_STATE 4%, NYC 4.5%, MCTD 0.375%), "
                  "or whose rates do not add up to the item's: a filing by jurisdiction from them would be wrong." +
                  (gap.more_tax_info ? " The first " + std::to_string(kMaxListedItems) + " are listed." : "");
  p.table.columns = {{"item_id", "Item", ValueType::kInt},
                     {"order_no", "Order", ValueType::kText},
                     {"day", "Day", ValueType::kDate},
                     {"product", "Product", ValueType::kText},
                     {"tax_info", "tax_info", ValueType::kText},
                     {"problem", "What is wrong", ValueType::kText}};
  for (const TaxInfoItem& x : gap.tax_info) {
    p.table.rows.push_back({x.item_id, x.order_no, x.day, x.product, x.tax_info,
                            x.problem});
  }
  return p;
}

}  // namespace luckyhub::tax_gap
