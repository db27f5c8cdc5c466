// Step 1 of the order generator: every order of the run, in memory. Who
// orders (a registered, not yet churned customer, most often of the store's
// own base, drawn in proportion to their habit), when (the store's hourly
// rhythm in New York time), through which app, what (favourites or the menu
// by popularity, sizes, sugar), at which list price, with which promotion and
// coupon. Money totals, tips and payment channels come later (calibrate.cc).
#include <algorithm>
#include <cmath>
#include <optional>

#include "simulate/progress.h"
#include "simulate/sales/demand.h"
#include "simulate/sales/menu_plants.h"
#include "simulate/sales/purchase_clocks.h"
#include "simulate/sales/sales_internal.h"
#include "simulate/sales/tastes.h"

namespace luckyhub::sim {

const char* const kCurrencies[5] = {"USD", "NZD", "CAD", "EUR", "GBP"};

namespace {

// Customers of one store, by registration time, with cumulative habit weights
// so that "a customer registered before t" is a binary search and a draw.
struct CustomerIndex {
  std::vector<int32_t> ids;
  std::vector<int64_t> registered;  // seconds
  std::vector<double> cumulative;

  int32_t draw(Rng& rng, const std::vector<Customer>& all, Timestamp t, Date day) const {
    const size_t k = std::lower_bound(registered.begin(), registered.end(), t.seconds) - registered.begin();
    if (k == 0 || cumulative[k - 1] <= 0) return -1;
    for (int attempt = 0; attempt < 8; ++attempt) {
      const double x = rng.uniform() * cumulative[k - 1];
      const size_t i = std::upper_bound(cumulative.begin(), cumulative.begin() + k, x) - cumulative.begin();
      const int32_t c = ids[std::min(i, k - 1)];
      if (all[c].churned > day && all[c].orders_per_week > 0) return c;
    }
    return -1;
  }
};

std::vector<CustomerIndex> index_customers(const SalesWorld& sales) {
  std::vector<CustomerIndex> index(sales.stores.size() + 1);  // last: everyone
  std::vector<int32_t> order(sales.customers.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int32_t>(i);
  std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) {
    return sales.customers[a].registered_at < sales.customers[b].registered_at;
  });
  for (int32_t c : order) {
    const Customer& cu = sales.customers[c];
    const bool test = sales.stores[cu.home_store].test_store;
    for (size_t slot : {static_cast<size_t>(cu.home_store), sales.stores.size()}) {
      if (test && slot == sales.stores.size()) continue;  // QA accounts order only at the test store
      CustomerIndex& ix = index[slot];
      ix.ids.push_back(c);
      ix.registered.push_back(cu.registered_at.seconds);
      ix.cumulative.push_back((ix.cumulative.empty() ? 0.0 : ix.cumulative.back()) + cu.orders_per_week);
    }
  }
  return index;
}

struct Planner {
  SimContext& ctx;
  const SalesWorld& sales;
  SalesPlan& plan;
  std::vector<CustomerIndex> customers;
  std::vector<AliasTable> menu;               // per day: orderable products
  std::vector<std::vector<int32_t>> menu_ids;
  std::vector<AliasTable> coupons;            // per day: redeemable templates
  std::vector<std::vector<int32_t>> coupon_ids;
  int icl = -1;
  MenuPlants plants;
  Rng taste_rng{0, "sales/tastes/orders"};  // reseeded per day by plan_orders
  std::optional<PurchaseClocks> clocks;     // who buys the paid USD orders, with --purchase-clocks

  Planner(SimContext& c, SalesPlan& p)
      : ctx(c), sales(c.world.sales), plan(p), plants(plan_menu_plants(c)) {
    if (ctx.config.purchase_clocks) clocks.emplace(c, p.days);
    customers = index_customers(sales);
    for (size_t i = 0; i < sales.products.size(); ++i) {
      if (sales.products[i].name == "Iced Coconut Latte") icl = static_cast<int>(i);
    }
    const auto& templates = ctx.world.marketing.coupon_templates;
    for (Date d : plan.days) {
      std::vector<double> w;
      std::vector<int32_t> ids;
      for (size_t i = 0; i < sales.products.size(); ++i) {
        const Product& p = sales.products[i];
        if (p.launched <= d && d < p.retired) {
          ids.push_back(static_cast<int32_t>(i));
          // A launch gets a burst of curiosity in its first weeks.
          w.push_back(p.popularity * (d - p.launched < 21 ? 1.6 : 1.0));
        }
      }
      menu.emplace_back(w);
      menu_ids.push_back(std::move(ids));
      w.clear();
      std::vector<int32_t> cids;
      for (size_t i = 0; i < templates.size(); ++i) {
        const CouponTemplate& t = templates[i];
        if (t.coupon_type != 5 && t.valid_from <= d && d <= t.valid_to) {
          cids.push_back(static_cast<int32_t>(i));
          w.push_back(t.weight);
        }
      }
      coupons.emplace_back(w.empty() ? std::vector<double>{1.0} : w);
      coupon_ids.push_back(std::move(cids));
    }
  }

  bool orderable(int product, Date d) const {
    const Product& p = sales.products[product];
    return p.launched <= d && d < p.retired;
  }

  Timestamp pick_time(Rng& rng, Date day) const {
    const bool weekend = day.weekday() >= 5;
    std::vector<double> w;
    for (int h = kFirstHour; h <= kLastHour; ++h) w.push_back(hour_weight(weekend, h));
    const int hour = kFirstHour + static_cast<int>(rng.weighted(w));
    return new_york_to_utc(day, hour, static_cast<int>(rng.range(0, 59)), static_cast<int>(rng.range(0, 59)));
  }

  int channel_for(Rng& rng, const Customer* c) const {
    const int origin = c ? c->origin_channel : 2;
    if ((origin == 1 || origin == 2) && rng.chance(0.022)) return 3;  // via a delivery platform
    if ((origin == 1 || origin == 2) && rng.chance(0.004)) return rng.chance(0.5) ? 8 : 9;
    return origin;
  }

  void add_line(Rng& rng, PlannedOrder& o, size_t day_index, int product, int quantity) {
    int32_t promo = 0;
    plan.lines.push_back(make_line(rng, o, day_index, product, quantity, promo));
    o.activity_cents += promo * quantity;
    ++o.line_count;
  }

  // A line of `product` in `o`: size, sugar, list price, app deal (`promo`,
  // the unit discount).
  PlannedLine make_line(Rng& rng, const PlannedOrder& o, size_t day_index, int product, int quantity,
                        int32_t& promo) const {
    const Product& p = sales.products[product];
    PlannedLine l;
    l.product = product;
    l.quantity = static_cast<int8_t>(quantity);
    int32_t unit = plants.list_cents(product, o.store, plan.days[day_index], p.price_cents);
    if (!p.drink) {
      l.cup_size = 0;
      l.temperature = 0;
      l.sugar = 0;
    } else {
      l.temperature = p.iced ? 2 : 1;
      l.sugar = static_cast<int8_t>(std::clamp(p.sugar_level + (rng.chance(0.3) ? (rng.chance(0.6) ? -1 : 1) : 0), 0, 3));
      l.cup_size = 2;
      if (p.name == "Espresso") l.cup_size = 1;
      else if (unit >= 445) {
        const double u = rng.uniform();
        if (u < 0.15) { l.cup_size = 1; unit -= 30; }
        else if (u > 0.75) { l.cup_size = 3; unit += 60; }
      }
    }
    l.origin_cents = unit;
    promo = 0;
    if (o.nz) {
      l.origin_cents = static_cast<int32_t>(std::llround(unit * 1.65 / 10.0) * 10);
      promo = 0;
    } else if (product == icl) {
      promo = unit - 345;  // the app's everyday Coconut Latte price, calibrated later
    } else if (unit >= 445 && rng.chance(0.5)) {
      // App deals: most handcrafted drinks sell 20-40% off half the time.
      promo = static_cast<int32_t>(unit * rng.uniform(0.2, 0.4)) / 5 * 5;
      promo = std::min(promo, unit - kDealFloorCents);
    }
    l.sale_cents = l.origin_cents - promo;
    l.tax_rate_e5 = o.nz ? kNzGstRateE5 : kIncomeTaxRateE5;
    return l;
  }

  // Another product of the day's menu than `product`, of `category` unless
  // empty; `product` when none comes in a few draws.
  int other_product(Rng& rng, size_t day_index, int product, const std::string& category) const {
    for (int tries = 0; tries < 20; ++tries) {
      const int p = menu_ids[day_index][menu[day_index].draw(rng)];
      if (p != product && (category.empty() || sales.products[p].category == category)) return p;
    }
    return product;
  }

  // The planted menu responses (menu_plants.h): a raised price loses orders
  // to the menu, a cut product to its category, a boosted one takes some.
  // Drawn from a stream of their own once every order is planned, so that
  // every other draw of the plan is as it would be without them. A line that
  // changes product is made again for it; a line carrying a coupon keeps its
  // product (its coupon was sized for it), which weakens the planted response
  // a little (about one line in eight of a drink listed $4.45+).
  void plant_menu_responses() {
    Rng rng = ctx.rng("sales/menu_plants");
    for (PlannedOrder& o : plan.orders) {
      if (o.nz) continue;
      const size_t day_index = static_cast<size_t>(new_york_date(o.create_time) - plan.days.front());
      for (uint32_t k = 0; k < o.line_count; ++k) {
        PlannedLine& l = plan.lines[o.line_begin + k];
        if (l.coupon_unit_cents > 0) continue;
        const int product = planted_choice(rng, o, day_index, l.product);
        if (product == l.product) continue;
        const int32_t old_promo = l.origin_cents - l.sale_cents;
        int32_t promo = 0;
        l = make_line(rng, o, day_index, product, l.quantity, promo);
        o.activity_cents += (promo - old_promo) * l.quantity;
      }
    }
  }

  // The planted seasons (menu_plants.h), after the other responses and from a
  // stream of their own: a seasonal product out of its season loses most of
  // its lines to its category. Lines with a coupon keep their product.
  void plant_seasons() {
    if (plants.seasons.empty()) return;
    Rng rng = ctx.rng("sales/menu_seasons");
    for (PlannedOrder& o : plan.orders) {
      if (o.nz) continue;
      const size_t day_index = static_cast<size_t>(new_york_date(o.create_time) - plan.days.front());
      const Date day = plan.days[day_index];
      for (uint32_t k = 0; k < o.line_count; ++k) {
        PlannedLine& l = plan.lines[o.line_begin + k];
        if (l.coupon_unit_cents > 0 || !plants.off_season(l.product, day) || rng.chance(kOffSeasonKept)) continue;
        int product = l.product;
        for (int tries = 0; tries < 10 && product == l.product; ++tries) {
          product = other_product(rng, day_index, l.product, sales.products[l.product].category);
        }
        if (product == l.product) continue;
        const int32_t old_promo = l.origin_cents - l.sale_cents;
        int32_t promo = 0;
        l = make_line(rng, o, day_index, product, l.quantity, promo);
        o.activity_cents += (promo - old_promo) * l.quantity;
      }
    }
  }

  int planted_choice(Rng& rng, const PlannedOrder& o, size_t day_index, int product) const {
    const Date day = plan.days[day_index];
    const double kept = plants.volume_kept(product, o.store, day);
    if (kept < 1 && !rng.chance(kept)) product = other_product(rng, day_index, product, "");
    const PopularityShift* cut = plants.shift(product, day);
    if (cut && !cut->up && rng.chance(0.9)) {
      product = other_product(rng, day_index, product, sales.products[product].category);
    }
    for (const PopularityShift& s : plants.shifts) {
      if (s.up && day >= s.from && day < s.to && s.product != product &&
          sales.products[s.product].category == sales.products[product].category && rng.chance(0.35)) {
        product = s.product;
      }
    }
    return product;
  }

  // Coupons apply to one handcrafted drink (quantity 1, list $4.45 or more).
  void apply_coupon(Rng& rng, PlannedOrder& o, size_t day_index) {
    const auto& ids = coupon_ids[day_index];
    if (ids.empty()) return;
    const int32_t t_index = ids[coupons[day_index].draw(rng)];
    const CouponTemplate& t = ctx.world.marketing.coupon_templates[t_index];
    int64_t subtotal = 0;
    PlannedLine* target = nullptr;
    for (uint32_t i = 0; i < o.line_count; ++i) {
      PlannedLine& l = plan.lines[o.line_begin + i];
      subtotal += static_cast<int64_t>(l.origin_cents) * l.quantity;
      if (l.cup_size != 0 && l.quantity == 1 && l.origin_cents >= 445 &&
          (!target || l.sale_cents > target->sale_cents)) {
        target = &l;
      }
    }
    if (!target || subtotal < t.threshold_cents) return;
    int32_t deduct = 0;
    switch (t.coupon_type) {
      case 1: deduct = static_cast<int32_t>(std::min<int64_t>(t.discount_cents, target->sale_cents - 1)); break;
      case 2: deduct = static_cast<int32_t>(target->sale_cents * t.discount_percent / 100); break;
      case 3: deduct = target->sale_cents; break;
      case 4: deduct = static_cast<int32_t>(std::max<int64_t>(0, target->sale_cents - t.discount_cents)); break;
      default: return;
    }
    if (deduct <= 0) return;
    target->sale_cents -= deduct;
    target->coupon_unit_cents = deduct;
    o.coupon_template = t_index;
    o.coupon_cents = deduct;
  }

  void make_order(Rng& rng, size_t day_index, int store, bool paid, uint32_t flags) {
    const Date day = plan.days[day_index];
    const bool nz = sales.stores[store].test_store;
    PlannedOrder o;
    o.nz = nz;
    o.store = static_cast<int16_t>(store);
    o.flags = flags;
    o.currency = nz ? 1 : 0;
    o.create_time = pick_time(rng, day);
    // Most orders come from the store's own customers; some from anyone.
    int32_t c = -1;
    if (nz || rng.chance(0.88)) c = customers[store].draw(rng, sales.customers, o.create_time, day);
    if (c < 0 && !nz) c = customers.back().draw(rng, sales.customers, o.create_time, day);
    if (c < 0) c = customers[nz ? store : sales.stores.size()].ids.front();
    // With purchase clocks, paid USD orders go by them; the habit draw above
    // still runs (its draws keep the day's stream where it was) and stands in
    // only when no customer is due.
    if (clocks && paid && !nz && flags == 0) c = clocks->take(store, o.create_time, c);
    o.customer = c;
    const Customer& cu = sales.customers[c];
    o.channel = static_cast<int8_t>(nz ? 2 : channel_for(rng, &cu));
    if (o.channel == 3) o.delivery_fee_cents = rng.chance(0.5) ? 199 : 299;
    o.pay_delay_s = static_cast<int16_t>(rng.range(4, 75));
    if (paid) o.status = rng.chance(0.012) ? 60 : 40;
    else o.status = rng.chance(0.3) ? 10 : 50;
    o.line_begin = static_cast<uint32_t>(plan.lines.size());

    const bool group = !nz && rng.chance(0.004);
    const double u = rng.uniform();
    const int n_lines = group ? static_cast<int>(rng.range(3, 6)) : (u < 0.86 ? 1 : (u < 0.975 ? 2 : 3));
    for (int i = 0; i < n_lines; ++i) {
      int product = -1;
      if (i == 0 && rng.chance(0.55)) {
        const int fav = cu.favourite_products[rng.range(0, cu.favourite_products.size() - 1)];
        if (orderable(fav, day)) product = fav;
      }
      if (i > 0 && rng.chance(0.35)) {  // a pastry with the coffee
        for (int tries = 0; tries < 4 && product < 0; ++tries) {
          const int p = menu_ids[day_index][menu[day_index].draw(rng)];
          if (!sales.products[p].drink) product = p;
        }
      }
      if (product < 0) {
        product = menu_ids[day_index][menu[day_index].draw(rng)];
        // Half these draws follow the customer's taste, from the day's own
        // stream so that every other draw stays where it was.
        if (!nz && taste_rng.chance(kTasteShareOfMenuDraws)) {
          product = taste_choice(taste_rng, cu.taste, sales.products, menu_ids[day_index], day);
        }
      }
      const double q = rng.uniform();
      const int quantity = group ? static_cast<int>(rng.range(1, 3)) : (q < 0.97 ? 1 : (q < 0.995 ? 2 : 3));
      add_line(rng, o, day_index, product, quantity);
    }
    if (paid && !nz && rng.chance(0.18)) apply_coupon(rng, o, day_index);
    plan.orders.push_back(o);
  }
};

}  // namespace

SalesPlan plan_orders(SimContext& ctx) {
  SalesPlan plan;
  const DemandPlan demand = plan_demand(ctx);
  plan.days = demand.days;
  plan.pinned = demand.pinned;
  Planner planner(ctx, plan);
  const auto& stores = ctx.world.sales.stores;
  const int nz_store = static_cast<int>(stores.size()) - 1;

  // Orders that are not plain paid USD orders: LKUS orders in a foreign
  // currency and payments whose order row went missing, on unpinned days.
  Rng extra_rng = ctx.rng("sales/orders/extra");
  std::vector<std::vector<uint32_t>> extra(plan.days.size());
  auto place_extra = [&](int64_t n, uint32_t flag) {
    for (int64_t k = 0; k < n; ++k) {
      size_t i;
      do {
        i = static_cast<size_t>(extra_rng.range(0, plan.days.size() - 1));
      } while (std::find(plan.pinned.begin(), plan.pinned.end(), plan.days[i]) != plan.pinned.end());
      extra[i].push_back(flag);
    }
  };
  place_extra(std::max<int64_t>(1, ctx.scaled(50)), kCurrencyMismatch);
  place_extra(std::max<int64_t>(1, ctx.scaled(36)), kOrphanTrade);

  Progress progress("plan orders", plan.days.size());
  for (size_t i = 0; i < plan.days.size(); ++i) {
    Rng rng = ctx.rng("sales/orders/" + plan.days[i].str());
    planner.taste_rng = ctx.rng("sales/tastes/" + plan.days[i].str());
    if (planner.clocks) planner.clocks->start_day(i);
    for (size_t s = 0; s < demand.paid_usd[i].size(); ++s) {
      for (int64_t k = 0; k < demand.paid_usd[i][s]; ++k) planner.make_order(rng, i, static_cast<int>(s), true, 0);
      for (int64_t k = 0; k < demand.unpaid_usd[i][s]; ++k) planner.make_order(rng, i, static_cast<int>(s), false, 0);
    }
    for (int64_t k = 0; k < demand.paid_nz[i]; ++k) planner.make_order(rng, i, nz_store, true, 0);
    for (int64_t k = 0; k < demand.unpaid_nz[i]; ++k) planner.make_order(rng, i, nz_store, false, 0);
    for (uint32_t flag : extra[i]) {
      std::vector<double> w;
      for (int s = 0; s < nz_store; ++s) w.push_back(stores[s].opened <= plan.days[i] ? 1.0 : 0.0);
      planner.make_order(rng, i, static_cast<int>(rng.weighted(w)), true, flag);
      PlannedOrder& o = plan.orders.back();
      o.status = 40;
      if (flag == kCurrencyMismatch) o.currency = static_cast<uint8_t>(rng.range(2, 4));
    }
    progress.advance();
  }
  if (planner.clocks) planner.clocks->record(ctx.truth);
  std::stable_sort(plan.orders.begin(), plan.orders.end(),
                   [](const PlannedOrder& a, const PlannedOrder& b) { return a.create_time < b.create_time; });
  planner.plant_menu_responses();
  planner.plant_seasons();
  return plan;
}

}  // namespace luckyhub::sim
