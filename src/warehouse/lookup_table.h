// A lookup table: the derived table of a source table with columns looked up
// in another, so that a tool reads one table where it would join two (a
// trade with its fee, an item with its order). The most common derived
// table, declared from a short spec:
//
//   static const DerivedTableRegistration kTradeFees(lookup_table({
//       .owner = "payment-fees", .name = "wide__trade_fee", .base = trade, .lookup = fee,
//       .keys = {{"trade_no", "trade_no"}}, .columns = {{"fee", "total_fee", "total_fee"}}}));
//
// A lookup matches its rows on key columns. It is a lookup of one row (the
// keys are unique in the looked-up table: a source's UNIQUE KEY) or a sum
// over every matching row; either way a base row gives exactly one derived
// row, keyed by the base's id. Unmatched, the looked-up columns are NULL.
// A changed base row refreshes its own row; a changed looked-up row the base
// rows whose first key matches it.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "warehouse/derived_table.h"

namespace luckyhub {

struct LookupColumn {
  std::string name;    // in the derived table
  std::string value;   // over the looked-up table's unqualified columns: "total_fee", "SUM(amount)"
  std::string source;  // the looked-up column whose type it takes (made nullable)
};

struct LookupSpec {
  std::string owner;
  std::string name;  // "wide__trade_fee": the warehouse name, "<group>__<table>"
  TableDef base;     // every column of it comes along; REQUIRES: primary key (id)
  TableDef lookup;
  std::vector<std::pair<std::string, std::string>> keys;  // base column = lookup column
  std::string filter;                                    // over the lookup's columns; "" for none
  bool sum = false;                                      // `value`s aggregate every matching row
  std::vector<LookupColumn> columns;
};

// The derived table of a spec. Its SELECT serves the engine as it joins: the
// base LEFT JOINed to the lookup (summed per key first, for a sum) where
// the engine joins in memory; where it joins through indexes, a sum is a
// correlated subquery per base row (read through the lookup's key index, and
// only for the rows a query keeps). Filters on the base apply to its rows.
DerivedTable lookup_table(const LookupSpec& spec);

}  // namespace luckyhub
