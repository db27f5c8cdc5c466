// The marketing family's order observer: writes the used coupon record of
// every order that redeemed a coupon (so t_coupon_record reconciles with
// t_order_amount.coupon_deduct) and fills the OrderLedger with what later
// marketing tables derive from.
#include <algorithm>

#include "simulate/generators.h"
#include "simulate/marketing/order_ledger.h"
#include "simulate/marketing/text_format.h"

namespace luckyhub::sim {
namespace {

class MarketingObserver : public OrderObserver {
 public:
  explicit MarketingObserver(SimContext& ctx)
      : ctx_(ctx),
        ledger_(*ctx.world.marketing.ledger),
        rng_(ctx.rng("marketing/used-coupons")),
        sink_(ctx.out.sink("luckyus_sales_marketing", "t_coupon_record")) {
    for (const Product& p : ctx.world.sales.products) {
      int category = 0;
      for (int i = 0; i < kCategories; ++i) {
        if (p.category == kCategoryNames[i]) category = i;
      }
      product_category_.push_back(category);
    }
    c_id_ = sink_.col("id");
    c_tenant_ = sink_.col("tenant");
    c_coupon_no_ = sink_.col("coupon_no");
    c_template_ = sink_.col("template_id");
    c_user_ = sink_.col("user_no");
    c_status_ = sink_.col("status");
    c_receive_ = sink_.col("receive_time");
    c_expire_ = sink_.col("expire_time");
    c_use_ = sink_.col("use_time");
    c_order_no_ = sink_.col("order_no");
    c_deduct_ = sink_.col("deduct_amount");
    c_create_ = sink_.col("create_time");
    c_update_ = sink_.col("update_time");
  }

  void on_order(const OrderEvent& order) override {
    if (order.coupon_template >= 0) write_used_coupon(order);
    if (!order.paid || order.customer < 0) return;
    const Timestamp when = order.pay_time.seconds > 0 ? order.pay_time : order.create_time;
    PaidOrder paid;
    paid.time = static_cast<uint32_t>(when.seconds);
    paid.pay_cents = static_cast<int32_t>(order.pay_cents);
    paid.customer = order.customer;
    paid.store = static_cast<uint8_t>(order.store);
    paid.channel = static_cast<uint8_t>(order.channel);
    paid.ny_hour = static_cast<uint8_t>(new_york_hour(when));
    if (order.coupon_template >= 0) paid.flags |= PaidOrder::kCoupon;
    if (new_york_date(when).weekday() >= 5) paid.flags |= PaidOrder::kWeekend;
    if (order.channel == 3) paid.flags |= PaidOrder::kDelivery;
    CustomerTally lines;
    const std::vector<Product>& products = ctx_.world.sales.products;
    for (const OrderLine& line : order.lines) {
      const uint16_t q = static_cast<uint16_t>(std::clamp(line.quantity, 0, 100));
      const size_t p = static_cast<size_t>(line.product);
      if (p >= products.size()) continue;
      lines.category_items[product_category_[p]] += q;
      if (products[p].drink) (products[p].iced ? lines.iced_cups : lines.hot_cups) += q;
    }
    if (lines.iced_cups > lines.hot_cups) paid.flags |= PaidOrder::kMostlyIced;
    ledger_.add_paid(paid, order.order_no);
    ledger_.add_lines(order.customer, lines);
    if (order.coupon_template >= 0) {
      ledger_.add_redemption({order.coupon_template, order.customer, paid.time,
                              paid.pay_cents, static_cast<int32_t>(order.coupon_deduct_cents)});
    }
  }

  void finish() override { ledger_.finish(); }

 private:
  // The coupon was received some time within its validity before the order.
  void write_used_coupon(const OrderEvent& order) {
    const CouponTemplate& t =
        ctx_.world.marketing.coupon_templates[static_cast<size_t>(order.coupon_template)];
    const int64_t use = order.create_time.seconds;
    const int64_t validity = int64_t{t.valid_days} * 86400;
    int64_t receive = use - static_cast<int64_t>(rng_.uniform(0.02, 0.9) * static_cast<double>(validity));
    if (order.customer >= 0) {
      const Customer& c = ctx_.world.sales.customers[static_cast<size_t>(order.customer)];
      receive = std::max(receive, registration_time(c).seconds);
    }
    if (receive >= use) receive = use - 60;
    const int64_t id = ++ledger_.coupon_record_rows;
    sink_.set_int(c_id_, id);
    sink_.set_text(c_tenant_, order.tenant);
    sink_.set_text(c_coupon_no_, number_("C", kCouponNoBase + ledger_.next_coupon_seq()));
    sink_.set_int(c_template_, t.template_id);
    sink_.set_text(c_user_, number_("", static_cast<uint64_t>(order.user_no)));
    sink_.set_int(c_status_, 2);
    sink_.set_text(c_receive_, utc_(receive));
    sink_.set_text(c_create_, utc_(receive));
    sink_.set_text(c_expire_, utc_(receive + validity));
    sink_.set_text(c_use_, utc_(use));
    sink_.set_text(c_update_, utc_(use));
    sink_.set_text(c_order_no_, order.order_no);
    sink_.set_int(c_deduct_, order.coupon_deduct_cents);
    sink_.end_row();
  }

  SimContext& ctx_;
  OrderLedger& ledger_;
  Rng rng_;
  RowSink& sink_;
  std::vector<int> product_category_;
  UtcText utc_;
  NumberText number_;
  int c_id_, c_tenant_, c_coupon_no_, c_template_, c_user_, c_status_, c_receive_, c_expire_,
      c_use_, c_order_no_, c_deduct_, c_create_, c_update_;
};

}  // namespace

std::unique_ptr<OrderObserver> make_marketing_observer(SimContext& ctx) {
  ctx.world.marketing.ledger = std::make_shared<OrderLedger>(ctx.world.sales.customers.size());
  return std::make_unique<MarketingObserver>(ctx);
}

}  // namespace luckyhub::sim
