// staffing's reads: the stores, the week's forecasts and paid orders per
// store, day and hour, and the production-time benchmarks by product mix.
#include <map>

#include "core/error.h"
#include "domain/order_rules.h"
#include "domain/production_time.h"
#include "tools/staffing/staffing.h"

namespace luckyhub::staffing {
namespace {

constexpr const char* kForecasts = "ireplenishment__t_order_predict_alg_v2";

std::string utc_midnight(Date day) { return new_york_to_utc(day, 0, 0, 0).str(); }

Query stores_query() {
  return {"SELECT id AS shop_id, shop_name AS name FROM opshop__t_shop_info WHERE tenant = 'LKUS' ORDER BY id", {}};
}

Query forecasts_query(const Dialect& d, Date week) {
  return {"SELECT shop_id, " + d.date_text("pred_date") + " AS day, pred_hour AS hour, lead_days, predict_order_cnt AS orders"
          " FROM " + std::string(kForecasts) + " WHERE tenant = 'LKUS' AND pred_date >= ? AND pred_date < ?"
          " ORDER BY shop_id, day, hour, lead_days",
          {week.str(), (week + 7).str()}};
}

// Paid orders per store, New York day and hour, over [from, to).
Query orders_query(const Dialect& d, Date from, Date to) {
  return {"SELECT shop_id, " + d.ny_date("pay_time") + " AS day, " + d.ny_hour("pay_time") + " AS hour, COUNT(*) AS orders"
          " FROM sales_order__t_order WHERE tenant = 'LKUS' AND pay_time >= ? AND pay_time < ? AND " + rules::paid_order() +
          " GROUP BY shop_id, day, hour ORDER BY shop_id, day, hour",
          {utc_midnight(from), utc_midnight(to)}};
}

// Finished items per store and product over the benchmark days: all of them,
// and the timed ones (making time within the outlier bound) with their seconds.
Query mix_query(const Dialect& d, Date as_of) {
  const std::string secs = d.seconds_between("start_time", "done_time");
  const std::string timed = secs + " BETWEEN 0 AND " + std::to_string(production_time::kOutlierSeconds);
  return {"SELECT shop_id, commodity_id AS product_id, COUNT(*) AS items, SUM(CASE WHEN " + timed +
          " THEN 1 ELSE 0 END) AS timed, SUM(CASE WHEN " + timed + " THEN " + secs + " ELSE 0 END) AS seconds"
          " FROM opproduction__t_commodity WHERE tenant = 'LKUS' AND status = 30 AND start_time IS NOT NULL"
          " AND done_time IS NOT NULL AND start_time >= ? AND start_time < ?"
          " GROUP BY shop_id, commodity_id ORDER BY shop_id, product_id",
          {utc_midnight(as_of - kBenchmarkDays), utc_midnight(as_of)}};
}

Query tickets_query(Date as_of) {
  return {"SELECT shop_id, COUNT(*) AS tickets FROM opproduction__t_production WHERE tenant = 'LKUS'"
          " AND status IN (30, 40) AND done_time IS NOT NULL AND accept_time >= ? AND accept_time < ?"
          " GROUP BY shop_id ORDER BY shop_id",
          {utc_midnight(as_of - kBenchmarkDays), utc_midnight(as_of)}};
}

struct MixRow {
  int64_t product_id = 0, items = 0;
};

// Work seconds per order of each store, and of the fleet, by product mix.
std::map<int64_t, double> work_per_order(const ResultSet& mix, const ResultSet& tickets, double& fleet) {
  std::map<int64_t, std::pair<int64_t, int64_t>> bench;  // product -> (timed, seconds)
  std::map<int64_t, std::vector<MixRow>> by_store;
  for (const Row row : mix) {
    auto& b = bench[row.integer("product_id")];
    b.first += row.integer("timed");
    b.second += row.integer("seconds");
    by_store[row.integer("shop_id")].push_back({row.integer("product_id"), row.integer("items")});
  }
  auto mean = [&](int64_t product) {
    const auto& [timed, seconds] = bench[product];
    return timed > 0 ? static_cast<double>(seconds) / static_cast<double>(timed) : 0.0;
  };
  std::map<int64_t, double> out;
  double fleet_work = 0;
  int64_t fleet_tickets = 0;
  for (const Row row : tickets) {
    const int64_t shop = row.integer("shop_id"), n = row.integer("tickets");
    double work = 0;
    for (const MixRow& m : by_store[shop]) work += static_cast<double>(m.items) * mean(m.product_id);
    if (n > 0) out[shop] = work / static_cast<double>(n);
    fleet_work += work;
    fleet_tickets += n;
  }
  fleet = fleet_tickets > 0 ? fleet_work / static_cast<double>(fleet_tickets) : 0;
  return out;
}

using SlotKey = std::tuple<int64_t, int32_t, int>;  // shop, day, hour

SlotKey key_of(const Row& row) {
  return {row.integer("shop_id"), Date::parse(row.text("day")).days, static_cast<int>(row.integer("hour"))};
}

}  // namespace

Date monday_of(Date day) { return day - day.weekday(); }

Date monday_or_throw(Date week, const std::string& what) {
  if (week.weekday() != 0) throw Error(what + ": " + week.str() + " is not a Monday");
  return week;
}

WeekData read_week(Warehouse& wh, Date week) {
  if (!wh.has_table(kForecasts)) throw Error("staffing: the warehouse has no " + std::string(kForecasts));
  WeekData data{.as_of = Date::parse(wh.meta("as_of")), .week = week};
  const Dialect& d = wh.dialect();
  const Date orders_to = std::min(week + 7, data.as_of);
  const std::vector<ResultSet> r =
      wh.query_all({stores_query(), forecasts_query(d, week), orders_query(d, week, std::max(week, orders_to)),
                    mix_query(d, data.as_of), tickets_query(data.as_of)});
  const std::map<int64_t, double> aht = work_per_order(r[3], r[4], data.fleet_aht_s);

  std::map<SlotKey, HourDemand> slots;
  for (const Row row : r[1]) {  // ordered by lead: the first is the freshest
    HourDemand& h = slots[key_of(row)];
    const int lead = static_cast<int>(row.integer("lead_days"));
    if (!h.lead_days) h.lead_days = lead, h.orders = static_cast<double>(row.integer("orders"));
    if (lead == 0) h.same_morning = row.integer("orders");
  }
  for (const Row row : r[2]) slots[key_of(row)].actual = row.integer("orders");

  for (const Row row : r[0]) {
    const int64_t shop = row.integer("shop_id");
    const auto a = aht.find(shop);
    StoreWeek sw{.store = {.shop_id = shop, .name = row.text("name"), .aht_s = a == aht.end() ? data.fleet_aht_s : a->second}};
    bool any = false;
    for (int day = 0; day < 7; ++day) {
      for (int hour = 0; hour < 24; ++hour) {
        HourDemand h{.day = week + day, .hour = hour};
        const auto it = slots.find({shop, (week + day).days, hour});
        if (it != slots.end()) {
          h = it->second;
          h.day = week + day, h.hour = hour;
          any = true;
        }
        if (!h.lead_days && h.actual) h.orders = static_cast<double>(*h.actual);
        sw.hours.push_back(h);
      }
    }
    if (any) data.stores.push_back(std::move(sw));
  }
  return data;
}

}  // namespace luckyhub::staffing
