// The production-time report's summary, store, product and outlier panels.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "tools/production_time/production_panels.h"

namespace luckyhub::production {
namespace {

using production_time::Histogram;

constexpr size_t kDistributionProducts = 15;

double round1(double x) { return std::round(x * 10) / 10; }

Cell r_cell(const std::optional<Correlation>& c) {
  return c ? Cell{std::round(c->r * 1000) / 1000} : Cell{};
}

std::string r_note(const std::optional<Correlation>& c, const std::string& of) {
  return c ? "Pearson r over " + std::to_string(c->n) + " " + of : "not enough " + of + " to correlate";
}

// mean, p50, p95 of a histogram as cells (null when it holds no time).
std::vector<Cell> stat_cells(const Histogram& h) {
  if (h.count() == 0) return {Cell{}, Cell{}, Cell{}};
  return {round1(h.mean()), static_cast<double>(h.percentile(0.5)), static_cast<double>(h.percentile(0.95))};
}

DistributionGroup group_of(const std::string& label, const Histogram& h) {
  return {.label = label, .n = h.count(), .min = static_cast<double>(h.percentile(1e-9)),
          .p25 = static_cast<double>(h.percentile(0.25)), .median = static_cast<double>(h.percentile(0.5)),
          .p75 = static_cast<double>(h.percentile(0.75)), .p95 = static_cast<double>(h.percentile(0.95)),
          .max = static_cast<double>(h.percentile(1.0)), .mean = round1(h.mean())};
}

std::string product_name(const ProductionData& data, int64_t spu) {
  const auto it = data.product_names.find(spu);
  return it == data.product_names.end() ? "product " + std::to_string(spu) : it->second;
}

// The products made most (without outliers), most first; those with a time.
std::vector<int64_t> most_made(const ProductionData& data) {
  std::vector<std::pair<int64_t, int64_t>> by_items;  // items, spu
  for (const auto& [spu, h] : data.products) by_items.push_back({h.count(), spu});
  std::stable_sort(by_items.begin(), by_items.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  if (by_items.size() > kDistributionProducts) by_items.resize(kDistributionProducts);
  std::vector<int64_t> out;
  for (const auto& [items, spu] : by_items) {
    if (items > 0) out.push_back(spu);
  }
  return out;
}

std::string fixed1(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", x);
  return buf;
}

}  // namespace

Panel summary_panel(const ProductionData& data, const std::vector<StoreHour>& cells) {
  const int64_t outliers = data.fleet.outliers();
  const int64_t slow = std::count_if(cells.begin(), cells.end(), [](const StoreHour& c) { return c.slow; });
  const std::optional<Correlation> queue = queue_correlation(data), steps = steps_correlation(data);
  Panel p{.id = "summary", .title = "Production time", .kind = PanelKind::kKpis};
  p.kpis = {
      {"tickets", "Tickets", data.fleet_all.count(), ValueType::kInt, "", "", Status::kNone, "finished, accept to done"},
      {"mean_s", "Mean", round1(data.fleet.mean()), ValueType::kNumber, "", "s", Status::kNone, "without outliers"},
      {"mean_all_s", "Mean with outliers", round1(data.fleet_all.mean()), ValueType::kNumber, "", "s", Status::kNone,
       "every finished ticket"},
      {"p50_s", "p50", static_cast<double>(data.fleet.percentile(0.5)), ValueType::kNumber, "", "s"},
      {"p95_s", "p95", static_cast<double>(data.fleet.percentile(0.95)), ValueType::kNumber, "", "s"},
      {"outliers", "Outliers over 30 min", outliers, ValueType::kInt, "", "", outlier_status(outliers),
       "listed below, never averaged in"},
      {"slow_spots", "Slow store-hours", slow, ValueType::kInt, "", "", slow ? Status::kRed : Status::kGreen,
       "see bottlenecks"},
      {"queue_r", "Queue depth vs time", r_cell(queue), ValueType::kNumber, "", "", Status::kNone, r_note(queue, "store-hours")},
      {"steps_r", "Recipe steps vs time", r_cell(steps), ValueType::kNumber, "", "", Status::kNone, r_note(steps, "products")},
  };
  return p;
}

Panel stores_panel(const ProductionData& data) {
  Panel p{.id = "stores", .title = "Stores", .kind = PanelKind::kTable,
          .description = "Ticket times (accept to done), without and with the outliers over 30 minutes."};
  p.table.columns = {{"shop_id", "Store", ValueType::kInt},
                     {"tickets", "Tickets", ValueType::kInt},
                     {"outliers", "Outliers", ValueType::kInt},
                     {"mean_s", "Mean", ValueType::kNumber, "", "s"},
                     {"p50_s", "p50", ValueType::kNumber, "", "s"},
                     {"p95_s", "p95", ValueType::kNumber, "", "s"},
                     {"mean_all_s", "Mean with outliers", ValueType::kNumber, "", "s"},
                     {"p50_all_s", "p50 with outliers", ValueType::kNumber, "", "s"},
                     {"p95_all_s", "p95 with outliers", ValueType::kNumber, "", "s"}};
  for (const auto& [shop, h] : data.stores) {
    const Histogram& all = data.stores_all.at(shop);
    std::vector<Cell> row = {shop, all.count(), h.outliers()};
    for (const Cell& c : stat_cells(h)) row.push_back(c);
    for (const Cell& c : stat_cells(all)) row.push_back(c);
    p.table.rows.push_back(std::move(row));
  }
  return p;
}

Panel store_distribution_panel(const ProductionData& data) {
  Panel p{.id = "store_distribution", .title = "Ticket time per store", .kind = PanelKind::kDistribution,
          .description = "Without outliers: box p25-p75, median, whiskers to p95, the dot at the longest."};
  p.distribution.unit = "s";
  for (const auto& [shop, h] : data.stores) {
    if (h.count() > 0) p.distribution.groups.push_back(group_of("Store " + std::to_string(shop), h));
  }
  return p;
}

Panel products_panel(const ProductionData& data) {
  Panel p{.id = "products", .title = "Products", .kind = PanelKind::kTable,
          .description = "Item times: the ticket's acceptance to the item's done; recipe steps from the active "
                         "recipes (t_formula_spu)."};
  p.table.columns = {{"spu_id", "Product id", ValueType::kInt},
                     {"product", "Product", ValueType::kText},
                     {"items", "Items", ValueType::kInt},
                     {"outliers", "Outliers", ValueType::kInt},
                     {"mean_s", "Mean", ValueType::kNumber, "", "s"},
                     {"p50_s", "p50", ValueType::kNumber, "", "s"},
                     {"p95_s", "p95", ValueType::kNumber, "", "s"},
                     {"steps", "Recipe steps", ValueType::kNumber}};
  for (const auto& [spu, h] : data.products) {
    std::vector<Cell> row = {spu, product_name(data, spu), h.count() + h.outliers(), h.outliers()};
    for (const Cell& c : stat_cells(h)) row.push_back(c);
    const auto steps = data.product_steps.find(spu);
    row.push_back(steps == data.product_steps.end() ? Cell{} : Cell{round1(steps->second)});
    p.table.rows.push_back(std::move(row));
  }
  return p;
}

Panel product_distribution_panel(const ProductionData& data) {
  Panel p{.id = "product_distribution", .title = "Item time of the most made products",
          .kind = PanelKind::kDistribution,
          .description = "The " + std::to_string(kDistributionProducts) + " products made most, without outliers."};
  p.distribution.unit = "s";
  for (const int64_t spu : most_made(data)) p.distribution.groups.push_back(group_of(product_name(data, spu), data.products.at(spu)));
  return p;
}

Panel product_violin_panel(const ProductionData& data) {
  const std::vector<int64_t> spus = most_made(data);
  int64_t longest = 0;
  for (const int64_t spu : spus) longest = std::max(longest, data.products.at(spu).counts().rbegin()->first);
  // About 60 points, every 5 s or a multiple of it, from 0 past the longest time.
  const int64_t step = 5 * std::max<int64_t>(1, (longest + 299) / 300);
  std::vector<double> at;
  for (int64_t x = 0; x <= longest + step - 1; x += step) at.push_back(static_cast<double>(x));
  Panel p{.id = "product_violins", .title = "Item time of the most made products: violins",
          .kind = PanelKind::kTimeseries,
          .description = "The shape of each product's item times without outliers: a Gaussian kernel density, "
                         "its bandwidth h by Silverman's rule (0.9 x min(sd, IQR / 1.34) x n^-1/5), drawn from "
                         "the product's shortest time to its longest; the width is the density (per second)."};
  p.series.x_label = "Seconds";
  p.series.x_type = ValueType::kNumber;
  for (const double x : at) p.series.x.push_back(std::to_string(static_cast<int64_t>(x)));
  for (const int64_t spu : spus) {
    const Histogram& h = data.products.at(spu);
    const production::Density d = kernel_density(h.counts(), at);
    const double lo = static_cast<double>(h.counts().begin()->first), hi = static_cast<double>(h.counts().rbegin()->first);
    Series s{.id = std::to_string(spu), .label = product_name(data, spu) + " (n " + std::to_string(h.count()) +
                                                 ", h " + fixed1(d.bandwidth) + " s)",
             .type = ValueType::kNumber, .unit = "/s", .draw = "violin"};
    for (size_t i = 0; i < at.size(); ++i) {
      const bool inside = at[i] >= lo - step && at[i] <= hi + step;
      s.values.push_back(inside ? Cell{std::round(d.values[i] * 1e7) / 1e7} : Cell{});
    }
    p.series.series.push_back(std::move(s));
  }
  return p;
}

Panel outliers_panel(const ProductionData& data) {
  Panel p{.id = "outliers", .title = "Outliers over 30 minutes", .kind = PanelKind::kTable,
          .description = "Tickets apart from every mean and percentile. A data error when the ticket's items were "
                         "done within 30 minutes (the ticket was left open); an incident when the items took longer."};
  p.table.columns = {{"id", "Ticket id", ValueType::kInt},
                     {"production_no", "Ticket", ValueType::kText},
                     {"order_no", "Order", ValueType::kText},
                     {"shop_id", "Store", ValueType::kInt},
                     {"accept_time", "Accepted (UTC)", ValueType::kText},
                     {"minutes", "Minutes open", ValueType::kNumber, "", "min"},
                     {"items", "Items", ValueType::kInt},
                     {"item_max_s", "Last item done after", ValueType::kNumber, "", "s"},
                     {"class", "Class", ValueType::kText}};
  for (const Outlier& o : data.outliers) {
    p.table.rows.push_back({o.id, o.production_no, o.order_no, o.shop_id, o.accept_time,
                            round1(static_cast<double>(o.seconds) / 60.0), o.items,
                            o.item_max ? Cell{static_cast<double>(*o.item_max)} : Cell{}, classify(o)});
  }
  return p;
}

}  // namespace luckyhub::production
