// The inventory analysis: the queries (small aggregates and lookups; the
// heavy part, the stock-change history, is the shared derived table
// stock::kGoodsDay) and the per SKU-store policy.
#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>

#include "core/error.h"
#include "domain/inventory_policy.h"
#include "domain/stock_movements.h"
#include "domain/supplier_lead_times.h"
#include "tools/inventory/inventory.h"
#include "warehouse/derived_table.h"

namespace luckyhub::inventory {
namespace {

constexpr double kMilli = 1000.0;
using Key = std::pair<int64_t, int64_t>;  // shop, goods

Query goods_query() {
  return {"SELECT id, goods_no, goods_name, goods_category, unit, shelf_life_days FROM scm_commodity__t_mdm_goods"
          " ORDER BY id",
          {}};
}

}  // namespace

double write_off_share(int64_t written_off, int64_t consumed) {
  return std::round(1e6 * static_cast<double>(written_off) / static_cast<double>(written_off + consumed)) / 1e6;
}

Query on_hand_query() {
  return {"SELECT shop_id, goods_id, SUM(stock_qty) AS on_hand, MAX(safety_stock) AS safety_stock"
          " FROM scm_shopstock__t_shop_goods_stock WHERE tenant = 'LKUS' GROUP BY shop_id, goods_id ORDER BY shop_id, goods_id",
          {}};
}

namespace {

// The days with consumption in [from, to).
Query daily_query(Warehouse& wh, Date from, Date to) {
  Query q = derived_from(wh, stock::kGoodsDay);
  q.sql = "SELECT shop_id, goods_id, " + wh.dialect().date_text("biz_date") + " AS day, consumed FROM " + q.sql +
          " d WHERE biz_date >= ? AND biz_date < ? AND consume_rows > 0 ORDER BY shop_id, goods_id, day";
  q.params.push_back(from.str());
  q.params.push_back(to.str());
  return q;
}

Query first_days_query(Warehouse& wh) {
  Query q = derived_from(wh, stock::kGoodsDay);
  q.sql = "SELECT shop_id, " + wh.dialect().date_text("MIN(biz_date)") + " AS first_day FROM " + q.sql +
          " d WHERE consume_rows > 0 GROUP BY shop_id ORDER BY shop_id";
  return q;
}

Query window_sums_query(Warehouse& wh, const Window& w) {
  Query q = derived_from(wh, stock::kGoodsDay);
  q.sql = "SELECT shop_id, goods_id, SUM(consumed) AS consumed, SUM(written_off) AS written_off FROM " + q.sql +
          " d WHERE biz_date >= ? AND biz_date < ? GROUP BY shop_id, goods_id ORDER BY shop_id, goods_id";
  q.params.push_back(w.from.str());
  q.params.push_back(w.to.str());
  return q;
}

// The replenishment system's forecasts from as-of on: each run's prediction.
Query forward_query(Warehouse& wh, Date as_of) {
  const Dialect& d = wh.dialect();
  return {"SELECT shop_id, goods_id, " + d.date_text("pred_date") + " AS day, predict_qty, create_time"
          " FROM ireplenishment__wh_goods_daily_demand_pred WHERE tenant = 'LKUS' AND pred_date >= ?"
          " ORDER BY shop_id, goods_id, day, create_time",
          {as_of.str()}};
}

// A goods's lead time: the mean over every delivery of its purchase orders
// (whichever supplier), else the mean over all deliveries.
void read_lead_times(Warehouse& wh, Date from, Date to, std::map<int64_t, Goods>& goods) {
  std::map<int64_t, std::pair<double, int64_t>> sums;  // goods -> (Σ days, deliveries)
  for (const supply::SupplierLeadTime& s : supply::lead_times_by_supplier_goods(wh, from, to))
    for (int days : s.days) sums[s.goods_id].first += days, ++sums[s.goods_id].second;
  double all = 0;
  int64_t n = 0;
  for (const supply::Delivery& d : supply::deliveries(wh, from, to)) all += d.lead_days(), ++n;
  const double overall = n > 0 ? all / static_cast<double>(n) : 0;
  for (auto& [id, g] : goods) {
    const auto it = sums.find(id);
    g.lead_samples = it == sums.end() ? 0 : it->second.second;
    g.lead_days = g.lead_samples > 0 ? it->second.first / static_cast<double>(g.lead_samples) : overall;
  }
}

// Mean and sample standard deviation of `days` daily values, `values` being
// the days with consumption (the others count 0).
std::pair<double, double> mean_sd(const std::vector<double>& values, int days) {
  if (days <= 0) return {0, 0};
  double sum = 0;
  for (double v : values) sum += v;
  const double mean = sum / days;
  if (days < 2) return {mean, 0};
  double squares = static_cast<double>(days - static_cast<int>(values.size())) * mean * mean;
  for (double v : values) squares += (v - mean) * (v - mean);
  return {mean, std::sqrt(squares / (days - 1))};
}

// The expected demand over `days` days from as-of: the latest run's
// prediction of each day, when the forecasts cover them all.
std::optional<double> forecast_demand(const std::map<Date, double>& latest, Date as_of, int days) {
  double sum = 0;
  for (int i = 0; i < days; ++i) {
    const auto it = latest.find(as_of + i);
    if (it == latest.end()) return std::nullopt;
    sum += it->second;
  }
  return sum;
}

void apply_policy(SkuStore& k, const Goods& g, const Settings& s, const std::map<Date, double>* latest, Date as_of) {
  if (k.mean_daily > 0) k.days_of_supply = k.on_hand / k.mean_daily;
  k.order_quantity = k.mean_daily * s.order_days;
  k.z = k.sd_daily > 0 && k.order_quantity > 0 ? safety_factor(s, k.sd_daily, g.lead_days, k.order_quantity) : 0;
  k.safety_stock = k.z * k.sd_daily * std::sqrt(g.lead_days);
  k.reorder_point = k.mean_daily * g.lead_days + k.safety_stock;
  k.below_reorder_point = k.mean_daily > 0 && k.on_hand <= k.reorder_point;
  k.at_risk = k.mean_daily > 0 && k.on_hand < s.risk_days * k.mean_daily;
  k.overstock = k.days_of_supply && *k.days_of_supply > s.overstock_days;
  const auto own = s.own_thresholds.find(g.id);
  k.own_threshold = own != s.own_thresholds.end();
  k.threshold_days = k.own_threshold ? own->second : s.supply_days;
  k.below_threshold = k.days_of_supply && *k.days_of_supply < k.threshold_days;
  if (!k.below_reorder_point) return;
  const int horizon = static_cast<int>(std::ceil(g.lead_days)) + s.order_days;
  std::optional<double> demand = latest ? forecast_demand(*latest, as_of, horizon) : std::nullopt;
  k.forecast_used = demand.has_value();
  const double expected = demand ? *demand : k.mean_daily * horizon;
  k.suggested_order = std::max(0.0, expected + k.safety_stock - k.on_hand);
}

}  // namespace

double safety_factor(const Settings& s, double sd_daily, double lead_days, double order_quantity) {
  if (s.target == ServiceTarget::kCycle) return normal_quantile(s.service_level);
  if (lead_days <= 0) return 0;
  return fill_rate_policy(0, sd_daily, lead_days, order_quantity, s.service_level).z;
}

Inventory analyse(Warehouse& wh, const Window& window, const Settings& s) {
  Inventory inv;
  inv.as_of = Date::parse(wh.meta("as_of"));
  const Date from = inv.as_of - s.demand_days;
  const std::vector<ResultSet> r = wh.query_all({goods_query(), on_hand_query(), daily_query(wh, from, inv.as_of),
                                                first_days_query(wh), window_sums_query(wh, window),
                                                forward_query(wh, inv.as_of)});
  for (const Row row : r[0]) {
    Goods& g = inv.goods[row.integer("id")];
    g.id = row.integer("id"), g.goods_no = row.text("goods_no"), g.name = row.text("goods_name");
    g.category = row.text("goods_category"), g.unit = row.text("unit"), g.shelf_life_days = row.integer("shelf_life_days");
  }
  read_lead_times(wh, Date::parse(wh.meta("start")), inv.as_of, inv.goods);
  std::map<Key, SkuStore> keys;
  for (const Row row : r[1]) {
    SkuStore& k = keys[{row.integer("shop_id"), row.integer("goods_id")}];
    k.on_hand = static_cast<double>(row.integer("on_hand")) / kMilli;
    k.system_safety_stock = static_cast<double>(row.integer("safety_stock")) / kMilli;
  }
  std::map<Key, std::vector<double>> daily;
  for (const Row row : r[2]) {
    const Key key{row.integer("shop_id"), row.integer("goods_id")};
    const double consumed = static_cast<double>(row.integer("consumed")) / kMilli;
    daily[key].push_back(consumed);
    keys[key].history.emplace_back(Date::parse(row.text("day")), consumed);
  }
  std::map<int64_t, Date> first_day;
  for (const Row row : r[3]) first_day[row.integer("shop_id")] = Date::parse(row.text("first_day"));
  for (const Row row : r[4]) {
    SkuStore& k = keys[{row.integer("shop_id"), row.integer("goods_id")}];
    k.consumed = static_cast<double>(row.integer("consumed")) / kMilli;
    k.written_off = static_cast<double>(row.integer("written_off")) / kMilli;
  }
  std::map<Key, std::map<Date, double>> latest;  // rows come by create_time: the last one stays
  for (const Row row : r[5])
    latest[{row.integer("shop_id"), row.integer("goods_id")}][Date::parse(row.text("day"))] =
        static_cast<double>(row.integer("predict_qty")) / kMilli;

  for (auto& [key, k] : keys) {
    k.shop_id = key.first, k.goods_id = key.second;
    const auto g = inv.goods.find(k.goods_id);
    if (g == inv.goods.end()) continue;  // a goods the catalogue does not know
    const auto first = first_day.find(k.shop_id);
    k.demand_days = first == first_day.end() ? 0 : std::min(s.demand_days, inv.as_of - std::max(from, first->second));
    const auto values = daily.find(key);
    std::tie(k.mean_daily, k.sd_daily) = mean_sd(values == daily.end() ? std::vector<double>{} : values->second, k.demand_days);
    const auto forecast = latest.find(key);
    if (forecast != latest.end()) k.forecast.assign(forecast->second.begin(), forecast->second.end());
    apply_policy(k, g->second, s, forecast == latest.end() ? nullptr : &forecast->second, inv.as_of);
    if (k.on_hand > 0 || k.mean_daily > 0 || k.consumed > 0 || k.written_off > 0) inv.sku_stores.push_back(k);
  }
  return inv;
}

}  // namespace luckyhub::inventory
