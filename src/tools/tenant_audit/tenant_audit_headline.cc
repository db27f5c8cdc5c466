// The home tile of tenant-audit: how many databases fail the checklist and
// how many rows carry an unknown tenant, from the tenant profile recorded
// with the warehouse (a few kilobytes; tenant_audit.cc has the rules). The
// orders' store-currency check, a join of every order, runs only when it can
// change the answer (the orders' database passes on its tenants), and stops
// at the first mismatch. Without a profile the audit would scan every table:
// the tile then says so and leaves the figures to the report.
#include <map>
#include <optional>

#include "domain/tenants.h"
#include "tools/registry.h"
#include "warehouse/tenant_profile.h"

namespace luckyhub::tenant_audit {
namespace {

constexpr const char* kOrdersDatabase = "luckyus_sales_order";

struct DatabaseCheck {
  int64_t unknown_rows = 0, currency_rows = 0;
  bool fails() const { return unknown_rows > 0 || currency_rows > 0; }
};

std::map<std::string, DatabaseCheck> check_databases(Warehouse& wh, const TenantProfile& profile) {
  std::map<std::string, DatabaseCheck> out;
  for (const TableDef& t : SchemaCatalog::builtin().tables()) {
    if (!t.has_column("tenant") || !wh.has_table(t.warehouse_name())) continue;
    DatabaseCheck& check = out[t.database];
    const auto entries = profile.find(t.warehouse_name());
    if (entries == profile.end()) continue;  // loaded empty
    for (const TenantProfileEntry& e : entries->second) {
      const TenantConfig* known = find_tenant(e.tenant);
      if (known == nullptr) {
        check.unknown_rows += e.rows;
      } else if (t.has_column("currency_code") && e.currency != known->currency) {
        check.currency_rows += e.rows;
      }
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
  const std::optional<TenantProfile> profile = read_tenant_profile(wh);
  if (!profile) {
    h.note =
        "No tenant profile in this warehouse (dropped by a sync): the audit scans every table. "
        "Open the report.";
    return h;
  }
  std::map<std::string, DatabaseCheck> databases = check_databases(wh, *profile);
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
