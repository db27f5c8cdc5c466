// One store's page (store=ID): its KPI tiles with their lights, its paid
// orders per hour of day, its production queue depth per hour of day, its
// machines and its goods out of stock, over the KPI window.
#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "domain/production_time.h"
#include "tools/stores/stores_panels.h"
#include "warehouse/derived_table.h"

namespace luckyhub::stores {
namespace {

const Kpis& find_store(const std::vector<Kpis>& kpis, int64_t id) {
  for (const Kpis& k : kpis) {
    if (k.store->id == id) return k;
  }
  throw Error("store " + std::to_string(id) + " is not a store of t_shop_info open before as-of");
}

Panel store_summary(const Kpis& k, const Scope& scope) {
  const Store& s = *k.store;
  Panel p{.id = "store", .title = label_of(s), .kind = PanelKind::kKpis};
  p.kpis = {{"as_of", "Data as of", (scope.as_of - 1).str(), ValueType::kText},
            {"opened", "Opened", s.opened.str(), ValueType::kText, "", "", Status::kNone,
             std::to_string((scope.as_of - s.opened) / 7) + " weeks ago"}};
  static const ValueType kTypes[] = {ValueType::kRate, ValueType::kRate, ValueType::kNumber,
                                     ValueType::kRate, ValueType::kInt,  ValueType::kRate};
  static const char* kUnits[] = {"", "", "s", "", "", ""};
  static const char* kNotes[] = {"orders per open hour against peers of the same age and weekday",
                                 "revenue per open hour against peers of the same age and weekday",
                                 "mean accept to done of finished tickets, outliers over 30 min apart",
                                 "time online over time in service of the store's machines",
                                 "goods under half their safety stock now",
                                 "scheduled open days on which it took orders"};
  for (size_t i = 0; i < kpi_names().size(); ++i) {
    p.kpis.push_back({kpi_names()[i].first, kpi_names()[i].second, kpi_cell(k, i), kTypes[i], "", kUnits[i],
                      status_of(k.levels[i]), kNotes[i]});
  }
  p.kpis.push_back({"orders", "Paid orders", k.orders, ValueType::kInt, "", "", Status::kNone,
                    "the last " + std::to_string(scope.weeks) + " weeks"});
  p.kpis.push_back({"revenue", "Revenue", k.cents, ValueType::kMoney, "USD"});
  return p;
}

Panel hourly_panel(Warehouse& wh, const Store& s, const Scope& scope) {
  Query q = derived_from(wh, kShopHour);
  q.sql = "SELECT d.hour AS biz_hour, SUM(d.orders) AS hour_orders FROM " + q.sql +
          " d WHERE d.shop_id = ? AND d.day >= ? AND d.day < ? GROUP BY d.hour ORDER BY biz_hour";
  q.params.insert(q.params.end(), {s.id, scope.from().str(), scope.as_of.str()});
  const ResultSet r = wh.query(q.sql, q.params);
  Panel p{.id = "hourly_orders", .title = "Paid orders per hour of day", .kind = PanelKind::kBar};
  p.description = "The last " + std::to_string(scope.weeks) + " weeks, New York time.";
  p.series.x_label = "hour";
  Series orders{"orders", "Paid orders", ValueType::kInt};
  for (const Row row : r) {
    p.series.x.push_back(std::to_string(row.integer("biz_hour")) + ":00");
    orders.values.push_back(row.integer("hour_orders"));
  }
  p.series.series.push_back(std::move(orders));
  return p;
}

// Little's law per hour of day: the mean number of tickets in production is
// the production seconds of the tickets accepted in that hour over the
// seconds of that hour in the window's days.
Panel queue_panel(Warehouse& wh, const Store& s, const Scope& scope) {
  Panel p{.id = "queue", .title = "Production queue depth per hour of day", .kind = PanelKind::kBar};
  p.description = "Mean tickets in production (accepted, not done) per hour of day: Σ production seconds of the "
                  "tickets accepted in the hour / (3600 x days), the last " + std::to_string(scope.weeks) + " weeks.";
  p.series.x_label = "hour";
  if (!wh.has_table("opproduction__t_production")) return p;
  const Dialect& d = wh.dialect();
  const ResultSet r = wh.query(
      "SELECT " + d.ny_hour("p.accept_time") + " AS biz_hour, COUNT(*) AS tickets, SUM(p.secs) AS seconds FROM (SELECT "
      "accept_time, " + d.seconds_between("accept_time", "done_time") +
          " AS secs FROM opproduction__t_production WHERE tenant = 'LKUS' AND shop_id = ? AND done_time IS NOT NULL"
          " AND status <> 50 AND accept_time >= ? AND accept_time < ?) p WHERE p.secs >= 0 AND p.secs <= " +
          std::to_string(production_time::kOutlierSeconds) + " GROUP BY biz_hour ORDER BY biz_hour",
      {s.id, new_york_to_utc(scope.from(), 0, 0, 0).str(), new_york_to_utc(scope.as_of, 0, 0, 0).str()});
  const double days = std::max(1, scope.as_of - std::max(scope.from(), s.opened));
  Series depth{"depth", "Tickets in production", ValueType::kNumber};
  Series tickets{"tickets", "Tickets per day", ValueType::kNumber, "", "", {}, "line"};
  for (const Row row : r) {
    p.series.x.push_back(std::to_string(row.integer("biz_hour")) + ":00");
    depth.values.push_back(std::round(row.number("seconds") / (3600.0 * days) * 100) / 100);
    tickets.values.push_back(std::round(static_cast<double>(row.integer("tickets")) / days * 10) / 10);
  }
  p.series.series = {std::move(depth), std::move(tickets)};
  return p;
}

Panel machines_panel(const StoreData& data, const Store& s, const Scope& scope) {
  Panel p{.id = "machines", .title = "Machines", .kind = PanelKind::kTable};
  p.table.columns = {{"device_id", "Id", ValueType::kInt, "", "", "/tools/machines?device={device_id}"},
                     {"device_no", "Device"},
                     {"machine_type", "Type"},
                     {"state", "Now"},
                     {"uptime", "Uptime", ValueType::kRate}};
  const Timestamp from = new_york_to_utc(scope.from(), 0, 0, 0), to = new_york_to_utc(scope.as_of, 0, 0, 0);
  for (const Machine& m : data.machines) {
    if (m.shop_id != s.id) continue;
    p.table.rows.push_back({m.id, m.device_no, m.machine_type, std::string(m.online ? "online" : "offline"),
                            rate_cell(device_uptime::uptime(m.install_time, m.events, from, to).share())});
  }
  return p;
}

Panel stock_outs_panel(const StoreData& data, const Store& s) {
  Panel p{.id = "stock_outs", .title = "Out of stock", .kind = PanelKind::kTable};
  p.description = "Goods whose batches (t_shop_goods_stock) hold under half their safety stock now.";
  p.table.columns = {{"goods_id", "Goods", ValueType::kInt},
                     {"goods_name", "Name"},
                     {"on_hand", "On hand", ValueType::kNumber},
                     {"safety_stock", "Safety stock", ValueType::kNumber},
                     {"unit", "Unit"}};
  for (const StockItem& i : data.stock_outs) {
    if (i.shop_id != s.id) continue;
    p.table.rows.push_back({i.goods_id, i.goods_name, std::round(i.on_hand * 1000) / 1000,
                            std::round(i.safety_stock * 1000) / 1000, i.unit});
  }
  return p;
}

}  // namespace

std::vector<Panel> store_panels(Warehouse& wh, const StoreData& data, const std::vector<Kpis>& kpis,
                                const Scope& scope) {
  const Kpis& k = find_store(kpis, scope.store_id);
  const Store& s = *k.store;
  std::vector<Trajectory> trend = trajectories(data, scope);
  std::erase_if(trend, [&](const Trajectory& t) { return t.store->id != s.id; });
  return {store_summary(k, scope),       hourly_panel(wh, s, scope),   queue_panel(wh, s, scope),
          machines_panel(data, s, scope), stock_outs_panel(data, s),   trajectory_panel(trend, scope)};
}

}  // namespace luckyhub::stores
