#include "simulate/sales/emit_rows.h"

#include <cstdio>

#include "core/money.h"

namespace luckyhub::sim {
namespace {

std::string digits(Date day) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", day.year(), day.month(), day.day_of_month());
  return buf;
}

// Sets a column by name; the sinks' column lookups are cheap next to SQLite.
struct Row {
  RowSink& s;
  Row& i(const char* c, int64_t v) { s.set_int(s.col(c), v); return *this; }
  Row& t(const char* c, const std::string& v) { s.set_text(s.col(c), v); return *this; }
  Row& ts(const char* c, Timestamp v) {
    if (v.seconds == 0) s.set_null(s.col(c));
    else s.set_text(s.col(c), v.str());
    return *this;
  }
  void end() { s.end_row(); }
};

std::string tax_info(const PlannedLine& l, bool nz) {
  if (nz) return R"({"NZ_GST":0.15000})";
  if (l.tax_rate_e5 == kIncomeTaxRateE5) {
    if (l.tax_info_variant == 1) return R"({"NY_STATE":0.04000,"NYC":0.04500})";
    if (l.tax_info_variant == 2) return R"({"NY_STATE":0.04375,"NYC":0.04500})";
    return R"({"NY_STATE":0.04000,"NYC":0.04500,"MCTD":0.00375})";
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, R"({"US_DEFAULT":%d.%05d})", l.tax_rate_e5 / 100000, l.tax_rate_e5 % 100000);
  return buf;
}

}  // namespace

SalesRows::SalesRows(SimContext& ctx)
    : ctx_(ctx),
      order_(ctx.out.sink("luckyus_sales_order", "t_order")),
      item_(ctx.out.sink("luckyus_sales_order", "t_order_item")),
      amount_(ctx.out.sink("luckyus_sales_order", "t_order_amount")),
      trade_(ctx.out.sink("luckyus_sales_payment", "t_trade")),
      fee_(ctx.out.sink("luckyus_sales_payment", "t_channel_fee")) {}

std::string SalesRows::order_no(bool nz, Date day, int64_t order_id) const {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s%s%010lld", nz ? "NZ" : "US", digits(day).c_str(), static_cast<long long>(order_id));
  return buf;
}

std::string SalesRows::orphan_order_no(Date day, int64_t seq) const {
  char buf[40];
  std::snprintf(buf, sizeof buf, "US%s99%08lld", digits(day).c_str(), static_cast<long long>(seq));
  return buf;
}

void SalesRows::write_order(const PlannedOrder& o, const OrderEvent& ev) {
  Timestamp updated = ev.create_time;
  for (Timestamp t : {ev.pay_time, ev.complete_time, ev.cancel_time}) updated = std::max(updated, t);
  int64_t items = 0;
  for (const OrderLine& l : ev.lines) items += l.quantity;
  Row{order_}
      .i("id", ev.order_id).t("tenant", ev.tenant).t("order_no", ev.order_no)
      .t("user_no", std::to_string(ev.user_no)).i("shop_id", ev.shop_id).i("channel", ev.channel)
      .i("order_type", ev.order_type).i("status", ev.status).t("currency_code", ev.currency)
      .i("origin_money", o.origin_cents).i("discount_money", o.coupon_cents + o.activity_cents)
      .i("pay_money", o.pay_cents).i("item_count", items)
      .ts("pay_time", ev.pay_time).ts("complete_time", ev.complete_time).ts("cancel_time", ev.cancel_time)
      .ts("create_time", ev.create_time).ts("update_time", updated)
      .end();
}

void SalesRows::write_item(const PlannedOrder& o, const OrderEvent& ev, const PlannedLine& l, const OrderLine& line,
                           const std::string& tenant) {
  const Product& p = ctx_.world.sales.products[l.product];
  Row{item_}
      .i("id", line.item_id).t("tenant", tenant).i("order_id", ev.order_id).t("order_no", ev.order_no)
      .i("spu_id", p.commodity_id).t("spu_name", p.name).t("category", p.category)
      .i("cup_size", l.cup_size).i("temperature", l.temperature).i("sugar_level", l.sugar)
      .i("quantity", l.quantity).i("origin_price", l.origin_cents).i("sale_price", l.sale_cents)
      .i("pay_money", line.pay_cents).i("tax_rate", l.tax_rate_e5).i("tax", l.tax_cents)
      .t("tax_info", tax_info(l, o.nz))
      .ts("create_time", ev.create_time).ts("update_time", ev.create_time)
      .end();
}

int64_t amount_tax_cents(const PlannedOrder& o) {
  const int64_t off = o.tax_cents + o.amount_tax_delta;
  return off >= 0 ? off : o.tax_cents - o.amount_tax_delta;
}

void SalesRows::write_amount(const PlannedOrder& o, const OrderEvent& ev, const std::string& tenant) {
  Row{amount_}
      .i("id", ev.order_id).t("tenant", tenant).i("order_id", ev.order_id).t("order_no", ev.order_no)
      .t("currency_code", ev.currency).i("origin_amount", o.origin_cents).i("coupon_deduct", o.coupon_cents)
      .i("activity_deduct", o.activity_cents).i("delivery_fee", o.delivery_fee_cents).i("tip_amount", o.tip_cents)
      .i("tax_amount", amount_tax_cents(o)).i("gst_amount", o.nz ? o.tax_cents : 0).i("vat_amount", 0)
      .i("pay_amount", o.pay_cents)
      .ts("create_time", ev.create_time).ts("update_time", ev.create_time)
      .end();
}

TradeRow SalesRows::write_trade(const OrderEvent& ev, const PaymentChannel& ch, int type, int status, int64_t cents,
                                Timestamp at, const std::string& origin_trade_no, const std::string& tenant,
                                const std::string& currency) {
  TradeRow row;
  row.id = ++trade_id_;
  const Date day = new_york_date(at);
  char no[40];
  std::snprintf(no, sizeof no, "T%s%010lld", digits(day).c_str(), static_cast<long long>(row.id));
  row.trade_no = no;
  char out[40];
  std::snprintf(out, sizeof out, "%s_%016llx", type == 1 ? "pi" : "re",
                static_cast<unsigned long long>(hash64(row.trade_no) ^ ctx_.config.seed));
  Row r{trade_};
  r.i("id", row.id).t("tenant", tenant).t("trade_no", row.trade_no).t("order_no", ev.order_no)
      .t("user_no", std::to_string(ev.user_no)).i("shop_id", ev.shop_id).i("channel_id", ch.channel_id)
      .i("trade_type", type).i("trade_status", status).i("amount", cents).t("currency_code", currency)
      .t("out_trade_no", out);
  if (origin_trade_no.empty()) trade_.set_null(trade_.col("origin_trade_no"));
  else r.t("origin_trade_no", origin_trade_no);
  r.ts("pay_time", status == 20 ? at : Timestamp{}).ts("create_time", status == 20 ? at + (-2) : at)
      .ts("update_time", at).end();
  return row;
}

int64_t SalesRows::write_fee(const OrderEvent& ev, const PaymentChannel& ch, const TradeRow& trade, int64_t cents,
                             Date day, const std::string& tenant, const std::string& currency) {
  const int64_t merchant = mul_div_round(cents, ch.percent_fee_e6, 1000000);
  const int64_t transaction = ch.fixed_fee_cents;
  const Timestamp at = new_york_to_utc(day, 23, 0, 0);
  Row{fee_}
      .i("id", ++fee_id_).t("tenant", tenant).t("trade_no", trade.trade_no).t("order_no", ev.order_no)
      .i("channel_id", ch.channel_id).t("currency_code", currency).i("amount", cents)
      .i("transaction_fee", transaction).i("merchant_service_fee", merchant).i("total_fee", transaction + merchant)
      .t("fee_date", day.str()).ts("create_time", at).ts("update_time", at)
      .end();
  return transaction + merchant;
}

}  // namespace luckyhub::sim
