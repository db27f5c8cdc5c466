// The home tile of tenant-audit: how many databases fail the checklist and
// how many rows carry an unknown tenant, from the audit's row counts kept
// with the warehouse (tenant_audit_tables.h; tenant_audit.cc has the rules). The
// orders' store-currency check, a join of every order, runs only when it can
// change the answer (the orders' database passes on its tenants), and stops
// at the first mismatch. Without the counts the audit would scan every
// table: the tile then says so and leaves the figures to the report.
#include <map>
#include <optional>

#include "domain/tenants.h"
#include "tools/registry.h"
#include "tools/tenant_audit/tenant_audit_tables.h"
#include "warehouse/derived_table.h"

namespace luckyhub::tenant_audit {
namespace {

constexpr const char* kOrdersDatabase = "luckyus_sales_order";

struct DatabaseCheck {
  int64_t unknown_rows = 0, currency_rows = 0;
  bool fails() const { return unknown_rows > 0 || currency_rows > 0; }
};

std::map<std::string, DatabaseCheck> check_databases(Warehouse& wh, const ResultSet& rows) {
  std::map<std::string, DatabaseCheck> out;
  std::map<std::string, const TableDef*> tables;
  for (const TableDef& t : SchemaCatalog::builtin().tables()) {
    if (!t.has_column("tenant") || !wh.has_table(t.warehouse_name())) continue;
    out[t.database];
    tables[t.warehouse_name()] = &t;
  }
  for (const Row row : rows) {
    const auto it = tables.find(row.text("table_name"));
    if (it == tables.end()) continue;
    const TableDef& t = *it->second;
    DatabaseCheck& check = out[t.database];
    const TenantConfig* known = find_tenant(row.text("tenant"));
    if (known == nullptr) {
      check.unknown_rows += row.integer("row_count");
    } else if (t.has_column("currency_code") && row.text("currency_code") != known->currency) {
      check.currency_rows += row.integer("row_count");
    }
  }
  return out;
}

// Whether any order is in a currency its store does not take.
bool has_store_currency_mismatch(Warehouse& wh) {
  const ResultSet r = wh.query("SELECT COUNT(*) AS n FROM (SELECT o.id FROM " +
                               wh.dialect().join_left("sales_order__t_order") +
                               " o JOIN opshop__t_shop_info s ON s.id = o.shop_id"
                               " WHERE o.currency_code <> s.currency_code LIMIT 1) x");
  return r.row(0).integer("n") > 0;
}

Headline compute_headline(Warehouse& wh) {
  Headline h{.covers = "The whole warehouse"};
  const Query from = derived_from(wh, kTenantRows);
  if (from.sql != kTenantRows) {
    h.note = "This warehouse does not keep the audit's tenant counts: the audit scans every table. "
             "Open the report.";
    return h;
  }
  const ResultSet rows = wh.query("SELECT table_name, tenant, currency_code, row_count FROM " + from.sql + " d");
  std::map<std::string, DatabaseCheck> databases = check_databases(wh, rows);
  DatabaseCheck& orders = databases[kOrdersDatabase];
  if (!orders.fails() && has_store_currency_mismatch(wh)) orders.currency_rows += 1;
  int64_t failing = 0, unknown = 0;
  for (const auto& [name, check] : databases) {
    failing += check.fails() ? 1 : 0;
    unknown += check.unknown_rows;
  }
  h.figures = {
      {{"databases_failing", "Databases failing", failing, ValueType::kInt, "", "",
        failing ? Status::kRed : Status::kGreen,
        "of " + std::to_string(databases.size()) + " checked"},
       "summary",
       {}},
      {{"unknown_tenant_rows", "Rows with unknown tenants", unknown, ValueType::kInt, "", "",
        unknown ? Status::kRed : Status::kGreen},
       "summary",
       {}},
  };
  return h;
}

const HeadlineRegistration kHeadline("tenant-audit", &compute_headline);

}  // namespace
}  // namespace luckyhub::tenant_audit
