#include "simulate/sales/tastes.h"

#include <algorithm>
#include <cmath>

namespace luckyhub::sim {
namespace {

double weight(const std::array<float, 3>& taste, const Product& p, double season) {
  const std::array<double, 3> phi = taste_features(p);
  double dot = 0, norm = 0;
  for (int f = 0; f < 3; ++f) {
    dot += (taste[f] + (f == 0 ? season : 0)) * phi[f];
    norm += phi[f] * phi[f];
  }
  return p.popularity * std::exp(kTasteStrength * dot - kTasteStrength * kTasteStrength * norm / 2);
}

double round3(double v) { return std::round(v * 1000) / 1000; }

}  // namespace

std::array<double, 3> taste_features(const Product& p) {
  if (!p.drink) return {0, 0, 0};
  return {p.iced ? 1.0 : -1.0, (p.sugar_level - 1.5) / 1.5, p.caffeine_mg >= 100 ? 1.0 : -1.0};
}

double taste_season_shift(Date day) {
  const int m = day.month();
  if (m >= 6 && m <= 8) return kTasteSeasonShift;
  if (m == 12 || m <= 2) return -kTasteSeasonShift;
  return 0;
}

int32_t taste_choice(Rng& rng, const std::array<float, 3>& taste, const std::vector<Product>& products,
                     const std::vector<int32_t>& menu, Date day) {
  const double season = taste_season_shift(day);
  double total = 0;
  std::vector<double> cumulative(menu.size());
  for (size_t i = 0; i < menu.size(); ++i) cumulative[i] = total += weight(taste, products[menu[i]], season);
  const double u = rng.uniform() * total;
  const size_t at = static_cast<size_t>(std::upper_bound(cumulative.begin(), cumulative.end(), u) - cumulative.begin());
  return menu[std::min(at, menu.size() - 1)];
}

void assign_tastes(SimContext& ctx) {
  SalesWorld& sales = ctx.world.sales;
  Rng rng = ctx.rng("sales/tastes");
  ctx.truth.describe("customer_taste", "luckyus_sales_crm.t_user",
                     "each ordering customer's latent taste (iced, sweet, coffee), N(0, 1) each; a product's "
                     "weight is popularity x exp(0.9 taste.features - 0.81 |features|^2 / 2), the iced factor "
                     "+0.7 in June-August and -0.7 in December-February");
  std::vector<double> w(sales.products.size());
  const int test_store = static_cast<int>(sales.stores.size()) - 1;
  for (Customer& c : sales.customers) {
    for (float& f : c.taste) f = static_cast<float>(rng.normal());
    for (size_t p = 0; p < sales.products.size(); ++p) w[p] = weight(c.taste, sales.products[p], 0);
    const size_t favourites = c.favourite_products.size();
    c.favourite_products.clear();
    while (c.favourite_products.size() < favourites) {
      const int p = static_cast<int>(rng.weighted(w));
      if (std::find(c.favourite_products.begin(), c.favourite_products.end(), p) == c.favourite_products.end()) {
        c.favourite_products.push_back(p);
      }
    }
    if (c.orders_per_week > 0 && c.home_store != test_store) {
      ctx.truth.add_item("customer_taste", {{"user_no", c.user_no},
                                            {"iced", round3(c.taste[0])},
                                            {"sweet", round3(c.taste[1])},
                                            {"coffee", round3(c.taste[2])}});
    }
  }
}

}  // namespace luckyhub::sim
