// luckyus_ifiaccounting.t_acc_income_bill: accounting books one bill per
// shop x business day x hour x payment channel x bill type x sales source
// (app and store sales apart from delivery-platform sales, which settle
// differently), with the tenant and currency taken from the trades, summing
// the day's successful trades. A missing bill is a whole group's: no bill of
// either source.
// Payments are bill type 1, refunds type 2 with negative amounts. On a few
// days a bill of an LKUS/USD sales group is missing or booked twice; those
// are recorded as recon_missing_income_bill / recon_duplicate_income_bill.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <tuple>

#include "simulate/context.h"

namespace luckyhub::sim {

class IncomeBook {
 public:
  IncomeBook(SimContext& ctx, const std::vector<Date>& days);
  // A successful trade: amount and tax in cents (negative for refunds).
  // `source` is 1 (app and store) or 2 (delivery platform).
  void add(int64_t shop_id, int hour, int channel_id, int bill_type, int source, const std::string& tenant,
           const std::string& currency, int64_t amount_cents, int64_t tax_cents);
  // Writes the day's bills and forgets the day.
  void flush(Date day);
  // The bill_no that a group's source got on the day (after flush), "" if none.
  std::string bill_no_of(int64_t shop_id, int hour, int channel_id, int bill_type, int source,
                         const std::string& tenant, const std::string& currency) const;

 private:
  using Key = std::tuple<int64_t, int, int, int, std::string, std::string>;
  struct Sum {
    int64_t count = 0, amount = 0, tax = 0;
  };
  struct Group {
    Sum source[3];  // by sales source 1 and 2
  };
  SimContext& ctx_;
  RowSink& sink_;
  std::map<Key, Group> day_;
  std::map<std::pair<Key, int>, std::string> written_;
  std::set<Date> missing_days_, duplicate_days_;
  int64_t next_id_ = 1;
  Date last_day_;
};

}  // namespace luckyhub::sim
