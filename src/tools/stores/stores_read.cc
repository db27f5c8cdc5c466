// Reads the stores: t_shop_info, the paid orders per day (the derived table
// stores__shop_hour), the pickup schedule of t_shop_opening_time, the
// window's finished production tickets per shop, the machines and their
// connectivity events, and the goods out of stock (t_shop_goods_stock).
#include <algorithm>

#include "domain/production_time.h"
#include "tools/stores/stores.h"
#include "warehouse/derived_table.h"

namespace luckyhub::stores {
namespace {

// A goods is out of stock when its batches hold under half its safety stock.
constexpr double kOutOfStockShare = 0.5;
constexpr double kMilli = 1000.0;  // DECIMAL(14,3) quantities are stored in thousandths

Timestamp ny_midnight(Date d) { return new_york_to_utc(d, 0, 0, 0); }

Query days_query(Warehouse& wh) {
  Query q = derived_from(wh, kShopHour);
  q.sql = "SELECT d.shop_id AS shop_id, " + wh.dialect().date_text("d.day") +
          " AS biz_day, SUM(d.orders) AS day_orders, SUM(d.cents) AS day_cents FROM " + q.sql +
          " d GROUP BY d.shop_id, d.day ORDER BY shop_id, biz_day";
  return q;
}

Query production_query(Warehouse& wh, const Scope& s) {
  const std::string secs = wh.dialect().seconds_between("accept_time", "done_time");
  return {"SELECT p.shop_id AS shop_id, COUNT(*) AS tickets, SUM(p.secs) AS seconds FROM (SELECT shop_id, " + secs +
              " AS secs FROM opproduction__t_production WHERE tenant = 'LKUS' AND done_time IS NOT NULL"
              " AND status <> 50 AND accept_time >= ? AND accept_time < ?) p WHERE p.secs >= 0 AND p.secs <= " +
              std::to_string(production_time::kOutlierSeconds) + " GROUP BY p.shop_id ORDER BY shop_id",
          {ny_midnight(s.from()).str(), ny_midnight(s.as_of).str()}};
}

void read_machines(const ResultSet& devices, const ResultSet& events, StoreData& out) {
  for (const Row row : devices) {
    out.machines.push_back({.id = row.integer("id"), .shop_id = row.integer("shop_id"),
                            .device_no = row.text("device_no"), .machine_type = row.text("machine_type"),
                            .online = row.integer("online_status") == 1,
                            .install_time = Timestamp::parse(row.text("install_time"))});
  }
  std::map<std::string, Machine*> by_no;
  for (Machine& m : out.machines) by_no[m.device_no] = &m;
  for (const Row row : events) {
    const auto it = by_no.find(row.text("device_no"));
    if (it == by_no.end()) continue;
    it->second->events.push_back(
        {static_cast<int>(row.integer("event_type")), Timestamp::parse(row.text("event_time"))});
  }
}

void read_stock(const ResultSet& stock, const ResultSet& goods, StoreData& out) {
  std::map<int64_t, std::pair<std::string, std::string>> names;
  for (const Row row : goods) names[row.integer("id")] = {row.text("goods_name"), row.text("unit")};
  for (const Row row : stock) {
    StockItem s{.shop_id = row.integer("shop_id"), .goods_id = row.integer("goods_id"),
                .on_hand = static_cast<double>(row.integer("on_hand")) / kMilli,
                .safety_stock = static_cast<double>(row.integer("safety_stock")) / kMilli};
    if (!(s.on_hand < kOutOfStockShare * s.safety_stock)) continue;
    const auto it = names.find(s.goods_id);
    if (it != names.end()) std::tie(s.goods_name, s.unit) = it->second;
    out.stock_outs.push_back(std::move(s));
  }
}

}  // namespace

StoreData read_stores(Warehouse& wh, const Scope& scope) {
  const Dialect& d = wh.dialect();
  std::vector<Query> q = {
      {"SELECT id, shop_no, shop_name, " + d.date_text("open_date") +
           " AS opened, latitude, longitude, shop_type, city FROM opshop__t_shop_info WHERE tenant = 'LKUS' AND open_date < ? ORDER BY id",
       {scope.as_of.str()}},
      days_query(wh),
      {"SELECT shop_id, " + d.date_text("biz_date") +
           " AS biz_day, SUM(is_open) AS open_slots FROM opshop__t_shop_opening_time WHERE tenant = 'LKUS'"
           " AND business_type = 1 AND biz_date < ? GROUP BY shop_id, biz_date ORDER BY shop_id, biz_day",
       {scope.as_of.str()}},
  };
  const bool production = wh.has_table("opproduction__t_production");
  const bool iot = wh.has_table("iot_platform__t_device") && wh.has_table("iot_platform__t_device_event");
  const bool stock = wh.has_table("scm_shopstock__t_shop_goods_stock") && wh.has_table("scm_commodity__t_mdm_goods");
  if (production) q.push_back(production_query(wh, scope));
  if (iot) {
    q.push_back({"SELECT id, device_no, shop_id, machine_type, online_status, install_time FROM iot_platform__t_device"
                 " WHERE tenant = 'LKUS' ORDER BY shop_id, id", {}});
    q.push_back({"SELECT device_no, event_type, event_time FROM iot_platform__t_device_event WHERE tenant = 'LKUS'"
                 " AND event_type IN (1, 2) AND event_time < ? ORDER BY device_no, event_time, id",
                 {ny_midnight(scope.as_of).str()}});
  }
  if (stock) {
    q.push_back({"SELECT shop_id, goods_id, SUM(stock_qty) AS on_hand, MAX(safety_stock) AS safety_stock"
                 " FROM scm_shopstock__t_shop_goods_stock WHERE tenant = 'LKUS' GROUP BY shop_id, goods_id"
                 " ORDER BY shop_id, goods_id", {}});
    q.push_back({"SELECT id, goods_name, unit FROM scm_commodity__t_mdm_goods ORDER BY id", {}});
  }
  const std::vector<ResultSet> r = wh.query_all(q);
  StoreData out;
  for (const Row row : r[0]) {
    out.stores.push_back({row.integer("id"), row.text("shop_no"), row.text("shop_name"),
                          Date::parse(row.text("opened")), row.number("latitude"), row.number("longitude"),
                          static_cast<int>(row.integer("shop_type")), row.text("city")});
  }
  for (const Row row : r[1]) {
    out.days[row.integer("shop_id")][Date::parse(row.text("biz_day"))] = {row.integer("day_orders"), row.integer("day_cents")};
  }
  for (const Row row : r[2]) {
    out.open_slots[row.integer("shop_id")][Date::parse(row.text("biz_day"))] = row.integer("open_slots");
  }
  size_t next = 3;
  if (production) {
    for (const Row row : r[next]) {
      out.production_tickets[row.integer("shop_id")] = row.integer("tickets");
      out.production_seconds[row.integer("shop_id")] = row.number("seconds");
    }
    ++next;
  }
  if (iot) {
    read_machines(r[next], r[next + 1], out);
    next += 2;
  }
  if (stock) read_stock(r[next], r[next + 1], out);
  return out;
}

int64_t tickets_on(Warehouse& wh, int64_t shop_id, Date day) {
  if (!wh.has_table("opproduction__t_production")) return 0;
  return wh
      .query("SELECT COUNT(*) AS tickets FROM opproduction__t_production WHERE tenant = 'LKUS' AND shop_id = ?"
             " AND accept_time >= ? AND accept_time < ?",
             {shop_id, ny_midnight(day).str(), ny_midnight(day + 1).str()})
      .row(0)
      .integer("tickets");
}

}  // namespace luckyhub::stores
