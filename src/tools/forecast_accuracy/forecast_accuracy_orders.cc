// forecast-accuracy's order side: the hourly order forecasts summed per
// store, day and version against the day's paid orders (forecast_accuracy.h).
#include <map>

#include "tools/forecast_accuracy/forecast_accuracy.h"
#include "tools/forecast_accuracy/forecast_accuracy_tables.h"
#include "warehouse/derived_table.h"

namespace luckyhub::forecast_accuracy {
namespace {

Query predictions_query(Warehouse& wh, const Window& w) {
  const Dialect& d = wh.dialect();
  Query q{"SELECT p.shop_id AS shop_id, " + d.date_text("p.pred_date") + " AS day, p.lead_days AS lead_days,"
          " SUM(p.predict_order_cnt) AS predicted FROM ireplenishment__t_order_predict_alg_v2 p"
          " WHERE p.tenant = 'LKUS' AND p.pred_date >= ? AND p.pred_date < ?"
          " GROUP BY p.shop_id, day, lead_days ORDER BY shop_id, day, lead_days",
          {w.from.str(), w.to.str()}};
  return q;
}

// Paid orders from a week before the window, and each shop's first day.
Query orders_query(Warehouse& wh, const Window& w) {
  Query o = derived_from(wh, kShopDayOrders);
  o.sql = "SELECT shop_id, " + wh.dialect().date_text("day") + " AS day, orders FROM " + o.sql +
          " o WHERE day >= ? AND day < ? ORDER BY shop_id, day";
  o.params.push_back((w.from - 7).str());
  o.params.push_back(w.to.str());
  return o;
}

Query first_orders_query(Warehouse& wh) {
  Query o = derived_from(wh, kShopDayOrders);
  o.sql = "SELECT shop_id, " + wh.dialect().date_text("MIN(day)") + " AS first_day FROM " + o.sql +
          " o GROUP BY shop_id ORDER BY shop_id";
  return o;
}

}  // namespace

std::vector<StoreDay> analyse_orders(Warehouse& wh, const Window& w) {
  if (!wh.has_table("ireplenishment__t_order_predict_alg_v2") || !wh.has_table("sales_order__t_order")) return {};
  const std::vector<ResultSet> r = wh.query_all({predictions_query(wh, w), orders_query(wh, w), first_orders_query(wh)});
  std::map<std::pair<int64_t, int32_t>, int64_t> orders;
  for (const Row row : r[1]) orders[{row.integer("shop_id"), Date::parse(row.text("day")).days}] = row.integer("orders");
  std::map<int64_t, Date> first_day;
  for (const Row row : r[2]) first_day[row.integer("shop_id")] = Date::parse(row.text("first_day"));
  auto orders_on = [&](int64_t shop, Date day) {
    const auto it = orders.find({shop, day.days});
    return it == orders.end() ? int64_t{0} : it->second;
  };
  std::vector<StoreDay> out;
  for (const Row row : r[0]) {
    StoreDay s{.shop_id = row.integer("shop_id"), .day = Date::parse(row.text("day")),
               .lead_days = static_cast<int>(row.integer("lead_days")), .predicted = row.integer("predicted")};
    s.actual = orders_on(s.shop_id, s.day);
    const auto first = first_day.find(s.shop_id);
    if (first != first_day.end() && s.day - 7 >= first->second) s.last_week = orders_on(s.shop_id, s.day - 7);
    out.push_back(s);
  }
  return out;
}

}  // namespace luckyhub::forecast_accuracy
