// Derived tables: rows computed from source tables by SQL, declared by the
// tool (or domain module) that reads them and kept by the warehouse. A tool's
// heavy join or aggregation is declared once, in the tool's own folder, and
// registers itself as a tool does:
//
//   static const DerivedTableRegistration kIncomeGroups(DerivedTable{
//       .owner = "reconciliation", .def = ..., .key = {...},
//       .refresh = DerivedRefresh::kRecompute, .sources = {...}, .select = ...});
//
// The warehouse owns only the mechanism, the same for every declaration:
//  - a load (simulate, ClickHouse sync) materialises every declared table
//    whose sources it holds, once its sources are loaded, and records the
//    declaration's version with it (meta "derived:<name>");
//  - an updater (sync into SQLite, warehouse/updater.h) refreshes, within
//    each commit, the derived rows that the changed source rows feed, and
//    rebuilds a table whose sources were copied whole or whose declaration
//    changed (its version differs): that table, not the whole warehouse;
//  - a reader asks for derived_from(): the materialised table when the
//    warehouse holds it at the declaration's version, else the declaration's
//    SELECT inline (a warehouse of an older luckyhub, a MySQL replica, a
//    table being rebuilt): the rows are the same either way.
//
// How the changed rows reach a derived table depends on its kind:
//  - kRecompute: each source names the derived keys its rows feed; those
//    keys' rows are deleted and selected again (a lookup, a join, a grouping
//    that is not a sum);
//  - kAdditive: every non-key column is a sum (a COUNT is a sum of ones); each
//    source gives its rows' contributions per key, and a refresh adds the new
//    rows' and subtracts the old rows' (no rescan of the source);
//  - kSelection: each derived row is one qualifying source row, keyed by the
//    source's name and id; a refresh deletes the changed ids and selects the
//    changed rows again;
//  - kComputed: a few rows that C++ computes from the whole of its sources
//    (a model fitted by maximum likelihood: no SQL says it). A change to any
//    source makes it stale (a SQLite sync drops its rows and its version in
//    the same commit), and the end of the run computes it again; a load
//    computes it once the SQL-derived tables are built. It has no inline
//    form: a reader asks derived_current() and, when it is not, computes
//    what it needs itself.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/sql_result.h"
#include "warehouse/schema.h"
#include "warehouse/warehouse.h"

namespace luckyhub {

enum class DerivedRefresh { kRecompute, kAdditive, kSelection, kComputed };

struct DerivedSource {
  std::string table;  // warehouse name of the source table
  // What some rows of this source give, as a SELECT over `rows` (a named FROM
  // item with every column of the source: the table itself, changed rows, or
  // the table's filtered rows under the table's name; used as given):
  //   kRecompute: the derived keys they feed (the key columns, named);
  //   kAdditive:  their contributions: the key columns and each other column
  //               of the derived table summed, grouped by the key;
  //   kSelection: the derived rows of those that qualify (def's columns).
  //   kComputed: none (any change to the source stales the table).
  std::function<std::string(const Dialect& dialect, std::string_view rows)> of_rows;
  // kAdditive and kSelection: a warehouse without this table builds and
  // reads the derived table from the sources it has.
  bool optional = false;
  // kRecompute, optional: a condition on this source's rows (its columns by
  // name) that holds for every row feeding a key listed in the table `keys`
  // (the key columns, named), and may hold for others. A refresh of changed
  // keys then reads only those rows, where it would compute the whole SELECT.
  std::function<std::string(const Dialect& dialect, std::string_view keys)> of_keys;
};

// Conditions on source rows, by source table (warehouse name), with their
// '?' values: a derived table read inline applies them to that source's scan
// (a one-day drill-down reads one day); a materialised one ignores them, so
// a reader filters the derived rows too.
struct SourceFilter {
  std::string where;
  std::vector<SqlValue> params;
};
using SourceFilters = std::map<std::string, SourceFilter>;

struct DerivedTable {
  std::string owner;   // the tool id (or "domain") that declares it
  TableDef def;        // its columns, and the indexes its readers need
  std::vector<std::string> key;  // columns of def: kRecompute's refresh unit
  DerivedRefresh refresh = DerivedRefresh::kRecompute;
  std::vector<DerivedSource> sources;
  // kRecompute only: the whole table's SELECT (def's columns, in order), with
  // `filters` applied to each source's rows (source_filter() gives the SQL
  // and adds the values, in the order the SQL uses them). The other kinds'
  // SELECT is made of their sources' of_rows.
  std::function<Query(const Dialect& dialect, const SourceFilters& filters)> select;
  // kComputed only: every row (def's columns, in order), computed from `data`,
  // a warehouse that holds the sources and the SQL-derived tables current.
  std::function<std::vector<std::vector<SqlValue>>(Warehouse& data)> compute;
  // kComputed only: part of the version in place of the SQL (C++ is not
  // fingerprinted): change it whenever compute() would give other rows from
  // the same data.
  std::string revision;

  std::string name() const { return def.warehouse_name(); }
  // The SELECT of every row (def's columns, in order), filtered by
  // `filters`, from the sources `present` says a warehouse has (an optional
  // source it lacks is left out; nullptr: every source).
  using Present = std::function<bool(const std::string& table)>;
  Query full_select(const Dialect& dialect, const SourceFilters& filters = {}, const Present* present = nullptr) const;
  // Whether a warehouse with the sources `present` says can hold it: every
  // required source and at least one.
  bool buildable(const Present& present) const;
  // A fingerprint of the declaration as `dialect`'s engine runs it: its
  // columns, indexes, key, kind and SQL. A warehouse holding another version
  // holds rows of another definition.
  std::string version(const Dialect& dialect) const;
  // The key columns, comma-separated.
  std::string key_list() const;
};

class DerivedTableRegistry {
 public:
  static DerivedTableRegistry& instance();
  // Throws Error on a duplicate name, a key column def lacks, a source that
  // is not a schema table, or a kind without what it needs (kRecompute's
  // select).
  void add(DerivedTable table);
  // Sorted by name.
  std::vector<const DerivedTable*> list() const;
  const DerivedTable* find(std::string_view name) const;
  const DerivedTable& get(std::string_view name) const;  // throws Error when unknown
  // The derived tables that read `source` (a warehouse name).
  std::vector<const DerivedTable*> reading(std::string_view source) const;

 private:
  std::vector<DerivedTable> tables_;
};

struct DerivedTableRegistration {
  explicit DerivedTableRegistration(DerivedTable table) { DerivedTableRegistry::instance().add(std::move(table)); }
};

// " AND (condition)" of `filters` for `source` ("" when it has none), its
// values appended to `params`: for a kRecompute select.
std::string source_filter(const SourceFilters& filters, std::string_view source, std::vector<SqlValue>& params);

// `source` as a FROM item: the table itself, or "(SELECT * FROM source WHERE
// ...)" when `filters` has conditions on it (their values appended).
std::string filtered_source(const SourceFilters& filters, const std::string& source, std::vector<SqlValue>& params);

// Whether `warehouse` holds derived table `name` materialised at its
// declaration's version (a kComputed table: whether to read it at all).
bool derived_current(Warehouse& warehouse, std::string_view name);

// The meta key under which a warehouse records the version of a derived
// table it holds materialised.
std::string derived_meta_key(std::string_view name);

// The FROM item that reads derived table `name` from `warehouse` ("FROM " +
// q.sql + " d", binding q.params first): the materialised table when the
// warehouse holds it at the declaration's version, else its SELECT inline
// with `filters`. Throws Error for an unknown name or a kComputed table.
Query derived_from(Warehouse& warehouse, std::string_view name, const SourceFilters& filters = {});

// One derived table to materialise in a load: its definition, the INSERT
// that fills it once its sources are loaded, and the version to record.
struct DerivedBuild {
  const DerivedTable* table = nullptr;
  std::string insert;   // "INSERT INTO name SELECT ..."
  // Additive and selection tables: each present source's contributions
  // alone (its of_rows over the whole table), whose rows summed per key
  // (additive) or united (selection) are insert's. An engine that holds
  // every arm's sort until a statement ends builds from these one by one.
  std::vector<std::string> arms;
  std::string version;
};
// The SQL-derived tables whose sources are all in `tables` (warehouse
// names), sorted by name.
std::vector<DerivedBuild> derived_builds(const Dialect& dialect, const std::vector<std::string>& tables);
// The kComputed tables whose sources are all in `tables`, sorted by name: a
// load computes them after derived_builds(), from the warehouse it built.
std::vector<const DerivedTable*> computed_builds(const std::vector<std::string>& tables);

}  // namespace luckyhub
