// Tool 2, Multi-Tenant Data Isolation Auditor (id "tenant-audit"): scans the
// `tenant` column of every table of every luckyus_* database, checks each
// value against the known tenants (domain/tenants.h), flags rows whose
// currency is not their tenant's, and orders whose currency is not their
// store's, and measures how much the NZ test tenant inflates order counts.
// The result is the weekly pass/fail checklist per database with red flags
// and a drill-down to the affected record ids.
//
// The analysis (tenant_audit.cc) reads the warehouse into the figures below;
// the report (tenant_audit_report.cc) lays them out, one function per panel.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "warehouse/schema.h"
#include "warehouse/warehouse.h"

namespace luckyhub::tenant_audit {

// The tenant distribution of one table.
struct TableScan {
  const TableDef* table = nullptr;
  int64_t rows = 0;
  std::map<std::string, int64_t> by_tenant;
  int64_t unknown = 0;              // rows of unknown tenants
  int64_t currency_violations = 0;  // known tenant, other currency
  // The ids of the unknown-tenant and wrong-currency rows, ascending, with
  // their (tenant, currency).
  std::vector<std::pair<int64_t, std::pair<std::string, std::string>>> unknown_ids, currency_ids;
};

// A flagged row, once, with every rule it breaks: `reason` is one of
// unknown_tenant, tenant_currency and currency_mismatch, or several joined by
// ", " in that alphabetical order (an order in a currency that is neither its
// store's nor its tenant's breaks two).
struct Affected {
  std::string database, table;
  int64_t id = 0;
  std::string tenant, currency, reason;
};

// One line of the weekly checklist.
struct DatabaseLine {
  int64_t tables = 0, rows = 0, production = 0, test = 0, unknown = 0, currency = 0;
};

// An order of a non-production tenant.
struct TestOrder {
  int64_t id = 0;
  std::string order_no, tenant;
  int64_t shop_id = 0;
  std::string currency_code;
  int64_t status = 0, pay_money_minor = 0;
};

struct TenantAudit {
  std::vector<TableScan> scans;                   // every table with a tenant column
  std::map<std::string, DatabaseLine> databases;  // the checklist, by database
  std::map<std::pair<std::string, std::string>, int64_t>
      unknown_tenants;                            // (table, tenant) -> rows
  int64_t store_currency_mismatches = 0;          // orders in a currency their store does not take
  int64_t store_only_mismatches = 0;              // of those, orders in their tenant's currency (not
                                                  // already counted as a tenant_currency row)
  std::vector<Affected> affected;                 // of `only_database` when one is given
  int64_t paid_orders = 0, paid_test_orders = 0;  // of every tenant; of test or unknown ones
  int64_t test_orders = 0;                        // orders of non-production tenants
  std::vector<TestOrder> test_orders_listed;      // the first `limit` of them, by id
};

// Every table's tenants, from the audit's derived tables (read inline, which
// scans every table, in a warehouse without them);
// up to `limit` affected rows per table and reason, of `only_database` when
// not empty.
TenantAudit audit(Warehouse& warehouse, const std::string& only_database, size_t limit);

}  // namespace luckyhub::tenant_audit
