// The production-time tool's reads: tickets by store and seconds, by store and
// hour, the outlier tickets and their items, items by product and seconds,
// brews by product and machine type, recipe steps. Every time is grouped in
// SQL; percentiles come from the histograms (domain/production_time.h).
#include <algorithm>

#include "tools/production_time/production.h"
#include "warehouse/derived_table.h"

namespace luckyhub::production {
namespace {

using production_time::Histogram;
using production_time::kOutlierSeconds;

// A ticket of the derived table, aliased p, in the window (and the store).
std::string tickets(Warehouse& wh, const Scope& s, std::vector<SqlValue>& params) {
  Query q = derived_from(wh, kTicketTimes);
  params = q.params;
  params.push_back(s.window.utc_from());
  params.push_back(s.window.utc_to());
  if (s.shop_id) params.push_back(s.shop_id);
  return q.sql + " p WHERE " + s.window.range(wh.dialect(), "p.accept_time") + (s.shop_id ? " AND p.shop_id = ?" : "");
}

Query store_seconds_query(Warehouse& wh, const Scope& s) {
  Query q;
  q.sql = "SELECT p.shop_id AS shop_id, p.seconds AS seconds, COUNT(*) AS n FROM " + tickets(wh, s, q.params) +
          " GROUP BY p.shop_id, p.seconds ORDER BY shop_id, seconds";
  return q;
}

Query hours_query(Warehouse& wh, const Scope& s) {
  const Dialect& d = wh.dialect();
  const std::string timed = "p.seconds <= " + std::to_string(kOutlierSeconds);
  Query q;
  q.sql = "SELECT p.shop_id AS shop_id, " + d.utc_hour("p.accept_time") + " AS utc_hour, COUNT(*) AS tickets, SUM(CASE WHEN " +
          timed + " THEN 1 ELSE 0 END) AS timed, SUM(CASE WHEN " + timed + " THEN p.seconds ELSE 0 END) AS timed_seconds FROM " +
          tickets(wh, s, q.params) + " GROUP BY p.shop_id, utc_hour ORDER BY shop_id, utc_hour";
  return q;
}

// The outlier tickets, with the columns of t_production the list shows.
Query outliers_query(Warehouse& wh, const Scope& s) {
  Query q;
  q.sql = "SELECT t.id AS id, t.production_no AS production_no, t.order_no AS order_no, t.shop_id AS shop_id, "
          "t.accept_time AS accept_time, t.cup_count AS cups, o.seconds AS seconds FROM (SELECT p.id AS id, p.seconds AS seconds FROM " +
          tickets(wh, s, q.params) + " AND p.seconds > " + std::to_string(kOutlierSeconds) +
          ") o JOIN opproduction__t_production t ON t.id = o.id ORDER BY t.id";
  return q;
}

Query products_query(Warehouse& wh, const Scope& s) {
  const Dialect& d = wh.dialect();
  Query q = derived_from(wh, production_time::kItemTimes);
  q.sql = "SELECT i.commodity_id AS spu_id, i.seconds AS seconds, COUNT(*) AS n FROM " + q.sql + " i WHERE " +
          s.window.range(d, "i.ticket_accept_time") + (s.shop_id ? " AND i.shop_id = ?" : "") +
          " GROUP BY i.commodity_id, i.seconds ORDER BY spu_id, seconds";
  q.params.push_back(s.window.utc_from());
  q.params.push_back(s.window.utc_to());
  if (s.shop_id) q.params.push_back(s.shop_id);
  return q;
}

Query names_query() {
  return {"SELECT id AS spu_id, commodity_name AS name FROM scm_commodity__t_commodity_base_info WHERE tenant = 'LKUS' ORDER BY id", {}};
}

// Step counts of every recipe version of status 1; the highest version of
// each formula is kept in C++.
Query steps_query() {
  return {"SELECT spu_id, formula_no, version, COUNT(*) AS steps FROM scm_commodity__t_formula_spu"
          " WHERE tenant = 'LKUS' AND status = 1 GROUP BY spu_id, formula_no, version ORDER BY spu_id, formula_no, version", {}};
}

// Successful brews (status 1) by device and product; the device's type and
// store come from t_device in C++.
Query brews_query(Warehouse& wh, const Scope& s) {
  const Dialect& d = wh.dialect();
  Query q = derived_from(wh, kBrewTimes);
  q.sql = "SELECT u.device_no AS device_no, u.commodity_id AS spu_id, COUNT(*) AS brews, SUM(u.seconds) AS seconds FROM " +
          q.sql + " u WHERE " + s.window.range(d, "u.start_time") + (s.shop_id ? " AND u.shop_id = ?" : "") +
          " GROUP BY u.device_no, u.commodity_id ORDER BY device_no, spu_id";
  q.params.push_back(s.window.utc_from());
  q.params.push_back(s.window.utc_to());
  if (s.shop_id) q.params.push_back(s.shop_id);
  return q;
}

Query device_catalog_query() {
  return {"SELECT device_no, shop_id, machine_type FROM iot_platform__t_device WHERE tenant = 'LKUS' ORDER BY device_no", {}};
}

void read_seconds(const ResultSet& r, ProductionData& data) {
  for (const Row row : r) {
    const int64_t shop = row.integer("shop_id"), seconds = row.integer("seconds"), n = row.integer("n");
    data.stores[shop].add(seconds, n);
    data.stores_all.try_emplace(shop, Histogram::kKeepOutliers).first->second.add(seconds, n);
    data.fleet.add(seconds, n);
    data.fleet_all.add(seconds, n);
  }
}

void read_hours(const ResultSet& r, ProductionData& data) {
  for (const Row row : r) {
    const Timestamp t = Timestamp::parse(row.text("utc_hour").substr(0, 13) + ":00:00");
    data.hours.push_back({row.integer("shop_id"), new_york_date(t), new_york_hour(t), row.integer("tickets"),
                          row.integer("timed"), static_cast<double>(row.integer("timed_seconds"))});
  }
}

void read_steps(const ResultSet& r, ProductionData& data) {
  std::map<std::pair<int64_t, std::string>, std::pair<int64_t, int64_t>> latest;  // version, steps
  for (const Row row : r) {
    auto& v = latest[{row.integer("spu_id"), row.text("formula_no")}];
    if (row.integer("version") >= v.first) v = {row.integer("version"), row.integer("steps")};
  }
  std::map<int64_t, std::pair<double, int64_t>> sums;
  for (const auto& [key, v] : latest) sums[key.first].first += static_cast<double>(v.second), ++sums[key.first].second;
  for (const auto& [spu, s] : sums) data.product_steps[spu] = s.first / static_cast<double>(s.second);
}

void read_brews(const ResultSet& brews, const ResultSet& devices, ProductionData& data) {
  std::map<std::string, Device> by_no;
  for (const Row row : devices) {
    by_no[row.text("device_no")] = {row.text("device_no"), row.text("machine_type"), row.integer("shop_id")};
  }
  for (const Row row : brews) {
    const auto it = by_no.find(row.text("device_no"));
    if (it == by_no.end()) continue;
    const int64_t n = row.integer("brews");
    const double seconds = static_cast<double>(row.integer("seconds"));
    it->second.brews += n;
    it->second.busy_seconds += seconds;
    BrewSums& b = data.brews[row.integer("spu_id")][it->second.machine_type];
    b.n += n;
    b.seconds += seconds;
  }
  for (auto& [no, d] : by_no) {
    if (d.brews > 0) data.devices.push_back(d);
  }
}

// The outliers' items: their number and the last one's seconds from the
// ticket's acceptance.
void read_outlier_items(Warehouse& wh, std::vector<Outlier>& outliers) {
  if (outliers.empty()) return;
  const Dialect& d = wh.dialect();
  Query q = derived_from(wh, production_time::kProductionItems);
  std::string ids;
  for (const Outlier& o : outliers) {
    ids += ids.empty() ? "?" : ", ?";
    q.params.push_back(o.id);
  }
  q.sql = "SELECT i.production_id AS production_id, COUNT(*) AS items, MAX(" + production_time::item_seconds(d, "i") +
          ") AS item_max FROM " + q.sql + " i WHERE i.tenant = 'LKUS' AND i.production_id IN (" + ids + ") AND " +
          production_time::finished_item("i") + " GROUP BY i.production_id ORDER BY production_id";
  std::map<int64_t, std::pair<int64_t, int64_t>> items;
  for (const Row row : wh.query(q.sql, q.params)) items[row.integer("production_id")] = {row.integer("items"), row.integer("item_max")};
  for (Outlier& o : outliers) {
    const auto it = items.find(o.id);
    if (it != items.end()) o.items = it->second.first, o.item_max = it->second.second;
  }
}

}  // namespace

ProductionData read_production(Warehouse& wh, const Scope& scope) {
  const std::vector<ResultSet> r = wh.query_all({store_seconds_query(wh, scope), hours_query(wh, scope),
                                                 outliers_query(wh, scope), products_query(wh, scope), names_query(),
                                                 steps_query(), brews_query(wh, scope), device_catalog_query()});
  ProductionData data;
  read_seconds(r[0], data);
  read_hours(r[1], data);
  for (const Row row : r[2]) {
    data.outliers.push_back({.id = row.integer("id"), .shop_id = row.integer("shop_id"), .seconds = row.integer("seconds"),
                             .cups = row.integer("cups"), .production_no = row.text("production_no"),
                             .order_no = row.text("order_no"), .accept_time = row.text("accept_time")});
  }
  read_outlier_items(wh, data.outliers);
  for (const Row row : r[3]) data.products[row.integer("spu_id")].add(row.integer("seconds"), row.integer("n"));
  for (const Row row : r[4]) data.product_names[row.integer("spu_id")] = row.text("name");
  read_steps(r[5], data);
  read_brews(r[6], r[7], data);
  return data;
}

}  // namespace luckyhub::production
