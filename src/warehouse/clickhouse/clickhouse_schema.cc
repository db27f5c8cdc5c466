#include "warehouse/clickhouse/clickhouse_schema.h"

#include <algorithm>

namespace luckyhub::clickhouse {
namespace {

const ColumnDef* non_null_column(const TableDef& table, const char* name, ColumnType type) {
  for (const ColumnDef& c : table.columns) {
    if (c.name == name && c.type == type && !c.nullable) return &c;
  }
  return nullptr;
}

const ColumnDef* time_column(const TableDef& table) {
  for (const char* name : {"pay_time", "create_time"}) {
    if (const ColumnDef* c = non_null_column(table, name, ColumnType::kDateTime)) return c;
  }
  return nullptr;
}

}  // namespace

std::string column_type(const ColumnDef& column) {
  std::string type;
  switch (column.type) {
    case ColumnType::kInt:
    case ColumnType::kDecimal: type = "Int64"; break;
    case ColumnType::kDouble: type = "Float64"; break;
    case ColumnType::kDate: type = "Date"; break;
    case ColumnType::kDateTime: type = "DateTime('UTC')"; break;
    case ColumnType::kText:
    case ColumnType::kJson: type = "String"; break;
  }
  return column.nullable ? "Nullable(" + type + ")" : type;
}

std::string column_list_sql(const TableDef& table) {
  std::string sql = "(";
  for (size_t i = 0; i < table.columns.size(); ++i) {
    sql += (i ? ", " : "") + table.columns[i].name + " " + column_type(table.columns[i]);
  }
  return sql + ")";
}

std::string merge_tree_engine_sql(const TableDef& table) {
  std::vector<std::string> order;
  if (non_null_column(table, "shop_id", ColumnType::kInt)) order.push_back("shop_id");
  if (const ColumnDef* t = time_column(table)) order.push_back(t->name);
  for (const std::string& k : table.primary_key) {
    if (std::find(order.begin(), order.end(), k) == order.end() && !table.column(k).nullable) order.push_back(k);
  }
  std::string sql = "ENGINE = MergeTree";
  if (const ColumnDef* c = non_null_column(table, "create_time", ColumnType::kDateTime)) {
    sql += " PARTITION BY toYYYYMM(" + c->name + ")";
  }
  sql += " ORDER BY ";
  if (order.empty()) return sql + "tuple()";
  sql += "(";
  for (size_t i = 0; i < order.size(); ++i) sql += (i ? ", " : "") + order[i];
  return sql + ")";
}

std::string sharding_key_sql(const TableDef& table) {
  if (non_null_column(table, "shop_id", ColumnType::kInt)) return "cityHash64(shop_id)";
  if (!table.primary_key.empty() && !table.column(table.primary_key[0]).nullable) {
    return "cityHash64(" + table.primary_key[0] + ")";
  }
  return "rand()";
}

}  // namespace luckyhub::clickhouse
