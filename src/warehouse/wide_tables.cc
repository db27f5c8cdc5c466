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

TableDef income_groups_def() {
  TableDef t;
  t.database = kIncomeGroups.substr(0, kIncomeGroups.find("__"));
  t.name = kIncomeGroups.substr(kIncomeGroups.find("__") + 2);
  t.comment = "successful trades and live income bills per shop, New York hour, channel and type";
  auto column = [](std::string name, ColumnType type, bool nullable) {
    return ColumnDef{.name = std::move(name), .type = type, .nullable = nullable};
  };
  t.columns = {column("tenant", ColumnType::kText, false), column("currency_code", ColumnType::kText, false),
               column("shop_id", ColumnType::kInt, false),  column("day", ColumnType::kDate, true),
               column("hour", ColumnType::kInt, true),       column("channel_id", ColumnType::kInt, false),
               column("type", ColumnType::kInt, false)};
  for (const char* sum : {"trades", "trade_cents", "bills", "sources", "bill_cents"}) {
    t.columns.push_back(column(sum, ColumnType::kInt, false));
  }
  t.columns.push_back(column("trade_ids", ColumnType::kText, false));
  t.columns.push_back(column("bill_ids", ColumnType::kText, false));
  t.primary_key = {"tenant", "currency_code", "channel_id", "type"};
  return t;
}

std::string income_groups_select(const Dialect& d, std::string_view trade_where, std::string_view bill_where) {
  const std::string keys = "tenant, currency_code, shop_id, day, hour, channel_id, type";
  return "SELECT " + keys + R"(, SUM(n_trades) AS trades, SUM(n_trade_cents) AS trade_cents,
        SUM(n_bills) AS bills, SUM(n_sources) AS sources, SUM(n_bill_cents) AS bill_cents,
        MAX(n_trade_ids) AS trade_ids, MAX(n_bill_ids) AS bill_ids
      FROM (
        SELECT tenant, currency_code, shop_id, )" + d.ny_date("pay_time") + " AS day, " + d.ny_hour("pay_time") +
         R"( AS hour, channel_id, trade_type AS type, COUNT(*) AS n_trades, SUM(amount) AS n_trade_cents,
          0 AS n_bills, 0 AS n_sources, 0 AS n_bill_cents, )" + d.id_list("id") + R"( AS n_trade_ids, '' AS n_bill_ids
        FROM sales_payment__t_trade
        WHERE trade_status = 20 AND pay_time IS NOT NULL)" + (trade_where.empty() ? "" : " AND ") +
         std::string(trade_where) + R"(
        GROUP BY )" + keys + R"(
        UNION ALL
        SELECT tenant, currency_code, shop_id, )" + d.date_text("biz_date") + R"(, biz_hour, channel_id, bill_type,
          0, 0, COUNT(*), COUNT(DISTINCT sales_source), SUM(abs(amount)), '', )" + d.id_list("id") + R"(
        FROM ifiaccounting__t_acc_income_bill
        WHERE status <> 30)" + (bill_where.empty() ? "" : " AND ") + std::string(bill_where) + R"(
        GROUP BY tenant, currency_code, shop_id, biz_date, biz_hour, channel_id, bill_type
      ) g
      GROUP BY )" + keys;
}

std::vector<DerivedTable> derived_tables(const Dialect& dialect) {
  std::vector<DerivedTable> out;
  for (const WideTable& w : wide_tables()) {
    out.push_back({w.def(), {w.base.warehouse_name(), w.lookup.warehouse_name()}, w.select(dialect)});
  }
  out.push_back({income_groups_def(), {"sales_payment__t_trade", "ifiaccounting__t_acc_income_bill"},
                 income_groups_select(dialect)});
  return out;
}

std::string wide_from(const Dialect& dialect, std::string_view name) {
  const WideTable& t = wide_table(name);
  return dialect.joins_in_memory() ? t.name : "(" + t.select(dialect) + ")";
}

}  // namespace luckyhub
