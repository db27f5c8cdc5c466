// The business rules that say which rows count, each written once: every
// tool, derived table and calibration check that asks "was this order paid?"
// or "did this payment succeed?" uses these, never its own copy of the codes.
//
// Each returns an SQL condition over a row of its table, with the table's
// alias ("o" gives "o.status IN (...)"; "" for unqualified columns).
#pragma once

#include <string>
#include <string_view>

namespace luckyhub::rules {

// A paid order (t_order): paid (20), making (30), completed (40) or refunded
// after payment (60); not awaiting payment (10) nor cancelled (50).
std::string paid_order(std::string_view alias = "");
// The same over the order's status under another name, as a wide table
// carries it beside an item ("i.order_status").
std::string paid_order_status(std::string_view status_column);

// A successful trade (t_trade): trade_status 20, a payment or a refund.
std::string successful_trade(std::string_view alias = "");

// A successful payment (t_trade): a trade of type 1 (payment, not refund)
// with trade_status 20.
std::string successful_payment(std::string_view alias = "");

// A live income bill (t_acc_income_bill): pending (10) or posted (20), not
// reversed (30).
std::string live_income_bill(std::string_view alias = "");

}  // namespace luckyhub::rules
