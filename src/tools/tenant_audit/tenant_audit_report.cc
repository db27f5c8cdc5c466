// The tenant-audit report: panels and registration of Tool 2, one function
// per panel. The analysis is in tenant_audit.cc.
#include <algorithm>
#include <cctype>

#include "core/percent_encode.h"
#include "domain/tenants.h"
#include "tools/registry.h"
#include "tools/tenant_audit/tenant_audit.h"

namespace luckyhub::tenant_audit {
namespace {

constexpr int64_t kDefaultLimit = 1000, kMaxLimit = 100000;

bool passes(const DatabaseLine& l) { return l.unknown == 0 && l.currency == 0; }

Panel summary_panel(const TenantAudit& a) {
  int64_t failing = 0, unknown = 0, currency = 0;
  for (const auto& [database, l] : a.databases) {
    failing += passes(l) ? 0 : 1;
    unknown += l.unknown;
    currency += l.currency;
  }
  const double inflation =
      a.paid_orders ? static_cast<double>(a.paid_test_orders) / a.paid_orders : 0;
  Panel kpis{.id = "summary", .title = "Tenant isolation", .kind = PanelKind::kKpis};
  kpis.kpis = {
      {"databases_failing", "Databases failing", failing, ValueType::kInt, "", "",
       failing ? Status::kRed : Status::kGreen,
       "of " + std::to_string(a.databases.size()) + " checked"},
      {"tables_scanned", "Tables scanned", static_cast<int64_t>(a.scans.size()), ValueType::kInt},
      {"unknown_tenant_rows", "Rows with unknown tenants", unknown, ValueType::kInt, "", "",
       unknown ? Status::kRed : Status::kGreen},
      {"currency_mismatches", "Currency mismatches", currency, ValueType::kInt, "", "",
       currency ? Status::kRed : Status::kGreen, "orders vs their store, rows vs their tenant"},
      {"test_order_share", "Test orders among paid orders", inflation, ValueType::kRate, "", "",
       inflation > 0 ? Status::kYellow : Status::kGreen,
       "what counting every tenant would inflate order counts by"},
  };
  return kpis;
}

// The rows a red flag stands for, as the affected-records drill-down's
// parameters: one database, one table, one rule, and for an unknown tenant its
// value. The link is relative to the dashboard (delivery adds its public URL).
struct Drill {
  std::string database, table, reason, tenant;
};

std::string drill_link(const Drill& d, int64_t rows) {
  std::string link = "/tools/tenant-audit?database=" + d.database + "&table=" + d.table + "&reason=" + d.reason;
  // An empty tenant value cannot be told from "any": that link lists every unknown tenant of the table.
  if (!d.tenant.empty()) link += "&tenant=" + percent_encode(d.tenant);
  // Every one of the flag's rows, beyond the default limit (up to the parameter's maximum).
  if (rows > kDefaultLimit) link += "&limit=" + std::to_string(std::min<int64_t>(rows, kMaxLimit));
  return link;
}

Panel red_flags(const TenantAudit& a) {
  Panel flags{.id = "red_flags", .title = "Red flags", .kind = PanelKind::kAlerts};
  flags.description = "Each flag links to the affected records it stands for.";
  for (const auto& [key, n] : a.unknown_tenants) {
    const size_t dot = key.first.find('.');
    flags.alerts.push_back({Status::kRed, "Unknown tenant '" + key.second + "' in " + key.first,
                            std::to_string(n) + " rows",
                            drill_link({key.first.substr(0, dot), key.first.substr(dot + 1), "unknown_tenant", key.second}, n)});
  }
  if (a.store_currency_mismatches > 0) {
    flags.alerts.push_back(
        {Status::kRed,
         std::to_string(a.store_currency_mismatches) +
             " orders in a currency their store does not take",
         "luckyus_sales_order.t_order vs luckyus_opshop.t_shop_info.currency_code",
         drill_link({"luckyus_sales_order", "t_order", "currency_mismatch", ""}, a.store_currency_mismatches)});
  }
  for (const TableScan& s : a.scans) {
    if (s.currency_violations > 0) {
      flags.alerts.push_back(
          {Status::kRed,
           "Rows in another currency than their tenant's in " + s.table->qualified_name(),
           std::to_string(s.currency_violations) + " rows",
           drill_link({s.table->database, s.table->name, "tenant_currency", ""}, s.currency_violations)});
    }
  }
  return flags;
}

// The weekly checklist: one line per database.
Panel checklist_table(const TenantAudit& a) {
  Panel checklist{
      .id = "checklist", .title = "Weekly checklist per database", .kind = PanelKind::kTable};
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
  for (const auto& [db, l] : a.databases) {
    checklist.table.rows.push_back(
        {db, std::string(passes(l) ? "PASS" : "FAIL"), l.tables, l.rows, l.production, l.test,
         l.rows ? static_cast<double>(l.test) / l.rows : 0.0, l.unknown, l.currency});
  }
  return checklist;
}

Panel distribution_table(const TenantAudit& a, const std::string& only_database) {
  Panel distribution{
      .id = "distribution", .title = "Tenant distribution by table", .kind = PanelKind::kTable};
  distribution.table.columns = {{"database", "Database", ValueType::kText},
                                {"table", "Table", ValueType::kText},
                                {"tenant", "Tenant", ValueType::kText},
                                {"known", "Known", ValueType::kText},
                                {"rows", "Rows", ValueType::kInt}};
  for (const TableScan& s : a.scans) {
    if (!only_database.empty() && s.table->database != only_database) continue;
    for (const auto& [tenant, n] : s.by_tenant) {
      distribution.table.rows.push_back({s.table->database, s.table->name, tenant,
                                         std::string(find_tenant(tenant) ? "yes" : "no"), n});
    }
  }
  return distribution;
}

// Whether an affected row is among those a drill-down asks for (an empty
// field: any).
bool drilled(const Affected& x, const Drill& d) {
  return (d.table.empty() || x.table == d.table) && (d.tenant.empty() || x.tenant == d.tenant) &&
         (d.reason.empty() || (", " + x.reason + ",").find(", " + d.reason + ",") != std::string::npos);
}

Panel affected_table(const TenantAudit& a, const Drill& drill, size_t limit) {
  Panel records{.id = "affected_records", .title = "Affected records", .kind = PanelKind::kTable};
  std::string only;
  if (!drill.database.empty()) only += " in " + drill.database;
  if (!drill.table.empty()) only += ", table " + drill.table;
  if (!drill.reason.empty()) only += ", breaking " + drill.reason;
  if (!drill.tenant.empty()) only += ", tenant '" + drill.tenant + "'";
  records.description = "Every flagged row once, with the rules it breaks (up to " + std::to_string(limit) +
                        " per table and rule)" + only + ".";
  records.table.columns = {{"database", "Database", ValueType::kText},
                           {"table", "Table", ValueType::kText},
                           {"id", "Id", ValueType::kInt},
                           {"tenant", "Tenant", ValueType::kText},
                           {"currency_code", "Currency", ValueType::kText},
                           {"reason", "Rules broken", ValueType::kText}};
  for (const Affected& x : a.affected) {
    if (!drilled(x, drill)) continue;
    records.table.rows.push_back({x.database, x.table, x.id, x.tenant, x.currency, x.reason});
  }
  return records;
}

Panel test_orders_table(const TenantAudit& a, size_t limit) {
  Panel p{.id = "test_orders", .title = "Orders of test tenants", .kind = PanelKind::kTable};
  p.description = std::to_string(a.test_orders) + " orders" +
                  (static_cast<size_t>(a.test_orders) > limit
                       ? ", the first " + std::to_string(limit) + " listed"
                       : "") +
                  "; production reports leave them out.";
  p.table.columns = {{"id", "Id", ValueType::kInt},
                     {"order_no", "Order", ValueType::kText},
                     {"tenant", "Tenant", ValueType::kText},
                     {"shop_id", "Store", ValueType::kInt},
                     {"currency_code", "Currency", ValueType::kText},
                     {"status", "Status", ValueType::kInt},
                     {"pay_money_minor", "Amount (minor units)", ValueType::kInt}};
  for (const TestOrder& o : a.test_orders_listed) {
    p.table.rows.push_back(
        {o.id, o.order_no, o.tenant, o.shop_id, o.currency_code, o.status, o.pay_money_minor});
  }
  return p;
}

Report compute(Warehouse& wh, const Params& params) {
  const std::string only_database = params.text("database");
  const size_t limit = static_cast<size_t>(params.integer("limit"));
  const TenantAudit a = audit(wh, only_database, limit);
  Report report;
  report.panels = {summary_panel(a),
                   red_flags(a),
                   checklist_table(a),
                   distribution_table(a, only_database),
                   affected_table(a, {only_database, params.text("table"), params.text("reason"), params.text("tenant")},
                                  limit),
                   test_orders_table(a, limit)};
  return report;
}

std::vector<ParamSpec> params() {
  return {{.name = "database",
           .type = ParamType::kChoice,
           .description = "Limit the drill-down to one database",
           .choices = SchemaCatalog::builtin().databases(),
           .label = "Drill down into one database"},
          {.name = "table",
           .type = ParamType::kText,
           .description = "Limit the affected records to one table (its name, as t_order)",
           .allowed_chars = "abcdefghijklmnopqrstuvwxyz0123456789_",
           .label = "Affected records of one table"},
          {.name = "reason",
           .type = ParamType::kChoice,
           .description = "Limit the affected records to the rows breaking one rule",
           .choices = {"unknown_tenant", "tenant_currency", "currency_mismatch"},
           .label = "Affected records breaking one rule"},
          {.name = "tenant",
           .type = ParamType::kText,
           .description = "Limit the affected records to one tenant value (exactly, spaces included)",
           .allowed_chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 _-",
           .label = "Affected records of one tenant value"},
          {.name = "limit",
           .type = ParamType::kInt,
           .default_value = std::to_string(kDefaultLimit),
           .description = "Affected rows listed per table and reason",
           .min = 1,
           .max = kMaxLimit,
           .label = "Rows listed per table and reason"}};
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
