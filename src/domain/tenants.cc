#include "domain/tenants.h"

namespace luckyhub {

const std::vector<TenantConfig>& known_tenants() {
  static const std::vector<TenantConfig> kTenants = {
      {"LKUS", "Luckin Coffee USA", "USD", "America/New_York", true},
      {"LKNZ", "New Zealand test tenant", "NZD", "Pacific/Auckland", false},
  };
  return kTenants;
}

const TenantConfig* find_tenant(const std::string& code) {
  for (const TenantConfig& t : known_tenants()) {
    if (t.code == code) return &t;
  }
  return nullptr;
}

std::string tenant_for_currency(const std::string& currency) {
  const TenantConfig* production = nullptr;
  for (const TenantConfig& t : known_tenants()) {
    if (t.currency == currency) return t.code;
    if (t.production && production == nullptr) production = &t;
  }
  return production->code;
}

}  // namespace luckyhub
