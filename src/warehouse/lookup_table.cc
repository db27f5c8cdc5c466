#include "warehouse/lookup_table.h"

namespace luckyhub {
namespace {

TableDef lookup_def(const LookupSpec& spec) {
  TableDef t;
  t.database = spec.name.substr(0, spec.name.find("__"));
  t.name = spec.name.substr(spec.name.find("__") + 2);
  t.comment = spec.base.qualified_name() + " with columns of " + spec.lookup.qualified_name();
  t.columns = spec.base.columns;
  for (ColumnDef& c : t.columns) c.auto_increment = false;
  for (const LookupColumn& w : spec.columns) {
    ColumnDef c = spec.lookup.column(w.source);
    c.name = w.name;
    c.nullable = true;
    c.auto_increment = false;
    t.columns.push_back(c);
  }
  t.primary_key = spec.base.primary_key;
  t.indexes = spec.base.indexes;  // read as the base is (a window of pay_time, say)
  return t;
}

Query lookup_select(const LookupSpec& spec, const Dialect& dialect, const SourceFilters& filters) {
  Query q;
  const std::string base = filtered_source(filters, spec.base.warehouse_name(), q.params);
  std::string sql = "SELECT ";
  for (const ColumnDef& c : spec.base.columns) sql += "b." + c.name + ", ";
  const std::string lookup_table = spec.lookup.warehouse_name();
  if (spec.sum && !dialect.joins_in_memory()) {
    for (size_t i = 0; i < spec.columns.size(); ++i) {
      sql += std::string(i ? ", " : "") + "(SELECT " + spec.columns[i].value + " FROM " + lookup_table + " l WHERE ";
      for (const auto& [b, l] : spec.keys) sql += "l." + l + " = b." + b + " AND ";
      sql += (spec.filter.empty() ? "1 = 1" : "(" + spec.filter + ")") + ") AS " + spec.columns[i].name;
    }
    q.sql = sql + " FROM " + base + " b";
    return q;
  }
  std::string right = "SELECT ";
  for (size_t k = 0; k < spec.keys.size(); ++k) right += spec.keys[k].second + " AS key_" + std::to_string(k) + ", ";
  for (size_t i = 0; i < spec.columns.size(); ++i) {
    sql += std::string(i ? ", " : "") + "l." + spec.columns[i].name;
    right += std::string(i ? ", " : "") + spec.columns[i].value + " AS " + spec.columns[i].name;
  }
  right += " FROM " + lookup_table;
  if (!spec.filter.empty()) right += " WHERE " + spec.filter;
  if (spec.sum) {
    right += " GROUP BY ";
    for (size_t k = 0; k < spec.keys.size(); ++k) right += (k ? ", key_" : "key_") + std::to_string(k);
  }
  sql += " FROM " + dialect.join_left(base) + " b LEFT JOIN (" + right + ") l ON ";
  for (size_t k = 0; k < spec.keys.size(); ++k) {
    sql += (k ? " AND l.key_" : "l.key_") + std::to_string(k) + " = b." + spec.keys[k].first;
  }
  q.sql = sql;
  return q;
}

}  // namespace

DerivedTable lookup_table(const LookupSpec& spec) {
  const std::string base = spec.base.warehouse_name();
  const std::string base_key = spec.keys.at(0).first, lookup_key = spec.keys.at(0).second;
  return DerivedTable{
      .owner = spec.owner,
      .def = lookup_def(spec),
      .key = spec.base.primary_key,
      .refresh = DerivedRefresh::kRecompute,
      .sources = {{base, [](const Dialect&, std::string_view rows) { return "SELECT id FROM " + std::string(rows); }},
                  {spec.lookup.warehouse_name(),
                   [=](const Dialect&, std::string_view rows) {
                     return "SELECT id FROM " + base + " WHERE " + base_key + " IN (SELECT " + lookup_key + " FROM " +
                            std::string(rows) + ")";
                   }}},
      .select = [spec](const Dialect& d, const SourceFilters& f) { return lookup_select(spec, d, f); },
  };
}

}  // namespace luckyhub
