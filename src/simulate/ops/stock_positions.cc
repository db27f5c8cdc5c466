// StockLedger's planted anomalies and its end: the as-of checks on every
// shop x goods and t_shop_goods_stock.
//
// t_shop_goods_stock holds every batch with stock at as-of (their stock_qty
// sums to the last after_qty of the shop and goods) plus the most recently
// closed batches (used up or expired), so that the table holds about
// 150K x scale rows: it is calendar-driven, and history is what shrinks.
#include <algorithm>
#include <cstdio>

#include "simulate/ops/stock_ledger.h"

namespace luckyhub::sim::ops {
namespace {

constexpr double kBatchesAtScale1 = 150000;

}  // namespace

void StockLedger::plant(SimContext& ctx) {
  ctx.truth.describe("stockout_risk", "luckyus_scm_shopstock.t_shop_goods_stock",
                     "shop x goods heading for a stock-out at as-of: deliveries stopped in the "
                     "last week, on hand under half a day of consumption and under safety stock");
  ctx.truth.describe("consumption_anomaly", "luckyus_scm_shopstock.t_shop_goods_stock_change_*",
                     "consumption spikes (data-entry error, theft, waste spike) of at least 6x "
                     "a typical day (typical_daily_qty); ids are change-row ids, unique across the seven weekday tables");
  const int n_stores = static_cast<int>(world_.sales.stores.size());
  std::vector<int> stores;
  for (int s = 0; s < n_stores; ++s) {
    const Store& st = world_.sales.stores[s];
    if (!st.test_store && ledger_store_[s] == s && world_.end - st.opened >= 30) stores.push_back(s);
  }
  if (stores.empty() || stocked_ == 0) return;
  // The goods a store uses most.
  auto top_goods = [&](int s, int n) {
    std::vector<int> g(stocked_);
    for (int i = 0; i < stocked_; ++i) g[i] = i;
    std::stable_sort(g.begin(), g.end(), [&](int a, int b) {
      return initial_demand_[s * stocked_ + a] > initial_demand_[s * stocked_ + b];
    });
    g.resize(std::min(n, stocked_));
    return g;
  };
  // Stock-outs: four shop x goods (different shops when there are enough).
  for (int k = 0; k < 4; ++k) {
    const int s = stores[(k * 3 + rng_.range(0, 2)) % stores.size()];
    const std::vector<int> top = top_goods(s, 30);
    const int g = top[rng_.range(0, static_cast<int64_t>(top.size()) - 1)];
    Position& p = pos(s, g);
    if (initial_demand_[s * stocked_ + g] <= 0 || p.suppress_from != INT32_MAX) continue;
    p.suppress_from = (world_.end - (cycle_days(g) + static_cast<int>(safety_days(g)) + 4)).days;
  }
  // Consumption anomalies spread over history, on other shop x goods.
  const int64_t count = std::max<int64_t>(6, ctx.scaled(45));
  for (int64_t i = 0; i < count; ++i) {
    const int s = stores[rng_.range(0, static_cast<int64_t>(stores.size()) - 1)];
    const std::vector<int> top = top_goods(s, 40);
    const int g = top[rng_.range(0, static_cast<int64_t>(top.size()) - 1)];
    if (pos(s, g).suppress_from != INT32_MAX || initial_demand_[s * stocked_ + g] <= 0) {
      --i;
      continue;
    }
    const Date first = world_.sales.stores[s].opened + 10;
    const Date day = first + static_cast<int>(rng_.range(0, std::max(0, world_.end - 3 - first)));
    anomalies_.push_back({s, g, day, static_cast<int>(i % 3)});
  }
}

void StockLedger::finish() {
  if (stocked_ == 0) return;
  ensure_day(world_.end - 1);
  if (!day_closed_) {
    end_of_day(day_);
    day_closed_ = true;
  }
  const int n_stores = static_cast<int>(world_.sales.stores.size());
  const OpsHistory& h = ops_.history;
  const Date last = world_.end - 1;

  RowSink& out = ctx_.out.sink("luckyus_scm_shopstock", "t_shop_goods_stock");
  const CommonColumns cc(out);
  const int c_shop = out.col("shop_id"), c_goods = out.col("goods_id"), c_batch = out.col("batch_no"),
            c_qty = out.col("stock_qty"), c_frozen = out.col("frozen_qty"), c_unit = out.col("unit"),
            c_safety = out.col("safety_stock"), c_prod = out.col("production_date"),
            c_expire = out.col("expire_date"), c_status = out.col("status");
  std::vector<int64_t> safety(positions_.size(), 0);
  for (int s = 0; s < n_stores; ++s) {
    if (!is_open(s, last)) continue;
    const int open_days = std::min(14, world_.end - std::max(world_.start, world_.sales.stores[s].opened));
    for (int g = 0; g < stocked_; ++g) {
      Position& p = pos(s, g);
      if (!p.started) continue;
      int64_t sum = 0;
      for (int d = h.days - open_days; d < h.days; ++d)
        sum += h.consumption[(static_cast<size_t>(s) * stocked_ + g) * h.days + d];
      const double daily = open_days > 0 ? static_cast<double>(sum) / open_days : 0.0;
      safety[s * stocked_ + g] = std::llround(std::min(2.0, safety_days(g)) * daily);
      const Goods& x = ops_.goods[ops_.stocked_goods[g]];
      if (p.suppress_from != INT32_MAX) {
        // What is left goes to a neighbouring shop: the shelf is all but empty.
        const int64_t keep = std::llround(0.3 * daily);
        for (int other = 0; other < n_stores && p.on_hand > keep; ++other) {
          if (other != s && is_open(other, last) && pos(other, g).started && pos(other, g).suppress_from == INT32_MAX)
            transfer(s, other, g, p.on_hand - keep, at_local(last, 23.9));
        }
        // A shop x goods that consumed nothing in the last 14 days (its drinks
        // were not ordered there lately) is at no risk: not a stock-out to find.
        if (daily > 0) ctx_.truth.add_item("stockout_risk",
                            {{"shop_id", world_.sales.stores[s].shop_id}, {"goods_id", x.goods_id},
                             {"goods_name", x.name},
                             {"on_hand", static_cast<double>(p.on_hand) / kMilli},
                             {"safety_stock", static_cast<double>(safety[s * stocked_ + g]) / kMilli},
                             {"avg_daily_consumption_14d", std::round(daily) / kMilli},
                             {"days_of_supply", daily > 0 ? std::round(p.on_hand / daily * 100) / 100 : 0.0},
                             {"deliveries_stopped", Date{p.suppress_from}.str()}});
        continue;
      }
      // A healthy shop x goods ends above safety stock and 1.5 days of supply.
      const int64_t floor = std::max<int64_t>(safety[s * stocked_ + g], std::llround(1.5 * daily));
      if (p.on_hand < floor) {
        const int64_t target = std::llround((safety_days(g) + 1) * daily);
        receive(s, g, std::max<int64_t>(pack(g), (target - p.on_hand + pack(g) - 1) / pack(g) * pack(g)),
                at_local(last, 23.95), last);
      }
    }
  }

  // Batches: all open ones, then the most recently closed up to the budget.
  int64_t open_count = 0;
  for (const Position& p : positions_) open_count += static_cast<int64_t>(p.batches.size());
  const int64_t budget = std::max<int64_t>(0, ctx_.scaled(kBatchesAtScale1) - open_count);
  if (static_cast<int64_t>(closed_.size()) > budget) {
    std::nth_element(closed_.begin(), closed_.begin() + budget, closed_.end(),
                     [](const ClosedBatch& a, const ClosedBatch& b) {
                       return a.batch.last_change.seconds != b.batch.last_change.seconds
                                  ? a.batch.last_change > b.batch.last_change
                                  : a.batch.seq > b.batch.seq;
                     });
    closed_.resize(budget);
  }
  std::sort(closed_.begin(), closed_.end(),
            [](const ClosedBatch& a, const ClosedBatch& b) { return a.batch.seq < b.batch.seq; });
  int64_t id = 0;
  auto write = [&](int s, int g, const Batch& b, int status) {
    const Goods& x = ops_.goods[ops_.stocked_goods[g]];
    const Store& shop = world_.sales.stores[s];
    cc.set(out, ++id, shop.tenant, b.received_at, b.last_change);
    out.set_int(c_shop, shop.shop_id);
    out.set_int(c_goods, x.goods_id);
    char batch_no[32];
    std::snprintf(batch_no, sizeof batch_no, "B%s-%07d", Date{b.received_day}.str().c_str(), b.seq);
    out.set_text(c_batch, batch_no);
    out.set_int(c_qty, b.qty);
    out.set_int(c_frozen, 0);
    out.set_text(c_unit, x.unit);
    out.set_int(c_safety, safety[s * stocked_ + g]);
    out.set_text(c_prod, Date{b.production_day}.str());
    if (b.expire_day != INT32_MAX) out.set_text(c_expire, Date{b.expire_day}.str());
    out.set_int(c_status, status);
    out.end_row();
  };
  for (const ClosedBatch& c : closed_) write(c.store, c.goods, c.batch, c.status);
  for (int s = 0; s < n_stores; ++s)
    for (int g = 0; g < stocked_; ++g)
      for (const Batch& b : pos(s, g).batches) write(s, g, b, 1);
  ctx_.truth.set_figure("stock_change_rows", change_id_);
}

}  // namespace luckyhub::sim::ops
