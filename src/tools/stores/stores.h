// The store performance command center (Tool 13, Operations): each of the
// ten stores against its KPIs (orders and revenue per open hour, production
// time, machine uptime, items out of stock, opening-hours compliance) with
// traffic lights, each KPI also against the other stores at the same age and
// weekday; the weekly leaderboard; each store's trajectory; the
// cannibalisation of nearby stores by an opening; one store's page.
//
// stores_tables.cc declares the derived table (paid orders per store, New
// York day and hour); stores_read.cc reads the warehouse into the plain
// structs below; stores_analysis.cc, stores_trend.cc and stores_nearby.cc
// hold the pure rules; stores_alerts.cc the alert conditions;
// stores_report.cc, stores_panels.cc and stores_store.cc the report.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "alerts/rules.h"
#include "core/calendar.h"
#include "domain/device_uptime.h"
#include "report/report.h"
#include "tools/registry.h"
#include "warehouse/warehouse.h"

namespace luckyhub::stores {

// The derived table: paid LKUS orders per shop_id, day (New York date of
// create_time), hour (New York hour): orders, cents (Σ pay_money).
inline constexpr const char* kShopHour = "stores__shop_hour";

// The KPI thresholds (a parameter each; documented defaults). A KPI is red
// past its red bound, yellow past its yellow bound, green otherwise.
struct Thresholds {
  double index_yellow = 0.9, index_red = 0.75;        // orders and revenue per open hour, against peers (below)
  double production_yellow = 300, production_red = 420;  // mean production seconds (above)
  double uptime_yellow = 0.98, uptime_red = 0.95;     // machine uptime share (below)
  double stockouts_yellow = 1, stockouts_red = 3;     // items out of stock (at or above)
  double compliance_yellow = 0.99, compliance_red = 0.95;  // scheduled days opened (below)
};

// What makes two stores location peers (the location_by parameter): the
// same city and kind of site (t_shop_info.city and shop_type: "New York
// kiosk"), the same kind of site anywhere, or the same city.
enum class LocationBy { kCityAndType, kType, kCity };
// The parameter's values, in LocationBy's order.
const std::vector<std::string>& location_by_names();

struct Scope {
  Date as_of;               // the data ends the day before
  int weeks = 4;            // the KPI window: the weeks ending at as_of
  int trend_weeks = 8;      // the trajectory's weeks
  int cannibal_weeks = 4;   // weeks before and after an opening
  double radius_km = 1.0;   // a store this near an opening is nearby
  double min_drop = 0.10;   // a nearby store down this share against the reference is cannibalised
  double min_expected = 3;  // a day without orders is missed when the store's usual orders that weekday are this many
  int64_t store_id = 0;     // the drill-down, 0 none
  LocationBy location_by = LocationBy::kCityAndType;  // who a store's location peers are
  Thresholds thresholds;

  Date from() const { return as_of - 7 * weeks; }
};

std::vector<ParamSpec> store_params();
Scope scope_of(Warehouse& wh, const Params& params);

struct Store {
  int64_t id = 0;
  std::string shop_no, name;
  Date opened;
  double latitude = 0, longitude = 0;
  int shop_type = 0;  // t_shop_info.shop_type: 1 pickup store, 2 flagship with seating, 3 kiosk
  std::string city;
};

// A store's location type ("New York kiosk", "kiosk", "New York").
std::string location_of(const Store& s, LocationBy by);

struct DayFigures {
  int64_t orders = 0, cents = 0;
};

struct Machine {
  int64_t id = 0, shop_id = 0;
  std::string device_no, machine_type;
  bool online = true;
  Timestamp install_time;
  std::vector<device_uptime::Event> events;  // online and offline events before as-of, by time
};

struct StockItem {
  int64_t shop_id = 0, goods_id = 0;
  std::string goods_name, unit;
  double on_hand = 0, safety_stock = 0;
};

struct StoreData {
  std::vector<Store> stores;                              // LKUS stores open before as-of, by id
  std::map<int64_t, std::map<Date, DayFigures>> days;     // shop -> New York day -> paid orders, whole history
  std::map<int64_t, std::map<Date, int64_t>> open_slots;  // shop -> day -> scheduled open half hours (pickup)
  std::map<int64_t, int64_t> production_tickets;          // shop -> finished tickets of the window, not outliers
  std::map<int64_t, double> production_seconds;           //   and their Σ seconds
  std::vector<Machine> machines;                          // by shop, id
  std::vector<StockItem> stock_outs;                      // by shop, goods
};

StoreData read_stores(Warehouse& wh, const Scope& scope);

// Production tickets of one shop on one New York day (any status): a missed
// day has none.
int64_t tickets_on(Warehouse& wh, int64_t shop_id, Date day);

// ---- Analysis (stores_analysis.cc), pure ----

enum class Level { kGreen, kYellow, kRed };
Status status_of(Level l);
// Below-is-bad and above-is-bad bounds.
Level level_below(double value, double yellow, double red);
Level level_above(double value, double yellow, double red);

// A store's figures over days: Σ actual against Σ expected, expected being
// the mean of the other stores on the day of the same week since opening and
// weekday (days of the data only). nullopt without any such day.
struct Normalised {
  double actual = 0, expected = 0;
  std::optional<double> index() const {
    if (expected <= 0) return std::nullopt;
    return actual / expected;
  }
};
// Orders (revenue = false) or cents of `store` over [from, to). With
// `location`, the peers are only the other stores of its location type by it.
Normalised normalised(const StoreData& data, const Store& store, Date from, Date to, Date as_of, bool revenue,
                      std::optional<LocationBy> location = std::nullopt);

struct Kpis {
  const Store* store = nullptr;
  double open_hours = 0;  // scheduled pickup hours in the window
  int64_t orders = 0, cents = 0;
  std::optional<double> orders_per_hour, revenue_per_hour;  // cents per hour
  Normalised orders_vs_peers, revenue_vs_peers;
  Normalised orders_vs_location;  // orders against its location peers (scope.location_by)
  std::optional<double> production_s;  // mean
  device_uptime::Uptime uptime;        // Σ over the store's machines
  int64_t machines = 0, machines_offline = 0;
  int64_t stock_outs = 0;
  int64_t scheduled_days = 0, opened_days = 0;  // scheduled open days in the window, of which with orders
  std::optional<double> compliance() const {
    if (!scheduled_days) return std::nullopt;
    return static_cast<double>(opened_days) / static_cast<double>(scheduled_days);
  }
  // The traffic lights, in kKpiIds order; kGreen when a KPI has no value.
  std::vector<Level> levels;
};

// The six KPIs' ids and labels, in the grid's order.
inline const std::vector<std::pair<std::string, std::string>>& kpi_names() {
  static const std::vector<std::pair<std::string, std::string>> k = {
      {"orders_per_hour", "Orders / open hour vs peers"}, {"revenue_per_hour", "Revenue / open hour vs peers"},
      {"production_s", "Avg production time"},   {"uptime", "Machine uptime"},
      {"stock_outs", "Items out of stock"},      {"compliance", "Opening-hours compliance"}};
  return k;
}
// A KPI's value as the alert and the grid show it (index against peers for
// the first two), nullopt when it has none.
std::optional<double> kpi_value(const Kpis& k, size_t kpi);

std::vector<Kpis> assess(const StoreData& data, const Scope& scope);
Level worst(const Kpis& k);

// Missed days: a scheduled open day (an open pickup slot) in [opened, as_of)
// without a paid order, while the store's mean orders on the same weekday of
// the four weeks before and after (days with orders) reach min_expected.
struct MissedDay {
  int64_t shop_id = 0;
  Date day;
  double expected = 0;
};
std::vector<MissedDay> missed_days(const StoreData& data, const Scope& scope);

// The weekly leaderboard: the stores ranked by their orders per open hour
// against peers (the index) over the last 7 days and the 7 before.
struct Rank {
  const Store* store = nullptr;
  std::optional<double> index, previous_index;
  int rank = 0, previous_rank = 0;  // 0: not ranked
};
std::vector<Rank> leaderboard(const StoreData& data, const Scope& scope);

// ---- Trajectory (stores_trend.cc) ----

// The OLS slope of y on x with its 95% confidence interval (Student t,
// n - 2 degrees of freedom); no interval under three points.
struct Slope {
  int n = 0;
  double slope = 0, intercept = 0, mean = 0;
  std::optional<double> low, high;
};
Slope ols(const std::vector<double>& x, const std::vector<double>& y);
double student_t975(int df);

enum class Trend { kImproving, kFlat, kDeclining, kUnknown };
const char* trend_name(Trend t);
Trend trend_of(const Slope& s);  // improving: low > 0; declining: high < 0; flat: 0 inside

struct Trajectory {
  const Store* store = nullptr;
  std::vector<Date> weeks;      // each week's first day
  std::vector<int64_t> orders;  // paid orders of each 7-day week ending at as_of, from the store's first full week
  Slope slope;
  Trend trend = Trend::kUnknown;
};
std::vector<Trajectory> trajectories(const StoreData& data, const Scope& scope);

// ---- Cannibalisation (stores_nearby.cc) ----

double distance_km(const Store& a, const Store& b);  // haversine, earth radius 6371 km

// One nearby store around one opening: its orders against the reference (the
// stores neither the opening nor nearby, open cannibal_weeks before the
// before-window) in the weeks before and after the opening.
struct Cannibalisation {
  const Store* opened = nullptr;
  const Store* nearby = nullptr;
  double km = 0;
  int64_t before = 0, after = 0;          // the nearby store's orders
  int64_t ref_before = 0, ref_after = 0;  // the reference's
  double change = 0;      // (after / ref_after) / (before / ref_before) - 1
  double lost_orders = 0; // before / ref_before x ref_after - after
  bool cannibalised = false;  // change <= -min_drop
};
std::vector<Cannibalisation> cannibalisation(const StoreData& data, const Scope& scope);

// ---- Alerts (stores_alerts.cc) ----

// "StoreKpiRed" for every store and KPI at red: instance the shop id, object
// the KPI id, value the KPI (an index for orders and revenue), threshold its
// red bound. In store then KPI order.
std::vector<alerts::Signal> store_signals(const std::vector<Kpis>& kpis, const Scope& scope);

}  // namespace luckyhub::stores
