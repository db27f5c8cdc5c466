// Incremental revenue per campaign against a matched baseline.
//
// A treated unit is a receipt: a customer with a paid order on an earlier day
// receiving a coupon of the template on New York day d (several coupons of one
// template the same day are one receipt). Its outcome is the customer's paid
// spend on days d+1 … d+28 (the receipt's own day belongs to neither side: an
// order that day may come before or after the coupon). The baseline units are
// every such customer on every Monday w (same features, same window) on which
// they had no receipt of the template within 27 days either side (one before
// their first order counts: they did receive it): similar
// customers at the same time who did not receive it. Units are matched
// exactly on coarse strata — the week of d (its Monday), the paid orders in the 91 days
// before (0, 1, 2–3, 4+), the spend over them (0, <$20, <$60, more) and the
// days since the last order (≤7, ≤30, ≤91, more) — and the effect is the
// stratum-weighted difference of means, weighted by the receipts per stratum
// (the effect on the receivers), its variance the sum of the weighted Welch
// variances; a normal interval. Reads sales__customer_day (the purchase days)
// and the template's coupons through the coupon tables' template index.
#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "domain/customer_days.h"
#include "domain/distributions.h"
#include "tools/campaigns/campaigns.h"
#include "warehouse/derived_table.h"

namespace luckyhub::campaigns {
namespace {

constexpr int kPriorDays = 91;

struct Purchases {
  std::vector<int32_t> day;       // Date::days, ascending
  std::vector<int64_t> orders;    // prefix sums: orders[k] = Σ of the first k days
  std::vector<int64_t> cents;     // the same for cents
};

// Sums of days in [from, to] (Date::days).
struct Window {
  int64_t orders = 0, cents = 0;
};
Window sum_between(const Purchases& p, int32_t from, int32_t to) {
  const size_t a = static_cast<size_t>(std::lower_bound(p.day.begin(), p.day.end(), from) - p.day.begin());
  const size_t b = static_cast<size_t>(std::upper_bound(p.day.begin(), p.day.end(), to) - p.day.begin());
  if (b <= a) return {};
  return {p.orders[b] - p.orders[a], p.cents[b] - p.cents[a]};
}

// The stratum of a customer on day d, or -1 when the customer had no paid
// order before d.
int64_t stratum(const Purchases& p, Date d) {
  const auto it = std::lower_bound(p.day.begin(), p.day.end(), d.days);
  if (it == p.day.begin()) return -1;
  const int32_t last = *(it - 1);
  const Window prior = sum_between(p, d.days - kPriorDays, d.days - 1);
  const int frequency = prior.orders == 0 ? 0 : prior.orders == 1 ? 1 : prior.orders <= 3 ? 2 : 3;
  const int spend = prior.cents <= 0 ? 0 : prior.cents < 2000 ? 1 : prior.cents < 6000 ? 2 : 3;
  const int32_t gap = d.days - last;
  const int recency = gap <= 7 ? 0 : gap <= 30 ? 1 : gap <= kPriorDays ? 2 : 3;
  const int64_t week = (d - d.weekday()).days;  // the Monday of d's week
  return week * 64 + frequency * 16 + spend * 4 + recency;
}

// The spend on days d+1 … d+28, in cents.
int64_t outcome(const Purchases& p, Date d) {
  return sum_between(p, d.days + 1, d.days + kIncrementalWindowDays).cents;
}

// Exact sums in cents (the baseline is the pool less the excluded units, so
// the result does not depend on the order of the additions); dollars out.
struct Sums {
  int64_t n = 0, sum = 0;
  __int128 squares = 0;
  void add(int64_t cents) {
    ++n;
    sum += cents;
    squares += static_cast<__int128>(cents) * cents;
  }
  Sums minus(const Sums& o) const { return {n - o.n, sum - o.sum, squares - o.squares}; }
  double mean() const { return static_cast<double>(sum) / static_cast<double>(n) / 100; }
  double variance() const {
    if (n < 2) return 0;
    const __int128 centered = squares * n - static_cast<__int128>(sum) * sum;  // n (n − 1) · var
    return std::max(0.0, static_cast<double>(centered) / (static_cast<double>(n) * static_cast<double>(n - 1)) / 1e4);
  }
};

Date monday_on_or_before(Date d) { return d - d.weekday(); }

}  // namespace

std::vector<Incrementality> incrementality(Warehouse& wh, Date as_of, const std::vector<int64_t>& template_ids,
                                           double alpha) {
  std::vector<Incrementality> out;
  for (int64_t id : template_ids) out.push_back({.template_id = id});
  if (template_ids.empty() || !wh.has_table(kLiveCoupons) || !wh.has_table(kOrders)) return out;
  const Dialect& d = wh.dialect();
  // The last day whose window is complete: d + 28 < as_of.
  const Date last_day = as_of - (kIncrementalWindowDays + 1);

  Query days = derived_from(wh, customers::kCustomerDay);
  days.sql = "SELECT u.user_no AS user_no, " + d.date_text("u.day") +
             " AS day, SUM(u.orders) AS orders, SUM(u.cents) AS cents FROM " + days.sql +
             " u GROUP BY u.user_no, u.day";
  std::string in = "(";
  for (size_t i = 0; i < template_ids.size(); ++i) in += i ? ", ?" : "?";
  in += ")";
  // A missing receive time is NULL on SQLite and the zero date on ClickHouse
  // (a non-Nullable column): neither is a receipt.
  auto coupons = [&](const char* table) {
    return "SELECT template_id, user_no, receive_time FROM " + std::string(table) +
           " WHERE tenant = 'LKUS' AND receive_time IS NOT NULL AND receive_time >= '2000-01-01 00:00:00' AND "
           "template_id IN " + in;
  };
  std::string union_sql = coupons(kLiveCoupons);
  std::vector<SqlValue> params(template_ids.begin(), template_ids.end());
  if (wh.has_table(kExpiredCoupons)) {
    union_sql += " UNION ALL " + coupons(kExpiredCoupons);
    params.insert(params.end(), template_ids.begin(), template_ids.end());
  }
  // Every coupon of the templates, one row each: several the same day are one
  // receipt (the days are a set below), and a receipt before the customer's
  // first order is not treated (stratum() finds no earlier purchase) but still
  // takes its Mondays out of the baseline: that customer did receive it.
  Query receipts{"SELECT r.template_id AS template_id, r.user_no AS user_no, " +
                     d.date_text(d.ny_date("r.receive_time")) + " AS day FROM (" + union_sql + ") r",
                 params};
  const std::vector<ResultSet> r = wh.query_all({days, receipts});

  // Each customer's purchase days, in a deterministic order.
  std::map<std::string, std::map<int32_t, Window>> by_customer;
  for (const Row row : r[0]) {
    Window& w = by_customer[row.text("user_no")][Date::parse(row.text("day")).days];
    w.orders += row.integer("orders");
    w.cents += row.integer("cents");
  }
  std::vector<std::string> users;
  std::vector<Purchases> purchases;
  std::unordered_map<std::string, size_t> index;
  for (const auto& [user, by_day] : by_customer) {
    Purchases p;
    p.orders.push_back(0);
    p.cents.push_back(0);
    for (const auto& [day, w] : by_day) {
      p.day.push_back(day);
      p.orders.push_back(p.orders.back() + w.orders);
      p.cents.push_back(p.cents.back() + w.cents);
    }
    index[user] = users.size();
    users.push_back(user);
    purchases.push_back(std::move(p));
  }

  // The baseline pool: every customer on every Monday up to last_day, by stratum.
  std::unordered_map<int64_t, Sums> pool;  // lookups only: any order
  for (const Purchases& p : purchases) {
    if (p.day.empty()) continue;
    for (Date w = monday_on_or_before(Date{p.day.front()}) + 7; w <= last_day; w = w + 7) {
      pool[stratum(p, w)].add(outcome(p, w));
    }
  }
  pool.erase(-1);

  // Each template's receipts as (customer, day), sorted and unique: several
  // coupons of one template the same day are one receipt.
  std::unordered_map<int64_t, std::vector<std::pair<size_t, int32_t>>> received;
  for (const Row row : r[1]) {
    const auto it = index.find(row.text("user_no"));
    if (it == index.end()) continue;
    received[row.integer("template_id")].emplace_back(it->second, Date::parse(row.text("day")).days);
  }
  for (auto& [id, pairs] : received) {
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  }

  const double z = distributions::normal_quantile(1 - alpha / 2);
  for (Incrementality& result : out) {
    std::map<int64_t, Sums> treated;  // iterated: a fixed order for the sums of doubles
    std::unordered_map<int64_t, Sums> excluded;
    const std::vector<std::pair<size_t, int32_t>>& pairs = received[result.template_id];
    std::vector<int32_t> mondays;
    for (size_t k = 0; k < pairs.size();) {
      const size_t customer = pairs[k].first;
      const Purchases& p = purchases[customer];
      mondays.clear();
      for (; k < pairs.size() && pairs[k].first == customer; ++k) {
        const Date e{pairs[k].second};
        if (e <= last_day) {
          const int64_t s = stratum(p, e);
          if (s >= 0) treated[s].add(outcome(p, e));
        }
        // The Mondays within 27 days of a receipt leave the baseline.
        for (Date w = monday_on_or_before(e - (kIncrementalWindowDays - 1)); w <= e + (kIncrementalWindowDays - 1);
             w = w + 7) {
          if (w.days >= e.days - (kIncrementalWindowDays - 1)) mondays.push_back(w.days);
        }
      }
      std::sort(mondays.begin(), mondays.end());
      mondays.erase(std::unique(mondays.begin(), mondays.end()), mondays.end());
      for (int32_t m : mondays) {
        const Date w{m};
        if (p.day.empty() || w > last_day || w < monday_on_or_before(Date{p.day.front()}) + 7) continue;
        const int64_t s = stratum(p, w);
        if (s >= 0) excluded[s].add(outcome(p, w));
      }
    }
    auto baseline = [&](int64_t s) {
      const auto in_pool = pool.find(s);
      if (in_pool == pool.end()) return Sums{};
      const auto out_of_it = excluded.find(s);
      return out_of_it == excluded.end() ? in_pool->second : in_pool->second.minus(out_of_it->second);
    };
    int64_t matched = 0;
    for (const auto& [s, t] : treated) {
      result.receipts += t.n;
      if (baseline(s).n >= 2) matched += t.n;
    }
    result.matched = matched;
    if (matched < 2) continue;
    double variance = 0;
    for (const auto& [s, t] : treated) {
      const Sums c = baseline(s);
      if (c.n < 2) continue;
      const double weight = static_cast<double>(t.n) / static_cast<double>(matched);
      result.receivers_mean += weight * t.mean();
      result.baseline_mean += weight * c.mean();
      variance += weight * weight *
                  (t.variance() / static_cast<double>(t.n) + c.variance() / static_cast<double>(c.n));
    }
    result.effect = result.receivers_mean - result.baseline_mean;
    result.stddev = std::sqrt(variance);
    if (!(result.stddev > 0)) continue;
    result.computable = true;
    result.ci_low = result.effect - z * result.stddev;
    result.ci_high = result.effect + z * result.stddev;
    result.p_value = 2 * (1 - distributions::normal_cdf(std::fabs(result.effect) / result.stddev));
  }
  return out;
}

}  // namespace luckyhub::campaigns
