// The recommendations report's store menu: for a store, the products to
// highlight, from the best sellers of the two stores most like it. A store
// with purchases is compared by customer mix (stores_like_by_customers). A
// new store — in t_shop_info but without a purchase yet, such as one still
// preparing — has no customers to compare, so its likeness comes from what
// the stores table says before a first sale: the stores with purchases of
// its shop_type, nearest first (haversine over latitude and longitude), then
// those of other types by distance; and beside that, by the demographics of
// its neighbourhood (recommendations_store_neighbourhood.cc).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <tuple>

#include "core/geo.h"
#include "report/cells.h"
#include "tools/recommendations/recommendations_panels.h"
#include "tools/recommendations/recommendations_store_places.h"

namespace luckyhub::recommendations {
namespace {

constexpr const char* kShops = "opshop__t_shop_info";

}  // namespace

std::vector<Place> read_places(Warehouse& wh) {
  std::vector<Place> out;
  if (!wh.has_table(kShops)) return out;
  for (const Row row :
       wh.query("SELECT id AS shop_id, shop_name, shop_type, zip_code, latitude, longitude, " +
                wh.dialect().date_text("open_date") + " AS opens FROM " + kShops +
                " WHERE tenant = 'LKUS' ORDER BY id")) {
    out.push_back({.shop_id = row.integer("shop_id"),
                   .name = row.text("shop_name"),
                   .opens = row.text("opens"),
                   .shop_type = static_cast<int>(row.integer("shop_type")),
                   .zip_code = row.text("zip_code"),
                   .latitude = row.number("latitude"),
                   .longitude = row.number("longitude")});
  }
  return out;
}

namespace {

std::string km_text(double km) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f km", km);
  return buf;
}

// The stores with purchases most like `store` by type and place.
std::vector<SimilarStore> stores_like_by_place(const Data& data, const std::vector<Place>& places,
                                               const Place& store) {
  struct Candidate {
    bool other_type;
    double km;
    int32_t store;
  };
  std::vector<Candidate> near;
  for (const Place& p : places) {
    const auto at = std::lower_bound(data.stores.begin(), data.stores.end(), p.shop_id);
    if (at == data.stores.end() || *at != p.shop_id) continue;  // no purchases to learn from
    near.push_back({p.shop_type != store.shop_type,
                    haversine_km(store.latitude, store.longitude, p.latitude, p.longitude),
                    static_cast<int32_t>(at - data.stores.begin())});
  }
  std::sort(near.begin(), near.end(), [](const Candidate& a, const Candidate& b) {
    return std::tie(a.other_type, a.km, a.store) < std::tie(b.other_type, b.km, b.store);
  });
  std::vector<SimilarStore> out;
  for (size_t n = 0; n < near.size() && n < kSimilarStores; ++n) {
    out.push_back({near[n].store, km_text(near[n].km) +
                                      (near[n].other_type ? ", another type" : ", the same type")});
  }
  return out;
}

}  // namespace

std::string name_of(const std::vector<Place>& places, int64_t shop_id) {
  for (const Place& p : places) {
    if (p.shop_id == shop_id) return p.name + " (" + std::to_string(shop_id) + ")";
  }
  return "store " + std::to_string(shop_id);
}

// The similar stores' best sellers of the last 90 days against `own` (an
// index into data.stores; nullopt for a store without purchases).
SimilarUnits similar_units(const Data& data, const std::vector<SimilarStore>& like,
                           const std::function<void(const Purchase&)>& each) {
  SimilarUnits out{.units = std::vector<double>(data.products.size(), 0.0)};
  const int32_t from = data.as_of.days - kMenuWindowDays;
  for (const Purchase& purchase : data.purchases) {
    if (purchase.day < from) continue;
    if (std::any_of(like.begin(), like.end(),
                    [&](const SimilarStore& l) { return l.store == purchase.store; })) {
      out.units[purchase.item] += static_cast<double>(purchase.units);
      out.total += static_cast<double>(purchase.units);
    }
    each(purchase);
  }
  out.ranked.resize(data.products.size());
  for (size_t i = 0; i < out.ranked.size(); ++i) out.ranked[i] = static_cast<int32_t>(i);
  std::stable_sort(out.ranked.begin(), out.ranked.end(),
                   [&](int32_t a, int32_t b) { return out.units[a] > out.units[b]; });
  return out;
}

void fill_menu(const Data& data, const std::vector<SimilarStore>& like, std::optional<int32_t> own,
               Panel& p) {
  std::vector<double> here(data.products.size(), 0.0);
  double own_total = 0;
  const SimilarUnits theirs = similar_units(data, like, [&](const Purchase& purchase) {
    if (own && purchase.store == *own) {
      here[purchase.item] += static_cast<double>(purchase.units);
      own_total += static_cast<double>(purchase.units);
    }
  });
  p.table.columns = {{"product", "Product"},
                     {"category", "Category"},
                     {"share_similar", "Share in the similar stores", ValueType::kRate},
                     {"share_here", "Share here", ValueType::kRate},
                     {"gap", "Gap", ValueType::kRate}};
  for (int r = 0; r < kMenuProducts && r < static_cast<int>(theirs.ranked.size()); ++r) {
    const int32_t i = theirs.ranked[r];
    if (theirs.units[i] <= 0) break;
    const double there = theirs.units[i] / theirs.total,
                 share_here = own_total > 0 ? here[i] / own_total : 0;
    p.table.rows.push_back({data.products[i].name, data.products[i].category, rate_cell(there),
                            rate_cell(share_here), rate_cell(there - share_here)});
  }
}

std::string names_of(const Data& data, const std::vector<Place>& places,
                     const std::vector<SimilarStore>& like) {
  std::string names;
  for (const SimilarStore& l : like) {
    names +=
        (names.empty() ? "" : ", ") + name_of(places, data.stores[l.store]) + " (" + l.why + ")";
  }
  return names;
}

std::vector<Panel> store_menu_panels(Warehouse& wh, const Data& data, const Models& m, int64_t shop_id) {
  const std::vector<Place> places = read_places(wh);
  const auto place = std::find_if(places.begin(), places.end(),
                                  [&](const Place& p) { return p.shop_id == shop_id; });
  const auto at = std::lower_bound(data.stores.begin(), data.stores.end(), shop_id);
  const bool sold = at != data.stores.end() && *at == shop_id;
  if (!sold && place == places.end()) {
    return {{.id = "store_menu",
             .title = "Menu for store " + std::to_string(shop_id),
             .kind = PanelKind::kText,
             .text = "No purchases at store " + std::to_string(shop_id) +
                     " in this warehouse, and t_shop_info lists no US store of that id."}};
  }
  Panel p{.id = "store_menu",
          .title = "Menu for " + name_of(places, shop_id) + " from the stores most like it",
          .kind = PanelKind::kTable};
  if (sold) {
    const int32_t store = static_cast<int32_t>(at - data.stores.begin());
    const std::vector<SimilarStore> like = stores_like_by_customers(data, m, store, kSimilarStores);
    p.description = "Stores whose customers are most like this store's (cosine of the mean of their "
                    "home customers' ALS factors): " + names_of(data, places, like) +
                    ". Their best sellers of the last 90 days, with the share they take there and "
                    "here; a product that sells there and not here is one to highlight.";
    fill_menu(data, like, store, p);
    return {p};
  }
  const std::vector<SimilarStore> like = stores_like_by_place(data, places, *place);
  p.description = "A new store (open date " + place->opens + "): no customer has bought here yet, "
                  "so the stores most like it are those t_shop_info makes so before a first sale — "
                  "the stores with purchases of its type, nearest first, then the others by "
                  "distance: " + names_of(data, places, like) +
                  ". Their best sellers of the last 90 days are the menu to highlight.";
  fill_menu(data, like, std::nullopt, p);
  std::vector<Panel> out = {p};
  for (Panel& n : neighbourhood_panels(wh, data, places, *place)) out.push_back(std::move(n));
  return out;
}

}  // namespace luckyhub::recommendations
