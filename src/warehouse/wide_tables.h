// Wide tables: a source table with columns looked up in another, so that the
// tools read one table where they would join two. Each is defined once, here,
// and its rows are the same on every engine; where they come from depends on
// how the engine joins (Dialect::joins_in_memory):
//
//  - ClickHouse joins by building the right side in memory, at every query:
//    500 000 trades joined to their fees cost 0.4-0.8 s at scale 1. Its
//    writer materialises each wide table into the generation it builds, once
//    per load (a generation is always a full copy, so it cannot go stale),
//    and the tools scan it: 0.04 s.
//  - SQLite (and a MySQL replica) join through indexes. The wide table is the
//    same SELECT, inlined in the tool's query as a subquery that the planner
//    flattens into the join it would have run anyway; nothing is stored, and
//    an incremental sync has nothing to refresh.
//
// A lookup matches its rows on key columns. It is a lookup of one row (the
// keys are unique in the looked-up table: a source's UNIQUE KEY) or a sum
// over every matching row; either way a base row gives exactly one wide row.
// Unmatched, the looked-up columns are NULL.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "warehouse/schema.h"
#include "warehouse/warehouse.h"

namespace luckyhub {

struct WideColumn {
  std::string name;    // in the wide table
  std::string value;   // over the looked-up table's unqualified columns: "total_fee", "SUM(amount)"
  std::string source;  // the looked-up column whose type it takes (made nullable)
};

struct WideTable {
  TableDef base;                                         // every column of it comes along
  TableDef lookup;
  std::vector<std::pair<std::string, std::string>> keys;  // base column = lookup column
  std::string filter;                                    // over the lookup's columns; "" for none
  bool sum = false;                                      // `value`s aggregate every matching row
  std::vector<WideColumn> columns;
  std::string name;  // "wide__trade_fee"

  // The table's definition: the base's columns, then the looked-up ones
  // (nullable), under `name` ("wide" + "__" + the rest).
  TableDef def() const;
  // The SELECT of def()'s columns, in order, over the warehouse's source
  // tables, as `dialect`'s engine is best served: the base LEFT JOINed to the
  // lookup (the lookup summed per key first, for a sum) where it joins in
  // memory; where it joins through indexes, a sum is a correlated subquery
  // per base row (read through the lookup's key index, and only for the rows
  // a query keeps).
  std::string select(const Dialect& dialect) const;
};

// Every wide table.
const std::vector<WideTable>& wide_tables();
// Throws Error for an unknown name.
const WideTable& wide_table(std::string_view name);

// The FROM item of a wide table in a query ("FROM " + wide_from(d, name) +
// " t"): the materialised table where `dialect`'s engine joins in memory,
// else its SELECT in parentheses.
std::string wide_from(const Dialect& dialect, std::string_view name);

// The income groups: the successful trades and the live income bills, each
// counted and summed per tenant, currency, shop, New York business day and
// hour, channel and type (1 payment, 2 refund), side by side in one row per
// key (zeros for a side with none): trades, trade_cents, bills, sources (the
// bills' distinct sales sources), bill_cents (their absolute amounts), and
// the ids of each side (Dialect::id_list: in no promised order). A
// UNION ALL and a GROUP BY make it a FULL JOIN on every engine. The
// reconciliation's bill matching reads it (ClickHouse materialises it at load
// with the wide tables: two scans and a merge of 200 000 groups at scale 1,
// once). `trade_where`, `bill_where`: further conditions on the trades and
// bills ("" for none), for an inline SELECT that reads only a query's rows.
TableDef income_groups_def();
std::string income_groups_select(const Dialect& dialect, std::string_view trade_where = "",
                                 std::string_view bill_where = "");

// A table that a ClickHouse load materialises into its generation, once its
// sources are loaded: the wide tables and the income groups.
struct DerivedTable {
  TableDef def;
  std::vector<std::string> sources;  // warehouse names
  std::string select;                // def's columns, in order
};
std::vector<DerivedTable> derived_tables(const Dialect& dialect);

// The wide tables, by name.
inline constexpr std::string_view kTradeFees = "wide__trade_fee";      // trades + their channel fee
inline constexpr std::string_view kTradeOrders = "wide__trade_order";  // trades + their order by number
inline constexpr std::string_view kOrderPaid = "wide__order_paid";     // orders + their successful payments
inline constexpr std::string_view kItemOrders = "wide__order_item";    // items + their order
inline constexpr std::string_view kIncomeGroups = "summary__income_group";

}  // namespace luckyhub
