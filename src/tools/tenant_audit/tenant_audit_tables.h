// The tenant audit's derived tables (warehouse/derived_table.h), over every
// table with a `tenant` column: how many rows each (tenant, currency) pair
// has, and every row that breaks isolation. Materialised at load and kept
// by sync, they let the audit of ~70M rows read a few kilobytes; read inline
// (a warehouse without them) they are the scan of every table.
#pragma once

#include <string_view>

namespace luckyhub::tenant_audit {

// table_name (warehouse name), tenant, currency_code ('' for a table without
// one), row_count: a sum, refreshed by adding the changed rows' counts.
inline constexpr std::string_view kTenantRows = "tenant_audit__rows";

// table_name, id, tenant, currency_code of every row whose tenant is not a
// known tenant (domain/tenants.h) or whose currency is not its tenant's.
inline constexpr std::string_view kSuspectRows = "tenant_audit__suspect_rows";

}  // namespace luckyhub::tenant_audit
