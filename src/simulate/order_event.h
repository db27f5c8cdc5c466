// One order as the order generator made it, handed to every OrderObserver so
// that production, coupons, customers and stock follow from the same orders
// without a second pass over the warehouse. Orders arrive in time order.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/calendar.h"

namespace luckyhub::sim {

struct OrderLine {
  int64_t item_id = 0;   // t_order_item.id
  int product = 0;       // index into SalesWorld::products
  int quantity = 1;
  int64_t origin_price_cents = 0;  // unit list price
  int64_t sale_price_cents = 0;    // unit price charged before coupon
  int64_t pay_cents = 0;           // line total after discounts, before tax
  int64_t tax_cents = 0;
  int cup_size = 2;      // 0 food, 1 small, 2 medium, 3 large
  int temperature = 1;   // 0 food, 1 hot, 2 iced
  int sugar_level = 0;   // 0 no sugar .. 3 extra
};

struct OrderEvent {
  int64_t order_id = 0;
  std::string order_no;
  int64_t user_no = 0;
  int customer = -1;  // index into SalesWorld::customers
  int store = 0;      // index into SalesWorld::stores
  int64_t shop_id = 0;
  std::string tenant;
  std::string currency;
  int channel = 2;    // t_order.channel
  int order_type = 1; // 1 pickup, 2 delivery
  int status = 0;     // t_order.status
  bool paid = false;  // pay_time set: statuses 20, 30, 40 and 60 (60 = paid, then refunded)
  Timestamp create_time;
  Timestamp pay_time;  // when paid
  Timestamp complete_time;  // status 40: picked up / delivered (else 0)
  Timestamp cancel_time;    // status 50 / 60 (else 0)
  std::vector<OrderLine> lines;
  int64_t origin_cents = 0;         // list price total
  int64_t activity_deduct_cents = 0;
  int64_t delivery_fee_cents = 0;
  int64_t tip_cents = 0;
  int64_t pay_cents = 0;            // what the customer paid, tax included
  int64_t tax_cents = 0;
  int coupon_template = -1;         // index into MarketingWorld::coupon_templates (paid orders only)
  int64_t coupon_deduct_cents = 0;
};

class OrderObserver {
 public:
  virtual ~OrderObserver() = default;
  virtual void on_order(const OrderEvent& order) = 0;
  // Called once after the last order of each New York business day.
  virtual void on_day_end(Date /*day*/) {}
  // Called once after all orders.
  virtual void finish() {}
};

}  // namespace luckyhub::sim
