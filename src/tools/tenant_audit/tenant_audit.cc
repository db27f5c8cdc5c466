// The tenant-audit analysis: every table's tenants and the rows that break
// isolation, read from the warehouse. The report is in tenant_audit_report.cc.
#include "tools/tenant_audit/tenant_audit.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "domain/order_rules.h"
#include "domain/tenants.h"
#include "tools/tenant_audit/tenant_audit_tables.h"
#include "warehouse/derived_table.h"

namespace luckyhub::tenant_audit {
namespace {

// Counts one (tenant, currency) pair of a table into its scan.
void count_pair(TableScan& s, bool has_currency, const std::string& tenant, const std::string& currency, int64_t n) {
  s.rows += n;
  s.by_tenant[tenant] += n;
  const TenantConfig* known = find_tenant(tenant);
  if (known == nullptr) {
    s.unknown += n;
  } else if (has_currency && currency != known->currency) {
    s.currency_violations += n;
  }
}

// Every table with a tenant column that the warehouse has, with its rows per
// tenant and currency and its suspect rows: two reads of the derived tables
// (tenant_audit_tables.h), materialised by the load and kept by sync, or
// inline, which scans every table.
std::vector<TableScan> scan_tables(Warehouse& wh) {
  std::vector<TableScan> scans;
  std::map<std::string, size_t> by_name;
  for (const TableDef& t : SchemaCatalog::builtin().tables()) {
    if (!t.has_column("tenant") || !wh.has_table(t.warehouse_name())) continue;
    by_name[t.warehouse_name()] = scans.size();
    scans.push_back({.table = &t});
  }
  Query rows = derived_from(wh, kTenantRows);
  Query suspects = derived_from(wh, kSuspectRows);
  const std::vector<ResultSet> r = wh.query_all(
      {{"SELECT table_name, tenant, currency_code, row_count FROM " + rows.sql + " d", rows.params},
       {"SELECT table_name, id, tenant, currency_code FROM " + suspects.sql + " d ORDER BY table_name, id",
        suspects.params}});
  for (const Row row : r[0]) {
    const auto it = by_name.find(row.text("table_name"));
    if (it == by_name.end()) continue;
    TableScan& s = scans[it->second];
    count_pair(s, s.table->has_column("currency_code"), row.text("tenant"), row.text("currency_code"),
               row.integer("row_count"));
  }
  for (const Row row : r[1]) {
    const auto it = by_name.find(row.text("table_name"));
    if (it == by_name.end()) continue;
    TableScan& s = scans[it->second];
    const std::string tenant = row.text("tenant");
    (find_tenant(tenant) != nullptr ? s.currency_ids : s.unknown_ids)
        .push_back({row.integer("id"), {tenant, row.text("currency_code")}});
  }
  return scans;
}

// Up to `limit` of a table's flagged rows per reason, by id.
void list_affected(const TableScan& s, size_t limit, std::vector<Affected>& out) {
  const TableDef& t = *s.table;
  for (size_t i = 0; i < s.unknown_ids.size() && i < limit; ++i) {
    const auto& [id, pair] = s.unknown_ids[i];
    out.push_back({t.database, t.name, id, pair.first, pair.second, "unknown_tenant"});
  }
  for (size_t i = 0; i < s.currency_ids.size() && i < limit; ++i) {
    const auto& [id, pair] = s.currency_ids[i];
    out.push_back({t.database, t.name, id, pair.first, pair.second, "tenant_currency"});
  }
}

// Orders whose currency differs from their store's expected currency. (The
// columns are named apart from the store's, which the join also has.)
std::vector<Affected> store_currency_mismatches(Warehouse& wh) {
  const ResultSet r = wh.query(R"(
      SELECT o.id AS order_id, o.tenant AS order_tenant, o.currency_code AS order_currency
      FROM )" + wh.dialect().join_left("sales_order__t_order") + R"( o JOIN opshop__t_shop_info s ON s.id = o.shop_id
      WHERE o.currency_code <> s.currency_code ORDER BY o.id)");
  std::vector<Affected> out;
  for (const Row row : r) {
    out.push_back({"luckyus_sales_order", "t_order", row.integer("order_id"), row.text("order_tenant"),
                   row.text("order_currency"), "currency_mismatch"});
  }
  return out;
}

// The orders of non-production tenants: test data that must stay out of
// production figures.
void test_orders(Warehouse& wh, size_t limit, TenantAudit& audit) {
  std::vector<SqlValue> production;
  std::string marks;
  for (const TenantConfig& t : known_tenants()) {
    if (!t.production) continue;
    production.push_back(t.code);
    marks += marks.empty() ? "?" : ", ?";
  }
  const std::string where = " FROM sales_order__t_order WHERE tenant NOT IN (" + marks + ")";
  const ResultSet count = wh.query("SELECT COUNT(*) AS orders" + where, production);
  audit.test_orders = count.row(0).integer("orders");
  const ResultSet r = wh.query("SELECT id, order_no, tenant, shop_id, currency_code, status, pay_money" + where +
                                   " ORDER BY id LIMIT " + std::to_string(limit),
                               production);
  for (const Row row : r) {
    audit.test_orders_listed.push_back({row.integer("id"), row.text("order_no"), row.text("tenant"),
                                        row.integer("shop_id"), row.text("currency_code"), row.integer("status"),
                                        row.integer("pay_money")});
  }
}

// The checklist's lines and the unknown tenants' rows, from the scans.
void count_databases(TenantAudit& a) {
  for (const TableScan& s : a.scans) {
    DatabaseLine& l = a.databases[s.table->database];
    l.tables += 1;
    l.rows += s.rows;
    l.unknown += s.unknown;
    l.currency += s.currency_violations;
    for (const auto& [tenant, n] : s.by_tenant) {
      const TenantConfig* known = find_tenant(tenant);
      if (known != nullptr && known->production) l.production += n;
      if (known != nullptr && !known->production) l.test += n;
      if (known == nullptr) a.unknown_tenants[{s.table->qualified_name(), tenant}] += n;
    }
  }
  // An order in neither its store's nor its tenant's currency is one row: the
  // scan counted it already.
  a.databases["luckyus_sales_order"].currency += a.store_only_mismatches;
}

// Whether a row's currency is not its (known) tenant's.
bool breaks_tenant_currency(const Affected& x) {
  const TenantConfig* known = find_tenant(x.tenant);
  return known != nullptr && x.currency != known->currency;
}

// One entry per row: the rules a row breaks joined into its reason, at the
// place of its first entry.
void merge_affected(std::vector<Affected>& affected) {
  std::map<std::tuple<std::string, std::string, int64_t>, size_t> first;
  std::vector<Affected> merged;
  for (Affected& x : affected) {
    const auto [it, fresh] = first.try_emplace({x.database, x.table, x.id}, merged.size());
    if (fresh) {
      merged.push_back(std::move(x));
      continue;
    }
    std::string& reason = merged[it->second].reason;
    reason = reason < x.reason ? reason + ", " + x.reason : x.reason + ", " + reason;
  }
  affected = std::move(merged);
}

// How much the test tenant inflates order counts: the paid orders of every
// tenant, and of the test and unknown ones.
void paid_orders_by_tenant(Warehouse& wh, TenantAudit& a) {
  const ResultSet r = wh.query("SELECT tenant, COUNT(*) AS paid_orders FROM sales_order__t_order WHERE " +
                               rules::paid_order() + " GROUP BY tenant");
  for (const Row row : r) {
    a.paid_orders += row.integer("paid_orders");
    const TenantConfig* known = find_tenant(row.text("tenant"));
    if (known == nullptr || !known->production) a.paid_test_orders += row.integer("paid_orders");
  }
}

}  // namespace

TenantAudit audit(Warehouse& wh, const std::string& only_database, size_t limit) {
  TenantAudit a;
  a.scans = scan_tables(wh);
  a.affected = store_currency_mismatches(wh);
  a.store_currency_mismatches = static_cast<int64_t>(a.affected.size());
  a.store_only_mismatches = std::count_if(a.affected.begin(), a.affected.end(),
                                          [](const Affected& x) { return !breaks_tenant_currency(x); });
  count_databases(a);
  for (const TableScan& s : a.scans) {
    if (only_database.empty() || only_database == s.table->database) list_affected(s, limit, a.affected);
  }
  merge_affected(a.affected);
  if (!only_database.empty()) {
    std::erase_if(a.affected, [&](const Affected& x) { return x.database != only_database; });
  }
  paid_orders_by_tenant(wh, a);
  test_orders(wh, limit, a);
  return a;
}

}  // namespace luckyhub::tenant_audit
