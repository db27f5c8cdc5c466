// The cost side of a reconciliation: the fee and commission bills booked
// in t_acc_cost_bill against the day's fees and the commission due on its
// delivery sales, and cost bills outside the scope's tenant and currency.
#include <cstdlib>

#include "core/money.h"
#include "tools/reconciliation/reconciliation_parts.h"

namespace luckyhub::reconciliation {
namespace {

constexpr int64_t kFeeCost = 3, kCommissionCost = 9;   // t_acc_cost_bill.cost_type
constexpr int64_t kPendingBill = 10, kPostedBill = 20;  // t_acc_cost_bill.status

// The tenant's length as well as its value: MariaDB compares VARCHARs
// padded with spaces, so that 'LKUS ' = 'LKUS' there (a replica report runs
// on MariaDB); the length tells them apart on every engine.
std::vector<SqlValue> exact_tenant(const Scope& s, std::vector<SqlValue> window) {
  window.insert(window.begin() + 2, static_cast<int64_t>(s.tenant.size()));
  return window;
}

// What one day's posted bills of a cost type break, if anything: `what` is
// "fee" or "commission".
void check_cost(const std::string& what, const std::string& day, int64_t expected, const CostDay& c,
                int64_t tolerance, std::vector<Discrepancy>& out) {
  Discrepancy x;
  x.day = day;
  x.expected_cents = expected;
  x.actual_cents = c.cents;
  x.cost_bill_ids = c.ids;
  if (c.posted == 0) {
    if (c.pending > 0 || expected == 0) return;  // awaiting posting, or nothing to book
    x.kind = what + "_bill_missing";
    x.actual_missing = true;
  } else if (c.posted > 1) {
    x.kind = "duplicate_" + what + "_bill";
  } else if (std::llabs(c.cents - expected) > tolerance) {
    x.kind = what + "_bill_mismatch";
  } else {
    return;
  }
  out.push_back(std::move(x));
}

}  // namespace

// The scope's fee and commission bills of the window, pending or posted.
Query cost_bills_query(const Warehouse& wh, const Scope& s) {
  return {"SELECT id, " + wh.dialect().date_text("biz_date") + " AS day, cost_type, status, amount"
          " FROM ifiaccounting__t_acc_cost_bill WHERE tenant = ? AND currency_code = ? AND LENGTH(tenant) = ?"
          " AND cost_type IN (" +
              std::to_string(kFeeCost) + ", " + std::to_string(kCommissionCost) + ") AND status IN (" +
              std::to_string(kPendingBill) + ", " + std::to_string(kPostedBill) + ") AND " +
              s.range(wh, "biz_date") + " ORDER BY id",
          exact_tenant(s, s.bill_window())};
}

// Cost bills of the window outside USD production: another tenant or
// currency (the cost ledger is LKUS's, in USD).
Query stray_cost_bills_query(const Warehouse& wh, const Scope& s) {
  return {"SELECT id, " + wh.dialect().date_text("biz_date") + R"( AS day, tenant, currency_code, shop_id, amount
      FROM ifiaccounting__t_acc_cost_bill
      WHERE (tenant <> ? OR currency_code <> ? OR LENGTH(tenant) <> ?) AND )" + s.range(wh, "biz_date") +
              " ORDER BY id",
          exact_tenant(s, s.bill_window())};
}


// Per cost type (fees, commissions) and day: the bills, in the days' totals.
void cost_bills(const ResultSet& r, std::map<std::string, DayTotals>& days,
                CostDays& by_type) {
  for (const Row row : r) {
    const int64_t type = row.integer("cost_type");
    const std::string day = row.text("day");
    CostDay& c = by_type[type][day];
    DayTotals& t = days[day];
    if (row.integer("status") == kPendingBill) {
      c.pending += 1;
      (type == kFeeCost ? t.fee_bills_pending : t.commission_bills_pending) += 1;
      continue;
    }
    c.posted += 1;
    c.cents += row.cents("amount").value;
    c.ids += (c.ids.empty() ? "" : ",") + std::to_string(row.integer("id"));
    (type == kFeeCost ? t.fee_bills : t.commission_bills) += 1;
    (type == kFeeCost ? t.fees_booked_cents : t.commission_booked_cents) += row.cents("amount").value;
  }
}

void match_costs(std::map<std::string, DayTotals>& days, CostDays& by_type,
                 int64_t commission_rate_e6, int64_t tolerance, std::vector<Discrepancy>& out) {
  for (auto& [day, t] : days) {
    t.commission_due_cents = mul_div_round(t.delivery_cents, commission_rate_e6, 1000000);
    check_cost("fee", day, t.fees_cents, by_type[kFeeCost][day], tolerance, out);
    check_cost("commission", day, t.commission_due_cents, by_type[kCommissionCost][day], tolerance, out);
  }
}

void match_stray_cost_bills(const ResultSet& r, const Scope& s, std::vector<Discrepancy>& out) {
  for (const Row row : r) {
    Discrepancy x;
    x.kind = "stray_cost_bill";
    x.day = row.text("day");
    x.shop_id = row.is_null("shop_id") ? 0 : row.integer("shop_id");
    x.cost_bill_ids = std::to_string(row.integer("id"));
    x.actual_cents = row.cents("amount").value;
    const std::string tenant = row.text("tenant"), currency = row.text("currency_code");
    if (tenant != s.tenant) x.reason = "tenant '" + tenant + "' is not " + s.tenant;
    if (currency != s.currency) {
      x.reason += (x.reason.empty() ? "" : "; ") + std::string("currency '") + currency + "' is not " + s.currency;
    }
    out.push_back(std::move(x));
  }
}

std::vector<Query> cost_side_queries(Warehouse& wh, const Window& w, const std::string& currency) {
  if (currency != "USD") return {};
  const Scope s = scope_of(w, currency, 0);
  return {fee_channels_query(wh, s), orders_per_day_query(wh, s), cost_bills_query(wh, s),
          stray_cost_bills_query(wh, s)};
}

std::vector<Discrepancy> cost_side_breaks(const std::vector<ResultSet>& results, const Window& w,
                                          const std::string& currency, int64_t tolerance_cents,
                                          int64_t commission_rate_e6) {
  std::vector<Discrepancy> out;
  if (currency != "USD") return out;
  const Scope s = scope_of(w, currency, tolerance_cents);
  std::map<std::string, DayTotals> days;
  std::vector<FeeChannelDay> channels;
  fee_channels(results.at(0), days, channels);
  for (const Row row : results.at(1)) days[row.text("day")].delivery_cents = row.cents("delivery_cents").value;
  CostDays by_type;
  cost_bills(results.at(2), days, by_type);
  match_costs(days, by_type, commission_rate_e6, tolerance_cents, out);
  match_stray_cost_bills(results.at(3), s, out);
  return out;
}

}  // namespace luckyhub::reconciliation
