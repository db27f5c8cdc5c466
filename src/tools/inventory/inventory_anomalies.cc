// Consumption anomalies (contract in inventory.h): each SKU-store's days of
// the window held against its sales (recipes) and against the age of its
// stock, then the largest movement of each anomalous day looked up as the
// evidence.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

#include "domain/recipe_use.h"
#include "domain/stock_movements.h"
#include "tools/inventory/inventory.h"
#include "warehouse/derived_table.h"

namespace luckyhub::inventory {
namespace {

constexpr double kMilliPerUnit = 1000.0;
using Key = std::pair<int64_t, int64_t>;  // shop, goods

// One day of a SKU-store, milli-units.
struct Day {
  int64_t consumed = 0, consume_rows = 0, written_off = 0, received = 0, net = 0;
  int64_t implied = 0, units = 0;
};

struct Inputs {
  std::map<int64_t, int> shelf_life;  // goods -> days (0: does not expire)
  std::set<int64_t> recipe_goods;     // goods some active recipe uses
  std::map<Key, int64_t> on_hand;
  std::map<Key, std::map<int32_t, Day>> days;  // by Date::days
};

Query history_query(Warehouse& wh, Date from) {
  Query q = derived_from(wh, stock::kGoodsDay);
  q.sql = "SELECT shop_id, goods_id, " + wh.dialect().date_text("biz_date") +
          " AS day, consumed, consume_rows, written_off, received, net FROM " + q.sql + " d WHERE biz_date >= ?";
  q.params.push_back(from.str());
  return q;
}

Query recipe_use_query(Warehouse& wh, const Window& w) {
  Query q = derived_from(wh, stock::kRecipeUseDay);
  q.sql = "SELECT shop_id, goods_id, " + wh.dialect().date_text("biz_date") + " AS day, implied, units FROM " + q.sql +
          " d WHERE biz_date >= ? AND biz_date < ?";
  q.params.push_back(w.from.str());
  q.params.push_back(w.to.str());
  return q;
}

// Whether the warehouse holds the recipes and the sales they are applied to
// (a partial sync may not): without them every goods is judged by its typical day.
bool has_recipes(Warehouse& wh) {
  for (const char* t : {"scm_commodity__t_formula_spu", "sales_order__t_order", "sales_order__t_order_item"})
    if (!wh.has_table(t)) return false;
  return true;
}

Inputs read_inputs(Warehouse& wh, const Window& window, const AnomalySettings& s) {
  Inputs in;
  const bool recipes = has_recipes(wh);
  std::vector<Query> queries = {{"SELECT id, shelf_life_days FROM scm_commodity__t_mdm_goods ORDER BY id", {}}};
  if (recipes)
    queries.push_back({"SELECT DISTINCT goods_id FROM scm_commodity__t_formula_spu WHERE status = 1 ORDER BY goods_id", {}});
  const std::vector<ResultSet> first = wh.query_all(queries);
  int lookback = 0;
  for (const Row row : first[0]) {
    const int life = row.is_null("shelf_life_days") ? 0 : static_cast<int>(row.integer("shelf_life_days"));
    in.shelf_life[row.integer("id")] = life;
    lookback = std::max(lookback, static_cast<int>(std::ceil(life * s.fresh_share)));
  }
  if (recipes)
    for (const Row row : first[1]) in.recipe_goods.insert(row.integer("goods_id"));

  queries = {on_hand_query(), history_query(wh, window.from - lookback)};
  if (recipes) queries.push_back(recipe_use_query(wh, window));
  const std::vector<ResultSet> r = wh.query_all(queries);
  for (const Row row : r[0]) in.on_hand[{row.integer("shop_id"), row.integer("goods_id")}] = row.integer("on_hand");
  for (const Row row : r[1]) {
    Day& d = in.days[{row.integer("shop_id"), row.integer("goods_id")}][Date::parse(row.text("day")).days];
    d.consumed = row.integer("consumed"), d.consume_rows = row.integer("consume_rows");
    d.written_off = row.integer("written_off"), d.received = row.integer("received"), d.net = row.integer("net");
  }
  for (size_t i = 2; i < r.size(); ++i)
    for (const Row row : r[i]) {
      Day& d = in.days[{row.integer("shop_id"), row.integer("goods_id")}][Date::parse(row.text("day")).days];
      d.implied = row.integer("implied"), d.units = row.integer("units");
    }
  return in;
}

// The anomalies of one SKU-store's days.
void judge(const Key& key, const std::map<int32_t, Day>& days, const Inputs& in, const Window& w,
           const AnomalySettings& s, std::vector<ConsumptionAnomaly>& out) {
  int64_t consumed = 0, net_after = 0;
  for (const auto& [day, d] : days)
    if (day >= w.from.days && day < w.to.days) consumed += d.consumed;
  const int active_days = w.to.days - std::max(w.from.days, days.begin()->first);
  const double typical = active_days > 0 ? static_cast<double>(consumed) / active_days : 0;
  const auto life = in.shelf_life.find(key.second);
  const int fresh_days = life == in.shelf_life.end() || life->second <= 0
                             ? -1
                             : static_cast<int>(std::ceil(life->second * s.fresh_share));
  const bool by_recipe = in.recipe_goods.count(key.second) > 0;
  const auto oh = in.on_hand.find(key);
  const int64_t on_hand = oh == in.on_hand.end() ? 0 : oh->second;
  // Latest day first: the start-of-day on hand is today's less the net of that day and after.
  for (auto it = days.rbegin(); it != days.rend(); ++it) {
    // Named, not a structured binding: clang before 16 cannot capture a binding in the lambda below.
    const int32_t day = it->first;
    const Day& d = it->second;
    net_after += d.net;
    if (day < w.from.days || day >= w.to.days) continue;
    auto flag = [&](AnomalyKind kind, double actual, double explained) {
      if (actual - explained <= 0 || actual - explained <= s.anomaly_days * typical) return;
      ConsumptionAnomaly a{.shop_id = key.first, .goods_id = key.second, .day = Date{day}, .kind = kind,
                           .actual = actual / kMilliPerUnit, .explained = explained / kMilliPerUnit, .by_recipe = by_recipe,
                           .units_sold = d.units, .typical_daily = typical / kMilliPerUnit};
      out.push_back(a);
    };
    if (d.consumed > 0) flag(AnomalyKind::kUsage, static_cast<double>(d.consumed), by_recipe ? d.implied : typical);
    if (d.written_off > 0) {
      int64_t young = 0;  // arrived in the last fresh_days days before this one
      if (fresh_days < 0) {
        young = INT64_MAX / 4;  // never expires: nothing is old enough
      } else {
        for (auto r = days.lower_bound(day - fresh_days + 1); r != days.end() && r->first < day; ++r) young += r->second.received;
      }
      const int64_t start = on_hand - net_after;  // before this day's movements
      const int64_t expirable = std::max<int64_t>(0, start - young);
      flag(AnomalyKind::kWriteOff, static_cast<double>(d.written_off), static_cast<double>(std::min(expirable, d.written_off)));
    }
  }
}

// Looks up each anomaly's largest movement of its kind that day.
void find_movements(Warehouse& wh, std::vector<ConsumptionAnomaly>& anomalies) {
  std::vector<Query> queries;
  for (const ConsumptionAnomaly& a : anomalies) {
    const std::string table(stock::kWeekdayTables[a.day.weekday()]);
    queries.push_back({"SELECT id, change_qty, ref_no, create_time FROM " + table +
                           " WHERE tenant = 'LKUS' AND shop_id = ? AND goods_id = ? AND biz_date = ? AND change_type = ?"
                           " ORDER BY change_qty, id LIMIT 1",
                       {a.shop_id, a.goods_id, a.day.str(), int64_t{a.kind == AnomalyKind::kUsage ? 1 : 3}}});
  }
  const std::vector<ResultSet> r = wh.query_all(queries);
  for (size_t i = 0; i < anomalies.size(); ++i) {
    Movement& m = anomalies[i].movement;
    m.table = std::string(stock::kWeekdayTables[anomalies[i].day.weekday()].substr(std::string_view("scm_shopstock__").size()));
    for (const Row row : r[i]) {
      m.id = row.integer("id"), m.qty = -static_cast<double>(row.integer("change_qty")) / kMilliPerUnit;
      m.ref_no = row.text("ref_no"), m.time = row.text("create_time");
    }
  }
}

}  // namespace

std::vector<ConsumptionAnomaly> consumption_anomalies(Warehouse& wh, const Window& window, const AnomalySettings& s) {
  const Inputs in = read_inputs(wh, window, s);
  std::vector<ConsumptionAnomaly> out;
  for (const auto& [key, days] : in.days) judge(key, days, in, window, s, out);
  std::sort(out.begin(), out.end(), [](const ConsumptionAnomaly& a, const ConsumptionAnomaly& b) {
    return std::tie(a.day.days, a.shop_id, a.goods_id, a.kind) < std::tie(b.day.days, b.shop_id, b.goods_id, b.kind);
  });
  find_movements(wh, out);
  // Without a recipe, a day's usage varies with the orders it served: only a
  // single movement that alone exceeds the threshold is an anomaly.
  std::erase_if(out, [&](const ConsumptionAnomaly& a) {
    return a.kind == AnomalyKind::kUsage && !a.by_recipe && a.movement.qty <= s.anomaly_days * a.typical_daily;
  });
  return out;
}

}  // namespace luckyhub::inventory
