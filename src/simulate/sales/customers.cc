// Customers: who registers where and when, and how often they come back.
// Registrations follow store openings; habits are heavy-tailed (many sign up
// for a first-cup deal and never or rarely order, a core of regulars orders
// several times a week). The first accounts of the list are the NZ test
// tenant's QA accounts, homed at the test store.
#include <algorithm>
#include <cmath>

#include "simulate/sales/sales_internal.h"

namespace luckyhub::sim {
namespace {

// Registration source, in t_order.channel codes.
const int kOrigins[] = {2, 1, 3, 8, 9, 10};
const double kOriginShares[] = {0.81, 0.143, 0.035, 0.006, 0.004, 0.002};

// Opening-day customers sign up in the queue before the doors open.
Timestamp registration_time(Rng& rng, Date day, bool opening_day) {
  if (opening_day) {
    return new_york_to_utc(day, 6, static_cast<int>(rng.range(0, 59)), static_cast<int>(rng.range(0, 59)));
  }
  const int minute = static_cast<int>(rng.range(7 * 60, 21 * 60 - 1));
  return new_york_to_utc(day, minute / 60, minute % 60, static_cast<int>(rng.range(0, 59)));
}

// How ordering customers stop, by registration source: a share of them stop
// 7 + Exp(mean days) days after registering. The acquisition channels' true
// retention differs — delivery-platform sign-ups stop most and soonest, iOS
// sign-ups least — about 26% stopping in all. Recorded in the manifest as
// `channel_churn`.
struct Churn {
  double share;
  double mean_days;
};

Churn churn_of(int origin) {
  switch (origin) {
    case 2: return {0.24, 55};  // iOS
    case 1: return {0.30, 50};  // Android
    case 3: return {0.60, 21};  // delivery platform
    default: return {0.40, 40};
  }
}

void record_channel_churn(SimContext& ctx) {
  ctx.truth.describe("channel_churn", "luckyus_sales_crm.t_user",
                     "how ordering customers stop, per registration source (t_user.origin): items {origin, "
                     "churn_share, churn_mean_days}, a share stopping 7 + Exp(mean) days after registering; a higher "
                     "share and a shorter mean mean lower repeat rates");
  for (const int origin : kOrigins) {
    const Churn c = churn_of(origin);
    ctx.truth.add_item("channel_churn", {{"origin", origin}, {"churn_share", c.share}, {"churn_mean_days", c.mean_days}});
  }
}

}  // namespace

void build_customers(SimContext& ctx) {
  // With purchase clocks the paid orders do not follow this stop (purchase_clocks.h).
  if (!ctx.config.purchase_clocks) record_channel_churn(ctx);
  SalesWorld& sales = ctx.world.sales;
  Rng rng = ctx.rng("sales/customers");
  const int64_t total = std::max<int64_t>(ctx.scaled(kCustomers), 60);
  const int64_t test_accounts = std::max<int64_t>(ctx.scaled(120), 3);
  const Date end = ctx.world.end;
  const int n_prod = static_cast<int>(sales.stores.size()) - 1;  // the test store is last

  // Stores get customers in proportion to their weight and trading days.
  std::vector<double> store_weight(n_prod);
  for (int s = 0; s < n_prod; ++s) {
    store_weight[s] = sales.stores[s].demand_weight * std::max(1, end - sales.stores[s].opened);
  }
  std::vector<double> origin_w(std::begin(kOriginShares), std::end(kOriginShares));
  std::vector<double> channel_w;
  for (const PaymentChannel& c : sales.channels) channel_w.push_back(c.channel_id == 92 ? 0 : c.share);
  std::vector<double> product_w;
  for (const Product& p : sales.products) product_w.push_back(p.popularity);
  AliasTable products(product_w);

  sales.customers.reserve(total);
  for (int64_t i = 0; i < total; ++i) {
    Customer c;
    c.user_no = 10000000 + 7 * i + rng.range(0, 6);
    const bool test = i < test_accounts;
    if (test) {
      c.home_store = n_prod;
      c.origin_channel = 2;
      const Date opened = sales.stores[n_prod].opened;
      c.registered = opened - static_cast<int>(rng.range(1, 14));
      c.orders_per_week = rng.uniform(0.5, 2.0);
    } else {
      c.home_store = static_cast<int>(rng.weighted(store_weight));
      c.origin_channel = kOrigins[rng.weighted(origin_w)];
      const Date opened = sales.stores[c.home_store].opened;
      const int span = std::max(1, end - opened);
      // A crowd signs up in the opening days; the rest arrive over time, a
      // little faster early on.
      const int offset = rng.chance(0.12) ? static_cast<int>(rng.range(0, std::min(3, span - 1)))
                                          : static_cast<int>(std::pow(rng.uniform(), 1.25) * span);
      c.registered = opened + std::min(offset, span - 1);
      // Heavy-tailed habit: 30% never order, the rest lognormal around
      // one order in three weeks, capped at two a day.
      c.orders_per_week = rng.chance(0.30) ? 0.0 : std::min(14.0, rng.lognormal(std::log(0.33), 1.15));
    }
    c.registered_at =
        registration_time(rng, c.registered, !test && c.registered == sales.stores[c.home_store].opened);
    c.preferred_channel = static_cast<int>(rng.weighted(channel_w));
    const int favourites = rng.chance(0.5) ? 2 : 3;
    while (static_cast<int>(c.favourite_products.size()) < favourites) {
      const int p = static_cast<int>(products.draw(rng));
      if (std::find(c.favourite_products.begin(), c.favourite_products.end(), p) ==
          c.favourite_products.end()) {
        c.favourite_products.push_back(p);
      }
    }
    const Churn churn_rule = churn_of(c.origin_channel);
    if (!test && c.orders_per_week > 0 && rng.chance(churn_rule.share)) {
      const Date churn = c.registered + 7 + static_cast<int>(rng.exponential(churn_rule.mean_days));
      if (churn < end) c.churned = churn;
    }
    sales.customers.push_back(std::move(c));
  }
}

}  // namespace luckyhub::sim
