// What the marketing family remembers of the orders: each customer's paid
// orders in time order (16 bytes each), per-customer product tallies, and
// every coupon redemption. Filled by the marketing observer while the sales
// family generates orders, then read by generate_marketing to derive CRM
// timelines, CDP segments, labels, coupon ROI and experiment outcomes from the
// same behaviour the order tables show.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "simulate/context.h"

namespace luckyhub::sim {

struct PaidOrder {
  uint32_t time = 0;       // pay (or create) time, UTC seconds
  int32_t pay_cents = 0;   // paid, tax included
  int32_t customer = -1;
  uint8_t store = 0;
  uint8_t channel = 0;     // t_order.channel
  uint8_t flags = 0;       // PaidOrder::k*
  uint8_t ny_hour = 0;

  static constexpr uint8_t kCoupon = 1;
  static constexpr uint8_t kWeekend = 2;
  static constexpr uint8_t kDelivery = 4;
  static constexpr uint8_t kMostlyIced = 8;
};

// The catalog's eight product categories, in this order.
constexpr int kCategories = 8;
extern const char* const kCategoryNames[kCategories];

struct CustomerTally {
  uint16_t category_items[kCategories] = {};
  uint16_t iced_cups = 0;
  uint16_t hot_cups = 0;
};

struct Redemption {
  int32_t template_index = 0;
  int32_t customer = -1;
  uint32_t time = 0;
  int32_t pay_cents = 0;
  int32_t deduct_cents = 0;
};

class OrderLedger {
 public:
  explicit OrderLedger(size_t customers);

  // During the order stream.
  void add_paid(const PaidOrder& order, const std::string& order_no);
  void add_lines(int customer, const CustomerTally& lines);
  void add_redemption(const Redemption& r) { redemptions_.push_back(r); }
  uint64_t next_coupon_seq() { return ++coupon_seq_; }
  // Groups the paid orders by customer (stable: time order is kept).
  void finish();

  // After finish().
  std::span<const PaidOrder> orders_of(int customer) const {
    return {orders_.data() + offsets_[customer], orders_.data() + offsets_[customer + 1]};
  }
  size_t paid_orders() const { return orders_.size(); }
  const CustomerTally& tally(int customer) const { return tallies_[customer]; }
  const std::string& first_order_no(int customer) const { return first_order_no_[customer]; }
  const std::string& second_order_no(int customer) const { return second_order_no_[customer]; }
  const std::vector<Redemption>& redemptions() const { return redemptions_; }
  uint64_t coupon_seq() const { return coupon_seq_; }

  // Rows written to t_coupon_record so far (its next id is this + 1).
  int64_t coupon_record_rows = 0;

 private:
  std::vector<PaidOrder> orders_;
  std::vector<uint32_t> offsets_;
  std::vector<CustomerTally> tallies_;
  std::vector<std::string> first_order_no_, second_order_no_;
  std::vector<Redemption> redemptions_;
  uint64_t coupon_seq_ = 0;
};

// The instant a customer registered: their registration day at a time of day
// derived from their user_no (so CRM, CDP and coupons agree without storing it).
Timestamp registration_time(const Customer& customer);

// Coupon numbers, unique across t_coupon_record and t_coupon_record_expired.
constexpr uint64_t kCouponNoBase = 10000000;

}  // namespace luckyhub::sim
