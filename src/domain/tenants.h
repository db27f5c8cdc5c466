// The tenants luckyhub knows: every `tenant` value in the sources must be one
// of these. LKUS is Luckin Coffee USA's production tenant; LKNZ is a New
// Zealand test tenant whose rows are test data and never enter a USD figure.
#pragma once

#include <string>
#include <vector>

namespace luckyhub {

struct TenantConfig {
  std::string code;      // the `tenant` column's value
  std::string name;
  std::string currency;  // ISO 4217
  std::string timezone;  // IANA
  bool production = false;
};

const std::vector<TenantConfig>& known_tenants();
// nullptr for an unknown code (compared exactly: 'lkus' and 'LKUS ' are unknown).
const TenantConfig* find_tenant(const std::string& code);
// The code of the known tenant whose books are in `currency` (USD: LKUS,
// NZD: LKNZ); the production tenant's for any other currency.
std::string tenant_for_currency(const std::string& currency);

}  // namespace luckyhub
