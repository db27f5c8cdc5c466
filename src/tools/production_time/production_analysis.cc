// The production-time tool's analysis over the data read: store-hours and
// their slow spots, the weekday x hour grid, the correlations, the outliers'
// classes.
#include <algorithm>

#include "tools/production_time/production.h"

namespace luckyhub::production {

double open_tickets(const TicketHour& h) { return h.seconds / 3600.0; }

std::vector<StoreHour> store_hours(const ProductionData& data, const Scope& scope) {
  std::map<std::pair<int64_t, int>, StoreHour> cells;
  std::map<std::pair<int64_t, int>, int64_t> hours_open;  // store-hours with a ticket
  for (const TicketHour& h : data.hours) {
    StoreHour& c = cells[{h.shop_id, h.hour}];
    c.shop_id = h.shop_id, c.hour = h.hour;
    c.tickets += h.tickets, c.timed += h.timed;
    c.mean += h.seconds;  // a sum until divided below
    c.open_tickets += open_tickets(h);
    ++hours_open[{h.shop_id, h.hour}];
  }
  std::map<int, std::pair<double, int64_t>> by_hour;  // every store: seconds, timed
  for (const auto& [key, c] : cells) by_hour[key.second].first += c.mean, by_hour[key.second].second += c.timed;
  std::vector<StoreHour> out;
  for (auto& [key, c] : cells) {
    const auto& all = by_hour[key.second];
    const double others_seconds = all.first - c.mean;
    const int64_t others_timed = all.second - c.timed;
    c.open_tickets /= static_cast<double>(hours_open[key]);
    c.mean = c.timed ? c.mean / static_cast<double>(c.timed) : 0;
    c.others_mean = others_timed ? others_seconds / static_cast<double>(others_timed) : 0;
    c.ratio = c.others_mean > 0 ? c.mean / c.others_mean : 0;
    c.slow = c.timed >= scope.min_tickets && others_timed >= scope.min_tickets && c.ratio >= scope.slow_ratio;
    out.push_back(c);
  }
  std::stable_sort(out.begin(), out.end(), [](const StoreHour& a, const StoreHour& b) { return a.ratio > b.ratio; });
  return out;
}

std::map<std::pair<int, int>, WeekHour> week_hours(const ProductionData& data) {
  std::map<std::pair<int, int>, WeekHour> out;
  for (const TicketHour& h : data.hours) {
    WeekHour& w = out[{h.day.weekday(), h.hour}];
    w.seconds += h.seconds;
    w.timed += h.timed;
    w.open_seconds += h.seconds;
    ++w.store_hours;
  }
  return out;
}

std::optional<Correlation> queue_correlation(const ProductionData& data) {
  std::vector<std::pair<double, double>> xy;
  for (const TicketHour& h : data.hours) {
    if (h.timed > 0) xy.push_back({open_tickets(h), h.seconds / static_cast<double>(h.timed)});
  }
  return pearson(xy);
}

std::optional<Correlation> steps_correlation(const ProductionData& data) {
  std::vector<std::pair<double, double>> xy;
  for (const auto& [spu, h] : data.products) {
    const auto steps = data.product_steps.find(spu);
    if (steps != data.product_steps.end() && h.count() > 0) xy.push_back({steps->second, h.mean()});
  }
  return pearson(xy);
}

std::string classify(const Outlier& o) {
  if (!o.item_max) return "no items to tell";
  return *o.item_max <= production_time::kOutlierSeconds ? "data error: ticket left open" : "incident: items over 30 min";
}

}  // namespace luckyhub::production
