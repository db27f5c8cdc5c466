// Tool 9, Tax Compliance Gap Tracker (id "tax-gap"): sales tax collected on
// paid USD orders against what New York State + New York City (+ MCTD) rates
// say it should be, the items whose tax is missing or wrong, a monthly summary
// for filing preparation, a daily synthetic tax ledger, and whether the empty
// luckyus_fi_tax invoice tables have started to fill.
//
// Items of paid orders count (rules::paid_order, which takes in refunded
// orders: a refunded order was paid, and its tax was charged). An item is
// taxable when pay_money > 0. Expected tax is round_half_up(pay_money x rate)
// per item, in cents. An item is flagged
//   missing      when its tax is NULL or 0 although tax is due,
//   wrong_rate   when its tax_rate is not the expected rate,
//   wrong_amount when its tax is not round_half_up(pay_money x its own tax_rate).
//
// The analysis (tax_gap.cc) reads the warehouse into the figures below; the
// report (tax_gap_report.cc, and tax_gap_checks.cc for the cross-checks) lays
// them out, one function per panel.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "report/report.h"
#include "tools/window.h"
#include "warehouse/warehouse.h"

namespace luckyhub::tax_gap {

constexpr int kRateScale = 100000;  // tax_rate is DECIMAL(6,5): 8875 is 8.875%
constexpr size_t kMaxListedItems = 5000;

// Taxable USD items of a New York day, or of a month (the sums of its days).
struct TaxSums {
  std::string period;  // 'YYYY-MM-DD' or 'YYYY-MM'
  int64_t items = 0, sales_cents = 0, collected_cents = 0, due_cents = 0, flagged_items = 0;
  // The two sides of the gap, item by item: tax short of what is due
  // (missing or too little) and tax collected past it (over-collected, owed
  // to the state as well). due - collected = short - over.
  int64_t short_cents = 0, over_cents = 0;
  // Adds another period's sums (the period stays this one's).
  void add(const TaxSums& other);
};

// The NZ test tenant's items of a month: prices include 15% GST.
struct GstMonth {
  std::string month;  // 'YYYY-MM'
  int64_t items = 0, sales_cents = 0, charged_cents = 0, due_cents = 0;
};

struct FlaggedItem {
  int64_t item_id = 0;
  std::string order_no, day, product;
  int64_t pay_money_cents = 0;
  std::optional<int64_t> tax_rate_e5;  // none when NULL
  int64_t tax_cents = 0, expected_tax_cents = 0;
  std::string issue;  // missing, wrong_rate or wrong_amount
};

// A luckyus_fi_tax table that holds rows, with when its first row came.
struct FiTaxTable {
  std::string table;
  int64_t rows = 0;
  std::string first_row;  // earliest create_time, UTC
  // Whose rows they are: rows per tenant value ("" for NULL), by tenant.
  std::vector<std::pair<std::string, int64_t>> by_tenant;
  int64_t production_rows = 0;  // of the production tenant (LKUS)
};

// A paid order of a known tenant whose currency is not its tenant's (an LKUS
// order in NZD): in neither the US figures nor the NZ GST table, so listed.
struct ExcludedOrder {
  std::string order_no, tenant, currency, day;
  int64_t items = 0, sales_cents = 0, tax_cents = 0;
  std::string reason;
};

// An item taxed at the rate that applies whose tax_info (its rate split by
// jurisdiction, a JSON object of jurisdiction -> rate) is not that rate's
// split: what a filing by jurisdiction (state, city, MCTD) would get wrong.
struct TaxInfoItem {
  int64_t item_id = 0;
  std::string order_no, day, product;
  std::string tax_info;
  std::string problem;  // what is wrong with it, in words
};

// The New York jurisdictions behind the combined 8.875% rate: the id of
// their report columns, their name, their key in an item's tax_info and
// their rate.
struct Jurisdiction {
  const char* id;
  const char* name;
  const char* tax_info_key;
  int64_t rate_e5;
};
inline constexpr Jurisdiction kJurisdictions[] = {
    {"ny_state", "New York State", "NY_STATE", 4000},
    {"nyc", "New York City", "NYC", 4500},
    {"mctd", "Metropolitan Commuter Transportation District", "MCTD", 375},
};

// What is wrong with an item's tax_info at `rate_e5` (the item's own rate),
// or "" when nothing is: it must be an object of jurisdiction -> rate whose
// rates add up to the item's rate and, at New York City's 8.875%, name
// exactly kJurisdictions' three at their rates. Key order and number format
// do not matter; rates are compared in hundred-thousandths. A NULL tax_info
// (no split recorded) is not judged: the filing splits the rate itself.
std::string judge_tax_info(const std::string& tax_info, int64_t rate_e5);

// A paid order whose breakdown's tax (t_order_amount.tax_amount) is not the
// sum of its items' tax: one of the two records is wrong.
struct OrderTaxMismatch {
  std::string order_no, day;
  int64_t items_tax_cents = 0, amount_tax_cents = 0;
};

// The tax booked in a New York business day's live income bills
// (t_acc_income_bill, pending or posted, not reversed) of the production
// tenant in USD: its sales bills' tax, to set against the day's collected
// tax, and its refund bills' (negative, booked on the day of the refund).
struct BookedDay {
  std::string day;
  int64_t sales_tax_cents = 0, refund_tax_cents = 0;
  int64_t pending_bills = 0;  // not posted yet
};

struct TaxGap {
  int64_t rate_e5 = 0;               // the rate that applies, x kRateScale
  std::vector<TaxSums> days;         // by New York day of payment, ascending
  std::vector<GstMonth> nz_months;   // ascending
  std::vector<FlaggedItem> flagged;  // by item id, at most kMaxListedItems
  bool more_flagged = false;         // more flagged items than listed
  std::vector<FiTaxTable> fi_tax;    // the luckyus_fi_tax tables with rows
  std::vector<ExcludedOrder> excluded;  // by order_no, at most kMaxListedItems
  std::vector<BookedDay> booked;     // by day, ascending; empty without the income bills
  bool has_income_bills = false;   // the window has live income bills: booked is compared
  std::vector<OrderTaxMismatch> order_tax;  // by order_no, at most kMaxListedItems
  bool more_order_tax = false;
  std::vector<TaxInfoItem> tax_info;    // by item id, at most kMaxListedItems
  bool more_tax_info = false;           // more such items than listed
};

// The window's taxable items at `rate_e5`, in one batch of queries, and the
// luckyus_fi_tax tables.
TaxGap analyse(Warehouse& warehouse, const Window& window, int64_t rate_e5);

// The report's default rate, x kRateScale (0.08875: New York City's combined rate).
constexpr int64_t kDefaultRateE5 = 8875;
// SQL over an item aliased `i`: the tax it is due at `rate_e5`, and whether
// its tax is missing or wrong at `rate_e5` (the rules above).
std::string expected_tax(const Dialect& dialect, int64_t rate_e5);
std::string flag_condition(const Dialect& dialect, int64_t rate_e5);
// The traffic light of a gap: green when nothing is owed, red from $100.
Status gap_status(int64_t owed_cents);

// The days summed by month ('YYYY-MM'), ascending.
std::vector<TaxSums> by_month(const std::vector<TaxSums>& days);

}  // namespace luckyhub::tax_gap
