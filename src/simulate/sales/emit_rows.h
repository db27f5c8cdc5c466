// Row writers of the order and payment tables (emit_rows.cc): one place that
// knows the columns, the number formats and the money identities of
// t_order, t_order_item, t_order_amount, t_trade and t_channel_fee.
#pragma once

#include <cstdint>
#include <string>

#include "simulate/sales/sales_internal.h"

namespace luckyhub::sim {

struct TradeRef {
  std::string tenant, currency;
};

struct TradeRow {
  int64_t id = 0;
  std::string trade_no;
};

// t_order_amount.tax_amount of an order: its items' tax, unless planted off
// (PlannedOrder::amount_tax_delta).
int64_t amount_tax_cents(const PlannedOrder& o);

class SalesRows {
 public:
  explicit SalesRows(SimContext& ctx);

  std::string order_no(bool nz, Date day, int64_t order_id) const;
  // An order number in a range t_order never uses (recon_trade_without_order).
  std::string orphan_order_no(Date day, int64_t seq) const;

  void write_order(const PlannedOrder& o, const OrderEvent& ev);
  void write_item(const PlannedOrder& o, const OrderEvent& ev, const PlannedLine& l, const OrderLine& line,
                  const std::string& tenant);
  void write_amount(const PlannedOrder& o, const OrderEvent& ev, const std::string& tenant);
  // trade_type 1 payment / 2 refund; status 10/20/30/40. pay_time only for 20.
  TradeRow write_trade(const OrderEvent& ev, const PaymentChannel& ch, int type, int status, int64_t cents,
                       Timestamp at, const std::string& origin_trade_no, const std::string& tenant,
                       const std::string& currency);
  // The Stripe fee of a successful payment; returns total_fee in cents.
  int64_t write_fee(const OrderEvent& ev, const PaymentChannel& ch, const TradeRow& trade, int64_t cents, Date day,
                    const std::string& tenant, const std::string& currency);

 private:
  SimContext& ctx_;
  RowSink &order_, &item_, &amount_, &trade_, &fee_;
  int64_t trade_id_ = 0, fee_id_ = 0;
};

}  // namespace luckyhub::sim
