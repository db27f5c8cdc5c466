#include "simulate/sales/purchase_clocks.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace luckyhub::sim {
namespace {

// Gamma(shape k, scale 1) by Marsaglia & Tsang (2000); k < 1 boosted by
// U^(1/k). Drawn from our own generator so that every platform gives the
// same values.
double gamma_draw(Rng& rng, double k) {
  if (k < 1) return gamma_draw(rng, k + 1) * std::pow(1.0 - rng.uniform(), 1.0 / k);
  const double d = k - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    double x, v;
    do {
      x = rng.normal();
      v = 1.0 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const double u = 1.0 - rng.uniform();
    if (std::log(u) < 0.5 * x * x + d - d * v + d * std::log(v)) return d * v;
  }
}

// How strongly a registration source leans to the higher drop-out chances
// (as the habit draw's channel_churn does): a customer's sort key is U^(1/lean); the drop-out chances,
// drawn i.i.d. from Beta(a, b), are handed out in the keys' order. Every
// customer's chance is still a Beta(a, b) draw (the hand-out does not look at
// the values), but delivery-platform sign-ups hold more of the high ones.
double lean_of(int origin) {
  switch (origin) {
    case 2: return 1.0;  // iOS
    case 1: return 1.3;  // Android
    case 3: return 4.0;  // delivery platform
    default: return 2.0;
  }
}

// A customer's clock runs faster on busy weekdays, as the stores' volumes
// do (demand.cc's weekday factors, Monday first), normalised to a mean of 1
// over a week: the purchases of a week keep their Poisson count, and fewer
// are carried from the weekend or brought forward to a weekday.
double weekday_pace(Date d) {
  static const double kWeekday[7] = {0.97, 1.02, 0.94, 1.0, 0.92, 0.415, 0.37};
  double mean = 0;
  for (double w : kWeekday) mean += w / 7;
  return kWeekday[d.weekday()] / mean;
}

}  // namespace

PurchaseClocks::PurchaseClocks(SimContext& ctx, const std::vector<Date>& days)
    : ctx_(ctx), days_(days), rng_(ctx.rng("sales/bgnbd/clocks")) {
  const SalesWorld& sales = ctx.world.sales;
  const size_t n = sales.customers.size();
  const int n_prod = static_cast<int>(sales.stores.size()) - 1;  // the test store is last
  clocks_.resize(n);
  due_.assign(n_prod, std::vector<std::vector<Due>>(days.size()));
  pending_.resize(n_prod);
  first_queue_.resize(n_prod);
  first_head_.assign(n_prod, 0);
  for (int s = 0; s < n_prod; ++s) store_weight_.push_back(sales.stores[s].demand_weight);
  pace_.push_back(0);
  for (const Date d : days) pace_.push_back(pace_.back() + weekday_pace(d));

  Rng rate_rng = ctx.rng("sales/bgnbd/rates");
  Rng drop_rng = ctx.rng("sales/bgnbd/dropout");
  std::vector<int32_t> members;
  for (size_t c = 0; c < n; ++c) {
    const Customer& cu = sales.customers[c];
    if (cu.orders_per_week <= 0 || cu.home_store >= n_prod) continue;
    clocks_[c].in_model = true;
    clocks_[c].rate = gamma_draw(rate_rng, g_.r) / g_.alpha;
    members.push_back(static_cast<int32_t>(c));
  }
  // Drop-out chances: i.i.d. Beta(a, b), handed out by origin-leaning keys.
  std::vector<double> chances, keys;
  for (size_t i = 0; i < members.size(); ++i) {
    const double x = gamma_draw(drop_rng, g_.a), y = gamma_draw(drop_rng, g_.b);
    chances.push_back(x / (x + y));
    const int origin = sales.customers[members[i]].origin_channel;
    keys.push_back(std::pow(drop_rng.uniform(), 1.0 / lean_of(origin)));
  }
  std::sort(chances.begin(), chances.end());
  std::vector<size_t> by_key(members.size());
  for (size_t i = 0; i < by_key.size(); ++i) by_key[i] = i;
  std::stable_sort(by_key.begin(), by_key.end(), [&](size_t l, size_t r) { return keys[l] < keys[r]; });
  for (size_t k = 0; k < by_key.size(); ++k) clocks_[members[by_key[k]]].dropout = chances[k];
  // Per registration source: its lean and the mean drop-out chance drawn.
  std::map<int, std::pair<double, int64_t>> by_origin;
  for (const int32_t c : members) {
    auto& [sum, count] = by_origin[sales.customers[c].origin_channel];
    sum += clocks_[c].dropout;
    ++count;
  }
  for (const auto& [origin, sum_count] : by_origin) {
    dropout_by_origin_.push_back({{"origin", origin},
                                  {"lean", lean_of(origin)},
                                  {"mean_dropout", std::round(sum_count.first / sum_count.second * 1e4) / 1e4},
                                  {"customers", sum_count.second}});
  }

  // First purchases: each store's customers in registration order.
  std::vector<int32_t> order = members;
  std::stable_sort(order.begin(), order.end(), [&](int32_t l, int32_t r) {
    return sales.customers[l].registered_at < sales.customers[r].registered_at;
  });
  for (int32_t c : order) first_queue_[sales.customers[c].home_store].push_back(c);
}

void PurchaseClocks::start_day(size_t day_index) {
  today_ = day_index;
  for (size_t s = 0; s < due_.size(); ++s) {
    for (const Due& due : due_[s][day_index]) pending_[s].push_back(due);
    std::vector<Due>().swap(due_[s][day_index]);
  }
}

int32_t PurchaseClocks::take(int store, Timestamp t, int32_t fallback) {
  const auto& customers = ctx_.world.sales.customers;
  std::deque<Due>& queue = pending_[store];
  while (!queue.empty()) {
    const Due due = queue.front();
    queue.pop_front();
    const Clock& c = clocks_[due.customer];
    if (!c.alive || c.generation != due.generation) continue;  // replaced by a fallback purchase
    if (due.day < static_cast<int32_t>(today_)) ++carried_;
    ++repeats_;
    purchased(due.customer, today_, true);
    return due.customer;
  }
  // A purchase already carried from an earlier day waits no longer: any store
  // with an order left takes it.
  for (size_t k = 1; k < pending_.size(); ++k) {
    std::deque<Due>& other = pending_[(static_cast<size_t>(store) + k) % pending_.size()];
    while (!other.empty() && other.front().day < static_cast<int32_t>(today_)) {
      const Due due = other.front();
      other.pop_front();
      const Clock& c = clocks_[due.customer];
      if (!c.alive || c.generation != due.generation) continue;
      ++carried_;
      ++repeats_;
      purchased(due.customer, today_, true);
      return due.customer;
    }
  }
  std::vector<int32_t>& firsts = first_queue_[store];
  size_t& head = first_head_[store];
  while (head < firsts.size() && clocks_[firsts[head]].active) ++head;  // bought by a fallback
  if (head < firsts.size() && customers[firsts[head]].registered_at < t) {
    const int32_t c = firsts[head++];
    ++firsts_;
    purchased(c, today_, false);
    return c;
  }
  // No one waiting at this store: the longest-waiting registered customer of
  // another store makes their first purchase here.
  int best = -1;
  for (size_t s = 0; s < first_queue_.size(); ++s) {
    size_t& h = first_head_[s];
    while (h < first_queue_[s].size() && clocks_[first_queue_[s][h]].active) ++h;
    if (h == first_queue_[s].size()) continue;
    const Customer& cu = customers[first_queue_[s][h]];
    if (cu.registered_at < t &&
        (best < 0 || cu.registered_at < customers[first_queue_[best][first_head_[best]]].registered_at)) {
      best = static_cast<int>(s);
    }
  }
  if (best >= 0) {
    const int32_t c = first_queue_[best][first_head_[best]++];
    ++firsts_;
    purchased(c, today_, false);
    return c;
  }
  // Still no one: a purchase due today at another store is made here.
  for (size_t k = 1; k < pending_.size(); ++k) {
    std::deque<Due>& other = pending_[(static_cast<size_t>(store) + k) % pending_.size()];
    while (!other.empty()) {
      const Due due = other.back();
      other.pop_back();
      const Clock& c = clocks_[due.customer];
      if (!c.alive || c.generation != due.generation) continue;
      ++repeats_;
      purchased(due.customer, today_, true);
      return due.customer;
    }
  }
  // Still no one: the soonest repeat purchase due within a month comes early,
  // here rather than at another store on the same day.
  for (size_t d = today_ + 1; d < std::min(today_ + 31, days_.size()); ++d) {
    for (size_t k = 0; k < due_.size(); ++k) {
      std::vector<Due>& later = due_[(static_cast<size_t>(store) + k) % due_.size()][d];
      while (!later.empty()) {
        const Due due = later.back();
        later.pop_back();
        const Clock& c = clocks_[due.customer];
        if (!c.alive || c.generation != due.generation) continue;
        ++pulled_;
        ++repeats_;
        purchased(due.customer, today_, true);
        return due.customer;
      }
    }
  }
  ++fallbacks_;
  const Clock& f = clocks_[fallback];
  if (f.in_model) purchased(fallback, today_, f.active);
  return fallback;
}

void PurchaseClocks::purchased(int32_t customer, size_t day_index, bool repeat) {
  Clock& c = clocks_[customer];
  if (!c.in_model) return;
  if (!c.active) {
    c.active = true;
  } else if (!c.alive) {
    ++dropped_;  // a fallback purchase after drop-out
    return;
  } else if (repeat) {
    ++c.generation;  // the scheduled purchase, if any, is this one
    if (rng_.chance(c.dropout)) {
      c.alive = false;
      return;
    }
  }
  schedule(customer, day_index, rng_.uniform());
}

// The next purchase Exp(1/λ) later on the clock: `pace_` is the clock's time
// at each day's start.
void PurchaseClocks::schedule(int32_t customer, size_t day_index, double within_day) {
  Clock& c = clocks_[customer];
  const double from = pace_[day_index] + within_day * (pace_[day_index + 1] - pace_[day_index]);
  const double at = from + rng_.exponential(1.0 / c.rate);
  if (!(at < pace_.back())) return;  // beyond as-of (or a rate of 0)
  size_t day = static_cast<size_t>(std::upper_bound(pace_.begin(), pace_.end(), at) - pace_.begin()) - 1;
  const Customer& cu = ctx_.world.sales.customers[customer];
  int store = cu.home_store;
  if (rng_.chance(0.12)) {  // now and then at another open store
    std::vector<double> w(store_weight_.size());
    for (size_t s = 0; s < w.size(); ++s) {
      w[s] = ctx_.world.sales.stores[s].opened <= days_[day] ? store_weight_[s] : 0.0;
    }
    store = static_cast<int>(rng_.weighted(w));
  }
  // One purchase a day at most (the model's data counts purchase days): one
  // due again on the day it was made waits for the next day.
  if (day <= today_) {
    day = today_ + 1;
    if (day >= days_.size()) return;
  }
  due_[store][day].push_back(Due{customer, c.generation, static_cast<int32_t>(day)});
}

void PurchaseClocks::record(Truth& truth) const {
  int64_t unserved = 0;
  for (const auto& q : pending_) {
    for (const Due& d : q) unserved += clocks_[d.customer].alive && clocks_[d.customer].generation == d.generation;
  }
  int64_t members = 0, never = 0;
  for (const Clock& c : clocks_) {
    members += c.in_model;
    never += c.in_model && !c.active;
  }
  truth.set_figure("bgnbd_generating",
                   {{"unit", "day"},
                    {"r", g_.r},
                    {"alpha", g_.alpha},
                    {"a", g_.a},
                    {"b", g_.b},
                    {"customers", members},
                    {"first_purchases", firsts_},
                    {"repeat_purchases", repeats_},
                    {"repeats_carried", carried_},
                    {"repeats_brought_forward", pulled_},
                    {"repeats_unserved_at_end", unserved},
                    {"fallback_purchases", fallbacks_},
                    {"fallback_after_dropout", dropped_},
                    {"never_bought", never},
                    {"dropout_by_origin", dropout_by_origin_}});
}

}  // namespace luckyhub::sim
