// The pieces the store-menu panels share (recommendations_store_menu.cc, by
// type and place or by customer mix; recommendations_store_neighbourhood.cc,
// by neighbourhood demographics): the stores of t_shop_info, their names,
// and the menu built from the stores most like one.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "report/report.h"
#include "tools/recommendations/recommendations_panels.h"

namespace luckyhub::recommendations {

// How many of the most similar stores a menu is built from, over how many
// days before as-of, and how many of their best sellers it lists.
inline constexpr int kSimilarStores = 2;
inline constexpr int kMenuWindowDays = 90;
inline constexpr int kMenuProducts = 15;

struct Place {
  int64_t shop_id = 0;
  std::string name, opens;
  int shop_type = 0;
  std::string zip_code;
  double latitude = 0, longitude = 0;
};

// The US stores of t_shop_info by id (none when the warehouse lacks it).
std::vector<Place> read_places(Warehouse& wh);
// "Name (shop_id)", or "store shop_id" when t_shop_info does not list it.
std::string name_of(const std::vector<Place>& places, int64_t shop_id);
// The stores of `like` by name, each with its why, comma-separated.
std::string names_of(const Data& data, const std::vector<Place>& places,
                     const std::vector<SimilarStore>& like);
// The units of each product the `like` stores sold in the kMenuWindowDays
// before as-of, their total, and the products ranked by them (most first,
// ties in product order). `each` sees every purchase of the window, for the
// caller's own sums beside them.
struct SimilarUnits {
  std::vector<double> units;
  double total = 0;
  std::vector<int32_t> ranked;
};
SimilarUnits similar_units(const Data& data, const std::vector<SimilarStore>& like,
                           const std::function<void(const Purchase&)>& each);
// The `like` stores' 15 best sellers of the last 90 days into `p`'s table:
// their share there, the share at `own` (an index into data.stores; nullopt
// for a store without purchases: 0), the gap.
void fill_menu(const Data& data, const std::vector<SimilarStore>& like, std::optional<int32_t> own,
               Panel& p);

// A new store's panels by neighbourhood demographics
// (recommendations_store_neighbourhood.cc): the similarity of every store
// with purchases to the customers living in its postal code, the demographic
// mixes side by side, and the menu from the kSimilarStores most similar.
std::vector<Panel> neighbourhood_panels(Warehouse& wh, const Data& data,
                                        const std::vector<Place>& places, const Place& store);

}  // namespace luckyhub::recommendations
