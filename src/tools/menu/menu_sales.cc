// The menu analysis's reads: the catalog, the sales of the derived table by
// product and day and by product, store and day, production-time histograms
// and recipe costs (menu_costs.cc), in one batch of queries.
#include <algorithm>

#include "domain/production_time.h"
#include "tools/menu/menu.h"
#include "tools/menu/menu_tables.h"
#include "warehouse/derived_table.h"

namespace luckyhub::menu {

Query recipe_query();
Query goods_cost_query();
Query unit_ratio_query();
RecipeCosts recipe_costs(const ResultSet& recipes, const ResultSet& goods_costs, const ResultSet& unit_ratios);

namespace {

Query products_query() {
  return {"SELECT id AS spu_id, commodity_name, category, default_price, status, default_temperature, sugar_level,"
          " nutrition_grade FROM scm_commodity__t_commodity_base_info WHERE tenant = 'LKUS' ORDER BY id",
          {}};
}

std::vector<Product> read_products(const ResultSet& r) {
  std::vector<Product> out;
  for (const Row row : r) {
    out.push_back({row.integer("spu_id"), row.text("commodity_name"), row.text("category"),
                   row.integer("default_price"), static_cast<int>(row.integer("status")),
                   static_cast<int>(row.integer("default_temperature")), static_cast<int>(row.integer("sugar_level")),
                   row.text("nutrition_grade")});
  }
  return out;
}

// Which rows of the derived table a read takes: one store, daypart, channel
// (0: all).
struct Slice {
  int64_t shop_id = 0;
  int daypart = 0, channel = 0;
};

// The derived table's rows in [from, to) of the slice; scanned rather than
// read through the day index when the window is wide (most of the table: the
// index's lookups cost more than a scan).
Query product_days(Warehouse& wh, const std::string& select, const std::string& group, Date from, Date to,
                   const Slice& slice, bool wide) {
  Query q = derived_from(wh, kProductDays);
  const std::string day = wide ? wh.dialect().unindexed("d.day") : "d.day";
  q.sql = "SELECT " + select + " FROM " + q.sql + " d WHERE " + day + " >= ? AND " + day + " < ?" +
          (slice.shop_id ? " AND d.shop_id = ?" : "") + (slice.daypart ? " AND d.daypart = ?" : "") +
          (slice.channel ? " AND d.channel = ?" : "") + " GROUP BY " + group + " ORDER BY " + group;
  q.params.push_back(from.str());
  q.params.push_back(to.str());
  if (slice.shop_id) q.params.push_back(slice.shop_id);
  if (slice.daypart) q.params.push_back(int64_t{slice.daypart});
  if (slice.channel) q.params.push_back(int64_t{slice.channel});
  return q;
}

Query days_query(Warehouse& wh, Date from, Date to, const Slice& slice, bool wide) {
  return product_days(wh,
                      "d.spu_id AS spu_id, d.day AS day, d.cup_size AS cup_size, d.temperature AS temperature,"
                      " SUM(d.units) AS sold, SUM(d.revenue_cents) AS revenue, SUM(d.list_cents) AS list_revenue",
                      "d.spu_id, d.day, d.cup_size, d.temperature", from, to, slice, wide);
}

// Every store, daypart and channel: a list price is a store's, whatever the
// hour or the channel.
Query store_days_query(Warehouse& wh, const Window& w) {
  return product_days(wh,
                      "d.spu_id AS spu_id, d.shop_id AS shop_id, d.day AS day, SUM(d.units) AS sold,"
                      " SUM(CASE WHEN d.cup_size IN (0, 2) THEN d.units ELSE 0 END) AS base_sold,"
                      " SUM(CASE WHEN d.cup_size IN (0, 2) THEN d.list_cents ELSE 0 END) AS base_list_revenue",
                      "d.spu_id, d.shop_id, d.day", w.from, w.to, Slice{}, w.wide);
}

Query production_query(Warehouse& wh, const Window& w, int64_t shop_id) {
  Query q = derived_from(wh, production_time::kItemTimes);
  q.sql = "SELECT i.commodity_id AS spu_id, i.seconds AS seconds, COUNT(*) AS n FROM " + q.sql + " i WHERE " +
          w.range(wh.dialect(), "i.ticket_accept_time") + (shop_id ? " AND i.shop_id = ?" : "") +
          " GROUP BY i.commodity_id, i.seconds ORDER BY spu_id, seconds";
  q.params.push_back(w.utc_from());
  q.params.push_back(w.utc_to());
  if (shop_id) q.params.push_back(shop_id);
  return q;
}

double variant_cost(const RecipeCosts& costs, const VariantKey& key, bool& known) {
  const auto it = costs.find(key);
  if (it == costs.end() || !it->second) {
    known = false;
    return 0;
  }
  return *it->second;
}

std::vector<ProductDay> read_days(const ResultSet& r, const RecipeCosts& costs) {
  std::vector<ProductDay> out;
  for (const Row row : r) {
    const int64_t spu = row.integer("spu_id");
    const Date day = Date::parse(row.text("day"));
    if (out.empty() || out.back().spu_id != spu || out.back().day != day) out.push_back({spu, day, {}});
    Sales s{row.integer("sold"), row.integer("revenue"), row.integer("list_revenue")};
    const double unit_cost =
        variant_cost(costs, {spu, row.integer("cup_size"), row.integer("temperature")}, s.cost_known);
    s.cost_cents = unit_cost * static_cast<double>(s.units);
    out.back().sales.add(s);
    if (row.integer("temperature") == 2) out.back().iced_units += s.units;
    if (row.integer("temperature") == 1) out.back().hot_units += s.units;
  }
  return out;
}

std::vector<StoreDay> read_store_days(const ResultSet& r) {
  std::vector<StoreDay> out;
  for (const Row row : r) {
    out.push_back({row.integer("spu_id"), row.integer("shop_id"), Date::parse(row.text("day")), row.integer("sold"),
                   row.integer("base_sold"), row.integer("base_list_revenue")});
  }
  return out;
}

std::map<int64_t, production_time::Histogram> read_production(const ResultSet& r) {
  std::map<int64_t, production_time::Histogram> out;
  for (const Row row : r) out[row.integer("spu_id")].add(row.integer("seconds"), row.integer("n"));
  return out;
}

}  // namespace

void Sales::add(const Sales& o) {
  units += o.units;
  revenue_cents += o.revenue_cents;
  list_cents += o.list_cents;
  cost_cents += o.cost_cents;
  cost_known = cost_known && o.cost_known;
}

std::optional<double> Sales::margin() const {
  if (units == 0 || !cost_known) return std::nullopt;
  return (static_cast<double>(revenue_cents) - cost_cents) / static_cast<double>(units);
}

MenuData read_menu(Warehouse& wh, const MenuScope& scope) {
  const Window& w = scope.window;
  const Date from = std::min(w.from, months_before(month_start(w.to), 2));
  const std::vector<ResultSet> r = wh.query_all(
      {products_query(), recipe_query(), goods_cost_query(), unit_ratio_query(),
       days_query(wh, from, w.to, {scope.shop_id, scope.daypart, scope.channel}, w.wide), store_days_query(wh, w),
       production_query(wh, w, scope.shop_id)});
  MenuData data;
  data.products = read_products(r[0]);
  std::erase_if(data.products, [&](const Product& p) { return !has_attributes(p, scope); });
  data.formulas = read_formulas(wh);
  data.costs = recipe_costs(r[1], r[2], r[3]);
  data.days = read_days(r[4], data.costs);
  data.store_days = read_store_days(r[5]);
  if (scope.shop_id) {
    std::erase_if(data.store_days, [&](const StoreDay& s) { return s.shop_id != scope.shop_id; });
  }
  data.production = read_production(r[6]);
  return data;
}

}  // namespace luckyhub::menu
