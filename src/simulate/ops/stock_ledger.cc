#include "simulate/ops/stock_ledger.h"

#include <algorithm>
#include <cstdio>

namespace luckyhub::sim::ops {
namespace {

const char* kWeekdayTables[7] = {"t_shop_goods_stock_change_mon", "t_shop_goods_stock_change_tue",
                                 "t_shop_goods_stock_change_wed", "t_shop_goods_stock_change_thu",
                                 "t_shop_goods_stock_change_fri", "t_shop_goods_stock_change_sat",
                                 "t_shop_goods_stock_change_sun"};
constexpr double kPaidOrders = 487497;  // calibration.md, at scale 1
// A receipt's labelled units (a bound for the rare huge emergency receipt).
constexpr int64_t kMaxUnitsPerReceipt = 400;

}  // namespace

std::string stock_ticket(const char* prefix, Date day, int64_t n) {
  int y, m, d;
  day.to_ymd(y, m, d);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s%04d%02d%02d%05lld", prefix, y, m, d, static_cast<long long>(n % 100000));
  return buf;
}

namespace {

int64_t round_up(int64_t qty, int64_t pack) { return pack <= 0 ? qty : (qty + pack - 1) / pack * pack; }

}  // namespace

StockLedger::StockLedger(SimContext& ctx)
    : ctx_(ctx),
      world_(ctx.world),
      ops_(ctx.world.ops),
      rng_(ctx.rng("ops/stock")),
      stocked_(static_cast<int>(ctx.world.ops.stocked_goods.size())),
      day_(ctx.world.start - 1) {
  const auto& stores = world_.sales.stores;
  const int n_stores = static_cast<int>(stores.size());
  positions_.resize(static_cast<size_t>(n_stores) * stocked_);
  orders_today_.assign(n_stores, 0);
  last_order_.assign(n_stores, "");
  for (int s = 0; s < n_stores; ++s) {
    int ledger = s;
    for (int t = 0; t < s; ++t)
      if (stores[t].shop_id == stores[s].shop_id) { ledger = t; break; }
    ledger_store_.push_back(ledger);
  }
  for (int w = 0; w < 7; ++w) sinks_[w] = &ctx.out.sink("luckyus_scm_shopstock", kWeekdayTables[w]);
  RowSink& s = *sinks_[0];
  c_shop_ = s.col("shop_id"), c_goods_ = s.col("goods_id"), c_type_ = s.col("change_type");
  c_qty_ = s.col("change_qty"), c_before_ = s.col("before_qty"), c_after_ = s.col("after_qty");
  c_date_ = s.col("biz_date"), c_ref_ = s.col("ref_no");
  c_id_ = s.col("id"), c_tenant_ = s.col("tenant"), c_create_ = s.col("create_time");
  c_update_ = s.col("update_time");

  // Expected use per order of each stocked goods, from the menu mix.
  std::vector<double> per_order(stocked_, 0.0);
  double popularity = 0;
  for (const Product& p : world_.sales.products) popularity += p.popularity;
  for (size_t pi = 0; pi < world_.sales.products.size(); ++pi) {
    const Product& p = world_.sales.products[pi];
    const int r = find_recipe(ops_, static_cast<int>(pi), 2, p.iced ? 2 : 1);
    if (r < 0 || popularity <= 0) continue;
    for (const RecipeLine& l : ops_.recipes[r].lines)
      per_order[ops_.goods[l.goods].stocked_index] += 1.15 * l.dosage_milli * p.popularity / popularity;
  }
  for (int g : ops_.order_packaging) per_order[ops_.goods[g].stocked_index] += kMilli;
  for (int g : ops_.stocked_goods) {
    const Goods& x = ops_.goods[g];
    if (x.daily_use_per_order_milli > 0) per_order[x.stocked_index] += x.daily_use_per_order_milli;
  }
  double weighted_days = 0;
  for (const Store& st : stores) weighted_days += st.demand_weight * std::max(0, world_.end - st.opened);
  initial_demand_.assign(static_cast<size_t>(n_stores) * stocked_, 0.0);
  for (int st = 0; st < n_stores; ++st) {
    const double orders_per_day =
        weighted_days > 0 ? ctx.scaled(kPaidOrders) * stores[st].demand_weight / weighted_days : 0;
    for (int g = 0; g < stocked_; ++g) initial_demand_[st * stocked_ + g] = per_order[g] * orders_per_day;
  }

  OpsHistory& h = ops_.history;
  h.days = std::max(0, world_.end - world_.start);
  h.consumption.assign(static_cast<size_t>(n_stores) * stocked_ * h.days, 0);
  h.orders_by_hour.assign(static_cast<size_t>(n_stores) * h.days * 24, 0);
  h.cups_by_hour.assign(h.orders_by_hour.size(), 0);
  h.received_by_goods_day.assign(static_cast<size_t>(stocked_) * h.days, 0);
  plant(ctx);
}

bool StockLedger::is_open(int store, Date day) const {
  return ledger_store_[store] == store && day >= world_.sales.stores[store].opened && day < world_.end;
}

// The smallest delivery: the goods' pack, shrunk with the scale so that a
// small run's stores (which sell scale x as much) keep a full-size store's
// pack-to-demand ratio (and waste), in whole stock units.
int64_t StockLedger::pack(int g) const {
  const double scaled = ops_.goods[ops_.stocked_goods[g]].pack_milli * std::min(1.0, ctx_.config.scale);
  return std::max<int64_t>(kMilli, std::llround(scaled / kMilli) * kMilli);
}

// A labelled unit: the goods' pack as a store receives it at scale 1. A
// smaller run's stores use less, so their receipts are often one part-unit.
int64_t StockLedger::unit_size(int g) const {
  return std::max<int64_t>(kMilli, ops_.goods[ops_.stocked_goods[g]].pack_milli);
}

int StockLedger::cycle_days(int g) const {
  const Goods& x = ops_.goods[ops_.stocked_goods[g]];
  if (x.shelf_life_days > 0 && x.shelf_life_days <= 7) return 1;
  if (x.shelf_life_days > 0 && x.shelf_life_days <= 21) return 1;
  return 2;
}

double StockLedger::safety_days(int g) const {
  const int cycle = cycle_days(g);
  const Goods& x = ops_.goods[ops_.stocked_goods[g]];
  return x.shelf_life_days > 0 && x.shelf_life_days <= 7 ? 1.6 : cycle == 1 ? 2.5 : 4.0;
}

void StockLedger::transfer(int from, int to, int g, int64_t qty, Timestamp t) {
  Position& p = pos(from, g);
  const Date day = new_york_date(t);
  const std::string ref = stock_ticket("TRF", day, change_id_ + 1);
  const int32_t expire = p.batches.empty() ? INT32_MAX : p.batches.front().expire_day;
  change(from, g, 6, -qty, t, ref);
  take_from_batches(p, qty, t, from, g, 2);
  change(to, g, 5, qty, t + 300, ref);
  Batch b;
  b.qty = b.received_qty = qty;
  b.received_day = b.production_day = day.days;
  b.expire_day = expire;
  b.seq = ++batch_seq_;
  b.received_at = b.last_change = t + 300;
  pos(to, g).batches.push_back(b);
}

int64_t StockLedger::change(int store, int g, int type, int64_t qty, Timestamp t, const std::string& ref) {
  Position& p = pos(store, g);
  const Store& shop = world_.sales.stores[store];
  const Date biz = new_york_date(t);
  RowSink& s = *sinks_[biz.weekday()];
  const int64_t id = ++change_id_;
  s.set_int(c_id_, id);
  s.set_text(c_tenant_, shop.tenant);
  s.set_text(c_create_, t.str());
  s.set_text(c_update_, t.str());
  s.set_int(c_shop_, shop.shop_id);
  s.set_int(c_goods_, ops_.goods[ops_.stocked_goods[g]].goods_id);
  s.set_int(c_type_, type);
  s.set_int(c_qty_, qty);
  s.set_int(c_before_, p.on_hand);
  p.on_hand += qty;
  s.set_int(c_after_, p.on_hand);
  s.set_text(c_date_, biz.str());
  if (!ref.empty()) s.set_text(c_ref_, ref);
  s.end_row();
  return id;
}

// A receipt is scanned unit by unit: every pack (carton, bottle, bag,
// sleeve) carries its own label, so it is a batch of its own
// (t_shop_goods_stock.batch_no); the packs come from one to six production
// runs, which give their production and expiry dates.
void StockLedger::receive(int store, int g, int64_t qty, Timestamp t, Date day) {
  const int goods = ops_.stocked_goods[g];
  const Goods& x = ops_.goods[goods];
  change(store, g, 2, qty, t, latest_shipment_for(ops_, goods, day));
  Position& p = pos(store, g);
  const int64_t unit = unit_size(g);
  const int64_t units = std::clamp<int64_t>((qty + unit - 1) / unit, 1, kMaxUnitsPerReceipt);
  const int runs = static_cast<int>(std::clamp<int64_t>(1 + rng_.poisson(2.5), 1, std::min<int64_t>(6, units)));
  int64_t left = qty;
  int32_t run_day = day.days;
  for (int64_t k = 0; k < units; ++k) {
    Batch b;
    b.qty = k + 1 == units ? left : std::min(left, unit);
    left -= b.qty;
    b.received_qty = b.qty;
    b.received_day = day.days;
    const int run = static_cast<int>(k * runs / units);
    if (k == 0 || run != static_cast<int>((k - 1) * runs / units))
      run_day = day.days - static_cast<int>(rng_.range(0, std::max(0, x.shelf_life_days / 6))) - run;
    b.production_day = run_day;
    if (x.shelf_life_days > 0) b.expire_day = b.production_day + x.shelf_life_days;
    b.seq = ++batch_seq_;
    b.received_at = b.last_change = t;
    p.batches.push_back(b);
  }
  const int d = day - world_.start;
  if (d >= 0 && d < ops_.history.days) ops_.history.received_by_goods_day[static_cast<size_t>(g) * ops_.history.days + d] += qty;
}

// Takes qty out of the oldest batches; emptied batches close with `status`.
void StockLedger::take_from_batches(Position& p, int64_t qty, Timestamp t, int store, int g, int status) {
  while (qty > 0 && !p.batches.empty()) {
    Batch& b = p.batches.front();
    const int64_t take = std::min(qty, b.qty);
    b.qty -= take;
    qty -= take;
    b.last_change = t;
    if (b.qty == 0) {
      closed_.push_back({static_cast<int16_t>(store), static_cast<int16_t>(g), static_cast<int8_t>(status), b});
      p.batches.erase(p.batches.begin());
    }
  }
}

void StockLedger::consume(int store, int g, int64_t qty, Timestamp t, const std::string& ref) {
  Position& p = pos(store, g);
  if (!p.started) {
    // A goods the menu mix did not foresee at this shop: stocked from its first use.
    p.started = true;
    p.demand = static_cast<double>(qty);
    p.next_delivery = new_york_date(t).days + 1;
  }
  if (p.on_hand < qty) {
    // Not enough on hand: an emergency delivery before the consumption. A
    // planted stock-out gets only the shortfall.

    const Date day = new_york_date(t);
    const bool planted = day.days >= p.suppress_from;
    const int64_t need = qty - p.on_hand;
    receive(store, g, planted ? need + std::llround(0.35 * p.demand)
                                : round_up(need + std::llround(p.demand), pack(g)),
            t + -60, day);
  }
  change(store, g, 1, -qty, t, ref);
  take_from_batches(p, qty, t, store, g, 2);
  p.today += qty;
}

void StockLedger::on_order(const OrderEvent& order) {
  if (!order.paid || stocked_ == 0) return;
  const Timestamp paid = order.pay_time.seconds ? order.pay_time : order.create_time;
  const Date day = new_york_date(paid);
  ensure_day(std::max(day, day_));
  const int store = ledger_store_[order.store];
  const int d = day - world_.start;
  int cups = 0, drinks = 0;
  const Timestamp t = paid + 45;
  for (const OrderLine& line : order.lines) {
    const Product& p = world_.sales.products[line.product];
    const int r = find_recipe(ops_, line.product, line.cup_size ? line.cup_size : 2,
                              line.temperature ? line.temperature : (p.iced ? 2 : 1));
    const int q = std::max(1, line.quantity);
    cups += q;
    drinks += p.drink ? q : 0;
    if (r < 0) continue;
    for (const RecipeLine& l : ops_.recipes[r].lines)
      consume(store, ops_.goods[l.goods].stocked_index, l.dosage_milli * q, t, order.order_no);
  }
  for (int g : ops_.order_packaging) {
    const Goods& x = ops_.goods[g];
    if (x.name == "Paper Bag Small" && cups < 2 && order.channel != 3) continue;
    consume(store, x.stocked_index, kMilli, t, order.order_no);
  }
  ++orders_today_[store];
  last_order_[store] = order.order_no;
  if (d >= 0 && d < ops_.history.days) {
    const size_t k = (static_cast<size_t>(order.store) * ops_.history.days + d) * 24 + new_york_hour(paid);
    ++ops_.history.orders_by_hour[k];
    ops_.history.cups_by_hour[k] += cups;
  }
}

void StockLedger::on_day_end(Date day) {
  if (day < day_ || stocked_ == 0) return;
  ensure_day(day);
  if (!day_closed_) {
    end_of_day(day_);
    day_closed_ = true;
  }
}

void StockLedger::ensure_day(Date day) {
  while (day_ < day) {
    if (!day_closed_) end_of_day(day_);
    ++day_;
    start_of_day(day_);
    day_closed_ = false;
  }
}

void StockLedger::start_of_day(Date day) {
  const int n_stores = static_cast<int>(world_.sales.stores.size());
  for (int s = 0; s < n_stores; ++s) {
    if (!is_open(s, day)) continue;
    orders_today_[s] = 0;
    for (int g = 0; g < stocked_; ++g) {
      Position& p = pos(s, g);
      if (!p.started) {
        p.demand = initial_demand_[s * stocked_ + g];
        if (p.demand <= 0) continue;
        p.started = true;
        p.next_delivery = day.days;
      }
      if (day.days < p.next_delivery || day.days >= p.suppress_from || day.weekday() == 6) continue;

      const int cycle = cycle_days(g);
      const int64_t target = std::llround((cycle + safety_days(g)) * p.demand);
      p.next_delivery = day.days + cycle;
      if (target - p.on_hand <= std::llround(0.15 * cycle * p.demand)) continue;
      receive(s, g, round_up(target - p.on_hand, pack(g)), at_local(day, rng_.uniform(4.5, 5.5)), day);
    }
  }
}

void StockLedger::end_of_day(Date day) {
  const int n_stores = static_cast<int>(world_.sales.stores.size());
  const int d = day - world_.start;
  for (int s = 0; s < n_stores; ++s) {
    if (!is_open(s, day)) continue;
    // Consumables used through the day.
    if (orders_today_[s] > 0) {
      const std::string ref = stock_ticket("USE", day, world_.sales.stores[s].shop_id);
      for (int g = 0; g < stocked_; ++g) {
        const Goods& x = ops_.goods[ops_.stocked_goods[g]];
        if (x.daily_use_per_order_milli <= 0) continue;
        const int64_t qty = x.daily_use_per_order_milli * (orders_today_[s] + 15);
        consume(s, g, qty, at_local(day, 23.0 + 0.0002 * g), ref);
      }
    }
    // Planted anomalies of the day.
    for (const Anomaly& a : anomalies_) {
      if (a.store != s || a.day != day) continue;
      Position& p = pos(s, a.goods);
      if (!p.started || p.demand <= 0) continue;
      const Goods& x = ops_.goods[ops_.stocked_goods[a.goods]];
      int64_t qty = std::max<int64_t>(round_up(std::llround(rng_.uniform(6, 12) * p.demand), 1), pack(a.goods));
      // A waste spike goes beyond what could have expired: the stock older
      // than half its shelf life (and a day's use, which the start of the
      // day still held), so the old stock never explains it away.
      if (a.kind == 2 && x.shelf_life_days > 0) {
        const int32_t young_from = day.days - (x.shelf_life_days + 1) / 2;
        for (const Batch& b : p.batches) qty += b.received_day < young_from ? b.qty : 0;
        qty += std::llround(2 * p.demand);
      }
      const Timestamp t = at_local(day, rng_.uniform(23.1, 23.3));
      if (p.on_hand < qty) receive(s, a.goods, round_up(qty - p.on_hand + std::llround(2 * p.demand), pack(a.goods)), t + -3600, day);
      const int type = a.kind == 2 ? 3 : 1;
      const std::string ref = a.kind == 0 ? (last_order_[s].empty() ? stock_ticket("MAN", day, s) : last_order_[s])
                              : stock_ticket(a.kind == 1 ? "MAN" : "WST", day, change_id_ + 1);
      const int64_t id = change(s, a.goods, type, -qty, t, ref);
      take_from_batches(p, qty, t, s, a.goods, 2);
      static const char* kKinds[] = {"data_entry", "theft", "waste_spike"};
      ctx_.truth.add_id("consumption_anomaly", id);
      ctx_.truth.add_item("consumption_anomaly",
                          {{"id", id}, {"table", std::string("luckyus_scm_shopstock.") + kWeekdayTables[day.weekday()]},
                           {"shop_id", world_.sales.stores[s].shop_id}, {"goods_id", x.goods_id},
                           {"biz_date", day.str()}, {"kind", kKinds[a.kind]}, {"change_type", type},
                           {"change_qty", static_cast<double>(-qty) / kMilli},
                           {"typical_daily_qty", std::round(p.demand) / kMilli}});
    }
    for (int g = 0; g < stocked_; ++g) {
      Position& p = pos(s, g);
      if (!p.started) continue;
      // Expired perishables are written off.
      for (size_t i = 0; i < p.batches.size();) {
        Batch& b = p.batches[i];
        if (b.expire_day <= day.days && b.qty > 0) {
          const Timestamp t = at_local(day, 23.5 + 0.001 * i);
          change(s, g, 3, -b.qty, t, stock_ticket("WST", day, change_id_ + 1));
          b.qty = 0;
          b.last_change = t;
          closed_.push_back({static_cast<int16_t>(s), static_cast<int16_t>(g), 3, b});
          p.batches.erase(p.batches.begin() + static_cast<long>(i));
        } else {
          ++i;
        }
      }
      // The weekly count, unit by unit, over the weekend (stock_count.cc).
      if (counted_on(g, day)) count_units(s, g, at_local(day, 23.6), day);
      // Smoothed demand and the day's history.
      p.demand = 0.85 * p.demand + 0.15 * static_cast<double>(p.today);
      if (d >= 0 && d < ops_.history.days)
        ops_.history.consumption[(static_cast<size_t>(s) * stocked_ + g) * ops_.history.days + d] = p.today;
      p.today = 0;
    }
  }
  // Now and then a shop lends stock to another or returns a damaged pack,
  // after every shop's day is closed.
  for (int s = 0; s < n_stores; ++s) {
    if (!is_open(s, day)) continue;
    if (rng_.chance(0.03)) {
      const int g = static_cast<int>(rng_.range(0, stocked_ - 1));
      const int other = static_cast<int>(rng_.range(0, n_stores - 1));
      Position& p = pos(s, g);
      if (other != s && is_open(other, day) && pos(other, g).started &&
          pos(other, g).suppress_from == INT32_MAX && p.on_hand > 4 * p.demand && p.demand > 0) {
        transfer(s, other, g, std::max<int64_t>(1, std::llround(p.demand)), at_local(day, 23.75));
      }
    } else if (rng_.chance(0.01)) {
      const int g = static_cast<int>(rng_.range(0, stocked_ - 1));
      Position& p = pos(s, g);
      const int64_t damaged = pack(g);
      if (p.started && p.on_hand > damaged + 3 * p.demand) {
        const Timestamp t = at_local(day, 23.85);
        change(s, g, 7, -damaged, t, stock_ticket("RTN", day, change_id_ + 1));
        take_from_batches(p, damaged, t, s, g, 2);
      }
    }
  }
}

}  // namespace luckyhub::sim::ops
