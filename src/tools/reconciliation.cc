#include "tools/reconciliation.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/log.h"
#include "tools/tenants.h"
#include "warehouse/wide_tables.h"

namespace luckyhub::reconciliation {
namespace {


struct Scope {
  Window window;
  std::string tenant, currency, utc_from, utc_to, day_from, day_to;
  int64_t tolerance = 1;
  std::string range(const Warehouse& wh, std::string_view column) const { return window.range(wh.dialect(), column); }
  std::vector<SqlValue> pay_window() const { return {tenant, currency, utc_from, utc_to}; }
};

// Successful trades summed per shop, New York day and hour, channel and trade
// type: the groups income bills summarise. They serve the day totals and the
// bill matching; SQL groups by the UTC hour (a cheap key) and New York's day
// and hour are derived here, once per distinct hour. (The monthly processing
// rate is payment-fees' own query, in the same batch: only it needs the
// trades joined to their fees.)
struct GroupKey {
  int64_t shop = 0;
  Date day;  // New York's
  int64_t hour = 0, channel = 0, type = 0;
  auto operator<=>(const GroupKey&) const = default;
};
struct GroupKeyHash {
  size_t operator()(const GroupKey& k) const {
    uint64_t h = static_cast<uint64_t>(k.shop) * 0x9E3779B97F4A7C15ull;
    for (const int64_t v : {int64_t{k.day.days}, k.hour, k.channel, k.type}) {
      h = (h ^ static_cast<uint64_t>(v)) * 0x100000001B3ull + (h >> 29);
    }
    return static_cast<size_t>(h);
  }
};
struct Group {
  int64_t trades = 0, trade_cents = 0, bill_cents = 0, bills = 0;
  int64_t booked_cents = 0;  // the first bill of each sales source
  // Its trade ids in TradeHours::ids: a list per UTC hour, two where New
  // York repeats an hour (the night daylight saving ends); begin -1 for none.
  struct Span {
    int64_t begin = -1, size = 0;
  } id_lists[2];
  // Its bills in `Bills`, in the order they came (by id), chained through
  // Bill::next; -1 for none. A bill of a sales source seen before in the
  // group is a duplicate.
  int64_t first_bill = -1, last_bill = -1;
  bool duplicates = false;
};
// 100 000 groups at scale 1: hashed while they fill, sorted once to list the breaks.
using Groups = std::unordered_map<GroupKey, Group, GroupKeyHash>;

// A text value's characters without a copy, or `scratch` holding its text.
std::string_view text_view(const SqlValue& v, std::string& scratch) {
  if (const auto* text = std::get_if<std::string>(&v)) return *text;
  scratch = as_text(v);
  return scratch;
}

Query trade_hours_query(const Warehouse& wh, const Scope& s) {
  return {"SELECT shop_id, " + wh.dialect().utc_hour("pay_time") + R"( AS utc_hour, channel_id, trade_type,
        COUNT(*), SUM(amount), )" + wh.dialect().id_list("id") + R"(
      FROM sales_payment__t_trade
      WHERE tenant = ? AND currency_code = ? AND trade_status = 20 AND )" + s.range(wh, "pay_time") + R"(
      GROUP BY shop_id, utc_hour, channel_id, trade_type)",
          s.pay_window()};
}

// The trade hours, taken in as they come (Query::on_row): the groups, and
// every group's trade ids, kept as text until a break asks for them.
struct TradeHours {
  Groups groups;
  std::string ids;
  std::unordered_map<std::string, std::pair<Date, int64_t>> new_york;  // UTC hour -> New York day, hour
  std::string scratch;

  void add(const std::vector<SqlValue>& row) {
    const std::string utc(text_view(row[1], scratch).substr(0, 13));
    auto ny = new_york.find(utc);
    if (ny == new_york.end()) {
      const Timestamp hour = Timestamp::parse(utc + ":00:00");
      ny = new_york.emplace(utc, std::pair{new_york_date(hour), int64_t{new_york_hour(hour)}}).first;
    }
    const auto& [day, hour] = ny->second;
    Group& g = groups[{as_int(row[0]), day, hour, as_int(row[2]), as_int(row[3])}];
    g.trades += as_int(row[4]);
    g.trade_cents += as_int(row[5]);
    const std::string_view list = text_view(row[6], scratch);
    g.id_lists[g.id_lists[0].begin < 0 ? 0 : 1] = {static_cast<int64_t>(ids.size()), static_cast<int64_t>(list.size())};
    ids.append(list);
  }
};

Query orders_per_day_query(const Warehouse& wh, const Scope& s) {
  return {"SELECT " + wh.dialect().ny_date("pay_time") + R"( AS day, COUNT(*), SUM(pay_money)
      FROM sales_order__t_order
      WHERE tenant = ? AND currency_code = ? AND status IN (20, 30, 40, 60)
        AND )" + s.range(wh, "pay_time") + R"( GROUP BY day)",
          s.pay_window()};
}

Query bills_query(const Warehouse& wh, const Scope& s) {
  return {R"(SELECT shop_id, biz_date, biz_hour, channel_id, bill_type, id, amount, sales_source
      FROM ifiaccounting__t_acc_income_bill
      WHERE tenant = ? AND currency_code = ? AND status <> 30 AND )" + s.range(wh, "biz_date") + R"(
      ORDER BY id)",
          {s.tenant, s.currency, s.day_from, s.day_to}};
}

// The income bills, taken in as they come (Query::on_row).
struct Bill {
  GroupKey key;  // its type is the bill's: 1 payment, 2 refund
  int64_t id = 0, amount = 0, source = 0;  // amount: refunds are booked negative
  int64_t next = -1;                      // the group's next bill
  bool duplicate = false;                 // of a source seen before in the group
};
struct Bills {
  std::vector<Bill> bills;
  std::string scratch;

  void add(const std::vector<SqlValue>& row) {
    bills.push_back({{as_int(row[0]), Date::parse(text_view(row[1], scratch)), as_int(row[2]), as_int(row[3]),
                      as_int(row[4])},
                     as_int(row[5]), as_int(row[6]), as_int(row[7])});
  }
};

// Orders from their per-day sums, payments and refunds from the trade
// groups, accounting from the bills (refund bills are booked negative).
void day_totals(const ResultSet& orders, const Groups& groups, const Bills& bills,
                std::map<std::string, DayTotals>& days) {
  for (size_t i = 0; i < orders.size(); ++i) {
    DayTotals& t = days[orders.text_at(i, 0)];
    t.orders = orders.int_at(i, 1);
    t.orders_cents = orders.int_at(i, 2);
  }
  struct Sums {
    int64_t payments = 0, refunds = 0, accounting = 0, accounting_refunds = 0;
  };
  std::map<Date, Sums> by_day;
  for (const auto& [key, g] : groups) {
    if (g.trades == 0) continue;
    Sums& d = by_day[key.day];
    (key.type == 2 ? d.refunds : d.payments) += g.trade_cents;
  }
  for (const Bill& b : bills.bills) {
    Sums& d = by_day[b.key.day];
    if (b.key.type == 1) d.accounting += b.amount;
    if (b.key.type == 2) d.accounting_refunds -= b.amount;
  }
  for (const auto& [day, d] : by_day) {
    DayTotals& t = days[day.str()];
    t.payments_cents += d.payments;
    t.refunds_cents += d.refunds;
    t.accounting_cents += d.accounting;
    t.accounting_refunds_cents += d.accounting_refunds;
  }
}

// Orders paid in the window against the successful payment trades of their
// tenant and currency (kOrderPaid); only the orders that break come back,
// with the sum paid (NULL: no payment).
Query unmatched_orders_query(const Warehouse& wh, const Scope& s) {
  const Dialect& d = wh.dialect();
  return {"SELECT o.id, o.order_no, " + d.ny_date("o.pay_time") + R"(, o.shop_id, o.pay_money, o.paid
      FROM )" + wide_from(d, kOrderPaid) + R"( o
      WHERE o.tenant = ? AND o.currency_code = ? AND o.status IN (20, 30, 40, 60) AND )" +
              s.range(wh, "o.pay_time") + R"(
        AND COALESCE(abs(o.paid - o.pay_money) > ?, 1) = 1
      ORDER BY o.id)",
          {s.tenant, s.currency, s.utc_from, s.utc_to, s.tolerance}};
}

// `needs_ids`: the breaks whose trade ids are looked up afterwards (fill_trade_ids).
void match_orders(const ResultSet& r, std::vector<Discrepancy>& out, std::vector<size_t>& needs_ids) {
  for (size_t i = 0; i < r.size(); ++i) {
    Discrepancy x;
    x.kind = r.is_null(i, 5) ? "order_without_trade" : "amount_mismatch";
    x.order_id = r.int_at(i, 0);
    x.order_no = r.text_at(i, 1);
    x.day = r.text_at(i, 2);
    x.shop_id = r.int_at(i, 3);
    x.expected_cents = r.int_at(i, 4);
    x.actual_cents = r.int_at(i, 5);
    if (!r.is_null(i, 5)) needs_ids.push_back(out.size());  // the ids of the trades that do not add up
    out.push_back(x);
  }
}

// Successful payment trades without an order of their tenant and currency
// (kTradeOrders: the order of their number, if any).
Query orphan_trades_query(const Warehouse& wh, const Scope& s) {
  return {"SELECT t.id, t.order_no, " + wh.dialect().ny_date("t.pay_time") + R"(,
        t.shop_id, t.amount, t.order_id
      FROM )" + wide_from(wh.dialect(), kTradeOrders) + R"( t
      WHERE t.tenant = ? AND t.currency_code = ? AND t.trade_type = 1 AND t.trade_status = 20
        AND )" + s.range(wh, "t.pay_time") + R"(
        AND (t.order_id IS NULL OR t.order_tenant <> t.tenant OR t.order_currency_code <> t.currency_code)
      ORDER BY t.id)",
          s.pay_window()};
}

void match_trades(const ResultSet& r, std::vector<Discrepancy>& out) {
  for (size_t i = 0; i < r.size(); ++i) {
    Discrepancy x;
    x.kind = r.is_null(i, 5) ? "trade_without_order" : "currency_leak";
    x.trade_ids = std::to_string(r.int_at(i, 0));
    x.order_no = r.text_at(i, 1);
    x.day = r.text_at(i, 2);
    x.shop_id = r.int_at(i, 3);
    x.actual_cents = r.int_at(i, 4);
    x.order_id = r.is_null(i, 5) ? 0 : r.int_at(i, 5);
    out.push_back(x);
  }
}

// Appends an id to a comma-separated list.
void append_id(std::string& list, int64_t id) { list += (list.empty() ? "" : ",") + std::to_string(id); }

// Income bills against the trade groups they summarise (`groups` takes in the
// bills: a group per bill's key). `needs_ids`: the breaks with trades, whose
// ids are looked up afterwards (fill_trade_ids).
void match_bills(const Scope& s, Groups& groups, Bills& in, std::vector<Discrepancy>& out,
                 std::vector<std::pair<size_t, GroupKey>>& needs_ids) {
  std::vector<Bill>& bills = in.bills;
  for (size_t i = 0; i < bills.size(); ++i) {
    Bill& bill = bills[i];
    Group& g = groups[bill.key];
    const int64_t cents = std::llabs(bill.amount);
    for (int64_t b = g.first_bill; b >= 0 && !bill.duplicate; b = bills[static_cast<size_t>(b)].next) {
      bill.duplicate = bills[static_cast<size_t>(b)].source == bill.source;
    }
    if (bill.duplicate) {
      g.duplicates = true;
    } else {
      g.booked_cents += cents;
    }
    (g.last_bill < 0 ? g.first_bill : bills[static_cast<size_t>(g.last_bill)].next) = static_cast<int64_t>(i);
    g.last_bill = static_cast<int64_t>(i);
    g.bills += 1;
    g.bill_cents += cents;
  }
  // The ids of a group's bills, all or only the duplicates.
  auto bill_ids = [&](const Group& g, bool duplicates_only) {
    std::string ids;
    for (int64_t b = g.first_bill; b >= 0; b = bills[static_cast<size_t>(b)].next) {
      const Bill& bill = bills[static_cast<size_t>(b)];
      if (!duplicates_only || bill.duplicate) append_id(ids, bill.id);
    }
    return ids;
  };
  // The breaks, in the order of their keys (most groups are not one).
  std::vector<const Groups::value_type*> breaks;
  for (const auto& entry : groups) {
    const Group& g = entry.second;
    if (g.bills == 0 || g.trades == 0 || g.duplicates || std::llabs(g.booked_cents - g.trade_cents) > s.tolerance) {
      breaks.push_back(&entry);
    }
  }
  std::sort(breaks.begin(), breaks.end(), [](const auto* a, const auto* b) { return a->first < b->first; });
  for (const auto* entry : breaks) {
    const auto& [key, g] = *entry;
    Discrepancy x;
    x.shop_id = key.shop;
    x.day = key.day.str();
    x.hour = key.hour;
    x.channel_id = key.channel;
    x.bill_ids = bill_ids(g, false);
    x.expected_cents = g.trade_cents;
    if (g.bills == 0) {
      x.kind = "missing_income_bill";
    } else if (g.trades == 0) {
      x.kind = "income_bill_without_trades";
      x.actual_cents = g.bill_cents;
    } else if (g.duplicates) {
      x.kind = "duplicate_income_bill";
      x.bill_ids = bill_ids(g, true);
      x.actual_cents = g.bill_cents;
    } else {
      x.kind = "income_bill_mismatch";
      x.actual_cents = g.booked_cents;
    }
    if (g.trades > 0) needs_ids.emplace_back(out.size(), key);
    out.push_back(x);
  }
}

// The ids of the trades behind the listed breaks: a bill group's come with
// the trade hours (Dialect::id_list, per UTC hour), an order's are looked up
// in one batch of queries (a query per break was a round trip, and on
// ClickHouse a scan, each): here, the successful payments of the orders, a
// query per 500 order numbers.
std::vector<Query> order_trades_queries(const Scope& s, const std::set<std::string>& order_nos) {
  constexpr size_t kOrdersPerQuery = 500;
  std::vector<Query> queries;
  for (auto it = order_nos.begin(); it != order_nos.end();) {
    Query q{R"(SELECT order_no, id FROM sales_payment__t_trade
        WHERE tenant = ? AND currency_code = ? AND trade_type = 1 AND trade_status = 20 AND order_no IN ()",
            {s.tenant, s.currency}};
    for (size_t n = 0; it != order_nos.end() && n < kOrdersPerQuery; ++it, ++n) {
      q.sql += n == 0 ? "?" : ", ?";
      q.params.push_back(*it);
    }
    q.sql += ") ORDER BY id";
    queries.push_back(std::move(q));
  }
  return queries;
}

// A group's trade ids, ascending, from its lists in the trade hours.
std::string group_trade_ids(const Group& g, const TradeHours& hours) {
  std::vector<int64_t> ids;
  for (const Group::Span& span : g.id_lists) {
    if (span.begin < 0) continue;
    const std::string_view list =
        std::string_view(hours.ids).substr(static_cast<size_t>(span.begin), static_cast<size_t>(span.size));
    for (size_t at = 0; at < list.size();) {
      const size_t comma = std::min(list.find(',', at), list.size());
      ids.push_back(std::stoll(std::string(list.substr(at, comma - at))));
      at = comma + 1;
    }
  }
  std::sort(ids.begin(), ids.end());
  std::string out;
  for (const int64_t id : ids) append_id(out, id);
  return out;
}

// Fills in the trade ids (ascending) of the breaks at `orders` and `groups` of `out`.
void fill_trade_ids(Warehouse& wh, const Scope& s, const std::vector<size_t>& orders,
                    const std::vector<std::pair<size_t, GroupKey>>& groups, const TradeHours& hours,
                    std::vector<Discrepancy>& out) {
  for (const auto& [index, key] : groups) out[index].trade_ids = group_trade_ids(hours.groups.at(key), hours);
  std::set<std::string> order_nos;
  for (const size_t index : orders) order_nos.insert(out[index].order_no);
  if (order_nos.empty()) return;
  std::map<std::string, std::string> by_order;  // order_no -> ids
  for (const ResultSet& r : wh.query_all(order_trades_queries(s, order_nos))) {
    for (size_t i = 0; i < r.size(); ++i) append_id(by_order[r.text_at(i, 0)], r.int_at(i, 1));
  }
  for (const size_t index : orders) out[index].trade_ids = by_order[out[index].order_no];
}

}  // namespace

Reconciliation reconcile(Warehouse& wh, const Window& w, const std::string& currency, int64_t tolerance_cents,
                         const std::vector<Query>& also, std::vector<ResultSet>* also_results) {
  const Scope s{w, tenant_for_currency(currency), currency, w.utc_from(), w.utc_to(), w.from.str(), w.to.str(),
                tolerance_cents};
  const auto started = std::chrono::steady_clock::now();
  auto seconds = [&started] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(); };
  // One batch, the longest queries first (the connections take them in
  // order): the trade hours and the bills (100 000 rows each at scale 1),
  // the unmatched orders, the payments per month and channel with their fees
  // (payment-fees' query), the orphan trades, the orders per day, the
  // report's other queries.
  TradeHours hours;
  Bills bills;
  Query hours_query = trade_hours_query(wh, s);
  hours_query.on_row = [&hours](const std::vector<SqlValue>& row) { hours.add(row); };
  Query bills_query_ = bills_query(wh, s);
  bills_query_.on_row = [&bills](const std::vector<SqlValue>& row) { bills.add(row); };
  std::vector<std::vector<ResultSet>> results =
      query_all_grouped(wh, {{std::move(hours_query), std::move(bills_query_), unmatched_orders_query(wh, s),
                              payment_fees::channel_months_query(wh.dialect(), w, currency),
                              orphan_trades_query(wh, s), orders_per_day_query(wh, s)},
                             also});
  const std::vector<ResultSet>& own = results[0];
  const ResultSet& unmatched_orders = own[2];
  const ResultSet& orphan_trades = own[4];
  const ResultSet& orders_per_day = own[5];
  const double batch = seconds();
  Reconciliation result;
  result.months = payment_fees::channel_months(own[3]);
  std::map<std::string, DayTotals> days;
  day_totals(orders_per_day, hours.groups, bills, days);
  std::vector<size_t> orders_to_list;
  std::vector<std::pair<size_t, GroupKey>> groups_to_list;
  match_orders(unmatched_orders, result.discrepancies, orders_to_list);
  match_trades(orphan_trades, result.discrepancies);
  match_bills(s, hours.groups, bills, result.discrepancies, groups_to_list);
  const double matched = seconds();
  fill_trade_ids(wh, s, orders_to_list, groups_to_list, hours, result.discrepancies);
  log::debug("reconciliation: batch ", batch, " s, matching ", matched - batch, " s, trade ids ", seconds() - matched,
             " s");
  for (const Discrepancy& x : result.discrepancies) days[x.day].breaks += 1;
  for (auto& [day, t] : days) {
    t.day = day;
    result.days.push_back(t);
  }
  if (also_results != nullptr) *also_results = std::move(results[1]);
  return result;
}

}  // namespace luckyhub::reconciliation
