// The tax-gap analysis: the window's taxable items read from the warehouse.
// The report is in tax_gap_report.cc.
#include "tools/tax_gap/tax_gap.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "domain/order_rules.h"
#include "domain/tenants.h"
#include "warehouse/schema.h"
#include "tools/tax_gap/tax_gap_tables.h"
#include "warehouse/derived_table.h"

namespace luckyhub::tax_gap {
namespace {

// Paid items of a tenant in its currency (the production tenant in USD by
// default), paid in the window: the items with their order (kItemOrders).
// `select` and `tail` complete the statement.
Query paid_items(Warehouse& wh, const Window& w, const std::string& select, const std::string& tail,
                 const std::string& tenant = "LKUS", const std::string& currency = "USD") {
  const Dialect& d = wh.dialect();
  Query items = derived_from(wh, kItemOrders);
  Query q{"SELECT " + select + R"(
      FROM )" + items.sql + R"( i
      WHERE i.order_tenant = ? AND i.order_currency_code = ? AND )" + rules::paid_order_status("i.order_status") + R"(
        AND )" + w.range(d, "i.order_pay_time") + R"( AND i.pay_money > 0 )" + tail,
          std::move(items.params)};
  for (SqlValue v : {SqlValue{tenant}, SqlValue{currency}, SqlValue{w.utc_from()}, SqlValue{w.utc_to()}}) {
    q.params.push_back(std::move(v));
  }
  return q;
}

std::string rounded_tax(const Dialect& d, const std::string& rate) {
  return d.int_div("i.pay_money * " + rate + " + 50000", std::to_string(kRateScale));
}

// The USD items by New York day (the months are sums of their days).
Query days_query(Warehouse& wh, const Window& w, int64_t rate_e5) {
  const Dialect& d = wh.dialect();
  return paid_items(wh, w,
                    d.ny_date("i.order_pay_time") + " AS day, COUNT(*) AS items, SUM(i.pay_money) AS sales_cents,"
                    " SUM(COALESCE(i.tax, 0)) AS collected_cents, SUM(" + expected_tax(d, rate_e5) + ") AS due_cents,"
                    " SUM(CASE WHEN " + flag_condition(d, rate_e5) + " THEN 1 ELSE 0 END) AS flagged_items,"
                    " SUM(CASE WHEN COALESCE(i.tax, 0) < " + expected_tax(d, rate_e5) + " THEN " +
                        expected_tax(d, rate_e5) + " - COALESCE(i.tax, 0) ELSE 0 END) AS short_cents,"
                    " SUM(CASE WHEN COALESCE(i.tax, 0) > " + expected_tax(d, rate_e5) + " THEN COALESCE(i.tax, 0) - " +
                        expected_tax(d, rate_e5) + " ELSE 0 END) AS over_cents",
                    "GROUP BY day ORDER BY day");
}

std::vector<TaxSums> read_days(const ResultSet& r) {
  std::vector<TaxSums> days;
  for (const Row row : r) {
    days.push_back({row.text("day"), row.integer("items"), row.cents("sales_cents").value,
                    row.cents("collected_cents").value, row.cents("due_cents").value, row.integer("flagged_items"),
                    row.cents("short_cents").value, row.cents("over_cents").value});
  }
  return days;
}

// The NZ test tenant's items by month, with the GST their prices include:
// round(pay x 3/23), half up.
Query gst_query(Warehouse& wh, const Window& w) {
  const Dialect& d = wh.dialect();
  const std::string gst_due = d.int_div("i.pay_money * 6 + 23", "46");
  return paid_items(wh, w,
                    d.ny_month("i.order_pay_time") + " AS month, COUNT(*) AS items, SUM(i.pay_money) AS sales_cents,"
                    " SUM(COALESCE(i.tax, 0)) AS charged_cents, SUM(" + gst_due + ") AS due_cents",
                    "GROUP BY month ORDER BY month", tenant_for_currency("NZD"), "NZD");
}

std::vector<GstMonth> read_gst(const ResultSet& r) {
  std::vector<GstMonth> months;
  for (const Row row : r) {
    months.push_back({row.text("month"), row.integer("items"), row.cents("sales_cents").value,
                      row.cents("charged_cents").value, row.cents("due_cents").value});
  }
  return months;
}

// The flagged items, by id: one more than are listed, to tell that there are more.
Query flagged_query(Warehouse& wh, const Window& w, int64_t rate_e5) {
  const Dialect& d = wh.dialect();
  const std::string expected = expected_tax(d, rate_e5);
  return paid_items(wh, w,
                    "i.id AS item_id, i.order_no AS order_no, " + d.ny_date("i.order_pay_time") + R"( AS day,
       i.spu_name AS product, i.pay_money AS pay_money, i.tax_rate AS tax_rate, i.tax AS tax,
       )" + expected + R"( AS expected_tax,
       CASE WHEN COALESCE(i.tax, 0) = 0 AND )" + expected + R"( > 0 THEN 'missing'
            WHEN i.tax_rate IS NULL OR i.tax_rate <> )" + std::to_string(rate_e5) + R"( THEN 'wrong_rate'
            ELSE 'wrong_amount' END AS issue)",
                    "AND " + flag_condition(d, rate_e5) + " ORDER BY i.id LIMIT " + std::to_string(kMaxListedItems + 1));
}

std::vector<FlaggedItem> read_flagged(const ResultSet& r) {
  std::vector<FlaggedItem> items;
  for (const Row row : r) {
    if (items.size() == kMaxListedItems) break;
    FlaggedItem x;
    x.item_id = row.integer("item_id");
    x.order_no = row.text("order_no");
    x.day = row.text("day");
    x.product = row.text("product");
    x.pay_money_cents = row.cents("pay_money").value;
    if (!row.is_null("tax_rate")) x.tax_rate_e5 = row.integer("tax_rate");
    x.tax_cents = row.cents("tax").value;
    x.expected_tax_cents = row.cents("expected_tax").value;
    x.issue = row.text("issue");
    items.push_back(x);
  }
  return items;
}

// Paid orders of a known tenant in another currency than its tenant's, with
// their taxable items: what neither the US figures nor the NZ table count.
Query excluded_query(Warehouse& wh, const Window& w) {
  const Dialect& d = wh.dialect();
  Query items = derived_from(wh, kItemOrders);
  std::string mismatch;
  std::vector<SqlValue> tenants;
  for (const TenantConfig& t : known_tenants()) {
    mismatch += std::string(mismatch.empty() ? "" : " OR ") + "(i.order_tenant = ? AND i.order_currency_code <> ?)";
    tenants.push_back(t.code);
    tenants.push_back(t.currency);
  }
  Query q{"SELECT i.order_no AS order_no, i.order_tenant AS tenant, i.order_currency_code AS currency_code, " +
              d.ny_date("i.order_pay_time") + R"( AS day, COUNT(*) AS items, SUM(i.pay_money) AS sales_cents,
        SUM(COALESCE(i.tax, 0)) AS tax_cents
      FROM )" + items.sql + R"( i
      WHERE )" + rules::paid_order_status("i.order_status") + " AND " + w.range(d, "i.order_pay_time") +
              " AND i.pay_money > 0 AND (" + mismatch + R"()
      GROUP BY i.order_no, i.order_tenant, i.order_currency_code, day
      ORDER BY i.order_no LIMIT )" + std::to_string(kMaxListedItems),
          std::move(items.params)};
  for (SqlValue v : {SqlValue{w.utc_from()}, SqlValue{w.utc_to()}}) q.params.push_back(std::move(v));
  for (SqlValue& v : tenants) q.params.push_back(std::move(v));
  return q;
}

std::vector<ExcludedOrder> read_excluded(const ResultSet& r) {
  std::vector<ExcludedOrder> out;
  for (const Row row : r) {
    ExcludedOrder x{row.text("order_no"), row.text("tenant"), row.text("currency_code"), row.text("day"),
                    row.integer("items"), row.cents("sales_cents").value, row.cents("tax_cents").value};
    const TenantConfig* t = find_tenant(x.tenant);
    x.reason = "currency " + x.currency + " is not its tenant's (" + x.tenant + " books in " +
               (t != nullptr ? t->currency : std::string("?")) + "): in neither the US figures nor the NZ GST table";
    out.push_back(x);
  }
  return out;
}

// New York's split as the simulator and the source write it: the items
// whose tax_info is this text are fine without being parsed.
std::string canonical_split() {
  std::string out = "{";
  for (const Jurisdiction& j : kJurisdictions) {
    char rate[32];
    std::snprintf(rate, sizeof rate, "%lld.%05lld", static_cast<long long>(j.rate_e5 / kRateScale),
                  static_cast<long long>(j.rate_e5 % kRateScale));
    out += std::string(out.size() > 1 ? "," : "") + "\"" + j.tax_info_key + "\":" + rate;
  }
  return out + "}";
}

// Items at the rate that applies whose tax_info is not the canonical text:
// judged in C++ (judge_tax_info). No LIMIT: a row may be the right split
// written otherwise, so the listed ones are counted after judging.
Query tax_info_query(Warehouse& wh, const Window& w, int64_t rate_e5) {
  const Dialect& d = wh.dialect();
  Query q = paid_items(wh, w,
                       "i.id AS item_id, i.order_no AS order_no, " + d.ny_date("i.order_pay_time") +
                           " AS day, i.spu_name AS product, i.tax_rate AS tax_rate, i.tax_info AS tax_info",
                       "AND i.tax_rate = " + std::to_string(rate_e5) +
                           " AND i.tax_info IS NOT NULL AND i.tax_info <> ? ORDER BY i.id");
  q.params.push_back(canonical_split());
  return q;
}

void read_tax_info(const ResultSet& r, TaxGap& gap) {
  for (const Row row : r) {
    TaxInfoItem x;
    x.tax_info = row.text("tax_info");
    x.problem = judge_tax_info(x.tax_info, row.integer("tax_rate"));
    if (x.problem.empty()) continue;
    if (gap.tax_info.size() == kMaxListedItems) {
      gap.more_tax_info = true;
      break;
    }
    x.item_id = row.integer("item_id");
    x.order_no = row.text("order_no");
    x.day = row.text("day");
    x.product = row.text("product");
    gap.tax_info.push_back(std::move(x));
  }
}

// The tax of the window's live income bills by business day and bill type.
Query booked_query(Warehouse& wh, const Window& w) {
  const Dialect& d = wh.dialect();
  Query q{"SELECT " + d.date_text("biz_date") + R"( AS day,
        SUM(CASE WHEN bill_type = 1 THEN tax_amount ELSE 0 END) AS sales_tax,
        SUM(CASE WHEN bill_type = 2 THEN tax_amount ELSE 0 END) AS refund_tax,
        SUM(CASE WHEN status = 10 THEN 1 ELSE 0 END) AS pending
      FROM ifiaccounting__t_acc_income_bill
      WHERE tenant = ? AND currency_code = ? AND )" + rules::live_income_bill() + " AND " + w.range(d, "biz_date") +
              " GROUP BY biz_date ORDER BY biz_date",
          {tenant_for_currency("USD"), "USD", w.from.str(), w.to.str()}};
  return q;
}

std::vector<BookedDay> read_booked(const ResultSet& r) {
  std::vector<BookedDay> out;
  for (const Row row : r) {
    out.push_back({row.text("day"), row.cents("sales_tax").value, row.cents("refund_tax").value,
                   row.integer("pending")});
  }
  return out;
}

// The window's paid orders of the production tenant in USD whose
// breakdown's tax is not their items': the few rows that differ are found in
// the derived table first, then their orders by id (tenant, currency,
// status, day).
Query order_tax_query(Warehouse& wh, const Window& w) {
  const Dialect& d = wh.dialect();
  Query amounts = derived_from(wh, kOrderTax);
  Query q{"SELECT o.order_no AS order_no, " + d.ny_date("o.pay_time") +
              " AS day, a.items_tax AS items_tax, a.amount_tax AS amount_tax FROM " +
              d.join_left("sales_order__t_order") +
              " o JOIN (SELECT x.order_id AS order_id, COALESCE(x.items_tax, 0) AS items_tax,"
              " x.tax_amount AS amount_tax FROM " + amounts.sql +
              " x WHERE x.tax_amount <> COALESCE(x.items_tax, 0)) a ON a.order_id = o.id"
              " WHERE o.tenant = ? AND o.currency_code = ? AND " + rules::paid_order_status("o.status") + " AND " +
              w.range(d, "o.pay_time") + " ORDER BY o.order_no LIMIT " + std::to_string(kMaxListedItems + 1),
          std::move(amounts.params)};
  for (SqlValue v : {SqlValue{tenant_for_currency("USD")}, SqlValue{"USD"}, SqlValue{w.utc_from()},
                     SqlValue{w.utc_to()}}) {
    q.params.push_back(std::move(v));
  }
  return q;
}

void read_order_tax(const ResultSet& r, TaxGap& gap) {
  for (const Row row : r) {
    if (gap.order_tax.size() == kMaxListedItems) {
      gap.more_order_tax = true;
      break;
    }
    gap.order_tax.push_back({row.text("order_no"), row.text("day"), row.cents("items_tax").value,
                             row.cents("amount_tax").value});
  }
}

std::string rate_text(int64_t rate_e5) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g%%", static_cast<double>(rate_e5) / 1000);
  return buf;
}

std::vector<FiTaxTable> fi_tax_tables(Warehouse& wh) {
  std::vector<FiTaxTable> out;
  const std::string production = tenant_for_currency("USD");
  for (const TableDef& t : SchemaCatalog::builtin().tables()) {
    if (t.database != "luckyus_fi_tax" || !wh.has_table(t.warehouse_name())) continue;
    const ResultSet r = wh.query("SELECT tenant, COUNT(*) AS filled_rows, MIN(create_time) AS first_row FROM " +
                                 t.warehouse_name() + " GROUP BY tenant");
    FiTaxTable table{t.name};
    for (const Row row : r) {
      const std::string tenant = row.is_null("tenant") ? "" : row.text("tenant");
      const int64_t n = row.integer("filled_rows");
      table.rows += n;
      table.by_tenant.push_back({tenant, n});
      if (tenant == production) table.production_rows += n;
      const std::string first = row.is_null("first_row") ? "" : row.text("first_row");
      if (!first.empty() && (table.first_row.empty() || first < table.first_row)) table.first_row = first;
    }
    std::sort(table.by_tenant.begin(), table.by_tenant.end());
    if (table.rows > 0) out.push_back(table);
  }
  return out;
}

}  // namespace

std::string judge_tax_info(const std::string& tax_info, int64_t rate_e5) {
  const nlohmann::json split = nlohmann::json::parse(tax_info, nullptr, false);
  if (!split.is_object() || split.empty()) return "not an object of jurisdiction → rate";
  std::map<std::string, int64_t> rates;
  int64_t sum = 0;
  for (const auto& [name, rate] : split.items()) {
    if (!rate.is_number()) return "the rate of " + name + " is not a number";
    const int64_t e5 = std::llround(rate.get<double>() * kRateScale);
    rates[name] = e5;
    sum += e5;
  }
  std::vector<std::string> wrong;
  if (rate_e5 == kDefaultRateE5) {
    for (const Jurisdiction& j : kJurisdictions) {
      const auto it = rates.find(j.tax_info_key);
      if (it == rates.end()) {
        wrong.push_back(std::string(j.tax_info_key) + " (" + rate_text(j.rate_e5) + ") missing");
      } else if (it->second != j.rate_e5) {
        wrong.push_back(std::string(j.tax_info_key) + " at " + rate_text(it->second) + ", not " +
                        rate_text(j.rate_e5));
      }
    }
    for (const auto& [name, e5] : rates) {
      bool known = false;
      for (const Jurisdiction& j : kJurisdictions) known = known || name == j.tax_info_key;
      if (!known) wrong.push_back(name + " (" + rate_text(e5) + ") is not a New York jurisdiction");
    }
  }
  if (sum != rate_e5) wrong.push_back("the rates add up to " + rate_text(sum) + ", not the item's " + rate_text(rate_e5));
  std::string out;
  for (const std::string& w : wrong) out += (out.empty() ? "" : "; ") + w;
  return out;
}

std::string expected_tax(const Dialect& d, int64_t rate_e5) { return rounded_tax(d, std::to_string(rate_e5)); }

std::string flag_condition(const Dialect& d, int64_t rate_e5) {
  return "((COALESCE(i.tax, 0) = 0 AND " + expected_tax(d, rate_e5) + " > 0) OR i.tax_rate IS NULL OR i.tax_rate <> " +
         std::to_string(rate_e5) + " OR COALESCE(i.tax, 0) <> " + rounded_tax(d, "i.tax_rate") + ")";
}

Status gap_status(int64_t owed_cents) {
  if (owed_cents == 0) return Status::kGreen;
  return std::llabs(owed_cents) < 10000 ? Status::kYellow : Status::kRed;
}

void TaxSums::add(const TaxSums& other) {
  items += other.items;
  sales_cents += other.sales_cents;
  collected_cents += other.collected_cents;
  due_cents += other.due_cents;
  flagged_items += other.flagged_items;
  short_cents += other.short_cents;
  over_cents += other.over_cents;
}

TaxGap analyse(Warehouse& wh, const Window& w, int64_t rate_e5) {
  // One batch (Warehouse::query_all, the scans at once).
  std::vector<Query> queries = {days_query(wh, w, rate_e5), gst_query(wh, w), flagged_query(wh, w, rate_e5),
                                excluded_query(wh, w), tax_info_query(wh, w, rate_e5)};
  const bool amounts = wh.has_table("sales_order__t_order_amount");  // not in a partial sync
  if (amounts) queries.push_back(order_tax_query(wh, w));
  const bool bills = wh.has_table("ifiaccounting__t_acc_income_bill");
  if (bills) queries.push_back(booked_query(wh, w));
  const std::vector<ResultSet> results = wh.query_all(queries);
  TaxGap gap;
  gap.rate_e5 = rate_e5;
  gap.days = read_days(results[0]);
  gap.nz_months = read_gst(results[1]);
  gap.flagged = read_flagged(results[2]);
  gap.more_flagged = results[2].size() > kMaxListedItems;
  gap.excluded = read_excluded(results[3]);
  read_tax_info(results[4], gap);
  if (amounts) read_order_tax(results[5], gap);
  if (bills) gap.booked = read_booked(results[amounts ? 6 : 5]);
  gap.has_income_bills = !gap.booked.empty();  // none in the window: no accounting to compare
  gap.fi_tax = fi_tax_tables(wh);
  return gap;
}

std::vector<TaxSums> by_month(const std::vector<TaxSums>& days) {
  std::vector<TaxSums> months;
  for (const TaxSums& day : days) {
    const std::string month = day.period.substr(0, 7);
    if (months.empty() || months.back().period != month) months.push_back({month});
    months.back().add(day);
  }
  return months;
}

}  // namespace luckyhub::tax_gap
