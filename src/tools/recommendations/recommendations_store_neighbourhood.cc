// A new store's menu by neighbourhood demographics: the customers who live in
// its postal code (recommendations_neighbourhood.h) are who will walk in; the
// stores with purchases whose home customers are most like them, by the
// cosine of the age × gender mixes, are the stores whose best sellers to
// highlight; and every customer weighted to the neighbourhood's mix says
// what customers like them buy. Three panels beside the by-type-and-distance
// menu: every store's similarity (bars), the mixes side by side (bars), the
// menu (a table).
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/geo.h"
#include "report/cells.h"
#include "tools/recommendations/recommendations_neighbourhood.h"
#include "tools/recommendations/recommendations_store_places.h"

namespace luckyhub::recommendations {
namespace {

constexpr const char* kProfiles = "sales_crm__t_user_profile";

std::string fixed(double v, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

// The US customers whose profile gives `zip_code`, per cell; `profiles` gets
// every one of them, cell known or not.
DemographicMix read_residents(Warehouse& wh, const std::string& zip_code, int64_t& profiles) {
  DemographicMix out{};
  profiles = 0;
  if (!wh.has_table(kProfiles)) return out;
  for (const Row row :
       wh.query(std::string("SELECT age_range, gender, COUNT(*) AS customers FROM ") + kProfiles +
                    " WHERE tenant = 'LKUS' AND zip_code = ? GROUP BY age_range, gender",
                {zip_code})) {
    profiles += row.integer("customers");
    const int cell = demographic_cell(static_cast<int>(row.integer("age_range")),
                                      static_cast<int>(row.integer("gender")));
    if (cell >= 0) out[cell] += static_cast<double>(row.integer("customers"));
  }
  return out;
}

struct Neighbour {
  int32_t store = 0;  // index into data.stores
  double similarity = 0, km = 0;
};

// Every store with purchases, a place and a known mix, most similar first
// (the nearer on a tie, then the lower shop_id).
std::vector<Neighbour> rank_by_similarity(const Data& data, const std::vector<Place>& places,
                                          const Place& store,
                                          const std::vector<DemographicMix>& mixes,
                                          const DemographicMix& around) {
  std::vector<Neighbour> out;
  for (size_t s = 0; s < mixes.size(); ++s) {
    const auto p = std::find_if(places.begin(), places.end(),
                                [&](const Place& q) { return q.shop_id == data.stores[s]; });
    if (p == places.end() || mix_total(mixes[s]) <= 0) continue;
    out.push_back({static_cast<int32_t>(s), std::round(mix_cosine(around, mixes[s]) * 1e4) / 1e4,
                   haversine_km(store.latitude, store.longitude, p->latitude, p->longitude)});
  }
  std::sort(out.begin(), out.end(), [](const Neighbour& a, const Neighbour& b) {
    if (a.similarity != b.similarity) return a.similarity > b.similarity;
    return a.km != b.km ? a.km < b.km : a.store < b.store;
  });
  return out;
}

Panel similarity_panel(const Data& data, const std::vector<Place>& places,
                       const std::vector<Neighbour>& ranked) {
  Panel p{.id = "store_neighbours",
          .title = "Stores most like the neighbourhood, by demographics",
          .kind = PanelKind::kBar};
  p.description =
      "Cosine of the neighbourhood's age × gender mix with each store's home customers' mix (1: "
      "the same "
      "shares; 0: no cell in common); each store with its distance. The first " +
      std::to_string(kSimilarStores) + " build the menu below.";
  p.series.x_label = "Store";
  Series similarity{.id = "similarity", .label = "Similarity (cosine)", .type = ValueType::kNumber};
  for (const Neighbour& n : ranked) {
    p.series.x.push_back(name_of(places, data.stores[n.store]) + ", " + fixed(n.km, 1) + " km");
    similarity.values.push_back(n.similarity);
  }
  p.series.series = {std::move(similarity)};
  return p;
}

Series shares_series(const std::string& id, const std::string& label, const DemographicMix& mix) {
  Series s{.id = id, .label = label, .type = ValueType::kRate};
  const double total = mix_total(mix);
  for (const double v : mix) s.values.push_back(rate_cell(total > 0 ? v / total : 0));
  return s;
}

Panel mixes_panel(const std::string& most_similar, const DemographicMix& around,
                  const DemographicMix& its, const DemographicMix& all) {
  Panel p{.id = "store_demographics",
          .title = "The neighbourhood's customers against the most similar store's",
          .kind = PanelKind::kBar};
  p.description =
      "Share of customers (with a known age range and gender) in each cell: the neighbourhood's "
      "residents, the most similar store's home customers, and all stores' customers.";
  p.series.x_label = "Age range, gender";
  for (int c = 0; c < kDemographicCells; ++c) p.series.x.push_back(demographic_cell_label(c));
  p.series.series = {shares_series("neighbourhood", "Neighbourhood", around),
                     shares_series("most_similar", most_similar, its),
                     shares_series("all", "All stores", all)};
  return p;
}

// The similar stores' best sellers of the last 90 days, each with its share
// there, among all customers weighted to the neighbourhood's mix, and among
// all customers.
Panel menu_panel(const Data& data, const std::vector<SimilarStore>& like,
                 const DemographicMix& weights) {
  Panel p{.id = "store_menu_demographics", .kind = PanelKind::kTable};
  const size_t n = data.products.size();
  std::vector<double> alike(n, 0.0), all(n, 0.0);
  double alike_total = 0, all_total = 0;
  const SimilarUnits theirs = similar_units(data, like, [&](const Purchase& purchase) {
    const double units = static_cast<double>(purchase.units);
    const int cell = demographic_cell(data.features[purchase.user]);
    const double w = cell >= 0 ? weights[cell] : 0;
    alike[purchase.item] += w * units;
    alike_total += w * units;
    all[purchase.item] += units;
    all_total += units;
  });
  p.table.columns = {
      {"product", "Product"},
      {"category", "Category"},
      {"share_similar", "Share in the similar stores", ValueType::kRate},
      {"share_alike", "Share among customers like the neighbourhood", ValueType::kRate},
      {"share_all", "Share in all stores", ValueType::kRate}};
  const auto share = [](double v, double total) { return rate_cell(total > 0 ? v / total : 0); };
  for (int r = 0; r < kMenuProducts && r < static_cast<int>(n); ++r) {
    const int32_t i = theirs.ranked[r];
    if (theirs.units[i] <= 0) break;
    p.table.rows.push_back({data.products[i].name, data.products[i].category,
                            share(theirs.units[i], theirs.total), share(alike[i], alike_total),
                            share(all[i], all_total)});
  }
  return p;
}

}  // namespace

std::vector<Panel> neighbourhood_panels(Warehouse& wh, const Data& data,
                                        const std::vector<Place>& places, const Place& store) {
  int64_t profiles = 0;
  const DemographicMix around =
      store.zip_code.empty() ? DemographicMix{} : read_residents(wh, store.zip_code, profiles);
  const std::vector<DemographicMix> mixes = store_mixes(data);
  const std::vector<Neighbour> ranked = rank_by_similarity(data, places, store, mixes, around);
  if (mix_total(around) <= 0 || ranked.empty()) {
    return {
        {.id = "store_neighbours",
         .title = "Stores most like the neighbourhood, by demographics",
         .kind = PanelKind::kText,
         .text = "No customer with a known age range and gender gives this store's postal code (" +
                 (store.zip_code.empty() ? std::string("none in t_shop_info") : store.zip_code) +
                 ") in their profile, or no store with purchases has customers of a known age "
                 "range and gender: there is no neighbourhood to compare."}};
  }
  DemographicMix customers{};
  for (const DemographicMix& m : mixes) {
    for (int c = 0; c < kDemographicCells; ++c) customers[c] += m[c];
  }
  std::vector<SimilarStore> like;
  for (size_t n = 0; n < ranked.size() && n < kSimilarStores; ++n) {
    like.push_back({ranked[n].store, "similarity " + fixed(ranked[n].similarity, 4) + ", " +
                                         fixed(ranked[n].km, 1) + " km"});
  }
  Panel menu = menu_panel(data, like, cell_weights(around, customers));
  menu.title =
      "Menu for " + name_of(places, store.shop_id) + " from the stores most like its neighbourhood";
  menu.description =
      "Its neighbourhood: the " + std::to_string(static_cast<int64_t>(mix_total(around))) +
      " customers (of " + std::to_string(profiles) +
      " profiles) with a known age range and gender whose profile gives postal code " +
      store.zip_code +
      ". The stores whose home customers are most like them: " + names_of(data, places, like) +
      ". Their best sellers of the last 90 days are the menu to highlight; beside each, its share "
      "among all "
      "customers weighted to the neighbourhood's age × gender mix (what customers like the "
      "neighbourhood buy) and "
      "among all customers.";
  return {similarity_panel(data, places, ranked),
          mixes_panel(name_of(places, data.stores[ranked.front().store]), around,
                      mixes[ranked.front().store], customers),
          std::move(menu)};
}

}  // namespace luckyhub::recommendations
