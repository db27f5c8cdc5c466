#include "warehouse/warehouse.h"

#include <cstdlib>

#include "core/error.h"
#include "warehouse/clickhouse/clickhouse_location.h"
#include "warehouse/clickhouse/clickhouse_warehouse.h"
#include "warehouse/sqlite/sqlite_warehouse.h"
#include "warehouse/tenant_profile.h"

namespace luckyhub {

int ResultSet::column(std::string_view name) const {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i] == name) return static_cast<int>(i);
  }
  throw Error("query result has no column '" + std::string(name) + "'");
}

bool ResultSet::is_null(size_t row, int col) const {
  return std::holds_alternative<std::monostate>(rows.at(row).at(static_cast<size_t>(col)));
}

int64_t ResultSet::int_at(size_t row, int col) const {
  const SqlValue& v = rows.at(row).at(static_cast<size_t>(col));
  if (const auto* i = std::get_if<int64_t>(&v)) return *i;
  if (const auto* d = std::get_if<double>(&v)) return static_cast<int64_t>(*d);
  if (const auto* s = std::get_if<std::string>(&v)) return std::strtoll(s->c_str(), nullptr, 10);
  return 0;
}

double ResultSet::double_at(size_t row, int col) const {
  const SqlValue& v = rows.at(row).at(static_cast<size_t>(col));
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* i = std::get_if<int64_t>(&v)) return static_cast<double>(*i);
  if (const auto* s = std::get_if<std::string>(&v)) return std::strtod(s->c_str(), nullptr);
  return 0.0;
}

std::string ResultSet::text_at(size_t row, int col) const {
  const SqlValue& v = rows.at(row).at(static_cast<size_t>(col));
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* i = std::get_if<int64_t>(&v)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&v)) return std::to_string(*d);
  return "";
}

std::unique_ptr<Warehouse> open_warehouse(const std::string& location) {
  if (clickhouse::is_clickhouse_location(location)) return clickhouse::ClickHouseWarehouse::open(location);
  return SqliteWarehouse::open(location);
}

std::unique_ptr<WarehouseWriter> create_warehouse(const std::string& location) {
  if (clickhouse::is_clickhouse_location(location)) {
    return profile_tenants(clickhouse::ClickHouseWarehouseWriter::create(location));
  }
  return profile_tenants(SqliteWarehouseWriter::create(location));
}

}  // namespace luckyhub
