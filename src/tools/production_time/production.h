// The production-time optimizer (Tool 12, Product): production times of
// tickets and items as the domain defines them (domain/production_time.h),
// read from the warehouse into plain structs (production_read.cc) and
// analysed (production_analysis.cc); production_report.cc makes the panels.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/production_time.h"
#include "report/report.h"
#include "tools/production_time/production_stats.h"
#include "tools/window.h"
#include "warehouse/warehouse.h"

namespace luckyhub::production {

// The tool's derived tables (production_tables.cc): every finished LKUS
// ticket (id, shop_id, accept_time, seconds) and every successful brew
// (id, device_no, commodity_id, shop_id, start_time, seconds).
inline constexpr std::string_view kTicketTimes = "production__ticket_time";
inline constexpr std::string_view kBrewTimes = "production__brew_time";

struct Scope {
  Window window;
  int64_t shop_id = 0;       // 0: every store
  double slow_ratio = 1.4;   // a store-hour this much slower than the others is a slow spot
  int64_t min_tickets = 30;  // tickets a store-hour needs to be judged
};

// Tickets (t_production) of one store and one New York date and hour.
struct TicketHour {
  int64_t shop_id = 0;
  Date day;
  int hour = 0;
  int64_t tickets = 0;  // every finished ticket, outliers too
  int64_t timed = 0;    // without outliers
  double seconds = 0;   // summed over the timed ones
};

// A ticket over 30 minutes, with what its items say about it.
struct Outlier {
  int64_t id = 0, shop_id = 0, seconds = 0, cups = 0;
  std::string production_no, order_no, accept_time;
  int64_t items = 0;                // its t_commodity rows
  std::optional<int64_t> item_max;  // the last item's seconds from acceptance
};

struct Device {
  std::string device_no, machine_type;
  int64_t shop_id = 0, brews = 0;
  double busy_seconds = 0;
};

struct ProductionData {
  std::map<int64_t, production_time::Histogram> stores, stores_all;  // by shop id: without / with outliers
  production_time::Histogram fleet, fleet_all{production_time::Histogram::kKeepOutliers};
  std::map<int64_t, production_time::Histogram> products;  // items, by spu id
  std::map<int64_t, std::string> product_names;
  std::map<int64_t, double> product_steps;  // mean steps of the product's active recipes
  std::vector<TicketHour> hours;
  std::vector<Outlier> outliers;
  std::map<int64_t, std::map<std::string, BrewSums>> brews;  // product -> machine type -> brews
  std::vector<Device> devices;
};

ProductionData read_production(Warehouse& wh, const Scope& scope);

// ---- Analysis (production_analysis.cc) ----

// A store and New York hour of day over the window.
struct StoreHour {
  int64_t shop_id = 0;
  int hour = 0;
  int64_t tickets = 0, timed = 0;
  double mean = 0;         // seconds, without outliers
  double others_mean = 0;  // the other stores at the same hour
  double ratio = 0;        // mean / others_mean
  double open_tickets = 0; // mean tickets in production (Little's law)
  bool slow = false;
};
std::vector<StoreHour> store_hours(const ProductionData& data, const Scope& scope);

// Mean tickets in production over one store-hour: the seconds its tickets
// spent in production over the hour's 3600 (Little's law).
double open_tickets(const TicketHour& h);

// Weekday (0 Monday) x hour cells over every store: mean seconds without
// outliers, and mean tickets in production per store open that hour.
struct WeekHour {
  double seconds = 0;
  int64_t timed = 0;
  double open_seconds = 0;
  int64_t store_hours = 0;
};
std::map<std::pair<int, int>, WeekHour> week_hours(const ProductionData& data);

// Pearson's r of a store-hour's tickets in production and its mean time.
std::optional<Correlation> queue_correlation(const ProductionData& data);
// Pearson's r of a product's recipe steps and its mean item time.
std::optional<Correlation> steps_correlation(const ProductionData& data);

// The outliers tile: yellow when there is any, green without.
inline Status outlier_status(int64_t outliers) { return outliers ? Status::kYellow : Status::kGreen; }

// "data error: ticket left open" when its items were done within 30 minutes,
// "incident: items over 30 min" when they too took longer, "no items to
// tell" when it has no finished item.
std::string classify(const Outlier& o);

}  // namespace luckyhub::production
