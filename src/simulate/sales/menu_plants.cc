#include "simulate/sales/menu_plants.h"

#include <algorithm>
#include <cmath>

namespace luckyhub::sim {
namespace {

constexpr double kRaiseFactors[] = {1.30, 1.25, 1.40, 1.35, 1.30, 1.45, 1.25};
constexpr int kRaisedStores = 7;
constexpr double kElasticities[] = {-1.2, -0.8};

bool on_menu_all_along(const Product& p, const World& w) { return p.launched <= w.start && p.retired > w.end; }

// Indexes of products on the menu from the first day to as-of, most popular
// first, that pass `keep`.
template <typename Keep>
std::vector<int> by_popularity(const World& w, Keep keep) {
  std::vector<int> out;
  const auto& products = w.sales.products;
  for (size_t i = 0; i < products.size(); ++i) {
    if (on_menu_all_along(products[i], w) && keep(products[i])) out.push_back(static_cast<int>(i));
  }
  std::stable_sort(out.begin(), out.end(),
                   [&](int a, int b) { return products[a].popularity > products[b].popularity; });
  return out;
}

int32_t raised_cents(int64_t list_cents, double factor) {
  return static_cast<int32_t>(std::llround(static_cast<double>(list_cents) * factor / 5.0) * 5);
}

}  // namespace

int32_t MenuPlants::list_cents(int product, int store, Date day, int64_t list) const {
  for (const PriceRaise& r : raises) {
    if (r.product == product && r.store == store && day >= r.from) return raised_cents(list, r.factor);
  }
  return static_cast<int32_t>(list);
}

double MenuPlants::volume_kept(int product, int store, Date day) const {
  for (const PriceRaise& r : raises) {
    if (r.product == product && r.store == store && day >= r.from) return std::pow(r.factor, r.elasticity);
  }
  return 1;
}

const PopularityShift* MenuPlants::shift(int product, Date day) const {
  for (const PopularityShift& s : shifts) {
    if (s.product == product && day >= s.from && day < s.to) return &s;
  }
  return nullptr;
}

bool MenuPlants::off_season(int product, Date day) const {
  const int m = day.month();
  for (const SeasonalPlant& s : seasons) {
    if (s.product == product) return s.summer ? (m == 12 || m <= 2) : (m >= 6 && m <= 8);
  }
  return false;
}

MenuPlants plan_menu_plants(SimContext& ctx) {
  const World& w = ctx.world;
  const auto& products = w.sales.products;
  MenuPlants plants;
  // Raises: the two most popular drinks listed $4.45+ (never the Iced Coconut
  // Latte, whose app price is calibrated), at seven stores each.
  const std::vector<int> drinks = by_popularity(w, [](const Product& p) {
    return p.drink && p.price_cents >= 445 && p.name != "Iced Coconut Latte";
  });
  const int days = w.end - w.start;
  for (size_t k = 0; k < 2 && k < drinks.size(); ++k) {
    for (int s = 0; s < kRaisedStores; ++s) {
      const int store = static_cast<int>(k) * 2 + s;  // stores 0-6 and 2-8
      const Date from = std::max(w.sales.stores[store].opened + 30, w.start + days * (35 + 6 * s) / 100);
      plants.raises.push_back({drinks[k], store, from, kRaiseFactors[s], kElasticities[k]});
    }
  }
  // Moves: in two categories, the most popular product (not raised) is cut and
  // the least popular boosted in the last full month before as-of.
  const Date to = Date::from_ymd(w.end.year(), w.end.month(), 1);
  const Date from = Date::from_ymd(to.month() == 1 ? to.year() - 1 : to.year(), to.month() == 1 ? 12 : to.month() - 1, 1);
  for (const char* category : {"Fresh Ground Coffee", "Classic Drinks"}) {
    const std::vector<int> in = by_popularity(w, [&](const Product& p) {
      return p.category == category && p.name != "Iced Coconut Latte";
    });
    std::vector<int> free;
    for (int i : in) {
      if (std::none_of(plants.raises.begin(), plants.raises.end(), [&](const PriceRaise& r) { return r.product == i; }))
        free.push_back(i);
    }
    if (free.size() < 4) continue;
    plants.shifts.push_back({free.front(), from, to, false});
    plants.shifts.push_back({free.back(), from, to, true});
  }

  // Seasons: the most popular iced drink of two categories is a summer
  // product, the most popular hot drink of two others a winter one (none
  // raised or moved).
  const auto planted = [&](int i) {
    return std::any_of(plants.raises.begin(), plants.raises.end(), [&](const PriceRaise& r) { return r.product == i; }) ||
           std::any_of(plants.shifts.begin(), plants.shifts.end(), [&](const PopularityShift& s) { return s.product == i; });
  };
  for (const std::pair<const char*, bool>& kind : {std::pair<const char*, bool>{"Cold Brew", true}, {"Refreshers", true},
                                                   {"Matcha", false}, {"Fresh Ground Coffee", false}}) {
    // Named, not a structured binding: clang before 16 cannot capture a binding in the lambda below.
    const char* category = kind.first;
    const bool summer = kind.second;
    const std::vector<int> in = by_popularity(w, [&](const Product& p) {
      return p.category == category && p.drink && p.iced == summer && p.name != "Iced Coconut Latte";
    });
    for (int i : in) {
      if (planted(i)) continue;
      plants.seasons.push_back({i, summer});
      break;
    }
  }

  Truth& t = ctx.truth;
  t.describe("menu_price_change", "luckyus_sales_order.t_order_item",
             "list-price raises of a product at a store from a New York day on, with the volume response they "
             "cause: the product keeps factor^elasticity of its orders there; items {spu_id, shop_id, date, "
             "from_cents, to_cents, elasticity}");
  t.describe("menu_quadrant_move", "luckyus_sales_order.t_order_item",
             "products whose popularity moves in the last full month before as-of (up: boosted to a large share "
             "of its category; down: most of its orders go to its category); items {spu_id, month, popularity}");
  for (const PriceRaise& r : plants.raises) {
    const Product& p = products[r.product];
    t.add_item("menu_price_change", {{"spu_id", p.commodity_id}, {"shop_id", w.sales.stores[r.store].shop_id}, {"date", r.from.str()},
                                     {"from_cents", p.price_cents}, {"to_cents", raised_cents(p.price_cents, r.factor)},
                                     {"elasticity", r.elasticity}});
  }
  t.describe("menu_seasonal", "luckyus_sales_order.t_order_item",
             "seasonal products: out of season (December-February for a summer product, June-August for a winter "
             "one, New York day of the order) a product keeps 10% of its orders, the others going to its category; "
             "items {spu_id, season}");
  for (const SeasonalPlant& s : plants.seasons) {
    t.add_item("menu_seasonal", {{"spu_id", products[s.product].commodity_id}, {"season", s.summer ? "summer" : "winter"}});
  }
  for (const PopularityShift& s : plants.shifts) {
    t.add_item("menu_quadrant_move", {{"spu_id", products[s.product].commodity_id}, {"month", s.from.month_str()},
                                      {"popularity", s.up ? "up" : "down"}});
  }
  return plants;
}

}  // namespace luckyhub::sim
