// Stores against the peers of their location type as well as their age: the
// location type (city and kind of site), and the two panels that set each
// store's orders against every other store and against its location peers,
// both at the same age and weekday (stores_analysis.cc's normalised()).
#include "tools/stores/stores_panels.h"

namespace luckyhub::stores {
namespace {

const char* site_of(int shop_type) {
  switch (shop_type) {
    case 1: return "pickup store";
    case 2: return "flagship";
    case 3: return "kiosk";
  }
  return "store";
}

int location_peers(const std::vector<Kpis>& kpis, const Store& s) {
  int n = 0;
  for (const Kpis& k : kpis) n += k.store->id != s.id && location_of(*k.store) == location_of(s);
  return n;
}

}  // namespace

std::string location_of(const Store& s) { return s.city + " " + site_of(s.shop_type); }

Panel location_panel(const std::vector<Kpis>& kpis, const Scope& scope) {
  Panel p{.id = "location_peers", .title = "Against peers of the same age, and of the same location type",
          .kind = PanelKind::kTable};
  p.description = "Orders over the window against what the other stores did at the same age and weekday (all "
                  "stores), and against the stores of the same location type only (city and kind of site). The "
                  "light judges the location index by the index bounds; empty where no store shares the location.";
  p.table.columns = {{"store_id", "Id", ValueType::kInt, "", "", store_link()},
                     {"store", "Store", ValueType::kText, "", "", store_link()},
                     {"location", "Location type", ValueType::kText},
                     {"peers", "Location peers", ValueType::kInt},
                     {"index_all", "Orders vs all stores", ValueType::kRate},
                     {"index_location", "Orders vs location peers", ValueType::kRate},
                     {"light", "Light", ValueType::kText}};
  const Thresholds& t = scope.thresholds;
  for (const Kpis& k : kpis) {
    const std::optional<double> location = k.orders_vs_location.index();
    p.table.rows.push_back({k.store->id, label_of(*k.store), location_of(*k.store),
                            int64_t{location_peers(kpis, *k.store)}, rate_cell(k.orders_vs_peers.index()),
                            rate_cell(location),
                            location ? Cell{std::string(to_string(status_of(level_below(*location, t.index_yellow, t.index_red))))}
                                     : Cell{}});
  }
  return p;
}

Panel location_chart(const std::vector<Kpis>& kpis) {
  Panel p{.id = "location_chart", .title = "Orders against all stores and against location peers",
          .kind = PanelKind::kBar};
  p.description = "1 = as the peers did at the same age and weekday.";
  p.series.x_label = "store";
  Series all{.id = "index_all", .label = "vs all stores", .type = ValueType::kRate};
  Series location{.id = "index_location", .label = "vs location peers", .type = ValueType::kRate};
  for (const Kpis& k : kpis) {
    p.series.x.push_back(label_of(*k.store));
    all.values.push_back(rate_cell(k.orders_vs_peers.index()));
    location.values.push_back(rate_cell(k.orders_vs_location.index()));
  }
  p.series.series = {all, location};
  return p;
}

}  // namespace luckyhub::stores
