#include "tools/tenant_audit/tenant_audit_tables.h"

#include "domain/tenants.h"
#include "warehouse/derived_table.h"

namespace luckyhub::tenant_audit {
namespace {

std::string sql_string_literal(std::string_view text) {
  std::string out = "'";
  for (const char c : text) out += c == '\'' ? "''" : std::string(1, c);
  return out + "'";
}

// Every table with a tenant column; a warehouse without some of them (a
// partial sync) profiles those it has.
std::vector<const TableDef*> tenant_tables() {
  std::vector<const TableDef*> out;
  for (const TableDef& t : SchemaCatalog::builtin().tables()) {
    if (t.has_column("tenant")) out.push_back(&t);
  }
  return out;
}

std::string currency_of(const TableDef& t) { return t.has_column("currency_code") ? "currency_code" : "''"; }

// A row of an unknown tenant, or of a known one in another currency.
std::string suspect(const TableDef& t) {
  std::string known, wrong_currency;
  for (const TenantConfig& tenant : known_tenants()) {
    known += (known.empty() ? "" : ", ") + sql_string_literal(tenant.code);
    wrong_currency += " OR (tenant = " + sql_string_literal(tenant.code) + " AND currency_code <> " + sql_string_literal(tenant.currency) + ")";
  }
  return "tenant NOT IN (" + known + ")" + (t.has_column("currency_code") ? wrong_currency : "");
}

ColumnDef column(std::string name, ColumnType type) { return ColumnDef{.name = std::move(name), .type = type}; }

DerivedTable rows_table() {
  DerivedTable d{.owner = "tenant-audit", .refresh = DerivedRefresh::kAdditive};
  d.def.database = "tenant_audit";
  d.def.name = "rows";
  d.def.comment = "rows per table, tenant and currency";
  d.def.columns = {column("table_name", ColumnType::kText), column("tenant", ColumnType::kText),
                   column("currency_code", ColumnType::kText), column("row_count", ColumnType::kInt)};
  d.def.primary_key = d.key = {"table_name", "tenant", "currency_code"};
  for (const TableDef* t : tenant_tables()) {
    const std::string name = t->warehouse_name(), currency = currency_of(*t);
    const std::string group = t->has_column("currency_code") ? "tenant, currency_code" : "tenant";
    d.sources.push_back({name,
                         [name, currency, group](const Dialect&, std::string_view rows) {
                           return "SELECT " + sql_string_literal(name) + " AS table_name, tenant, " + currency +
                                  " AS currency_code, COUNT(*) AS row_count FROM " + std::string(rows) +
                                  " GROUP BY " + group;
                         },
                         /*optional=*/true});
  }
  return d;
}

DerivedTable suspects_table() {
  DerivedTable d{.owner = "tenant-audit", .refresh = DerivedRefresh::kSelection};
  d.def.database = "tenant_audit";
  d.def.name = "suspect_rows";
  d.def.comment = "rows of unknown tenants or in another currency than their tenant's";
  d.def.columns = {column("table_name", ColumnType::kText), column("id", ColumnType::kInt),
                   column("tenant", ColumnType::kText), column("currency_code", ColumnType::kText)};
  d.def.primary_key = d.key = {"table_name", "id"};
  for (const TableDef* t : tenant_tables()) {
    const std::string name = t->warehouse_name(), currency = currency_of(*t), where = suspect(*t);
    d.sources.push_back({name,
                         [name, currency, where](const Dialect&, std::string_view rows) {
                           return "SELECT " + sql_string_literal(name) + " AS table_name, id, tenant, " + currency +
                                  " AS currency_code FROM " + std::string(rows) + " WHERE " + where;
                         },
                         /*optional=*/true});
  }
  return d;
}

const DerivedTableRegistration kTenantRowsTable(rows_table());
const DerivedTableRegistration kSuspectRowsTable(suspects_table());

}  // namespace
}  // namespace luckyhub::tenant_audit
