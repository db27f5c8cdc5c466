// Internals of the sales generator family (src/simulate/sales/), shared by its
// files and nobody else. The order generator works in three steps:
//   1. plan   — every order of the run, compact, in memory (order_plan.cc),
//   2. tune   — anomalies, tips, prices and payment channels calibrated on the
//               whole plan (calibrate.cc, channels.cc, anomalies.cc),
//   3. emit   — rows written and observers called in time order (emit.cc).
// A plan at scale 1 is ~516K orders and ~602K lines: ~60 MB.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "simulate/context.h"
#include "simulate/order_event.h"

namespace luckyhub::sim {

extern const char* const kCategories[8];

// Calibration targets at scale 1 (docs/simulator/calibration.md).
inline constexpr int64_t kPaidUsdOrders = 466252;
inline constexpr int64_t kPaidNzdOrders = 21245;
inline constexpr int64_t kUnpaidUsdOrders = 27400;
inline constexpr int64_t kUnpaidNzdOrders = 1150;
inline constexpr int64_t kCustomers = 275000;
inline constexpr int64_t kCouponTemplates = 1262;
inline constexpr int64_t kIncomeTaxRateE5 = 8875;  // NY State + NYC + MCTD
inline constexpr int64_t kNzGstRateE5 = 15000;
// App deals never take a drink other than the ICL below this unit price (or
// beyond 45% off), so the ICL keeps the lowest average paid price.
inline constexpr int32_t kDealFloorCents = 300;

// Per channel (in kChannels order, see catalog.cc): calibrated USD trades.
struct ChannelTarget {
  int channel_id;
  int64_t trades;
  int64_t revenue_cents;
};
extern const ChannelTarget kChannelTargets[11];

void build_stores(SalesWorld& sales);
void build_products(SalesWorld& sales);
void build_channels(SalesWorld& sales);
void build_customers(SimContext& ctx);
void build_coupon_templates(SimContext& ctx);

// ---- the plan ----

enum OrderFlag : uint32_t {
  kNoTrade = 1u << 0,          // recon_order_without_trade: payment trade lost
  kAmountMismatch = 1u << 1,   // recon_amount_mismatch: trade amount off
  kCurrencyLeak = 1u << 2,     // recon_currency_leak: NZD trade booked as LKUS/USD
  kCurrencyMismatch = 1u << 3, // currency_mismatch: LKUS order in a foreign currency
  kUnknownTenantItem = 1u << 4,
  kUnknownTenantAmount = 1u << 5,
  kOrphanTrade = 1u << 6,      // recon_trade_without_order: the order row is not written
};

enum TaxFlag : uint8_t { kTaxOk = 0, kTaxMissing = 1, kTaxWrongRate = 2, kTaxWrongAmount = 3 };

struct PlannedLine {
  int32_t product = 0;
  int8_t quantity = 1;
  int8_t cup_size = 2;
  int8_t temperature = 1;
  int8_t sugar = 0;
  int32_t origin_cents = 0;  // unit list price
  int32_t sale_cents = 0;    // unit price after all discounts
  int32_t tax_rate_e5 = 0;
  int32_t tax_cents = 0;
  int32_t coupon_unit_cents = 0;  // part of the unit discount that is the coupon
  uint8_t tax_flag = kTaxOk;
  // Its tax_info, the rate split by jurisdiction: 0 New York's three, 1 MCTD
  // left out, 2 MCTD's share booked to the state (the rate and the tax are right).
  uint8_t tax_info_variant = 0;
  int32_t tax_delta = 0;  // for kTaxWrongAmount
};

struct PlannedOrder {
  Timestamp create_time;
  int32_t customer = -1;
  int16_t store = 0;
  int8_t channel = 2;     // t_order.channel
  int8_t status = 40;
  bool nz = false;        // LKNZ test order
  uint8_t currency = 0;   // index into kCurrencies
  uint32_t flags = 0;
  uint32_t line_begin = 0;
  uint16_t line_count = 0;
  int16_t pay_delay_s = 0;   // pay_time - create_time
  int32_t coupon_template = -1;
  int32_t coupon_cents = 0;
  int32_t activity_cents = 0;
  int32_t delivery_fee_cents = 0;
  int32_t tip_cents = 0;
  int32_t origin_cents = 0;
  int32_t tax_cents = 0;
  int32_t pay_cents = 0;
  int32_t balance_cents = 0;    // split tender: part paid from stored balance (channel 91)
  int32_t tip_delay_s = 0;      // tip charged this long after payment
  int32_t mismatch_cents = 0;   // kAmountMismatch: trade amount - pay
  int8_t pay_channel = -1;      // index into SalesWorld::channels of the main charge
  // t_order_amount.tax_amount minus the items' tax (0: they agree); negated
  // at emit when it would make the order's tax negative.
  int8_t amount_tax_delta = 0;

  bool paid() const { return status == 20 || status == 30 || status == 40 || status == 60; }
};

extern const char* const kCurrencies[5];  // USD, NZD, CAD, EUR, GBP

struct SalesPlan {
  std::vector<PlannedOrder> orders;  // sorted by create_time
  std::vector<PlannedLine> lines;
  std::vector<Date> days;            // [start, end)
  std::vector<Date> pinned;          // days whose paid USD count is a catalog figure
};

// Step 1: every order, with lines, list prices, promotions and coupons.
SalesPlan plan_orders(SimContext& ctx);
// Step 2: anomalies that change money (tax, currencies), then money, tips,
// revenue calibration and payment channels.
void describe_sales_anomalies(Truth& truth);
void plant_order_anomalies(SimContext& ctx, SalesPlan& plan);
void compute_money(SalesPlan& plan, PlannedOrder& order);
void calibrate_money(SimContext& ctx, SalesPlan& plan);
void assign_payment_channels(SimContext& ctx, SalesPlan& plan);
// Step 3.
void emit_sales(SimContext& ctx, SalesPlan& plan, const std::vector<OrderObserver*>& observers);

// Master and calendar tables.
void write_shops(SimContext& ctx);
void write_commodities(SimContext& ctx);
void write_user_channels(SimContext& ctx);
void write_cost_bills(SimContext& ctx, const SalesPlan& plan);

// The pool the payment-fees tool counts: tenant LKUS, trade_type 1, status 20.
int64_t channel_fee_cents(const PaymentChannel& channel, int64_t amount_cents);

}  // namespace luckyhub::sim
