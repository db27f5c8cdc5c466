// A small synthetic company for the ops family's tests: 10 stores and a test
// store, a 30-product menu and orders with a weekday and hourly rhythm at
// roughly scale 0.02, run through build_ops_world, the ops observer and
// generate_ops into a temporary warehouse. It stands in for the sales family,
// so the ops tables can be tested on their own.
#pragma once

#include <algorithm>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "simulate/context.h"
#include "simulate/generators.h"
#include "support/shared_sim.h"
#include "warehouse/warehouse.h"

namespace luckyhub::testing {

struct OpsTestRun {
  std::string warehouse_path;
  nlohmann::json truth;
  int64_t paid_orders = 0;
  int64_t cups = 0;
  double scale = 0.02;
};

inline void add_ops_test_world(sim::World& world) {
  using sim::Product;
  using sim::Store;
  const Date opens[] = {Date::from_ymd(2025, 6, 30), Date::from_ymd(2025, 7, 21), Date::from_ymd(2025, 8, 18),
                        Date::from_ymd(2025, 9, 8),  Date::from_ymd(2025, 10, 6), Date::from_ymd(2025, 10, 27),
                        Date::from_ymd(2025, 11, 17), Date::from_ymd(2025, 12, 8), Date::from_ymd(2026, 1, 12),
                        Date::from_ymd(2026, 2, 2)};
  for (int i = 0; i < 10; ++i) {
    Store s;
    s.shop_id = 1001 + i;
    s.shop_no = "US0000" + std::to_string(i + 1);
    s.name = "Store " + std::to_string(i + 1);
    s.opened = opens[i];
    s.demand_weight = 1.0 + 0.1 * (i % 3);
    world.sales.stores.push_back(s);
  }
  Store nz;
  nz.shop_id = 9001;
  nz.shop_no = "NZ00001";
  nz.tenant = "LKNZ";
  nz.currency = "NZD";
  nz.test_store = true;
  nz.opened = Date::from_ymd(2025, 8, 1);
  nz.demand_weight = 0.3;
  world.sales.stores.push_back(nz);
  const struct {
    const char* name;
    const char* category;
    bool drink, iced;
    double popularity, prep;
  } kMenu[] = {{"Iced Coconut Latte", "Classic Drinks", true, true, 9, 190},
               {"Latte", "Classic Drinks", true, false, 5, 180},
               {"Iced Velvet Latte", "Classic Drinks", true, true, 4, 200},
               {"Americano", "Fresh Ground Coffee", true, false, 4, 120},
               {"Iced Americano", "Fresh Ground Coffee", true, true, 4, 120},
               {"Caramel Macchiato", "Classic Drinks", true, false, 3, 230},
               {"Mocha", "Classic Drinks", true, false, 2, 240},
               {"Iced Oat Latte", "Classic Drinks", true, true, 3, 200},
               {"Brown Sugar Oat Latte", "Classic Drinks", true, true, 3, 210},
               {"Vanilla Latte", "Classic Drinks", true, false, 2, 200},
               {"Decaf Latte", "Classic Drinks", true, false, 1, 180},
               {"Matcha Latte", "Matcha", true, true, 3, 230},
               {"Coconut Matcha Latte", "Matcha", true, true, 2, 240},
               {"Cold Brew", "Cold Brew", true, true, 2, 110},
               {"Sweet Cream Cold Brew", "Cold Brew", true, true, 2, 140},
               {"Nitro Cold Brew", "Cold Brew", true, true, 1, 120},
               {"Strawberry Refresher", "Refreshers", true, true, 2, 170},
               {"Mango Passion Refresher", "Refreshers", true, true, 2, 170},
               {"Peach Jasmine Refresher", "Refreshers", true, true, 1, 170},
               {"Caramel Exfreezo", "Exfreezo", true, true, 1, 320},
               {"Mocha Exfreezo", "Exfreezo", true, true, 1, 330},
               {"Coconut Energy Super Drink", "Super Drink", true, true, 1, 200},
               {"Protein Latte Super Drink", "Super Drink", true, true, 1, 210},
               {"Hazelnut Latte", "Classic Drinks", true, false, 1, 200},
               {"Lavender Oat Latte", "Classic Drinks", true, true, 1, 210},
               {"Butter Croissant", "Food", false, false, 2, 60},
               {"Chocolate Croissant", "Food", false, false, 1, 60},
               {"Blueberry Muffin", "Food", false, false, 1, 50},
               {"Egg Sandwich", "Food", false, false, 1, 120},
               {"Banana Bread", "Food", false, false, 1, 40}};
  int64_t id = 1;
  for (const auto& m : kMenu) {
    Product p;
    p.commodity_id = id++;
    p.name = m.name;
    p.category = m.category;
    p.drink = m.drink;
    p.iced = m.iced;
    p.popularity = m.popularity;
    p.prep_seconds = m.prep;
    p.sugar_level = m.drink ? 2 : 0;
    p.price_cents = 450;
    p.launched = Date::from_ymd(2025, 6, 1);
    p.retired = Date{INT32_MAX};
    world.sales.products.push_back(p);
  }
  world.start = opens[0];
}

// Orders of one day for every open store, in time order.
inline std::vector<sim::OrderEvent> ops_test_orders(const sim::World& world, Date day, double scale,
                                                    sim::Rng& rng, int64_t& next_id) {
  static const double kHour[24] = {0, 0, 0, 0, 0, 0, 2, 9, 12, 10, 6, 5, 7, 6, 4, 4, 4, 3, 2, 1, 0.5, 0, 0, 0};
  std::vector<double> hours(kHour, kHour + 24);
  std::vector<double> popularity;
  for (const auto& p : world.sales.products) popularity.push_back(p.popularity);
  std::vector<sim::OrderEvent> orders;
  for (size_t s = 0; s < world.sales.stores.size(); ++s) {
    const sim::Store& st = world.sales.stores[s];
    if (day < st.opened) continue;
    const double ramp = std::min(1.0, 0.4 + (day - st.opened) / 60.0);
    const double weekday = day.weekday() >= 5 ? 0.42 : 1.0;
    const int64_t n = rng.poisson(400 * scale * st.demand_weight * ramp * weekday);
    for (int64_t k = 0; k < n; ++k) {
      sim::OrderEvent o;
      o.order_id = next_id++;
      o.order_no = "OD" + std::to_string(1000000000 + o.order_id);
      o.store = static_cast<int>(s);
      o.tenant = st.tenant;
      o.currency = st.currency;
      o.channel = rng.chance(0.05) ? 3 : 2;
      o.paid = rng.chance(0.945);
      o.status = o.paid ? 40 : 50;
      const int hour = static_cast<int>(rng.weighted(hours));
      o.create_time = new_york_to_utc(day, hour, static_cast<int>(rng.range(0, 59)), static_cast<int>(rng.range(0, 59)));
      o.pay_time = o.paid ? o.create_time + 20 : Timestamp{};
      const int lines = rng.chance(0.15) ? 2 : 1;
      for (int l = 0; l < lines; ++l) {
        sim::OrderLine line;
        line.product = static_cast<int>(rng.weighted(popularity));
        const auto& p = world.sales.products[line.product];
        line.quantity = rng.chance(0.03) ? 2 : 1;
        line.cup_size = p.drink ? static_cast<int>(rng.weighted({0, 0.2, 0.6, 0.2})) : 0;
        line.temperature = p.drink ? (rng.chance(0.85) == p.iced ? 2 : 1) : 0;
        o.lines.push_back(line);
      }
      orders.push_back(std::move(o));
    }
  }
  std::stable_sort(orders.begin(), orders.end(),
                   [](const auto& a, const auto& b) { return a.create_time < b.create_time; });
  return orders;
}

// Runs the ops family alone over the synthetic company into a warehouse.
inline OpsTestRun run_ops_test_world(double scale, const std::string& path) {
  {
    OpsTestRun r;
    r.scale = scale;
    r.warehouse_path = path;
    sim::SimConfig config;
    config.scale = r.scale;
    config.seed = 11;
    std::unique_ptr<WarehouseWriter> writer = create_warehouse(r.warehouse_path);
    for (const TableDef& t : SchemaCatalog::builtin().tables()) writer->create_table(t);
    sim::World world;
    world.end = config.as_of;
    add_ops_test_world(world);
    auto out = std::make_unique<sim::SimOutput>(*writer);
    sim::Truth truth;
    sim::SimContext ctx{config, world, *out, truth};
    sim::build_ops_world(ctx);
    std::unique_ptr<sim::OrderObserver> observer = sim::make_ops_observer(ctx);
    sim::Rng rng(config.seed, "test/orders");
    int64_t next_id = 1;
    for (Date day = world.start; day < world.end; ++day) {
      for (const sim::OrderEvent& o : ops_test_orders(world, day, r.scale, rng, next_id)) {
        observer->on_order(o);
        if (o.paid) {
          ++r.paid_orders;
          for (const auto& l : o.lines) r.cups += l.quantity;
        }
      }
      observer->on_day_end(day);
    }
    observer->finish();
    sim::generate_ops(ctx);
    out->finish();
    for (const TableDef& t : SchemaCatalog::builtin().tables()) writer->create_indexes(t);
    out.reset();  // finalises the sinks' statements before the writer closes
    writer->set_meta("as_of", config.as_of.str());
    writer->commit();
    r.truth = truth.json();
    return r;
  }
}

// The scale-0.02 run the ops tests share (once per process).
inline const OpsTestRun& ops_test_run() {
  static const OpsTestRun run = run_ops_test_world(0.02, temp_dir() + "/ops.db");
  return run;
}

}  // namespace luckyhub::testing
