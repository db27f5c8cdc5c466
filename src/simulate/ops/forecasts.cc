// The replenishment system's goods demand forecasts, made from what really
// happened:
//
// wh_goods_daily_demand_pred: each night a run predicts each shop x goods'
// consumption for the next 1..14 days: the day's actual consumption (for
// days after as-of, the mean of the last four same weekdays), times
// mean-one log-normal noise whose spread grows with lead time (8.5% at one
// day, 41% at fourteen). A new shop's runs start two weeks before it opens
// (they plan its opening stock) and predict its days from the opening on.
// Calendar-driven: each shop's top goods by consumption are covered, as
// many as bring the table to ~2.5M x scale rows (at least 8). A shop's list
// is every stocked goods: goods it has not used come last, forecast at zero.
//
// Planted (forecast_bias): one store over-forecast in both tables (the
// order forecasts are in order_forecasts.cc) and one goods category
// under-forecast.
#include <algorithm>
#include <cmath>

#include "simulate/ops/ops_internal.h"

namespace luckyhub::sim::ops {
namespace {

constexpr double kDemandRows = 2.5e6;
constexpr int kMaxLead = 14;

}  // namespace

void write_forecasts(SimContext& ctx) {
  const World& world = ctx.world;
  const OpsWorld& ops = world.ops;
  const OpsHistory& h = ops.history;
  const auto& stores = world.sales.stores;
  const int stocked = static_cast<int>(ops.stocked_goods.size());
  ctx.truth.describe("forecast_bias", "luckyus_ireplenishment.wh_goods_daily_demand_pred",
                     "systematic forecast bias: predictions of one store (both forecast tables) and "
                     "one goods category are off by bias_pct on average");
  if (h.days <= 0 || stores.empty()) return;
  Rng rng = ctx.rng("ops/forecasts");

  // Stores with stock (each shop once) and their coverage.
  std::vector<int> shops;
  for (size_t s = 0; s < stores.size(); ++s) {
    bool first = true;
    for (size_t t = 0; t < s; ++t) first = first && stores[t].shop_id != stores[s].shop_id;
    if (first && stores[s].opened < world.end) shops.push_back(static_cast<int>(s));
  }
  auto consumption = [&](int s, int g, int d) {
    return static_cast<double>(h.consumption[(static_cast<size_t>(s) * stocked + g) * h.days + d]);
  };
  // Rows per goods covered: a shop's nightly runs from two weeks before it
  // opens (its opening stock is planned on them) to the night before as-of,
  // each predicting the next 1..14 days from the opening on.
  int64_t per_goods_rows = 0;
  for (int s : shops) {
    const Date opened = std::max(world.start, stores[s].opened);
    for (Date run = opened - kMaxLead; run < world.end; ++run)
      per_goods_rows += std::min<int64_t>(kMaxLead, std::max<int64_t>(0, run + kMaxLead - opened + 1));
  }
  per_goods_rows = std::max<int64_t>(1, per_goods_rows);
  const int cover = static_cast<int>(std::clamp<int64_t>(
      std::llround(ctx.scaled(kDemandRows) / static_cast<double>(per_goods_rows)), 8, std::max(8, stocked)));

  RowSink& out = ctx.out.sink("luckyus_ireplenishment", "wh_goods_daily_demand_pred");
  const CommonColumns cc(out);
  const int c_wh = out.col("warehouse_id"), c_shop = out.col("shop_id"), c_goods = out.col("goods_id"),
            c_date = out.col("pred_date"), c_qty = out.col("predict_qty"), c_model = out.col("model_version");
  const Date v32 = world.end - 75;
  int64_t id = 0;
  for (int s : shops) {
    const Store& shop = stores[s];
    std::vector<std::pair<double, int>> ranked;
    for (int g = 0; g < stocked; ++g) {
      double total = 0;
      for (int d = 0; d < h.days; ++d) total += consumption(s, g, d);
      ranked.push_back({-total, g});
    }
    std::sort(ranked.begin(), ranked.end());
    if (static_cast<int>(ranked.size()) > cover) ranked.resize(cover);
    std::sort(ranked.begin(), ranked.end(), [](auto a, auto b) { return a.second < b.second; });
    const Date opened = std::max(world.start, shop.opened);
    for (Date run = opened - kMaxLead; run < world.end; ++run) {
      const Timestamp made = at_local(run, 2.5 + 0.0001 * s);
      for (const auto& [neg_total, g] : ranked) {
        const Goods& x = ops.goods[ops.stocked_goods[g]];
        double bias = 1.0;
        if (s == ops.biased_store) bias *= 1 + ops.biased_store_pct / 100;
        if (x.category == ops.biased_category) bias *= 1 + ops.biased_category_pct / 100;
        for (int lead = 1; lead <= kMaxLead; ++lead) {
          const Date pred = run + lead;
          if (pred < opened) continue;
          const int d = pred - world.start;
          // Same weekdays the run has seen (days before the run date).
          const int seen = run - world.start;
          double sum = 0;
          int n = 0;
          for (int k = d - 7; k >= 0 && n < 4; k -= 7)
            if (k < seen && k < h.days) sum += consumption(s, g, k), ++n;
          const double mean = n ? sum / n : -1.0;
          double base;
          if (d < h.days) base = consumption(s, g, d);
          else base = std::max(0.0, mean);
          const double sigma = 0.06 + 0.025 * lead;
          const double qty = base * bias * rng.lognormal(-sigma * sigma / 2, sigma);
          cc.set(out, ++id, shop.tenant, made, made);
          out.set_int(c_wh, s % 3 == 2 ? 2 : 1);
          out.set_int(c_shop, shop.shop_id);
          out.set_int(c_goods, x.goods_id);
          out.set_text(c_date, pred.str());
          out.set_int(c_qty, std::llround(qty));
          out.set_text(c_model, run < v32 ? "lgbm_v3.1" : "lgbm_v3.2");
          out.end_row();
        }
      }
    }
  }
  if (ops.biased_store >= 0) {
    ctx.truth.add_item("forecast_bias", {{"table", "luckyus_ireplenishment.wh_goods_daily_demand_pred"},
                                         {"shop_id", stores[ops.biased_store].shop_id},
                                         {"bias_pct", ops.biased_store_pct}});
    ctx.truth.add_item("forecast_bias", {{"table", "luckyus_ireplenishment.t_order_predict_alg_v2"},
                                         {"shop_id", stores[ops.biased_store].shop_id},
                                         {"bias_pct", ops.biased_store_pct}});
  }
  if (!ops.biased_category.empty()) {
    std::vector<int64_t> ids;
    for (int g : ops.stocked_goods)
      if (ops.goods[g].category == ops.biased_category) ids.push_back(ops.goods[g].goods_id);
    ctx.truth.add_item("forecast_bias", {{"table", "luckyus_ireplenishment.wh_goods_daily_demand_pred"},
                                         {"goods_category", ops.biased_category},
                                         {"goods_ids", ids},
                                         {"bias_pct", ops.biased_category_pct}});
  }
  ctx.truth.set_figure("demand_pred_goods_per_shop", cover);
}

}  // namespace luckyhub::sim::ops
