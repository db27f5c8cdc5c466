#include "warehouse/wide_tables.h"

#include "core/error.h"

namespace luckyhub {
namespace {

const TableDef& source(std::string_view database, std::string_view table) {
  return SchemaCatalog::builtin().table(database, table);
}

std::vector<WideTable> build_wide_tables() {
  const TableDef& trade = source("luckyus_sales_payment", "t_trade");
  const TableDef& fee = source("luckyus_sales_payment", "t_channel_fee");
  const TableDef& order = source("luckyus_sales_order", "t_order");
  const TableDef& item = source("luckyus_sales_order", "t_order_item");
  std::vector<WideTable> tables;
  // payment-fees and the reconciliation's monthly rate: each trade's fee.
  tables.push_back({.base = trade, .lookup = fee, .keys = {{"trade_no", "trade_no"}},
                    .columns = {{"fee", "total_fee", "total_fee"}}, .name = std::string(kTradeFees)});
  // The reconciliation's orphan trades: the order of each trade's number, of
  // any tenant and currency (a trade whose order is of another is a leak).
  tables.push_back({.base = trade, .lookup = order, .keys = {{"order_no", "order_no"}},
                    .columns = {{"order_id", "id", "id"},
                                {"order_tenant", "tenant", "tenant"},
                                {"order_currency_code", "currency_code", "currency_code"}},
                    .name = std::string(kTradeOrders)});
  // The reconciliation's unmatched orders: what each order's successful
  // payments of its tenant and currency add up to.
  tables.push_back({.base = order, .lookup = trade,
                    .keys = {{"order_no", "order_no"}, {"tenant", "tenant"}, {"currency_code", "currency_code"}},
                    .filter = "trade_type = 1 AND trade_status = 20", .sum = true,
                    .columns = {{"paid", "SUM(amount)", "amount"}}, .name = std::string(kOrderPaid)});
  // tax-gap: each item's order, whose tenant, currency, status and payment
  // time say whether and when its tax was due.
  tables.push_back({.base = item, .lookup = order, .keys = {{"order_id", "id"}},
                    .columns = {{"order_tenant", "tenant", "tenant"},
                                {"order_currency_code", "currency_code", "currency_code"},
                                {"order_status", "status", "status"},
                                {"order_pay_time", "pay_time", "pay_time"}},
                    .name = std::string(kItemOrders)});
  return tables;
}

}  // namespace

TableDef WideTable::def() const {
  TableDef t;
  t.database = name.substr(0, name.find("__"));
  t.name = name.substr(name.find("__") + 2);
  t.comment = base.qualified_name() + " with columns of " + lookup.qualified_name();
  t.columns = base.columns;
  for (ColumnDef& c : t.columns) c.auto_increment = false;
  for (const WideColumn& w : columns) {
    ColumnDef c = lookup.column(w.source);
    c.name = w.name;
    c.nullable = true;
    c.auto_increment = false;
    t.columns.push_back(c);
  }
  t.primary_key = base.primary_key;
  return t;
}

std::string WideTable::select(const Dialect& dialect) const {
  std::string sql = "SELECT ";
  for (const ColumnDef& c : base.columns) sql += "b." + c.name + ", ";
  const std::string lookup_table = lookup.warehouse_name();
  if (sum && !dialect.joins_in_memory()) {
    for (size_t i = 0; i < columns.size(); ++i) {
      sql += std::string(i ? ", " : "") + "(SELECT " + columns[i].value + " FROM " + lookup_table + " l WHERE ";
      for (const auto& [b, l] : keys) sql += "l." + l + " = b." + b + " AND ";
      sql += (filter.empty() ? "1 = 1" : "(" + filter + ")") + ") AS " + columns[i].name;
    }
    return sql + " FROM " + base.warehouse_name() + " b";
  }
  std::string right = "SELECT ";
  for (size_t k = 0; k < keys.size(); ++k) right += keys[k].second + " AS key_" + std::to_string(k) + ", ";
  for (size_t i = 0; i < columns.size(); ++i) {
    sql += std::string(i ? ", " : "") + "l." + columns[i].name;
    right += std::string(i ? ", " : "") + columns[i].value + " AS " + columns[i].name;
  }
  right += " FROM " + lookup_table;
  if (!filter.empty()) right += " WHERE " + filter;
  if (sum) {
    right += " GROUP BY ";
    for (size_t k = 0; k < keys.size(); ++k) right += (k ? ", key_" : "key_") + std::to_string(k);
  }
  sql += " FROM " + dialect.join_left(base.warehouse_name()) + " b LEFT JOIN (" + right + ") l ON ";
  for (size_t k = 0; k < keys.size(); ++k) {
    sql += (k ? " AND l.key_" : "l.key_") + std::to_string(k) + " = b." + keys[k].first;
  }
  return sql;
}

const std::vector<WideTable>& wide_tables() {
  static const std::vector<WideTable> tables = build_wide_tables();
  return tables;
}

const WideTable& wide_table(std::string_view name) {
  for (const WideTable& t : wide_tables()) {
    if (t.name == name) return t;
  }
  throw Error("no wide table " + std::string(name));
}

std::string wide_from(const Dialect& dialect, std::string_view name) {
  const WideTable& t = wide_table(name);
  return dialect.joins_in_memory() ? t.name : "(" + t.select(dialect) + ")";
}

}  // namespace luckyhub
