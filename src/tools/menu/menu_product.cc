// The product page (parameter `product`): one product's daily sales with its
// 30-day rolling average, its stores, its list-price history and its
// production-time distribution, from what read_menu() read for the scope.
#include <algorithm>
#include <cmath>

#include "tools/param_error.h"
#include "tools/menu/menu_panels.h"

namespace luckyhub::menu {
namespace {

constexpr int kRolling = 30;

Cell average(int64_t sum, int64_t n) { return n ? Cell{static_cast<double>(sum) / static_cast<double>(n)} : Cell{}; }

Panel daily_panel(const MenuData& data, const MenuScope& scope, int64_t spu) {
  const Date from = scope.window.from, to = scope.window.to;
  const size_t n = to > from ? static_cast<size_t>(to - from) : 0;
  std::vector<int64_t> units(n, 0);
  for (const ProductDay& d : data.days) {
    if (d.spu_id != spu || d.day < from || d.day >= to) continue;
    units[static_cast<size_t>(d.day - from)] += d.sales.units;
  }
  Panel p{.id = "product_days", .title = "Daily sales", .kind = PanelKind::kTimeseries};
  p.description = "Units sold each New York day of the window, and their 30-day rolling average (the window's days "
                  "among the 30 ending that day).";
  p.series.x_label = "Day";
  p.series.x_type = ValueType::kDate;
  // One type, so one axis: the average reads against the days.
  Series u{.id = "units", .label = "Units", .type = ValueType::kNumber, .unit = "units"};
  Series avg{.id = "units_30d", .label = "30-day average", .type = ValueType::kNumber, .unit = "units/day"};
  int64_t sum = 0;
  for (size_t i = 0; i < n; ++i) {
    p.series.x.push_back((from + static_cast<int32_t>(i)).str());
    u.values.push_back(units[i]);
    sum += units[i];
    if (i >= kRolling) sum -= units[i - kRolling];
    avg.values.push_back(static_cast<double>(sum) / static_cast<double>(std::min<size_t>(i + 1, kRolling)));
  }
  p.series.series = {u, avg};
  return p;
}

Panel stores_panel(const MenuData& data, int64_t spu) {
  struct Store {
    int64_t units = 0, all_units = 0, base_units = 0, base_list = 0;
    std::vector<const StoreDay*> days;
  };
  std::map<int64_t, Store> stores;
  for (const StoreDay& d : data.store_days) {
    Store& s = stores[d.shop_id];
    s.all_units += d.units;
    if (d.spu_id != spu) continue;
    s.units += d.units;
    s.base_units += d.base_units;
    s.base_list += d.base_list_cents;
    s.days.push_back(&d);
  }
  Panel p{.id = "product_stores", .title = "Store by store", .kind = PanelKind::kTable};
  p.description = "Every product's units at the store are the base of the share; the list price is that of the "
                  "medium cup (or the food item), averaged over the units; a price change is a day whose average "
                  "base list price differs from the store's previous day with one.";
  p.table.columns = {{"store_id", "Store", ValueType::kInt, "", "", "/tools/stores?store={store_id}"},
                     {"units", "Units", ValueType::kInt},
                     {"share", "Share of the store's units", ValueType::kRate},
                     {"avg_list_cents", "Average base list price", ValueType::kNumber, "", "cents"},
                     {"price_changes", "Price changes", ValueType::kInt}};
  for (auto& [shop, s] : stores) {
    if (s.units == 0) continue;
    std::sort(s.days.begin(), s.days.end(), [](const StoreDay* a, const StoreDay* b) { return a->day < b->day; });
    int changes = 0;
    int64_t price = -1;
    for (const StoreDay* d : s.days) {
      if (d->base_units == 0) continue;
      const int64_t now = std::llround(static_cast<double>(d->base_list_cents) / static_cast<double>(d->base_units));
      if (price >= 0 && now != price) ++changes;
      price = now;
    }
    p.table.rows.push_back({shop, s.units, average(s.units, s.all_units), average(s.base_list, s.base_units),
                            int64_t{changes}});
  }
  return p;
}

Panel prices_panel(const MenuData& data, const MenuScope& scope, int64_t spu) {
  std::map<int32_t, std::pair<int64_t, int64_t>> days;  // day -> base list cents, base units
  for (const StoreDay& d : data.store_days) {
    if (d.spu_id != spu || d.base_units == 0) continue;
    days[d.day.days].first += d.base_list_cents;
    days[d.day.days].second += d.base_units;
  }
  Panel p{.id = "product_prices", .title = "List-price history", .kind = PanelKind::kTimeseries};
  p.description = "Each day's average base list price (medium cup, or the food item) over the units sold at every "
                  "store in scope; the stores' own changes are in the store table.";
  p.series.x_label = "Day";
  p.series.x_type = ValueType::kDate;
  Series s{.id = "avg_list_cents", .label = "Average base list price", .type = ValueType::kNumber, .unit = "cents"};
  for (Date d = scope.window.from; d < scope.window.to; ++d) {
    p.series.x.push_back(d.str());
    const auto it = days.find(d.days);
    s.values.push_back(it == days.end() ? Cell{} : average(it->second.first, it->second.second));
  }
  p.series.series = {s};
  return p;
}

Panel production_panel(const MenuData& data, const std::string& name, int64_t spu) {
  Panel p{.id = "product_production", .title = "Production time", .kind = PanelKind::kDistribution};
  p.description = "Each finished item's seconds from its ticket's acceptance to its own done (nearest-rank "
                  "percentiles); times over 30 minutes are outliers, left out and counted in the scorecard.";
  p.distribution.unit = "s";
  const auto it = data.production.find(spu);
  if (it == data.production.end() || it->second.count() == 0) return p;
  const production_time::Histogram& h = it->second;
  p.distribution.groups.push_back({.label = name, .n = h.count(), .min = static_cast<double>(h.counts().begin()->first),
                                   .p25 = static_cast<double>(h.percentile(0.25)),
                                   .median = static_cast<double>(h.percentile(0.5)),
                                   .p75 = static_cast<double>(h.percentile(0.75)),
                                   .p95 = static_cast<double>(h.percentile(0.95)),
                                   .max = static_cast<double>(h.counts().rbegin()->first),
                                   .mean = std::round(h.mean() * 10) / 10});
  return p;
}

}  // namespace

std::vector<Panel> product_panels(const MenuData& data, const MenuScope& scope) {
  const auto it = std::find_if(data.products.begin(), data.products.end(),
                               [&](const Product& p) { return p.spu_id == scope.product; });
  if (it == data.products.end()) throw ParamValueError("parameter product: no product " + std::to_string(scope.product) + " in the catalog");
  return {daily_panel(data, scope, scope.product), stores_panel(data, scope.product),
          prices_panel(data, scope, scope.product), production_panel(data, it->name, scope.product)};
}

}  // namespace luckyhub::menu
