// The simulated company before any transaction happens: stores, products,
// payment channels, customers, coupon templates, machines and goods. Built
// once per run from the seed (build_*_world), then read by every generator.
//
// Sections are owned by the generator family that builds them: SalesWorld
// (sales/), MarketingWorld (marketing/), OpsWorld (ops/). A family may add
// fields to its own section; others only read them.
#pragma once

#include <array>
#include <climits>
#include <cstdint>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "simulate/marketing/marketing_world.h"
#include "simulate/ops/ops_world.h"

namespace luckyhub::sim {

struct Store {
  int64_t shop_id = 0;
  std::string shop_no;   // "US00001"
  std::string name;      // "Luckin Coffee 8th Ave & 37th St"
  std::string address;
  std::string tenant = "LKUS";
  std::string currency = "USD";
  std::string timezone = "America/New_York";
  bool test_store = false;  // the NZ test tenant's store: not one of the 10
  Date opened;
  double demand_weight = 1.0;  // relative size of its customer base
  int shop_type = 1;           // 1 pickup, 2 flagship with seating, 3 kiosk
  std::string city = "New York";
  std::string state = "NY";
  std::string zip_code;
  double latitude = 0, longitude = 0;
};

struct Product {
  int64_t commodity_id = 0;  // luckyus_scm_commodity.t_commodity_base_info id, = spu_id in orders
  std::string name;          // "Iced Coconut Latte"
  std::string category;      // one of the catalog's eight categories
  int64_t price_cents = 0;   // list price
  bool drink = true;
  bool iced = false;
  int sugar_level = 0;       // as documented in the schema
  double popularity = 1.0;   // relative order weight
  double prep_seconds = 200; // mean production time
  Date launched;             // not orderable before
  Date retired{INT32_MAX};   // not orderable from (Date{INT32_MAX} when active)
  std::string commodity_no;  // "SPU1001"
  int category_id = 0;       // 1..8, t_commodity_category.id in catalog order
  int calories = 0;          // kcal, default size
  int caffeine_mg = 0;
  char nutrition_grade = 'B';
};

struct PaymentChannel {
  int channel_id = 0;        // 53, 6, 51, ...
  std::string name;          // "Apple Pay"
  double share = 0;          // of transactions
  int64_t percent_fee_e6 = 0;  // fee rate in millionths of the amount (1.75% = 17500)
  int64_t fixed_fee_cents = 0; // per transaction
  bool card = false;           // a card channel (has a brand and last 4 digits)
};

struct Customer {
  int64_t user_no = 0;
  Date registered;            // New York date of registered_at
  Timestamp registered_at;    // before the customer's first order
  int origin_channel = 2;     // registration source, in t_order.channel codes
  int home_store = 0;         // index into SalesWorld::stores
  double orders_per_week = 0; // habit; 0 for customers who never order
  int preferred_channel = 0;  // index into SalesWorld::channels
  std::vector<int> favourite_products;  // indexes into SalesWorld::products
  Date churned{INT32_MAX};    // stops ordering from this day (Date{INT32_MAX} if never)
  std::array<float, 3> taste{};  // latent taste: iced, sweet, coffee (sales/tastes.h)
};

struct SalesWorld {
  std::vector<Store> stores;  // production stores first, then test stores (shop_id = index + 1)
  // Signed but not yet open at the as-of date: only in t_shop_info (status
  // 1), no customer, order or schedule (sales/preparing_store.h).
  std::vector<Store> preparing;
  std::vector<Product> products;
  std::vector<PaymentChannel> channels;
  std::vector<Customer> customers;
};



struct World {
  Date start;  // first store's opening day
  Date end;    // the as-of date: data covers [start, end)
  SalesWorld sales;
  MarketingWorld marketing;
  OpsWorld ops;
};

}  // namespace luckyhub::sim
