// What the sales family plants for the menu tool (Tool 10): list-price
// raises of a few popular drinks at some stores on known dates, with a known
// volume response (a constant elasticity: after a raise by factor r the
// product keeps r^elasticity of its orders, the rest go to other products of
// the day's menu), and products whose popularity moves in the last full
// month before as-of (a cut one loses most of its orders to its category, a
// boosted one takes a share of its category's), and seasonal products (an
// iced drink that keeps only 10% of its orders in December-February, a hot
// one that keeps 10% in June-August, the rest going to its category). All
// recorded in the manifest (menu_price_change, menu_quadrant_move,
// menu_seasonal). Used by the order planner.
#pragma once

#include <cstdint>
#include <vector>

#include "simulate/context.h"

namespace luckyhub::sim {

struct PriceRaise {
  int product = 0;  // index into SalesWorld::products
  int store = 0;    // index into SalesWorld::stores
  Date from;        // first New York day at the new price
  double factor = 1, elasticity = 0;
};

struct PopularityShift {
  int product = 0;
  Date from, to;  // [from, to): the last full month before as-of
  bool up = false;
};

// A seasonal product: out of its season (December-February for a summer
// product, June-August for a winter one) it keeps kOffSeasonKept of its
// orders, the rest going to other products of its category.
struct SeasonalPlant {
  int product = 0;
  bool summer = true;
};
inline constexpr double kOffSeasonKept = 0.10;

struct MenuPlants {
  std::vector<PriceRaise> raises;
  std::vector<PopularityShift> shifts;
  std::vector<SeasonalPlant> seasons;

  // The list price of a product listed at `list_cents`, at a store on a day.
  int32_t list_cents(int product, int store, Date day, int64_t list) const;
  // The share of its orders the product keeps there that day (1 when none).
  double volume_kept(int product, int store, Date day) const;
  const PopularityShift* shift(int product, Date day) const;
  // Whether a seasonal product is out of its season on a day.
  bool off_season(int product, Date day) const;
};

// Chooses the plants from the world and describes and records them in the manifest.
MenuPlants plan_menu_plants(SimContext& ctx);

}  // namespace luckyhub::sim
