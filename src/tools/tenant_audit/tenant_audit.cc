// Tool 2, Multi-Tenant Data Isolation Auditor (id "tenant-audit"): scans the
// `tenant` column of every table of every luckyus_* database, checks each
// value against the known tenants (domain/tenants.h), flags rows whose
// currency is not their tenant's, and orders whose currency is not their
// store's, and measures how much the NZ test tenant inflates order counts.
// The result is the weekly pass/fail checklist per database with red flags
// and a drill-down to the affected record ids.
#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "domain/order_rules.h"
#include "domain/tenants.h"
#include "tools/registry.h"
#include "warehouse/tenant_profile.h"

namespace luckyhub::tenant_audit {
namespace {

struct TableScan {
  const TableDef* table = nullptr;
  int64_t rows = 0;
  std::map<std::string, int64_t> by_tenant;
  int64_t unknown = 0;             // rows of unknown tenants
  int64_t currency_violations = 0; // known tenant, other currency
  // From the warehouse's tenant profile: the ids of the unknown-tenant and
  // wrong-currency rows, when every one of them is known (rare pairs).
  bool ids_known = false;
  std::vector<std::pair<int64_t, std::pair<std::string, std::string>>> unknown_ids, currency_ids;
};

struct Affected {
  std::string database, table;
  int64_t id = 0;
  std::string tenant, currency, reason;
};

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

// The tenant distribution of a table: from the profile recorded at load when
// the warehouse has one (a few kilobytes instead of a full scan), else by SQL.
TableScan scan(Warehouse& wh, const TableDef& t, const std::optional<TenantProfile>& profile) {
  TableScan s;
  s.table = &t;
  const bool has_currency = t.has_column("currency_code");
  if (profile) {
    s.ids_known = true;
    auto it = profile->find(t.warehouse_name());
    if (it == profile->end()) return s;  // loaded empty
    for (const TenantProfileEntry& e : it->second) {
      count_pair(s, has_currency, e.tenant, e.currency, e.rows);
      const TenantConfig* known = find_tenant(e.tenant);
      const bool bad_currency = known != nullptr && has_currency && e.currency != known->currency;
      if (known != nullptr && !bad_currency) continue;
      if (e.ids.empty() && e.rows > 0) s.ids_known = false;  // too many to keep: ask SQL
      for (int64_t id : e.ids) (known ? s.currency_ids : s.unknown_ids).push_back({id, {e.tenant, e.currency}});
    }
    std::sort(s.unknown_ids.begin(), s.unknown_ids.end());
    std::sort(s.currency_ids.begin(), s.currency_ids.end());
    return s;
  }
  const ResultSet r = wh.query("SELECT tenant, " + std::string(has_currency ? "currency_code" : "''") +
                               " AS c, COUNT(*) FROM " + t.warehouse_name() + " GROUP BY tenant, c");
  for (size_t i = 0; i < r.size(); ++i) count_pair(s, has_currency, r.text_at(i, 0), r.text_at(i, 1), r.int_at(i, 2));
  return s;
}

std::string known_codes_list() {
  std::string list;
  for (const TenantConfig& t : known_tenants()) list += (list.empty() ? "'" : ", '") + t.code + "'";
  return list;
}

void list_affected(Warehouse& wh, const TableScan& s, size_t limit, std::vector<Affected>& out) {
  const TableDef& t = *s.table;
  const bool has_currency = t.has_column("currency_code");
  const std::string currency = has_currency ? "currency_code" : "''";
  if (s.ids_known) {
    for (size_t i = 0; i < s.unknown_ids.size() && i < limit; ++i) {
      const auto& [id, pair] = s.unknown_ids[i];
      out.push_back({t.database, t.name, id, pair.first, pair.second, "unknown_tenant"});
    }
    for (size_t i = 0; i < s.currency_ids.size() && i < limit; ++i) {
      const auto& [id, pair] = s.currency_ids[i];
      out.push_back({t.database, t.name, id, pair.first, pair.second, "tenant_currency"});
    }
    return;
  }
  if (s.unknown > 0) {
    const ResultSet r = wh.query("SELECT id, tenant, " + currency + " FROM " + t.warehouse_name() +
                                 " WHERE tenant NOT IN (" + known_codes_list() + ") ORDER BY id LIMIT " +
                                 std::to_string(limit));
    for (size_t i = 0; i < r.size(); ++i) {
      out.push_back({t.database, t.name, r.int_at(i, 0), r.text_at(i, 1), r.text_at(i, 2), "unknown_tenant"});
    }
  }
  if (s.currency_violations > 0) {
    std::string where;
    std::vector<SqlValue> values;
    for (const TenantConfig& tenant : known_tenants()) {
      where += std::string(where.empty() ? "" : " OR ") + "(tenant = ? AND currency_code <> ?)";
      values.push_back(tenant.code);
      values.push_back(tenant.currency);
    }
    const ResultSet r = wh.query("SELECT id, tenant, currency_code FROM " + t.warehouse_name() + " WHERE " + where +
                                     " ORDER BY id LIMIT " + std::to_string(limit),
                                 values);
    for (size_t i = 0; i < r.size(); ++i) {
      out.push_back({t.database, t.name, r.int_at(i, 0), r.text_at(i, 1), r.text_at(i, 2), "tenant_currency"});
    }
  }
}

// Orders whose currency differs from their store's expected currency.
std::vector<Affected> store_currency_mismatches(Warehouse& wh, int64_t* total) {
  const ResultSet r = wh.query(R"(
      SELECT o.id, o.tenant, o.currency_code
      FROM )" + wh.dialect().join_left("sales_order__t_order") + R"( o JOIN opshop__t_shop_info s ON s.id = o.shop_id
      WHERE o.currency_code <> s.currency_code ORDER BY o.id)");
  std::vector<Affected> out;
  for (size_t i = 0; i < r.size(); ++i) {
    out.push_back({"luckyus_sales_order", "t_order", r.int_at(i, 0), r.text_at(i, 1), r.text_at(i, 2),
                   "currency_mismatch"});
  }
  *total = static_cast<int64_t>(out.size());
  return out;
}

// The orders of non-production tenants: test data that must stay out of
// production figures.
Panel test_orders(Warehouse& wh, size_t limit) {
  std::vector<SqlValue> production;
  std::string marks;
  for (const TenantConfig& t : known_tenants()) {
    if (!t.production) continue;
    production.push_back(t.code);
    marks += marks.empty() ? "?" : ", ?";
  }
  const std::string where = " FROM sales_order__t_order WHERE tenant NOT IN (" + marks + ")";
  const int64_t total = wh.query("SELECT COUNT(*)" + where, production).int_at(0, 0);
  const ResultSet r = wh.query("SELECT id, order_no, tenant, shop_id, currency_code, status, pay_money" + where +
                                   " ORDER BY id LIMIT " + std::to_string(limit),
                               production);
  Panel p{.id = "test_orders", .title = "Orders of test tenants", .kind = PanelKind::kTable};
  p.description = std::to_string(total) + " orders" +
                  (static_cast<size_t>(total) > limit ? ", the first " + std::to_string(limit) + " listed" : "") +
                  "; production reports leave them out.";
  p.table.columns = {{"id", "Id", ValueType::kInt},
                     {"order_no", "Order", ValueType::kText},
                     {"tenant", "Tenant", ValueType::kText},
                     {"shop_id", "Store", ValueType::kInt},
                     {"currency_code", "Currency", ValueType::kText},
                     {"status", "Status", ValueType::kInt},
                     {"pay_money_minor", "Amount (minor units)", ValueType::kInt}};
  for (size_t i = 0; i < r.size(); ++i) {
    p.table.rows.push_back({r.int_at(i, 0), r.text_at(i, 1), r.text_at(i, 2), r.int_at(i, 3), r.text_at(i, 4),
                            r.int_at(i, 5), r.int_at(i, 6)});
  }
  return p;
}

Report compute(Warehouse& wh, const Params& params) {
  const std::string only_database = params.text("database");
  const size_t limit = static_cast<size_t>(params.integer("limit"));
  const std::optional<TenantProfile> profile = read_tenant_profile(wh);
  std::vector<TableScan> scans;
  for (const TableDef& t : SchemaCatalog::builtin().tables()) {
    if (t.has_column("tenant") && wh.has_table(t.warehouse_name())) scans.push_back(scan(wh, t, profile));
  }
  int64_t mismatches = 0;
  std::vector<Affected> affected = store_currency_mismatches(wh, &mismatches);

  // The checklist: one line per database.
  struct DbLine {
    int64_t tables = 0, rows = 0, production = 0, test = 0, unknown = 0, currency = 0;
  };
  std::map<std::string, DbLine> lines;
  std::map<std::pair<std::string, std::string>, int64_t> unknown_values;  // (table, tenant)
  for (const TableScan& s : scans) {
    DbLine& l = lines[s.table->database];
    l.tables += 1;
    l.rows += s.rows;
    l.unknown += s.unknown;
    l.currency += s.currency_violations;
    for (const auto& [tenant, n] : s.by_tenant) {
      const TenantConfig* known = find_tenant(tenant);
      if (known != nullptr && known->production) l.production += n;
      if (known != nullptr && !known->production) l.test += n;
      if (known == nullptr) unknown_values[{s.table->qualified_name(), tenant}] += n;
    }
    if (only_database.empty() || only_database == s.table->database) list_affected(wh, s, limit, affected);
  }
  lines["luckyus_sales_order"].currency += mismatches;
  if (!only_database.empty()) {
    affected.erase(std::remove_if(affected.begin(), affected.end(),
                                  [&](const Affected& a) { return a.database != only_database; }),
                   affected.end());
  }

  Panel checklist{.id = "checklist", .title = "Weekly checklist per database", .kind = PanelKind::kTable};
  checklist.table.columns = {
      {"database", "Database", ValueType::kText, "", "", "/tools/tenant-audit?database={database}"},
      {"status", "Status", ValueType::kText},
      {"tables", "Tables", ValueType::kInt},
      {"rows", "Rows", ValueType::kInt},
      {"production_rows", "Production rows", ValueType::kInt},
      {"test_rows", "Test tenant rows", ValueType::kInt},
      {"test_share", "Test share", ValueType::kRate},
      {"unknown_tenant_rows", "Unknown tenant rows", ValueType::kInt},
      {"currency_mismatches", "Currency mismatches", ValueType::kInt}};
  int failing = 0;
  int64_t unknown_total = 0, currency_total = 0;
  for (const auto& [db, l] : lines) {
    const bool pass = l.unknown == 0 && l.currency == 0;
    failing += pass ? 0 : 1;
    unknown_total += l.unknown;
    currency_total += l.currency;
    checklist.table.rows.push_back({db, std::string(pass ? "PASS" : "FAIL"), l.tables, l.rows, l.production,
                                    l.test, l.rows ? static_cast<double>(l.test) / l.rows : 0.0, l.unknown,
                                    l.currency});
  }

  // How much the test tenant inflates order counts.
  const ResultSet paid = wh.query(
      "SELECT tenant, COUNT(*) FROM sales_order__t_order WHERE " + rules::paid_order() + " GROUP BY tenant");
  int64_t paid_all = 0, paid_test = 0;
  for (size_t i = 0; i < paid.size(); ++i) {
    paid_all += paid.int_at(i, 1);
    const TenantConfig* known = find_tenant(paid.text_at(i, 0));
    if (known == nullptr || !known->production) paid_test += paid.int_at(i, 1);
  }
  const double inflation = paid_all ? static_cast<double>(paid_test) / paid_all : 0;

  Panel kpis{.id = "summary", .title = "Tenant isolation", .kind = PanelKind::kKpis};
  kpis.kpis = {
      {"databases_failing", "Databases failing", static_cast<int64_t>(failing), ValueType::kInt, "", "",
       failing ? Status::kRed : Status::kGreen, "of " + std::to_string(lines.size()) + " checked"},
      {"tables_scanned", "Tables scanned", static_cast<int64_t>(scans.size()), ValueType::kInt},
      {"unknown_tenant_rows", "Rows with unknown tenants", unknown_total, ValueType::kInt, "", "",
       unknown_total ? Status::kRed : Status::kGreen},
      {"currency_mismatches", "Currency mismatches", currency_total, ValueType::kInt, "", "",
       currency_total ? Status::kRed : Status::kGreen, "orders vs their store, rows vs their tenant"},
      {"test_order_share", "Test orders among paid orders", inflation, ValueType::kRate, "", "",
       inflation > 0 ? Status::kYellow : Status::kGreen, "what counting every tenant would inflate order counts by"},
  };

  Panel flags{.id = "red_flags", .title = "Red flags", .kind = PanelKind::kAlerts};
  for (const auto& [key, n] : unknown_values) {
    flags.alerts.push_back({Status::kRed, "Unknown tenant '" + key.second + "' in " + key.first,
                            std::to_string(n) + " rows", "/tools/tenant-audit?database=" + key.first.substr(0, key.first.find('.'))});
  }
  if (mismatches > 0) {
    flags.alerts.push_back({Status::kRed, std::to_string(mismatches) + " orders in a currency their store does not take",
                            "luckyus_sales_order.t_order vs luckyus_opshop.t_shop_info.currency_code",
                            "/tools/tenant-audit?database=luckyus_sales_order"});
  }
  for (const TableScan& s : scans) {
    if (s.currency_violations > 0) {
      flags.alerts.push_back({Status::kRed, "Rows in another currency than their tenant's in " + s.table->qualified_name(),
                              std::to_string(s.currency_violations) + " rows",
                              "/tools/tenant-audit?database=" + s.table->database});
    }
  }

  Panel distribution{.id = "distribution", .title = "Tenant distribution by table", .kind = PanelKind::kTable};
  distribution.table.columns = {{"database", "Database", ValueType::kText},
                                {"table", "Table", ValueType::kText},
                                {"tenant", "Tenant", ValueType::kText},
                                {"known", "Known", ValueType::kText},
                                {"rows", "Rows", ValueType::kInt}};
  for (const TableScan& s : scans) {
    if (!only_database.empty() && s.table->database != only_database) continue;
    for (const auto& [tenant, n] : s.by_tenant) {
      distribution.table.rows.push_back({s.table->database, s.table->name, tenant,
                                         std::string(find_tenant(tenant) ? "yes" : "no"), n});
    }
  }

  Panel records{.id = "affected_records", .title = "Affected records", .kind = PanelKind::kTable};
  records.description = "Every flagged row (up to " + std::to_string(limit) + " per table and reason)" +
                        (only_database.empty() ? "" : " in " + only_database) + ".";
  records.table.columns = {{"database", "Database", ValueType::kText},
                           {"table", "Table", ValueType::kText},
                           {"id", "Id", ValueType::kInt},
                           {"tenant", "Tenant", ValueType::kText},
                           {"currency_code", "Currency", ValueType::kText},
                           {"reason", "Reason", ValueType::kText}};
  for (const Affected& a : affected) {
    records.table.rows.push_back({a.database, a.table, a.id, a.tenant, a.currency, a.reason});
  }

  Report report;
  report.panels = {kpis, flags, checklist, distribution, records, test_orders(wh, limit)};
  return report;
}

std::vector<ParamSpec> params() {
  ParamSpec database{"database", ParamType::kChoice, "", "Limit the drill-down to one database"};
  database.choices = SchemaCatalog::builtin().databases();
  return {database, {"limit", ParamType::kInt, "1000", "Affected rows listed per table and reason", {}, 1, 100000}};
}

const ToolRegistration kRegistration(Tool{
    .id = "tenant-audit",
    .number = 2,
    .department = "it",
    .title = "Multi-Tenant Data Isolation Auditor",
    .summary = "Tenant values of every table checked against the known tenants, currency "
               "mismatches, and how much test data inflates counts: a pass/fail list per database.",
    .params = params(),
    .compute = compute,
});

}  // namespace
}  // namespace luckyhub::tenant_audit
