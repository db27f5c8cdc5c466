// Stores against the peers of their location type as well as their age: the
// location type (city and kind of site, or either alone: location_by), and
// the two panels that set each store's orders against every other store and
// against its location peers, both at the same age and weekday
// (stores_analysis.cc's normalised()).
#include "tools/stores/stores_panels.h"

namespace luckyhub::stores {
namespace {

const char* site_of(int shop_type) {
  switch (shop_type) {
    case 1:
      return "pickup store";
    case 2:
      return "flagship";
    case 3:
      return "kiosk";
  }
  return "store";
}

int64_t location_peers(const std::vector<Kpis>& kpis, const Store& s, LocationBy by) {
  int64_t n = 0;
  for (const Kpis& k : kpis)
    n += k.store->id != s.id && location_of(*k.store, by) == location_of(s, by);
  return n;
}

Cell light_cell(const std::optional<double>& index, const Thresholds& t) {
  if (!index) return Cell{};
  return std::string(to_string(status_of(level_below(*index, t.index_yellow, t.index_red))));
}

}  // namespace

const std::vector<std::string>& location_by_names() {
  static const std::vector<std::string> names = {"city_and_type", "type", "city"};
  return names;
}

std::string location_of(const Store& s, LocationBy by) {
  switch (by) {
    case LocationBy::kType:
      return site_of(s.shop_type);
    case LocationBy::kCity:
      return s.city;
    case LocationBy::kCityAndType:
      break;
  }
  return s.city + " " + site_of(s.shop_type);
}

Panel location_panel(const std::vector<Kpis>& kpis, const Scope& scope) {
  Panel p{.id = "location_peers",
          .title = "Against peers of the same age, and of the same location type",
          .kind = PanelKind::kTable};
  p.description =
      "Orders over the window against what the other stores did at the same age and weekday (all "
      "stores), and against the stores of the same location type only (" +
      location_by_names()[static_cast<size_t>(scope.location_by)] +
      "). The lights judge each index by the index bounds; the location index is empty where no "
      "location peer has had the store's weeks since opening.";
  p.table.columns = {{"store_id", "Id", ValueType::kInt, "", "", store_link()},
                     {"store", "Store", ValueType::kText, "", "", store_link()},
                     {"location", "Location type", ValueType::kText},
                     {"peers", "Location peers", ValueType::kInt},
                     {"index_all", "Orders vs all stores", ValueType::kRate},
                     {"light_all", "Light vs all", ValueType::kText},
                     {"index_location", "Orders vs location peers", ValueType::kRate},
                     {"light_location", "Light vs location peers", ValueType::kText}};
  const Thresholds& t = scope.thresholds;
  for (const Kpis& k : kpis) {
    const std::optional<double> all = k.orders_vs_peers.index(),
                                location = k.orders_vs_location.index();
    p.table.rows.push_back({k.store->id, label_of(*k.store),
                            location_of(*k.store, scope.location_by),
                            location_peers(kpis, *k.store, scope.location_by), rate_cell(all),
                            light_cell(all, t), rate_cell(location), light_cell(location, t)});
  }
  return p;
}

Panel location_chart(const std::vector<Kpis>& kpis, const Scope& scope) {
  Panel p{.id = "location_chart",
          .title = "Orders against all stores and against location peers",
          .kind = PanelKind::kBar};
  p.description =
      "1 = as the peers did at the same age and weekday; the line is the red bound (index_red).";
  p.series.x_label = "store";
  Series all{.id = "index_all", .label = "vs all stores", .type = ValueType::kRate};
  Series location{.id = "index_location", .label = "vs location peers", .type = ValueType::kRate};
  Series red{.id = "index_red", .label = "red below", .type = ValueType::kRate, .draw = "line"};
  for (const Kpis& k : kpis) {
    p.series.x.push_back(label_of(*k.store));
    all.values.push_back(rate_cell(k.orders_vs_peers.index()));
    location.values.push_back(rate_cell(k.orders_vs_location.index()));
    red.values.push_back(rate_cell(scope.thresholds.index_red));
  }
  p.series.series = {all, location, red};
  return p;
}

}  // namespace luckyhub::stores
