#include "tools/reconciliation/reconciliation.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <string_view>
#include <vector>

#include "core/log.h"
#include "core/money.h"
#include "domain/order_rules.h"
#include "domain/tenants.h"
#include "tools/reconciliation/reconciliation_parts.h"
#include "tools/reconciliation/reconciliation_tables.h"
#include "warehouse/derived_table.h"

namespace luckyhub::reconciliation {
namespace {

// The scope's live income bills (bound to its tenant
// and currency).
std::string scope_live_bills() { return "tenant = ? AND currency_code = ? AND " + rules::live_income_bill(); }

// The key of an income bill, and of the successful trades it summarises:
// shop, New York business day and hour, channel, and type (1 payment, 2 refund).
struct GroupKey {
  int64_t shop = 0;
  std::string day;
  int64_t hour = 0, channel = 0, type = 0;
  auto operator<=>(const GroupKey&) const = default;
};
// From a row of a group (group breaks) or of a bill (duplicate bills), whose
// SELECTs name the key's columns alike.
GroupKey key_of(const Row row) {
  return {row.integer("shop_id"), row.text("day"), row.integer("hour"), row.integer("channel_id"),
          row.integer("type")};
}

// The window's trades and bills of the scope: what an inline read of the
// income groups reads.
SourceFilters group_window(const Warehouse& wh, const Scope& s) {
  return {
      {"sales_payment__t_trade", {"tenant = ? AND currency_code = ? AND " + s.range(wh, "pay_time"), s.pay_window()}},
      {"ifiaccounting__t_acc_income_bill",
       {"tenant = ? AND currency_code = ? AND " + s.range(wh, "biz_date"), s.bill_window()}}};
}

// The trade groups against the bill groups (kIncomeGroups); only the keys
// that break come back. A group with more bills than sales sources has a
// duplicate; else its bills' amounts are the amount booked. Read inline, the
// groups' SELECT reads only the window's trades and bills of the tenant and
// currency.
Query group_breaks_query(Warehouse& wh, const Scope& s) {
  Query q = derived_from(wh, kIncomeGroups, group_window(wh, s));
  q.sql = "SELECT shop_id, day, hour, channel_id, type, trades, trade_cents, bills, sources, bill_cents, trade_ids,"
          " bill_ids FROM " + q.sql + R"( g
      WHERE g.tenant = ? AND g.currency_code = ? AND g.day >= ? AND g.day < ?
        AND (g.bills = 0 OR g.trades = 0 OR g.bills > g.sources OR abs(g.bill_cents - g.trade_cents) > ?)
      ORDER BY g.shop_id, g.day, g.hour, g.channel_id, g.type)";
  for (const SqlValue& v : s.bill_window()) q.params.push_back(v);
  q.params.push_back(s.tolerance);
  return q;
}

// A comma-separated list of ids, ascending.
std::string sorted_ids(std::string_view list) {
  std::vector<int64_t> ids;
  for (size_t at = 0; at < list.size();) {
    const size_t comma = std::min(list.find(',', at), list.size());
    ids.push_back(std::stoll(std::string(list.substr(at, comma - at))));
    at = comma + 1;
  }
  std::sort(ids.begin(), ids.end());
  std::string out;
  for (const int64_t id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
  return out;
}

// A group with a duplicate bill, whose bills are looked up afterwards
// (fill_ids): `index` in the discrepancies.
struct Duplicate {
  GroupKey key;
  size_t index = 0;
};

void match_groups(const ResultSet& r, std::vector<Discrepancy>& out, std::vector<Duplicate>& duplicates) {
  for (const Row row : r) {
    const int64_t trades = row.integer("trades"), bills = row.integer("bills");
    Discrepancy x;
    const GroupKey key = key_of(row);
    x.shop_id = key.shop;
    x.day = key.day;
    x.hour = key.hour;
    x.channel_id = key.channel;
    x.expected_cents = row.cents("trade_cents").value;
    x.actual_cents = row.cents("bill_cents").value;
    x.trade_ids = sorted_ids(row.text("trade_ids"));
    x.bill_ids = sorted_ids(row.text("bill_ids"));
    if (bills == 0) {
      x.kind = "missing_income_bill";
      x.actual_missing = true;
    } else if (trades == 0) {
      x.kind = "income_bill_without_trades";
    } else if (bills > row.integer("sources")) {
      x.kind = "duplicate_income_bill";
      duplicates.push_back({key, out.size()});
    } else {
      x.kind = "income_bill_mismatch";
    }
    out.push_back(x);
  }
}

// Successful trades per New York day and type, for the day totals: the trade
// side of the income groups (kIncomeGroups), which count every successful
// trade with a pay_time once. Read inline, only the window's trades and bills.
Query trade_days_query(Warehouse& wh, const Scope& s) {
  Query q = derived_from(wh, kIncomeGroups, group_window(wh, s));
  q.sql = "SELECT g.day AS day, g.type AS trade_type, SUM(g.trade_cents) AS total_cents FROM " + q.sql + R"( g
      WHERE g.tenant = ? AND g.currency_code = ? AND g.day >= ? AND g.day < ?
      GROUP BY g.day, g.type HAVING SUM(g.trades) > 0)";
  for (const SqlValue& v : s.bill_window()) q.params.push_back(v);
  return q;
}

Query bill_days_query(const Warehouse& wh, const Scope& s) {
  return {"SELECT " + wh.dialect().date_text("biz_date") + " AS day, bill_type, SUM(amount) AS total_cents"
          " FROM ifiaccounting__t_acc_income_bill WHERE " + scope_live_bills() + " AND " +
              s.range(wh, "biz_date") + " GROUP BY biz_date, bill_type",
          s.bill_window()};
}

// Orders, payments and refunds from their per-day sums, accounting from the
// bills per day (refund bills are booked negative).
void day_totals(const ResultSet& orders, const ResultSet& trade_days, const ResultSet& bill_days,
                std::map<std::string, DayTotals>& days) {
  for (const Row row : orders) {
    DayTotals& t = days[row.text("day")];
    t.orders = row.integer("orders");
    t.orders_cents = row.cents("orders_cents").value;
    t.delivery_cents = row.cents("delivery_cents").value;
  }
  for (const Row row : trade_days) {
    DayTotals& t = days[row.text("day")];
    (row.integer("trade_type") == 2 ? t.refunds_cents : t.payments_cents) += row.cents("total_cents").value;
  }
  for (const Row row : bill_days) {
    DayTotals& t = days[row.text("day")];
    const int64_t type = row.integer("bill_type"), amount = row.cents("total_cents").value;
    if (type == 1) t.accounting_cents += amount;
    if (type == 2) t.accounting_refunds_cents -= amount;
  }
}

// Orders paid in the window against the successful payment trades of their
// tenant and currency (kOrderPaid); only the orders that break come back,
// with the sum paid (NULL: no payment).
Query unmatched_orders_query(Warehouse& wh, const Scope& s) {
  const Dialect& d = wh.dialect();
  Query orders = derived_from(wh, kOrderPaid);
  Query q{"SELECT o.id AS id, o.order_no AS order_no, " + d.ny_date("o.pay_time") + R"( AS day,
        o.shop_id AS shop_id, o.pay_money AS pay_money, o.paid AS paid
      FROM )" + orders.sql + R"( o
      WHERE o.tenant = ? AND o.currency_code = ? AND )" + rules::paid_order("o") + " AND " +
              s.range(wh, "o.pay_time") + R"(
        AND COALESCE(abs(o.paid - o.pay_money) > ?, 1) = 1
      ORDER BY o.id)",
          std::move(orders.params)};
  for (SqlValue v : {SqlValue{s.tenant}, SqlValue{s.currency}, SqlValue{s.utc_from}, SqlValue{s.utc_to},
                     SqlValue{s.tolerance}}) {
    q.params.push_back(std::move(v));
  }
  return q;
}

// `paid`: the breaks whose trade ids are looked up afterwards (fill_ids).
void match_orders(const ResultSet& r, std::vector<Discrepancy>& out, std::vector<size_t>& paid) {
  for (const Row row : r) {
    Discrepancy x;
    x.kind = row.is_null("paid") ? "order_without_trade" : "amount_mismatch";
    x.order_id = row.integer("id");
    x.order_no = row.text("order_no");
    x.day = row.text("day");
    x.shop_id = row.integer("shop_id");
    x.expected_cents = row.cents("pay_money").value;
    x.actual_missing = row.is_null("paid");
    x.actual_cents = x.actual_missing ? 0 : row.cents("paid").value;
    if (!row.is_null("paid")) paid.push_back(out.size());  // the ids of the trades that do not add up
    out.push_back(x);
  }
}

// Successful payment trades without an order of their tenant and currency
// (kTradeOrders: the order of their number, if any).
Query orphan_trades_query(Warehouse& wh, const Scope& s) {
  Query trades = derived_from(wh, kTradeOrders);
  Query q{"SELECT t.id AS id, t.order_no AS order_no, " + wh.dialect().ny_date("t.pay_time") + R"( AS day,
        t.shop_id AS shop_id, t.amount AS amount, t.order_id AS order_id
      FROM )" + trades.sql + R"( t
      WHERE t.tenant = ? AND t.currency_code = ? AND )" + rules::successful_payment("t") + R"(
        AND )" + s.range(wh, "t.pay_time") + R"(
        AND (t.order_id IS NULL OR t.order_tenant <> t.tenant OR t.order_currency_code <> t.currency_code)
      ORDER BY t.id)",
          std::move(trades.params)};
  for (const SqlValue& v : s.pay_window()) q.params.push_back(v);
  return q;
}

void match_trades(const ResultSet& r, std::vector<Discrepancy>& out) {
  for (const Row row : r) {
    Discrepancy x;
    x.kind = row.is_null("order_id") ? "trade_without_order" : "currency_leak";
    x.trade_ids = std::to_string(row.integer("id"));
    x.order_no = row.text("order_no");
    x.day = row.text("day");
    x.shop_id = row.integer("shop_id");
    x.actual_cents = row.cents("amount").value;
    x.order_id = row.is_null("order_id") ? 0 : row.integer("order_id");
    out.push_back(x);
  }
}

// Fee rows of the window (by fee_date) whose payment is gone: no successful
// payment trade of their trade_no, tenant and currency (kFeePayment).
Query orphan_fees_query(Warehouse& wh, const Scope& s) {
  Query fees = derived_from(wh, kFeePayment);
  Query q{"SELECT f.id AS id, f.trade_no AS trade_no, " + wh.dialect().date_text("f.fee_date") +
              R"( AS day, f.channel_id AS channel_id, f.total_fee AS total_fee
      FROM )" + fees.sql + R"( f
      WHERE f.tenant = ? AND f.currency_code = ? AND )" + s.range(wh, "f.fee_date") + R"(
        AND f.payment_id IS NULL
      ORDER BY f.id)",
          std::move(fees.params)};
  for (const SqlValue& v : s.bill_window()) q.params.push_back(v);
  return q;
}

void match_fees(const ResultSet& r, std::vector<Discrepancy>& out) {
  for (const Row row : r) {
    Discrepancy x;
    x.kind = "fee_without_payment";
    x.day = row.text("day");
    x.channel_id = row.integer("channel_id");
    x.order_no = "";
    x.fee_ids = std::to_string(row.integer("id"));
    x.trade_no = row.text("trade_no");
    x.expected_cents = 0;  // no payment, no fee
    x.actual_cents = row.cents("total_fee").value;
    out.push_back(x);
  }
}

// Appends an id to a comma-separated list.
void append_id(std::string& list, int64_t id) { list += (list.empty() ? "" : ",") + std::to_string(id); }

// The ids behind the listed breaks, looked up in one batch once the breaks
// are known (a query per break was a round trip, and on ClickHouse a scan,
// each): queries of up to kPerQuery orders or groups, the rows by id.
constexpr size_t kPerQuery = 200;

// The successful payments of orders that do not add up.
std::vector<Query> order_trades_queries(const Scope& s, const std::set<std::string>& order_nos) {
  std::vector<Query> queries;
  for (auto it = order_nos.begin(); it != order_nos.end();) {
    Query q{R"(SELECT order_no, id FROM sales_payment__t_trade
        WHERE tenant = ? AND currency_code = ? AND )" + rules::successful_payment() + " AND order_no IN (",
            {s.tenant, s.currency}};
    for (size_t n = 0; it != order_nos.end() && n < kPerQuery; ++it, ++n) {
      q.sql += n == 0 ? "?" : ", ?";
      q.params.push_back(*it);
    }
    q.sql += ") ORDER BY id";
    queries.push_back(std::move(q));
  }
  return queries;
}

// The bills of the groups with a duplicate, with their sales source.
std::vector<Query> duplicate_bills_queries(const Warehouse& wh, const Scope& s, const std::vector<Duplicate>& groups) {
  std::vector<Query> queries;
  for (size_t at = 0; at < groups.size(); at += kPerQuery) {
    const size_t n = std::min(kPerQuery, groups.size() - at);
    Query q{"SELECT shop_id, " + wh.dialect().date_text("biz_date") +
                " AS day, biz_hour AS hour, channel_id, bill_type AS type, id, sales_source"
                " FROM ifiaccounting__t_acc_income_bill WHERE " +
                scope_live_bills() + " AND " +
                wh.dialect().row_in("shop_id, biz_date, biz_hour, channel_id, bill_type", 5, n) + " ORDER BY id",
            {s.tenant, s.currency}};
    for (size_t i = at; i < at + n; ++i) {
      const GroupKey& k = groups[i].key;
      for (SqlValue v : {SqlValue{k.shop}, SqlValue{k.day}, SqlValue{k.hour}, SqlValue{k.channel}, SqlValue{k.type}}) {
        q.params.push_back(std::move(v));
      }
    }
    queries.push_back(std::move(q));
  }
  return queries;
}

// Fills in the ids, ascending, that the breaks' own queries do not give: the
// trades of the orders at `paid` that do not add up, and for a group with a
// duplicate, the bills of a sales source seen before in the group.
void fill_ids(Warehouse& wh, const Scope& s, const std::vector<size_t>& paid, const std::vector<Duplicate>& duplicates,
              std::vector<Discrepancy>& out) {
  std::set<std::string> order_nos;
  for (const size_t index : paid) order_nos.insert(out[index].order_no);
  std::vector<std::vector<ResultSet>> results =
      query_all_grouped(wh, {order_trades_queries(s, order_nos), duplicate_bills_queries(wh, s, duplicates)});
  std::map<std::string, std::string> by_order;  // order_no -> ids
  for (const ResultSet& r : results[0]) {
    for (const Row row : r) append_id(by_order[row.text("order_no")], row.integer("id"));
  }
  for (const size_t index : paid) out[index].trade_ids = by_order[out[index].order_no];

  std::map<GroupKey, size_t> groups;  // -> index in `out`
  for (const Duplicate& d : duplicates) {
    groups.emplace(d.key, d.index);
    out[d.index].bill_ids.clear();
  }
  std::map<size_t, std::set<int64_t>> sources;  // seen in the group
  for (const ResultSet& r : results[1]) {
    for (const Row row : r) {
      auto it = groups.find(key_of(row));
      if (it != groups.end() && !sources[it->second].insert(row.integer("sales_source")).second) {
        append_id(out[it->second].bill_ids, row.integer("id"));
      }
    }
  }
}

// A day whose totals differ by more than the tolerance.
bool totals_differ(const DayTotals& t, int64_t tolerance) {
  return std::llabs(t.orders_cents - t.payments_cents) > tolerance ||
         std::llabs(t.payments_cents - t.accounting_cents) > tolerance ||
         std::llabs(t.refunds_cents - t.accounting_refunds_cents) > tolerance;
}

// The differences within the tolerance on one day (whose orders and groups
// broke nothing): the paid orders whose payments differ from pay_money, and
// the trade groups whose bills differ from their trades, by any amount.
std::vector<Query> small_differences_queries(Warehouse& wh, const Scope& s) {
  const Dialect& d = wh.dialect();
  Query orders = derived_from(wh, kOrderPaid);
  Query q{"SELECT o.id AS id, o.order_no AS order_no, " + d.ny_date("o.pay_time") + R"( AS day,
        o.shop_id AS shop_id, o.pay_money AS pay_money, o.paid AS paid
      FROM )" + orders.sql + R"( o
      WHERE o.tenant = ? AND o.currency_code = ? AND )" + rules::paid_order("o") + " AND " +
              s.range(wh, "o.pay_time") + R"(
        AND o.paid IS NOT NULL AND o.paid <> o.pay_money
      ORDER BY o.id)",
          std::move(orders.params)};
  for (const SqlValue& v : s.pay_window()) q.params.push_back(v);
  Query g = derived_from(wh, kIncomeGroups, group_window(wh, s));
  g.sql = "SELECT shop_id, day, hour, channel_id, type, trade_cents, bill_cents, trade_ids, bill_ids FROM " + g.sql +
          R"( g
      WHERE g.tenant = ? AND g.currency_code = ? AND g.day >= ? AND g.day < ?
        AND g.bills > 0 AND g.trades > 0 AND g.bill_cents <> g.trade_cents
      ORDER BY g.shop_id, g.day, g.hour, g.channel_id, g.type)";
  for (const SqlValue& v : s.bill_window()) g.params.push_back(v);
  return {std::move(q), std::move(g)};
}

void add_small_differences(const ResultSet& orders, const ResultSet& groups, std::vector<Discrepancy>& out) {
  for (const Row row : orders) {
    Discrepancy x;
    x.kind = "small_differences";
    x.order_id = row.integer("id");
    x.order_no = row.text("order_no");
    x.day = row.text("day");
    x.shop_id = row.integer("shop_id");
    x.expected_cents = row.cents("pay_money").value;
    x.actual_cents = row.cents("paid").value;
    out.push_back(x);
  }
  for (const Row row : groups) {
    Discrepancy x;
    x.kind = "small_differences";
    const GroupKey key = key_of(row);
    x.shop_id = key.shop;
    x.day = key.day;
    x.hour = key.hour;
    x.channel_id = key.channel;
    x.expected_cents = row.cents("trade_cents").value;
    x.actual_cents = row.cents("bill_cents").value;
    x.trade_ids = sorted_ids(row.text("trade_ids"));
    x.bill_ids = sorted_ids(row.text("bill_ids"));
    out.push_back(x);
  }
}

}  // namespace

Scope scope_of(const Window& w, const std::string& currency, int64_t tolerance_cents) {
  return {w, tenant_for_currency(currency), currency, w.utc_from(), w.utc_to(), w.from.str(), w.to.str(),
          tolerance_cents};
}

// With the day's delivery sales (t_order.channel 3), which owe the platforms
// their commission (kOrderDays; read inline, only the window's orders).
Query orders_per_day_query(Warehouse& wh, const Scope& s) {
  Query q = derived_from(
      wh, kOrderDays,
      {{"sales_order__t_order", {"tenant = ? AND currency_code = ? AND " + s.range(wh, "pay_time"), s.pay_window()}}});
  q.sql = "SELECT o.day AS day, o.orders AS orders, o.orders_cents AS orders_cents, o.delivery_cents AS delivery_cents"
          " FROM " + q.sql + R"( o
      WHERE o.tenant = ? AND o.currency_code = ? AND o.day >= ? AND o.day < ?)";
  for (const SqlValue& v : s.bill_window()) q.params.push_back(v);
  return q;
}

// The fees of the payments that exist per fee_date and channel (kFeeDays):
// a fee row whose payment is gone is fee_without_payment, not counted, so
// that a day's fees are payment-fees' fees of its payments. Read inline,
// only the window's fees.
Query fee_channels_query(Warehouse& wh, const Scope& s) {
  Query q = derived_from(wh, kFeeDays,
                         {{"sales_payment__t_channel_fee",
                           {"tenant = ? AND currency_code = ? AND " + s.range(wh, "fee_date"), s.bill_window()}}});
  q.sql = "SELECT " + wh.dialect().date_text("f.fee_date") + R"( AS day, f.channel_id AS channel_id,
        f.fee_rows AS fee_rows, f.fee_cents AS fee_cents
      FROM )" + q.sql + R"( f
      WHERE f.tenant = ? AND f.currency_code = ? AND )" + s.range(wh, "f.fee_date") + R"(
      ORDER BY f.fee_date, f.channel_id)";
  for (const SqlValue& v : s.bill_window()) q.params.push_back(v);
  return q;
}

void fee_channels(const ResultSet& r, std::map<std::string, DayTotals>& days, std::vector<FeeChannelDay>& out) {
  for (const Row row : r) {
    FeeChannelDay f{row.text("day"), row.integer("channel_id"), row.integer("fee_rows"),
                    row.cents("fee_cents").value};
    days[f.day].fees_cents += f.fee_cents;
    out.push_back(std::move(f));
  }
}

Reconciliation reconcile(Warehouse& wh, const Window& w, const std::string& currency, int64_t tolerance_cents,
                         const std::vector<Query>& also, std::vector<ResultSet>* also_results,
                         int64_t commission_rate_e6) {
  const Scope s{w, tenant_for_currency(currency), currency, w.utc_from(), w.utc_to(), w.from.str(), w.to.str(),
                tolerance_cents};
  const auto started = std::chrono::steady_clock::now();
  auto seconds = [&started] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(); };
  // One batch, the longest queries first (the connections take them in
  // order): the group breaks, the unmatched orders, the payments per month
  // and channel with their fees (domain/payment_fees.h, the scan payment-fees
  // reports), the orphan trades, the day totals' three, the fees per day and
  // channel, the cost bills (USD production only), the report's others.
  const bool costs = currency == "USD";
  std::vector<Query> queries = {group_breaks_query(wh, s), unmatched_orders_query(wh, s),
                                fees::channel_months_query(wh, w, currency), orphan_trades_query(wh, s),
                                trade_days_query(wh, s), orders_per_day_query(wh, s), bill_days_query(wh, s),
                                orphan_fees_query(wh, s), fee_channels_query(wh, s)};
  if (costs) {
    queries.push_back(cost_bills_query(wh, s));
    queries.push_back(stray_cost_bills_query(wh, s));
  }
  std::vector<std::vector<ResultSet>> results = query_all_grouped(wh, {queries, also});
  const std::vector<ResultSet>& own = results[0];
  const double batch = seconds();
  Reconciliation result;
  result.months = fees::channel_months(own[2]);
  std::map<std::string, DayTotals> days;
  day_totals(own[5], own[4], own[6], days);
  std::vector<size_t> paid;
  std::vector<Duplicate> duplicates;
  match_orders(own[1], result.discrepancies, paid);
  match_trades(own[3], result.discrepancies);
  match_groups(own[0], result.discrepancies, duplicates);
  match_fees(own[7], result.discrepancies);
  fee_channels(own[8], days, result.fee_channels);
  // The cost side's breaks, listed after the revenue side's: they do not
  // explain a difference between orders, payments and accounting.
  std::vector<Discrepancy> cost_breaks;
  if (costs) {
    CostDays by_type;
    cost_bills(own[9], days, by_type);
    match_costs(days, by_type, commission_rate_e6, tolerance_cents, cost_breaks);
    match_stray_cost_bills(own[10], s, cost_breaks);
  }
  fill_ids(wh, s, paid, duplicates, result.discrepancies);
  log::debug("reconciliation: batch ", batch, " s, ids ", seconds() - batch, " s");
  for (const Discrepancy& x : result.discrepancies) days[x.day].breaks += 1;
  // A day that does not match with nothing broken: its small differences add
  // up past the tolerance. List them, so that the day says why.
  std::vector<Query> small;
  for (const auto& [day, t] : days) {
    if (t.breaks != 0 || !totals_differ(t, tolerance_cents)) continue;
    const Date date = Date::parse(day);
    const Window one{date, date + 1};
    const Scope ds{one, s.tenant, s.currency, one.utc_from(), one.utc_to(), one.from.str(), one.to.str(),
                   tolerance_cents};
    for (Query& q : small_differences_queries(wh, ds)) small.push_back(std::move(q));
  }
  if (!small.empty()) {
    const std::vector<std::vector<ResultSet>> found = query_all_grouped(wh, {small});
    const size_t before = result.discrepancies.size();
    for (size_t i = 0; i + 1 < found[0].size(); i += 2) {
      add_small_differences(found[0][i], found[0][i + 1], result.discrepancies);
    }
    for (size_t i = before; i < result.discrepancies.size(); ++i) days[result.discrepancies[i].day].breaks += 1;
  }
  for (Discrepancy& x : cost_breaks) {
    days[x.day].breaks += 1;
    result.discrepancies.push_back(std::move(x));
  }
  for (auto& [day, t] : days) {
    t.day = day;
    result.days.push_back(t);
  }
  if (also_results != nullptr) *also_results = std::move(results[1]);
  return result;
}

}  // namespace luckyhub::reconciliation
