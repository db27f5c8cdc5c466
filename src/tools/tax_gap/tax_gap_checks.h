// tax-gap's cross-checks of its own figures against the other records of the
// same tax, as report panels (tax_gap_checks.cc): the tax accounting booked
// against the tax collected per day, each order's breakdown against its
// items, and each item's split by jurisdiction. The analysis that reads them
// is in tax_gap.cc; the rest of the report in tax_gap_report.cc.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "report/report.h"
#include "tools/tax_gap/tax_gap.h"

namespace luckyhub::tax_gap {

// A day's tax collected (the items') against the tax its sales income bills
// booked; only the days that differ.
struct BookingBreak {
  std::string day;
  int64_t collected_cents = 0, booked_cents = 0, refund_tax_cents = 0, pending_bills = 0;
};

// The days whose booked sales tax is not the collected tax, by day; none
// when the period has no live income bills.
std::vector<BookingBreak> booking_breaks(const TaxGap& gap);

// The days of booking_breaks, with the refunds' tax apart.
Panel booked_table(const TaxGap& gap, const std::vector<BookingBreak>& breaks);
// Paid USD orders whose t_order_amount.tax_amount is not their items' tax.
Panel order_tax_table(const TaxGap& gap);
// Items at the rate whose tax_info is not its split (judge_tax_info).
Panel tax_info_table(const TaxGap& gap);

}  // namespace luckyhub::tax_gap
