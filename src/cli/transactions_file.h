// The plain-file input of `luckyhub model bgnbd`: a CSV of transactions with
// a header naming the customer, date and (optionally) amount columns, other
// columns ignored. Summarised per customer with the conventions of lifetimes'
// summary_data_from_transaction_data:
//   - transactions after the end date are dropped; purchases on one day are
//     one purchase (their amounts summed);
//   - frequency = purchase days after the first; recency = last − first;
//     T = end − first; in days, or weeks (days / 7);
//   - monetary = the mean of the repeat purchase days' amounts (0 without any).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"

namespace luckyhub::cli {

struct Transaction {
  std::string customer;
  Date date;
  double amount = 0;
};

struct TransactionColumns {
  std::string customer, date, amount;  // amount "" when not read
};

// Throws Error "PATH:LINE: reason" on a bad row (too few fields, an empty
// customer, a date that is not YYYY-MM-DD (a time after it is ignored), an
// amount that is not a finite number), "PATH:1: reason" on a header without
// a named column, "PATH: reason" on a missing or empty file.
std::vector<Transaction> read_transactions(const std::string& path, const TransactionColumns& columns);

struct CustomerSummary {
  std::string customer;
  double frequency = 0, recency = 0, T = 0, monetary = 0;
};

// In customer order (as strings). end: the last transaction's date when unset.
std::vector<CustomerSummary> summarise(const std::vector<Transaction>& transactions, std::optional<Date> end,
                                       double days_per_unit);

}  // namespace luckyhub::cli
