// What the sales family plants for the menu tool (Tool 10): list-price
// raises of a few popular drinks at some stores on known dates, with a known
// volume response (a constant elasticity: after a raise by factor r the
// product keeps r^elasticity of its orders, the rest go to other products of
// the day's menu), and products whose popularity moves in the last full
// month before as-of (a cut one loses most of its orders to its category, a
// boosted one takes a share of its category's). All recorded in the manifest
// (menu_price_change, menu_quadrant_move). Used by the order planner.
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

struct MenuPlants {
  std::vector<PriceRaise> raises;
  std::vector<PopularityShift> shifts;

  // The list price of a product listed at `list_cents`, at a store on a day.
  int32_t list_cents(int product, int store, Date day, int64_t list) const;
  // The share of its orders the product keeps there that day (1 when none).
  double volume_kept(int product, int store, Date day) const;
  const PopularityShift* shift(int product, Date day) const;
};

// Chooses the plants from the world and describes and records them in the manifest.
MenuPlants plan_menu_plants(SimContext& ctx);

}  // namespace luckyhub::sim
