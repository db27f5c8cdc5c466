// The production-time report's weekday x hour grids, bottlenecks, machine and
// recipe panels.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "tools/production_time/production_panels.h"

namespace luckyhub::production {
namespace {

constexpr size_t kBottleneckRows = 20;
const char* const kWeekdays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

double round_tenths(double x) { return std::round(x * 10) / 10; }
double round_thousandths(double x) { return std::round(x * 1000) / 1000; }

std::string hour_label(int hour) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:00", hour);
  return buf;
}

}  // namespace

Panel week_hour_panel(const ProductionData& data, bool queue) {
  const auto cells = week_hours(data);
  Panel p{.id = queue ? "queue_heatmap" : "time_heatmap",
          .title = queue ? "Tickets in production, weekday x hour" : "Mean ticket time, weekday x hour",
          .kind = PanelKind::kHeatmap,
          .description = queue ? "Mean tickets in production at a store open that hour (Little's law: the seconds "
                                 "its tickets spent in production over 3600), New York time."
                               : "Mean seconds without outliers of the tickets accepted in each New York hour."};
  HeatmapData& h = p.heatmap;
  h.x_label = "Hour (New York)", h.y_label = "Weekday", h.value_label = queue ? "tickets" : "s";
  int lo = 24, hi = -1;
  for (const auto& [key, c] : cells) lo = std::min(lo, key.second), hi = std::max(hi, key.second);
  for (int hour = lo; hour <= hi; ++hour) h.x.push_back(hour_label(hour));
  for (int day = 0; day < 7; ++day) {
    h.y.push_back(kWeekdays[day]);
    std::vector<Cell> row;
    for (int hour = lo; hour <= hi; ++hour) {
      const auto it = cells.find({day, hour});
      if (it == cells.end() || it->second.timed == 0) row.push_back(Cell{});
      else if (queue) row.push_back(round_thousandths(it->second.open_seconds / 3600.0 / static_cast<double>(it->second.store_hours)));
      else row.push_back(round_tenths(it->second.seconds / static_cast<double>(it->second.timed)));
    }
    h.values.push_back(std::move(row));
  }
  return p;
}

Panel bottlenecks_panel(const std::vector<StoreHour>& cells, const Scope& scope) {
  char rule[200];
  std::snprintf(rule, sizeof rule, "a slow spot: mean at least %.2f x the other stores' at that hour, over %lld tickets or more",
                scope.slow_ratio, static_cast<long long>(scope.min_tickets));
  Panel p{.id = "bottlenecks", .title = "Peak-hour bottlenecks", .kind = PanelKind::kTable,
          .description = "Store-hours (New York hour of day over the window) by their mean time against the other "
                         "stores at the same hour; " + std::string(rule) + ". Every slow spot, then the slowest others."};
  p.table.columns = {{"shop_id", "Store", ValueType::kInt},
                     {"hour", "Hour", ValueType::kText},
                     {"tickets", "Tickets", ValueType::kInt},
                     {"mean_s", "Mean", ValueType::kNumber, "", "s"},
                     {"others_mean_s", "Other stores", ValueType::kNumber, "", "s"},
                     {"ratio", "Ratio", ValueType::kNumber, "", "x"},
                     {"open_tickets", "In production", ValueType::kNumber, "", "tickets"},
                     {"slow", "Slow spot", ValueType::kText}};
  size_t others = 0;
  for (const StoreHour& c : cells) {
    if (!c.slow && others++ >= kBottleneckRows) continue;
    p.table.rows.push_back({c.shop_id, hour_label(c.hour), c.tickets, round_tenths(c.mean), round_tenths(c.others_mean),
                            round_thousandths(c.ratio), round_thousandths(c.open_tickets), std::string(c.slow ? "yes" : "no")});
  }
  return p;
}

Panel machine_types_panel(const ProductionData& data) {
  std::map<std::string, std::pair<int64_t, double>> type_brews;  // brews, seconds
  for (const Device& d : data.devices) type_brews[d.machine_type].first += d.brews, type_brews[d.machine_type].second += d.busy_seconds;
  const auto scores = efficiency_scores(data.brews);
  Panel p{.id = "machine_types", .title = "Machine types", .kind = PanelKind::kTable,
          .description = "Successful brews (t_cup_order_info) by the device's type (t_device). Efficiency: the same "
                         "products' mean brew over every type, times this type's brews, over its actual seconds (above "
                         "1 is faster); n is the brews it rests on."};
  p.table.columns = {{"machine_type", "Machine type", ValueType::kText},
                     {"brews", "Brews", ValueType::kInt},
                     {"mean_brew_s", "Mean brew", ValueType::kNumber, "", "s"},
                     {"efficiency", "Efficiency", ValueType::kNumber},
                     {"n", "n", ValueType::kInt},
                     {"products", "Products compared", ValueType::kInt}};
  for (const auto& [type, b] : type_brews) {
    const auto s = scores.find(type);
    const bool scored = s != scores.end();
    p.table.rows.push_back({type, b.first, round_tenths(b.second / static_cast<double>(b.first)),
                            scored ? Cell{round_thousandths(s->second.score)} : Cell{}, scored ? s->second.brews : int64_t{0},
                            scored ? s->second.products : int64_t{0}});
  }
  return p;
}

Panel devices_panel(const ProductionData& data, const Scope& scope) {
  const double days = std::max(1, scope.window.days());
  Panel p{.id = "devices", .title = "Machine utilisation", .kind = PanelKind::kTable,
          .description = "Each brewer's successful brews and brewing time per day of the window."};
  p.table.columns = {{"device_no", "Device", ValueType::kText},
                     {"shop_id", "Store", ValueType::kInt},
                     {"machine_type", "Machine type", ValueType::kText},
                     {"brews", "Brews", ValueType::kInt},
                     {"brews_per_day", "Brews per day", ValueType::kNumber},
                     {"busy_min_per_day", "Brewing per day", ValueType::kNumber, "", "min"},
                     {"mean_brew_s", "Mean brew", ValueType::kNumber, "", "s"}};
  for (const Device& d : data.devices) {
    p.table.rows.push_back({d.device_no, d.shop_id, d.machine_type, d.brews, round_tenths(static_cast<double>(d.brews) / days),
                            round_tenths(d.busy_seconds / 60.0 / days), round_tenths(d.busy_seconds / static_cast<double>(d.brews))});
  }
  return p;
}

Panel steps_panel(const ProductionData& data) {
  const std::optional<Correlation> r = steps_correlation(data);
  char said[96] = "Too few products to correlate.";
  if (r) std::snprintf(said, sizeof said, "Pearson r = %.3f, n = %lld.", r->r, static_cast<long long>(r->n));
  Panel p{.id = "steps", .title = "Recipe steps and item time", .kind = PanelKind::kScatter,
          .description = "One point per product: the mean step count of its active recipes and its mean item time "
                         "without outliers; size is items. " + std::string(said)};
  p.scatter.x_label = "Recipe steps", p.scatter.y_label = "Mean item time (s)";
  for (const auto& [spu, h] : data.products) {
    const auto steps = data.product_steps.find(spu);
    if (steps == data.product_steps.end() || h.count() == 0) continue;
    const auto name = data.product_names.find(spu);
    p.scatter.points.push_back({name == data.product_names.end() ? std::to_string(spu) : name->second,
                                round_thousandths(steps->second), round_tenths(h.mean()), static_cast<double>(h.count()), "product"});
  }
  return p;
}

}  // namespace luckyhub::production
