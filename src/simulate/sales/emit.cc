// Step 3 of the order generator: the plan written out in time order — t_order,
// t_order_item, t_order_amount, t_trade, t_channel_fee, t_acc_income_bill —
// with every order handed to the observers, the planted anomalies recorded
// with the ids of their rows, and the exact figures set in the manifest.
#include <array>
#include <map>

#include "core/money.h"
#include "simulate/progress.h"
#include "simulate/sales/emit_rows.h"
#include "simulate/sales/income_bills.h"
#include "simulate/sales/pool.h"

namespace luckyhub::sim {
namespace {

struct ChannelFigures {
  int64_t trades = 0, revenue = 0, fees = 0;
};

class Emitter {
 public:
  Emitter(SimContext& ctx, SalesPlan& plan, const std::vector<OrderObserver*>& observers)
      : ctx_(ctx), plan_(plan), observers_(observers), rows_(ctx), book_(ctx, plan.days),
        rng_(ctx.rng("sales/emit")) {}

  void run() {
    Progress progress("orders", plan_.orders.size());
    size_t next_day = 0;
    for (PlannedOrder& o : plan_.orders) {
      const Date day = new_york_date(o.create_time);
      while (next_day < plan_.days.size() && plan_.days[next_day] < day) end_day(plan_.days[next_day++]);
      emit(o, day);
      progress.advance();
    }
    while (next_day < plan_.days.size()) end_day(plan_.days[next_day++]);
    progress.done();
    for (OrderObserver* obs : observers_) obs->finish();
    set_figures();
  }

 private:
  void emit(PlannedOrder& o, Date day) {
    const Store& store = ctx_.world.sales.stores[o.store];
    const std::string tenant = o.nz ? "LKNZ" : "LKUS";
    const std::string currency = kCurrencies[o.currency];
    const bool orphan = (o.flags & kOrphanTrade) != 0;
    const Timestamp pay_time = o.create_time + o.pay_delay_s;
    OrderEvent ev;
    ev.order_id = orphan ? 0 : ++order_id_;
    ev.order_no = orphan ? rows_.orphan_order_no(day, ++orphan_seq_) : rows_.order_no(o.nz, day, ev.order_id);
    ev.customer = o.customer;
    ev.user_no = ctx_.world.sales.customers[o.customer].user_no;
    ev.store = o.store;
    ev.shop_id = store.shop_id;
    ev.tenant = tenant;
    ev.currency = currency;
    ev.channel = o.channel;
    ev.order_type = o.channel == 3 ? 2 : 1;
    ev.status = o.status;
    ev.paid = o.paid();
    ev.create_time = o.create_time;
    if (ev.paid) ev.pay_time = pay_time;
    fill_times(o, ev);
    ev.origin_cents = o.origin_cents;
    ev.activity_deduct_cents = o.activity_cents;
    ev.delivery_fee_cents = o.delivery_fee_cents;
    ev.tip_cents = o.tip_cents;
    ev.pay_cents = o.pay_cents;
    ev.tax_cents = o.tax_cents;
    ev.coupon_template = o.paid() ? o.coupon_template : -1;
    ev.coupon_deduct_cents = o.paid() ? o.coupon_cents : 0;
    for (uint32_t i = 0; i < o.line_count; ++i) {
      const PlannedLine& l = plan_.lines[o.line_begin + i];
      OrderLine line;
      line.item_id = orphan ? 0 : ++item_id_;
      line.product = l.product;
      line.quantity = l.quantity;
      line.origin_price_cents = l.origin_cents;
      line.sale_price_cents = l.sale_cents + l.coupon_unit_cents;
      line.pay_cents = static_cast<int64_t>(l.sale_cents) * l.quantity;
      line.tax_cents = l.tax_cents;
      line.cup_size = l.cup_size;
      line.temperature = l.temperature;
      line.sugar_level = l.sugar;
      ev.lines.push_back(line);
    }
    if (!orphan) {
      rows_.write_order(o, ev);
      for (uint32_t i = 0; i < o.line_count; ++i) write_item(o, ev, i);
      rows_.write_amount(o, ev, (o.flags & kUnknownTenantAmount) ? "LKUS " : tenant);
      if (o.flags & kUnknownTenantAmount) {
        ctx_.truth.add_item("unknown_tenant", {{"table", "luckyus_sales_order.t_order_amount"},
                                               {"id", ev.order_id}, {"tenant", "LKUS "}});
      }
      if (o.amount_tax_delta != 0) {
        ctx_.truth.add_id("tax_order_amount_off", ev.order_id);
        ctx_.truth.add_item("tax_order_amount_off",
                            {{"order_no", ev.order_no}, {"day", new_york_date(ev.pay_time).str()},
                             {"items_tax_cents", o.tax_cents}, {"amount_tax_cents", amount_tax_cents(o)}});
      }
      record_order_truth(o, ev, day);
      for (OrderObserver* obs : observers_) obs->on_order(ev);
      ++orders_total_;
      if (ev.paid && !o.nz && o.currency == 0) ++paid_usd_;
      if (ev.paid && o.nz) ++paid_nz_;
    }
    write_trades(o, ev, day);
  }

  void fill_times(const PlannedOrder& o, OrderEvent& ev) {
    const Timestamp pay = o.create_time + o.pay_delay_s;
    if (o.status == 40) {
      double prep = 0;
      for (uint32_t i = 0; i < o.line_count; ++i) {
        prep = std::max(prep, ctx_.world.sales.products[plan_.lines[o.line_begin + i].product].prep_seconds);
      }
      int64_t s = static_cast<int64_t>(prep * (1 + 0.25 * (o.line_count - 1))) + rng_.range(60, 600);
      if (o.channel == 3) s += rng_.range(900, 2100);
      ev.complete_time = pay + s;
    } else if (o.status == 50) {
      ev.cancel_time = o.create_time + rng_.range(60, 900);
    } else if (o.status == 60) {
      ev.cancel_time = pay + rng_.range(120, 1200);
    }
  }

  void write_item(const PlannedOrder& o, const OrderEvent& ev, uint32_t i) {
    const PlannedLine& l = plan_.lines[o.line_begin + i];
    const OrderLine& line = ev.lines[i];
    const bool odd_tenant = (o.flags & kUnknownTenantItem) && i == 0;
    rows_.write_item(o, ev, l, line, odd_tenant ? "lkus" : ev.tenant);
    if (odd_tenant) {
      ctx_.truth.add_item("unknown_tenant",
                          {{"table", "luckyus_sales_order.t_order_item"}, {"id", line.item_id}, {"tenant", "lkus"}});
    }
    if (o.paid() && o.nz) {  // the NZ test tenant's GST, inside its prices
      ++nz_paid_items_;
      nz_sales_cents_ += line.pay_cents;
      nz_gst_cents_ += l.tax_cents;
    }
    if (!o.paid() || o.nz || o.currency != 0) return;
    tax_expected_ += mul_div_round(line.pay_cents, kIncomeTaxRateE5, 100000);
    tax_collected_ += l.tax_cents;
    ++paid_usd_items_;
    static const char* const kinds[] = {"", "tax_missing", "tax_wrong_rate", "tax_wrong_amount"};
    if (l.tax_flag != kTaxOk) ctx_.truth.add_id(kinds[l.tax_flag], line.item_id);
    if (l.tax_info_variant != 0) ctx_.truth.add_id("tax_info_wrong", line.item_id);
  }

  void record_order_truth(const PlannedOrder& o, const OrderEvent& ev, Date day) {
    if (o.nz) ctx_.truth.add_id("nzd_test_order", ev.order_id);
    if (o.flags & kCurrencyMismatch) {
      ctx_.truth.add_id("currency_mismatch", ev.order_id);
      ctx_.truth.add_item("currency_mismatch",
                          {{"order_id", ev.order_id}, {"shop_id", ev.shop_id}, {"currency_code", ev.currency}});
    }
    if (o.flags & kNoTrade) {
      ctx_.truth.add_id("recon_order_without_trade", ev.order_id);
      ctx_.truth.add_item("recon_order_without_trade", {{"day", day.str()}, {"shop_id", ev.shop_id},
                                                        {"order_id", ev.order_id}, {"order_no", ev.order_no},
                                                        {"order_cents", o.pay_cents}, {"tax_cents", o.tax_cents}});
    }
  }

  void write_trades(const PlannedOrder& o, const OrderEvent& ev, Date day) {
    const auto& channels = ctx_.world.sales.channels;
    const PaymentChannel& ch = channels[o.pay_channel];
    const Timestamp pay = ev.pay_time;
    if (!o.paid()) {
      if (o.status == 50 && rng_.chance(0.4)) rows_.write_trade(ev, ch, 1, 40, o.pay_cents, ev.create_time + 20, {}, ev.tenant, ev.currency);
      if (o.status == 10 && rng_.chance(0.5)) rows_.write_trade(ev, ch, 1, 10, o.pay_cents, ev.create_time + 5, {}, ev.tenant, ev.currency);
      return;
    }
    if (rng_.chance(0.02)) {
      rows_.write_trade(ev, channels[rng_.weighted(shares())], 1, 30, o.pay_cents, ev.create_time + 2, {}, ev.tenant,
                        ev.currency);
    }
    if (o.flags & kNoTrade) return;
    const bool leak = (o.flags & kCurrencyLeak) != 0;
    TradeRef main;
    main.tenant = leak ? "LKUS" : ev.tenant;
    main.currency = leak ? "USD" : ev.currency;
    const int64_t main_cents = main_trade_cents(o);
    const TradeRow main_row = paid_trade(ev, ch, main_cents, pay, o.tax_cents, main, day);
    const std::string& main_no = main_row.trade_no;
    if (o.balance_cents > 0) paid_trade(ev, channels[kBalanceIndex], o.balance_cents, pay, 0, main, day);
    if (o.tip_cents > 0) paid_trade(ev, ch, o.tip_cents, pay + o.tip_delay_s, 0, main, day);
    if (o.status == 60) {
      const int64_t refund = o.pay_cents;
      rows_.write_trade(ev, ch, 2, 20, refund, ev.cancel_time, main_no, main.tenant, main.currency);
      book_.add(ev.shop_id, new_york_hour(ev.cancel_time), ch.channel_id, 2, sales_source(ev), main.tenant, main.currency, -refund,
                -o.tax_cents);
    }
    const nlohmann::json where = {{"day", day.str()}, {"shop_id", ev.shop_id}};
    if (o.flags & kOrphanTrade) {
      nlohmann::json item = where;
      item.update({{"trade_id", main_row.id}, {"trade_no", main_no}, {"order_no", ev.order_no}, {"trade_cents", main_cents},
                   {"tax_cents", o.tax_cents}});
      ctx_.truth.add_id("recon_trade_without_order", main_row.id);
      ctx_.truth.add_item("recon_trade_without_order", item);
    }
    if (o.flags & kAmountMismatch) {
      nlohmann::json item = where;
      item.update({{"order_no", ev.order_no}, {"trade_no", main_no}, {"order_cents", o.pay_cents}, {"trade_cents", main_cents}});
      ctx_.truth.add_id("recon_amount_mismatch", main_row.id);
      ctx_.truth.add_item("recon_amount_mismatch", item);
    }
    if (leak) {
      ctx_.truth.add_id("recon_currency_leak", main_row.id);
      nlohmann::json leak = where;
      leak["tax_cents"] = o.tax_cents;  // booked into the LKUS/USD bill with the payment
      pending_leaks_.push_back({leak, ev.order_no, main_no, main_cents, new_york_hour(pay), ch.channel_id, sales_source(ev)});
    }
  }

  // A successful payment trade: its row, its fee, its bill and the figures.
  TradeRow paid_trade(const OrderEvent& ev, const PaymentChannel& ch, int64_t cents, Timestamp at, int64_t tax,
                      const TradeRef& ref, Date day) {
    const TradeRow row = rows_.write_trade(ev, ch, 1, 20, cents, at, {}, ref.tenant, ref.currency);
    const int64_t fee = rows_.write_fee(ev, ch, row, cents, day, ref.tenant, ref.currency);
    book_.add(ev.shop_id, new_york_hour(at), ch.channel_id, 1, sales_source(ev), ref.tenant, ref.currency, cents, tax);
    if (ref.tenant == "LKUS" && ref.currency == "USD") {  // what payment-fees counts
      ChannelFigures& f = figures_[ch.channel_id];
      f.trades += 1;
      f.revenue += cents;
      f.fees += fee;
    }
    return row;
  }

  const std::vector<double>& shares() {
    if (shares_.empty()) for (const PaymentChannel& c : ctx_.world.sales.channels) shares_.push_back(c.share);
    return shares_;
  }

  void end_day(Date day) {
    book_.flush(day);
    for (const PendingLeak& p : pending_leaks_) {
      nlohmann::json item = p.where;
      item.update({{"order_no", p.order_no}, {"trade_no", p.trade_no}, {"amount_cents", p.cents},
                   {"bill_no", book_.bill_no_of(p.where["shop_id"].get<int64_t>(), p.hour, p.channel_id, 1, p.source, "LKUS", "USD")}});
      ctx_.truth.add_item("recon_currency_leak", item);
    }
    pending_leaks_.clear();
    for (OrderObserver* obs : observers_) obs->on_day_end(day);
  }

  void set_figures() {
    Truth& t = ctx_.truth;
    t.set_figure("paid_orders_usd", paid_usd_);
    t.set_figure("paid_orders_nzd", paid_nz_);
    t.set_figure("orders_total", orders_total_);
    t.set_figure("order_items_total", item_id_);
    t.set_figure("paid_usd_items", paid_usd_items_);
    t.set_figure("tax_expected_cents", tax_expected_);
    t.set_figure("tax_collected_cents", tax_collected_);
    t.set_figure("nz_gst", {{"paid_items", nz_paid_items_},
                            {"sales_incl_gst_cents", nz_sales_cents_},
                            {"gst_cents", nz_gst_cents_}});
    int64_t trades = 0, revenue = 0, fees = 0;
    nlohmann::json channels = nlohmann::json::object();
    for (const auto& [id, f] : figures_) {
      trades += f.trades;
      revenue += f.revenue;
      fees += f.fees;
      channels[std::to_string(id)] = {{"trades", f.trades}, {"revenue_cents", f.revenue}, {"fee_cents", f.fees}};
    }
    t.set_figure("trades_usd", trades);
    t.set_figure("trade_revenue_usd_cents", revenue);
    t.set_figure("fees_usd_cents", fees);
    t.set_figure("channels", channels);
    t.set_figure("days_covered", static_cast<int64_t>(plan_.days.size()));
  }

  struct PendingLeak {
    nlohmann::json where;
    std::string order_no, trade_no;
    int64_t cents;
    int hour, channel_id, source;
  };

  // The income bill's sales source: delivery-platform orders (t_order.channel 3) are booked apart.
  static int sales_source(const OrderEvent& ev) { return ev.channel == 3 ? 2 : 1; }

  SimContext& ctx_;
  SalesPlan& plan_;
  const std::vector<OrderObserver*>& observers_;
  SalesRows rows_;
  IncomeBook book_;
  Rng rng_;
  std::vector<double> shares_;
  std::vector<PendingLeak> pending_leaks_;
  std::map<int, ChannelFigures> figures_;
  int64_t order_id_ = 0, item_id_ = 0, orphan_seq_ = 0;
  int64_t orders_total_ = 0, paid_usd_ = 0, paid_nz_ = 0, paid_usd_items_ = 0;
  int64_t tax_expected_ = 0, tax_collected_ = 0;
  int64_t nz_paid_items_ = 0, nz_sales_cents_ = 0, nz_gst_cents_ = 0;
};

}  // namespace

void emit_sales(SimContext& ctx, SalesPlan& plan, const std::vector<OrderObserver*>& observers) {
  Emitter(ctx, plan, observers).run();
}

}  // namespace luckyhub::sim
