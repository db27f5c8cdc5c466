// The tenant profile of a warehouse: for every table with a `tenant` column,
// how many rows each (tenant, currency_code) pair has, and the ids of the
// pairs that are rare (at most kRareRows rows). It is collected while rows are
// loaded, so that a tenant audit of ~70M rows reads a few kilobytes instead of
// scanning every table, and stored with the warehouse's meta, committed with
// the rows it describes. A writer that changes rows without profiling them
// (an incremental sync) must drop it; readers then scan.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "warehouse/warehouse.h"

namespace luckyhub {

inline constexpr const char* kTenantProfileMeta = "tenant_profile";
inline constexpr size_t kRareRows = 1000;

struct TenantProfileEntry {
  std::string tenant, currency;  // currency "" for tables without currency_code
  int64_t rows = 0;
  std::vector<int64_t> ids;  // ascending; every id when rows <= kRareRows, else empty
};

// By warehouse table name.
using TenantProfile = std::map<std::string, std::vector<TenantProfileEntry>>;

std::string tenant_profile_json(const TenantProfile& profile);
// The profile recorded in a warehouse; nullopt when it has none (or it is unreadable).
std::optional<TenantProfile> read_tenant_profile(Warehouse& warehouse);

// Wraps a writer: every sink it opens counts its rows by tenant and currency,
// and commit() records the profile before committing.
std::unique_ptr<WarehouseWriter> profile_tenants(std::unique_ptr<WarehouseWriter> writer);

}  // namespace luckyhub
