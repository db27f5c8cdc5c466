// Customers' latent tastes, the structure the recommendations tool must
// learn. Each customer has a taste vector θ of three factors drawn N(0, 1):
//   iced   (+1 an iced drink, −1 a hot one, 0 food),
//   sweet  ((sugar_level − 1.5) / 1.5 for a drink, 0 food),
//   coffee (+1 a drink with ≥ 100 mg caffeine, −1 one with less, 0 food),
// and the season moves everyone's iced factor: +0.7 in June–August, −0.7 in
// December–February. A product's weight for a customer on a day is
//   popularity × exp(β θ·φ − β² |φ|² / 2),   β = 0.9,
// which leaves each product's expected weight over customers at its
// popularity. Favourites are drawn by these weights (without the season);
// half the lines that are not a favourite nor a pastry are drawn by them
// over the day's menu (with the season). Recorded in the manifest as
// `customer_taste`, one item per ordering customer.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "simulate/context.h"
#include "simulate/random.h"

namespace luckyhub::sim {

constexpr double kTasteStrength = 1.2;
constexpr double kTasteSeasonShift = 0.7;
constexpr double kTasteShareOfMenuDraws = 0.7;

std::array<double, 3> taste_features(const Product& p);
double taste_season_shift(Date day);
// REQUIRES: menu not empty. A product index of `menu` drawn by the weights.
int32_t taste_choice(Rng& rng, const std::array<float, 3>& taste, const std::vector<Product>& products,
                     const std::vector<int32_t>& menu, Date day);
// Draws every customer's taste and its favourites by taste (stream
// "sales/tastes"), and records the manifest's `customer_taste`.
void assign_tastes(SimContext& ctx);

}  // namespace luckyhub::sim
