// A small stand-in for the sales family, for the marketing tests: a world of
// a few thousand customers with habits, coupon templates, and a stream of
// paid orders (some redeeming coupons) fed to the marketing observer; then
// generate_marketing writes a temporary warehouse. Lets the marketing family
// be tested in isolation and exactly (the orders are known here).
#pragma once

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "simulate/generators.h"
#include "simulate/marketing/order_ledger.h"
#include "support/shared_sim.h"
#include "warehouse/schema.h"

namespace luckyhub::testing {

struct MarketingTestRun {
  std::string warehouse_path;
  nlohmann::json truth;
  double scale = 0.01;
  int64_t customers = 0;
  std::vector<sim::OrderEvent> coupon_orders;  // orders that redeemed a coupon
  int64_t paid_orders = 0;
  std::map<std::string, std::vector<int64_t>> order_times;  // paid order times by user_no
};

inline void add_test_world(sim::SalesWorld& w, sim::Rng& rng, int customers) {
  using namespace sim;
  for (int i = 0; i < 3; ++i) {
    Store s;
    s.shop_id = 1001 + i;
    s.shop_no = "US0000" + std::to_string(i + 1);
    s.name = "Store " + std::to_string(i + 1);
    s.opened = Date::from_ymd(2025, 6, 1) + 60 * i;
    if (i == 2) {
      s.tenant = "LKNZ";
      s.currency = "NZD";
      s.test_store = true;
    }
    w.stores.push_back(s);
  }
  for (int i = 0; i < 16; ++i) {
    Product p;
    p.commodity_id = 500 + i;
    p.name = "Product " + std::to_string(i);
    p.category = kCategoryNames[i % kCategories];
    p.price_cents = 350 + 25 * i;
    p.drink = i % kCategories != 7;
    p.iced = i % 3 != 0;
    w.products.push_back(p);
  }
  for (int i = 0; i < customers; ++i) {
    Customer c;
    c.user_no = 20000000 + i * 7;
    c.registered = Date::from_ymd(2025, 6, 1) + static_cast<int>(rng.range(0, 250));
    c.origin_channel = rng.chance(0.8) ? 2 : rng.chance(0.7) ? 1 : 3;
    c.home_store = rng.chance(0.05) ? 2 : static_cast<int>(rng.range(0, 1));
    const double u = rng.uniform();
    c.orders_per_week = u < 0.2 ? 0 : u < 0.7 ? 0.3 : u < 0.9 ? 1.2 : 3.0;
    c.favourite_products = {static_cast<int>(rng.range(0, 15))};
    c.churned = rng.chance(0.15) ? c.registered + static_cast<int>(rng.range(30, 120)) : Date{INT32_MAX};
    w.customers.push_back(c);
  }
}

inline void add_test_templates(sim::World& w) {
  using namespace sim;
  for (int i = 0; i < 60; ++i) {
    CouponTemplate t;
    t.template_id = 7000 + i;
    t.name = "Template " + std::to_string(i);
    t.coupon_type = 1 + i % 5;
    t.discount_cents = t.coupon_type == 2 ? 0 : 100 + 10 * (i % 7);
    t.discount_percent = t.coupon_type == 2 ? 20 : 0;
    t.valid_from = Date::from_ymd(2025, 6, 1) + 4 * i;
    t.valid_to = t.valid_from + 60 + 2 * i;
    w.marketing.coupon_templates.push_back(t);
  }
}

// Paid orders in time order: each customer orders at their weekly rate until
// they churn. Templates 0-9 are used only by frequent customers.
inline std::vector<sim::OrderEvent> test_orders(const sim::World& w, sim::Rng& rng, Date as_of) {
  using namespace sim;
  std::vector<OrderEvent> orders;
  for (size_t c = 0; c < w.sales.customers.size(); ++c) {
    const Customer& cu = w.sales.customers[c];
    for (Date d = cu.registered; d < as_of && d < cu.churned; ++d) {
      if (!rng.chance(cu.orders_per_week / 7.0)) continue;
      OrderEvent o;
      o.customer = static_cast<int>(c);
      o.user_no = cu.user_no;
      o.store = cu.home_store;
      o.tenant = w.sales.stores[static_cast<size_t>(o.store)].tenant;
      o.channel = cu.origin_channel;
      o.status = 5;
      o.paid = true;
      o.create_time = new_york_to_utc(d, static_cast<int>(rng.range(7, 20)), static_cast<int>(rng.range(0, 59)), 0);
      o.pay_time = o.create_time + 20;
      OrderLine line;
      line.product = cu.favourite_products[0];
      line.sale_price_cents = w.sales.products[static_cast<size_t>(line.product)].price_cents;
      o.lines.push_back(line);
      o.pay_cents = line.sale_price_cents;
      if (rng.chance(0.25)) {
        std::vector<int> valid;
        for (size_t t = 0; t < w.marketing.coupon_templates.size(); ++t) {
          const CouponTemplate& ct = w.marketing.coupon_templates[t];
          const bool regular_only = t < 10;
          if (regular_only && cu.orders_per_week < 1) continue;
          if (ct.valid_from <= d && d < ct.valid_to) valid.push_back(static_cast<int>(t));
        }
        if (!valid.empty()) {
          o.coupon_template = valid[static_cast<size_t>(rng.range(0, static_cast<int64_t>(valid.size()) - 1))];
          o.coupon_deduct_cents = std::min<int64_t>(100, o.pay_cents / 2);
          o.pay_cents -= o.coupon_deduct_cents;
        }
      }
      orders.push_back(std::move(o));
    }
  }
  std::stable_sort(orders.begin(), orders.end(),
                   [](const OrderEvent& a, const OrderEvent& b) { return a.create_time < b.create_time; });
  for (size_t i = 0; i < orders.size(); ++i) {
    orders[i].order_id = static_cast<int64_t>(i) + 1;
    orders[i].order_no = "T" + std::to_string(900000 + i);
  }
  return orders;
}

// Builds the test world, runs the marketing family over it, once per process.
inline const MarketingTestRun& marketing_test_run() {
  static const MarketingTestRun run = [] {
    using namespace sim;
    MarketingTestRun r;
    r.warehouse_path = temp_dir() + "/marketing.db";
    SimConfig config;
    config.scale = r.scale;
    config.seed = 11;
    std::unique_ptr<WarehouseWriter> writer = create_warehouse(r.warehouse_path);
    for (const TableDef& t : SchemaCatalog::builtin().tables()) writer->create_table(t);
    World world;
    world.start = Date::from_ymd(2025, 6, 1);
    world.end = config.as_of;
    auto out = std::make_unique<SimOutput>(*writer);
    Truth truth;
    SimContext ctx{config, world, *out, truth};
    Rng rng(99, "marketing-test-world");
    add_test_world(world.sales, rng, 3000);
    add_test_templates(world);
    build_marketing_world(ctx);
    std::unique_ptr<OrderObserver> observer = make_marketing_observer(ctx);
    const std::vector<OrderEvent> orders = test_orders(world, rng, config.as_of);
    Date day = new_york_date(orders.front().create_time);
    for (const OrderEvent& o : orders) {
      const Date d = new_york_date(o.create_time);
      if (d != day) observer->on_day_end(day), day = d;
      observer->on_order(o);
      if (o.coupon_template >= 0) r.coupon_orders.push_back(o);
      r.order_times[std::to_string(o.user_no)].push_back(o.pay_time.seconds);
    }
    observer->on_day_end(day);
    observer->finish();
    generate_marketing(ctx);
    out->finish();
    out.reset();  // finalises the statements before the writer commits
    for (const TableDef& t : SchemaCatalog::builtin().tables()) writer->create_indexes(t);
    writer->set_meta("as_of", config.as_of.str());
    writer->commit();
    r.truth = truth.json();
    r.customers = static_cast<int64_t>(world.sales.customers.size());
    r.paid_orders = static_cast<int64_t>(orders.size());
    return r;
  }();
  return run;
}

}  // namespace luckyhub::testing
