#include "tools/reconciliation.h"

#include <cstdlib>
#include <map>
#include <set>
#include <tuple>

#include "tools/tenants.h"

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
using GroupKey = std::tuple<int64_t, std::string, int64_t, int64_t, int64_t>;  // shop, day, hour, channel, type
struct Group {
  int64_t trades = 0, trade_cents = 0, bill_cents = 0, bills = 0;
  std::string bill_ids, extra_bill_ids;
  int64_t booked_cents = 0;  // the first bill of each sales source
  std::set<int64_t> sources;
};
using Groups = std::map<GroupKey, Group>;

Query trade_hours_query(const Warehouse& wh, const Scope& s) {
  return {"SELECT shop_id, " + wh.dialect().utc_hour("pay_time") + R"( AS utc_hour, channel_id, trade_type,
        COUNT(*), SUM(amount)
      FROM sales_payment__t_trade
      WHERE tenant = ? AND currency_code = ? AND trade_status = 20 AND )" + s.range(wh, "pay_time") + R"(
      GROUP BY shop_id, utc_hour, channel_id, trade_type)",
          s.pay_window()};
}

Groups trade_groups(const ResultSet& r) {
  Groups groups;
  std::map<std::string, std::pair<std::string, int64_t>> new_york;  // UTC hour -> New York day, hour
  for (size_t i = 0; i < r.size(); ++i) {
    const auto* text = std::get_if<std::string>(&r.rows[i][1]);
    const std::string utc = text != nullptr ? text->substr(0, 13) : r.text_at(i, 1).substr(0, 13);
    auto ny = new_york.find(utc);
    if (ny == new_york.end()) {
      const Timestamp hour = Timestamp::parse(utc + ":00:00");
      ny = new_york.emplace(utc, std::pair{new_york_date(hour).str(), int64_t{new_york_hour(hour)}}).first;
    }
    const auto& [day, hour] = ny->second;
    Group& g = groups[{r.int_at(i, 0), day, hour, r.int_at(i, 2), r.int_at(i, 3)}];
    g.trades += r.int_at(i, 4);
    g.trade_cents += r.int_at(i, 5);
  }
  return groups;
}

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

// Orders from their per-day sums, payments and refunds from the trade
// groups, accounting from the bills (refund bills are booked negative).
void day_totals(const ResultSet& orders, const Groups& groups, const ResultSet& bills,
                std::map<std::string, DayTotals>& days) {
  for (size_t i = 0; i < orders.size(); ++i) {
    DayTotals& t = days[orders.text_at(i, 0)];
    t.orders = orders.int_at(i, 1);
    t.orders_cents = orders.int_at(i, 2);
  }
  for (const auto& [key, g] : groups) {
    if (g.trades == 0) continue;
    DayTotals& t = days[std::get<1>(key)];
    (std::get<4>(key) == 2 ? t.refunds_cents : t.payments_cents) += g.trade_cents;
  }
  for (size_t i = 0; i < bills.size(); ++i) {
    DayTotals& t = days[bills.text_at(i, 1)];
    const int64_t type = bills.int_at(i, 4);
    if (type == 1) t.accounting_cents += bills.int_at(i, 6);
    if (type == 2) t.accounting_refunds_cents -= bills.int_at(i, 6);
  }
}

// Orders paid in the window against the successful payment trades of their
// tenant and currency; only the orders that break come back, with the sum
// paid (NULL: no payment).
Query unmatched_orders_query(const Warehouse& wh, const Scope& s) {
  const Dialect& d = wh.dialect();
  const std::string select = "SELECT o.id, o.order_no, " + d.ny_date("o.pay_time") + ", o.shop_id, o.pay_money, ";
  const std::string where = " WHERE o.tenant = ? AND o.currency_code = ? AND o.status IN (20, 30, 40, 60) AND " +
                            s.range(wh, "o.pay_time");
  if (d.joins_in_memory()) {
    // The trades summed per order number first: the right side's hash table
    // is one row per order on one text key, and no grouping of the orders
    // follows (ClickHouse at scale 1: 0.25 s against 0.5 s).
    return {select + R"(t.paid
        FROM )" + d.join_left("sales_order__t_order") + R"( o
        LEFT JOIN (SELECT order_no, SUM(amount) AS paid FROM sales_payment__t_trade
                   WHERE tenant = ? AND currency_code = ? AND trade_type = 1 AND trade_status = 20
                   GROUP BY order_no) t ON t.order_no = o.order_no)" +
                where + R"( AND (t.paid IS NULL OR abs(t.paid - o.pay_money) > ?)
        ORDER BY o.id)",
            {s.tenant, s.currency, s.tenant, s.currency, s.utc_from, s.utc_to, s.tolerance}};
  }
  // Each order's trades through the order_no index, grouped per order. The
  // trade filter sits in the sum, not in ON, and the right side is the table
  // itself: SQLite keeps reading the orders in table order (a filtered or
  // summed subquery on the right made it walk or materialise the trades:
  // 0.7-0.8 s against 0.5 s at scale 1).
  return {select + R"(SUM(CASE WHEN t.trade_type = 1 AND t.trade_status = 20 THEN t.amount END) AS paid
      FROM sales_order__t_order o
      LEFT JOIN sales_payment__t_trade t
        ON t.order_no = o.order_no AND t.tenant = o.tenant AND t.currency_code = o.currency_code)" +
              where + R"(
      GROUP BY o.id, o.order_no, o.pay_time, o.shop_id, o.pay_money
      HAVING paid IS NULL OR abs(paid - o.pay_money) > ?
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

// Successful payment trades without an order of their tenant and currency.
Query orphan_trades_query(const Warehouse& wh, const Scope& s) {
  return {"SELECT t.id, t.order_no, " + wh.dialect().ny_date("t.pay_time") + R"(,
        t.shop_id, t.amount, o.id
      FROM )" + wh.dialect().join_left("sales_payment__t_trade") + R"( t
      LEFT JOIN sales_order__t_order o ON o.order_no = t.order_no
      WHERE t.tenant = ? AND t.currency_code = ? AND t.trade_type = 1 AND t.trade_status = 20
        AND )" + s.range(wh, "t.pay_time") + R"(
        AND (o.id IS NULL OR o.tenant <> t.tenant OR o.currency_code <> t.currency_code)
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

// Income bills against the trade groups they summarise (`groups` takes in the
// bills: a group per bill's key). `needs_ids`: the breaks with trades, whose
// ids are looked up afterwards (fill_trade_ids).
void match_bills(const Scope& s, Groups& groups, const ResultSet& r, std::vector<Discrepancy>& out,
                 std::vector<std::pair<size_t, GroupKey>>& needs_ids) {
  for (size_t i = 0; i < r.size(); ++i) {
    Group& g = groups[{r.int_at(i, 0), r.text_at(i, 1), r.int_at(i, 2), r.int_at(i, 3), r.int_at(i, 4)}];
    const int64_t cents = std::llabs(r.int_at(i, 6));  // refunds are booked negative
    const std::string id = std::to_string(r.int_at(i, 5));
    if (g.sources.insert(r.int_at(i, 7)).second) {
      g.booked_cents += cents;
    } else {
      g.extra_bill_ids += (g.extra_bill_ids.empty() ? "" : ",") + id;
    }
    g.bills += 1;
    g.bill_cents += cents;
    g.bill_ids += (g.bill_ids.empty() ? "" : ",") + id;
  }
  for (const auto& [key, g] : groups) {
    Discrepancy x;
    x.shop_id = std::get<0>(key);
    x.day = std::get<1>(key);
    x.hour = std::get<2>(key);
    x.channel_id = std::get<3>(key);
    x.bill_ids = g.bill_ids;
    x.expected_cents = g.trade_cents;
    if (g.bills == 0) {
      x.kind = "missing_income_bill";
    } else if (g.trades == 0) {
      x.kind = "income_bill_without_trades";
      x.actual_cents = g.bill_cents;
    } else if (!g.extra_bill_ids.empty()) {
      x.kind = "duplicate_income_bill";
      x.bill_ids = g.extra_bill_ids;
      x.actual_cents = g.bill_cents;
    } else if (std::llabs(g.booked_cents - g.trade_cents) > s.tolerance) {
      x.kind = "income_bill_mismatch";
      x.actual_cents = g.booked_cents;
    } else {
      continue;
    }
    if (g.trades > 0) needs_ids.emplace_back(out.size(), key);
    out.push_back(x);
  }
}

// The ids of the trades behind the listed breaks are looked up in one batch
// of queries (a query per break was a round trip, and on ClickHouse a scan,
// each): an order's successful payments, a bill group's successful trades.
using IdLists = std::map<std::string, std::string>;                    // order_no -> ids
using GroupIdLists = std::map<GroupKey, std::pair<size_t, std::string>>;  // query, ids

void append_id(std::string& list, int64_t id) { list += (list.empty() ? "" : ",") + std::to_string(id); }

// The successful payments of the orders, a query per 500 order numbers.
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

// The successful trades of the groups' days, a query per 100 groups, the
// first numbered `first`: each group's entry in `lists` records its query.
std::vector<Query> group_trades_queries(const Scope& s, const std::vector<std::pair<size_t, GroupKey>>& groups,
                                        size_t first, GroupIdLists& lists) {
  constexpr size_t kGroupsPerQuery = 100;
  std::vector<Query> queries;
  for (size_t begin = 0; begin < groups.size(); begin += kGroupsPerQuery) {
    Query q{R"(SELECT id, shop_id, channel_id, trade_type, pay_time FROM sales_payment__t_trade
        WHERE tenant = ? AND currency_code = ? AND trade_status = 20 AND ()",
            {s.tenant, s.currency}};
    for (size_t i = begin; i < groups.size() && i < begin + kGroupsPerQuery; ++i) {
      const GroupKey& key = groups[i].second;
      lists[key].first = first + queries.size();
      const Date day = Date::parse(std::get<1>(key));
      q.sql += std::string(i == begin ? "" : " OR ") +
               "(channel_id = ? AND pay_time >= ? AND pay_time < ? AND shop_id = ? AND trade_type = ?)";
      q.params.insert(q.params.end(), {std::get<3>(key), new_york_to_utc(day, 0, 0, 0).str(),
                                       new_york_to_utc(day + 1, 0, 0, 0).str(), std::get<0>(key), std::get<4>(key)});
    }
    q.sql += ") ORDER BY id";
    queries.push_back(std::move(q));
  }
  return queries;
}

// Fills in the trade ids (ascending) of the breaks at `orders` and `groups` of `out`.
void fill_trade_ids(Warehouse& wh, const Scope& s, const std::vector<size_t>& orders,
                    const std::vector<std::pair<size_t, GroupKey>>& groups, std::vector<Discrepancy>& out) {
  std::set<std::string> order_nos;
  for (const size_t index : orders) order_nos.insert(out[index].order_no);
  std::vector<Query> queries = order_trades_queries(s, order_nos);
  const size_t order_queries = queries.size();
  GroupIdLists by_group;
  for (Query& q : group_trades_queries(s, groups, order_queries, by_group)) queries.push_back(std::move(q));
  if (queries.empty()) return;
  const std::vector<ResultSet> results = wh.query_all(queries);
  IdLists by_order;
  for (size_t q = 0; q < results.size(); ++q) {
    const ResultSet& r = results[q];
    for (size_t i = 0; i < r.size(); ++i) {
      if (q < order_queries) {
        append_id(by_order[r.text_at(i, 0)], r.int_at(i, 1));
        continue;
      }
      // A trade counts for a group of its own day and New York hour (as
      // trade_groups() derives it), from the query that asks for the group.
      const Timestamp paid = Timestamp::parse(r.text_at(i, 4));
      const auto g = by_group.find({r.int_at(i, 1), new_york_date(paid).str(), int64_t{new_york_hour(paid)},
                                    r.int_at(i, 2), r.int_at(i, 3)});
      if (g != by_group.end() && g->second.first == q) append_id(g->second.second, r.int_at(i, 0));
    }
  }
  for (const size_t index : orders) out[index].trade_ids = by_order[out[index].order_no];
  for (const auto& [index, key] : groups) out[index].trade_ids = by_group[key].second;
}

}  // namespace

Reconciliation reconcile(Warehouse& wh, const Window& w, const std::string& currency, int64_t tolerance_cents,
                         const std::vector<Query>& also, std::vector<ResultSet>* also_results) {
  const Scope s{w, tenant_for_currency(currency), currency, w.utc_from(), w.utc_to(), w.from.str(), w.to.str(),
                tolerance_cents};
  // One batch, the longest queries first (the connections take them in
  // order): the unmatched orders, the payments per month and channel joined
  // to their fees (payment-fees' pieces, Dialect::join_pieces), the orphan
  // trades, the trade hours, the bills, the orders per day, the report's
  // other queries.
  std::vector<std::vector<ResultSet>> results = query_all_grouped(
      wh, {{unmatched_orders_query(wh, s)},
           payment_fees::channel_months_queries(wh.dialect(), w, currency),
           {orphan_trades_query(wh, s), trade_hours_query(wh, s), bills_query(wh, s), orders_per_day_query(wh, s)},
           also});
  const ResultSet& unmatched_orders = results[0][0];
  const ResultSet& orphan_trades = results[2][0];
  const ResultSet& bills = results[2][2];
  const ResultSet& orders_per_day = results[2][3];
  Reconciliation result;
  result.months = payment_fees::channel_months(results[1]);
  Groups groups = trade_groups(results[2][1]);
  std::map<std::string, DayTotals> days;
  day_totals(orders_per_day, groups, bills, days);
  std::vector<size_t> orders_to_list;
  std::vector<std::pair<size_t, GroupKey>> groups_to_list;
  match_orders(unmatched_orders, result.discrepancies, orders_to_list);
  match_trades(orphan_trades, result.discrepancies);
  match_bills(s, groups, bills, result.discrepancies, groups_to_list);
  fill_trade_ids(wh, s, orders_to_list, groups_to_list, result.discrepancies);
  for (const Discrepancy& x : result.discrepancies) days[x.day].breaks += 1;
  for (auto& [day, t] : days) {
    t.day = day;
    result.days.push_back(t);
  }
  if (also_results != nullptr) *also_results = std::move(results[3]);
  return result;
}

}  // namespace luckyhub::reconciliation
