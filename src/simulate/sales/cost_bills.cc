// luckyus_ifiaccounting.t_acc_cost_bill: booked costs. Per store and trading
// day: raw materials (about 28% of the day's sales) and labour in three
// shifts; per store weekly packaging and monthly rent, utilities and machine
// maintenance; company level daily payment processing fees (exactly the fees
// of the day's LKUS/USD payments in t_channel_fee, by fee_date) and delivery
// commissions (22% of the day's paid USD delivery orders, by the New York day
// of pay_time, rounded to the cent), weekly marketing. The count is
// ctx.scaled(5,649): labour shift bills are sampled to reach it (the other
// bills are always booked). A few rows carry a stray tenant ('LKUS '), never
// a fee or commission bill. Three days' fee bills break (the manifest's
// recon_fee_booking, from their own stream "sales/fee-breaks"): booked twice,
// not booked, booked a few cents off.
#include <algorithm>
#include <map>
#include <set>

#include "core/money.h"
#include "simulate/sales/pool.h"

namespace luckyhub::sim {
namespace {

struct Bill {
  Date day;
  int64_t shop_id;  // 0 = company level
  int cost_type;
  int64_t cents;
  bool optional;
};

// The fee-booking breaks: one day's fee bill booked twice, one day's not
// booked, one day's off by a few cents (always more than the report's
// default tolerance of 1 cent).
struct FeeBreaks {
  int duplicate = -1, missing = -1, off = -1;  // Date::days, -1 none
  int64_t off_cents = 0;
};

// Three distinct days whose fee bill is posted (not the last day) and not
// zero, drawn from their own stream so that no other row moves.
FeeBreaks plan_fee_breaks(SimContext& ctx, const SalesPlan& plan, const std::map<int, int64_t>& fees_by_day) {
  Rng rng = ctx.rng("sales/fee-breaks");
  std::vector<int> days;
  for (const Date d : plan.days) {
    const auto it = fees_by_day.find(d.days);
    if (d + 1 < ctx.world.end && it != fees_by_day.end() && it->second > 0) days.push_back(d.days);
  }
  FeeBreaks b;
  if (days.size() < 3) return b;
  for (size_t i = 0; i < 3; ++i) std::swap(days[i], days[i + rng.range(0, static_cast<int64_t>(days.size()) - 1 - i)]);
  b.duplicate = days[0];
  b.missing = days[1];
  b.off = days[2];
  const int64_t cents[] = {2, 3, 5, 7, 11, 13, 17, 19};
  b.off_cents = cents[rng.range(0, 7)] * (rng.chance(0.5) ? 1 : -1);
  return b;
}

}  // namespace

int64_t channel_fee_cents(const PaymentChannel& channel, int64_t amount_cents) {
  return channel.fixed_fee_cents + mul_div_round(amount_cents, channel.percent_fee_e6, 1000000);
}

void write_cost_bills(SimContext& ctx, const SalesPlan& plan) {
  ctx.truth.describe("recon_fee_booking", "luckyus_ifiaccounting.t_acc_cost_bill",
                     "a day's payment-processing fee bill (cost_type 3, company level, LKUS/USD, posted) booked "
                     "twice (duplicate_fee_bill: ids = the copy), not booked (fee_bill_missing) or booked a few "
                     "cents off the day's t_channel_fee fees (fee_bill_mismatch: ids = the bill); items {day, "
                     "kind, booked_cents (null: none), expected_cents}");
  const SalesWorld& sales = ctx.world.sales;
  Rng rng = ctx.rng("sales/cost-bills");
  std::map<std::pair<int, int64_t>, int64_t> sales_by_store_day;  // (day, shop) -> USD cents
  std::map<int, int64_t> fees_by_day, delivery_by_day;
  for (const PlannedOrder& o : plan.orders) {
    if (!o.paid()) continue;
    const Date day = new_york_date(o.create_time);
    if (!o.nz) sales_by_store_day[{day.days, sales.stores[o.store].shop_id}] += o.pay_cents;
    // Delivery sales as t_order holds them: USD orders whose row is written.
    if (!o.nz && o.currency == 0 && o.channel == 3 && (o.flags & kOrphanTrade) == 0) {
      delivery_by_day[new_york_date(o.create_time + o.pay_delay_s).days] += o.pay_cents;
    }
    // The fees of the LKUS/USD payments: USD orders' and the leaked NZ
    // orders' (written LKUS/USD), not those of orders in another currency.
    if (!in_pool(o) || (!o.nz && o.currency != 0)) continue;
    const PaymentChannel& ch = sales.channels[o.pay_channel];
    int64_t fee = channel_fee_cents(ch, main_trade_cents(o));
    if (o.tip_cents > 0) fee += channel_fee_cents(ch, o.tip_cents);
    if (o.balance_cents > 0) fee += channel_fee_cents(sales.channels[kBalanceIndex], o.balance_cents);
    fees_by_day[day.days] += fee;
  }
  const FeeBreaks breaks = plan_fee_breaks(ctx, plan, fees_by_day);
  std::vector<std::pair<int, int64_t>> missing;  // (day, the fees not booked)
  std::vector<Bill> bills;
  for (Date d : plan.days) {
    for (const Store& s : sales.stores) {
      if (s.test_store || d < s.opened) continue;
      const int64_t day_sales = sales_by_store_day[{d.days, s.shop_id}];
      bills.push_back({d, s.shop_id, 1, day_sales * 28 / 100 + rng.range(0, 5000), false});
      for (int shift = 0; shift < 3; ++shift) bills.push_back({d, s.shop_id, 5, rng.range(28000, 72000), true});
      if (d.weekday() == 0) bills.push_back({d, s.shop_id, 2, rng.range(15000, 45000), false});
      if (d.day_of_month() == 1 || d == s.opened) {
        bills.push_back({d, s.shop_id, 4, rng.range(2500000, 4800000), false});
        bills.push_back({d, s.shop_id, 6, rng.range(150000, 320000), false});
        bills.push_back({d, s.shop_id, 7, rng.range(40000, 160000), false});
      }
    }
    if (d.days == breaks.missing) {
      missing.push_back({d.days, fees_by_day[d.days]});
    } else {
      bills.push_back({d, 0, 3, fees_by_day[d.days] + (d.days == breaks.off ? breaks.off_cents : 0), false});
      if (d.days == breaks.duplicate) bills.push_back(bills.back());
    }
    if (delivery_by_day[d.days] > 0) bills.push_back({d, 0, 9, mul_div_round(delivery_by_day[d.days], 22, 100), false});
    if (d.weekday() == 0) bills.push_back({d, 0, 8, rng.range(200000, 900000), false});
    if (d.day_of_month() == 15) bills.push_back({d, 0, 99, rng.range(50000, 400000), false});
  }
  // Sample labour shifts down to the calibrated count.
  const int64_t target = ctx.scaled(5649);
  std::vector<size_t> optional;
  for (size_t i = 0; i < bills.size(); ++i) {
    if (bills[i].optional) optional.push_back(i);
  }
  std::vector<bool> keep(bills.size(), true);
  const int64_t drop = std::clamp<int64_t>(static_cast<int64_t>(bills.size()) - target, 0, optional.size());
  for (int64_t k = 0; k < drop; ++k) {
    const size_t j = k + rng.range(0, static_cast<int64_t>(optional.size()) - 1 - k);
    std::swap(optional[k], optional[j]);
    keep[optional[k]] = false;
  }
  RowSink& sink = ctx.out.sink("luckyus_ifiaccounting", "t_acc_cost_bill");
  const int64_t odd = std::max<int64_t>(1, ctx.scaled(3));
  int64_t id = 0, odd_written = 0;
  bool stray_due = false;
  std::set<int> duplicate_seen;
  const int64_t kept = static_cast<int64_t>(bills.size()) - drop;
  const int64_t odd_every = std::max<int64_t>(1, kept / odd);
  for (size_t i = 0; i < bills.size(); ++i) {
    if (!keep[i]) continue;
    const Bill& b = bills[i];
    ++id;
    // A stray tenant in the middle of each stretch of odd_every bills, on the
    // next store-level bill when its turn falls on a company-level one (the
    // fees and commissions stay LKUS).
    if (odd_written < odd && (id + odd_every / 2) % odd_every == 0) stray_due = true;
    const bool stray = stray_due && b.shop_id != 0;
    if (stray) stray_due = false;
    const std::string tenant = stray ? "LKUS " : "LKUS";
    char no[40];
    std::snprintf(no, sizeof no, "CB%04d%02d%02d%07lld", b.day.year(), b.day.month(), b.day.day_of_month(),
                  static_cast<long long>(id));
    const Timestamp created = new_york_to_utc(b.day + 1, 3, 0, 0);
    const bool posted = b.day + 1 < ctx.world.end;
    RowSink& s = sink;
    s.set_int(s.col("id"), id);
    s.set_text(s.col("tenant"), tenant);
    s.set_text(s.col("bill_no"), no);
    if (b.shop_id) s.set_int(s.col("shop_id"), b.shop_id);
    else s.set_null(s.col("shop_id"));
    s.set_text(s.col("biz_date"), b.day.str());
    s.set_int(s.col("cost_type"), b.cost_type);
    s.set_null(s.col("supplier_id"));
    s.set_text(s.col("source_ref"), std::string("AUTO-") + no);
    s.set_int(s.col("amount"), b.cents);
    s.set_text(s.col("currency_code"), "USD");
    s.set_int(s.col("status"), posted ? 20 : 10);
    if (posted) s.set_text(s.col("post_time"), new_york_to_utc(b.day + 2, 9, 0, 0).str());
    else s.set_null(s.col("post_time"));
    s.set_text(s.col("create_time"), created.str());
    s.set_text(s.col("update_time"), created.str());
    s.end_row();
    if (b.cost_type == 3 && b.day.days == breaks.duplicate && !duplicate_seen.insert(b.day.days).second) {
      ctx.truth.add_id("recon_fee_booking", id);
      ctx.truth.add_item("recon_fee_booking", {{"day", b.day.str()}, {"kind", "duplicate_fee_bill"},
                                               {"booked_cents", 2 * b.cents}, {"expected_cents", b.cents}});
    }
    if (b.cost_type == 3 && b.day.days == breaks.off) {
      ctx.truth.add_id("recon_fee_booking", id);
      ctx.truth.add_item("recon_fee_booking", {{"day", b.day.str()}, {"kind", "fee_bill_mismatch"},
                                               {"booked_cents", b.cents}, {"expected_cents", b.cents - breaks.off_cents}});
    }
    if (stray) {
      ++odd_written;
      ctx.truth.add_item("unknown_tenant", {{"table", "luckyus_ifiaccounting.t_acc_cost_bill"}, {"id", id},
                                            {"tenant", tenant}, {"day", b.day.str()}, {"amount_cents", b.cents}});
    }
  }
  for (const auto& [day, cents] : missing) {
    ctx.truth.add_item("recon_fee_booking", {{"day", Date{day}.str()}, {"kind", "fee_bill_missing"},
                                             {"booked_cents", nullptr}, {"expected_cents", cents}});
  }
}

}  // namespace luckyhub::sim
