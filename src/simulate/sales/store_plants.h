// What the simulator plants for the stores tool (Tool 13), in the demand plan:
//
//  - a cannibalisation: from the day Garment District (US0007) opens, 0.3 km
//    from Herald Square (US0003), Herald Square's demand weight drops by
//    kCannibalDrop (a fifth). The day's order total is apportioned by weight,
//    so the drop moves orders to other days and stores: the calibrated totals
//    stay exact.
//  - missed days: Broadway & 8th St (US0001) does not open on four scheduled
//    weekdays (its schedule in t_shop_opening_time says open; it takes no
//    order, so makes no production ticket).
//
// Both go to the manifest: "store_cannibalisation" (items {opened_shop_id,
// shop_id, opened, drop}) and "store_closed_day" (items {shop_id, day}).
#pragma once

#include "simulate/sales/sales_internal.h"

namespace luckyhub::sim {

inline constexpr double kCannibalDrop = 0.2;

// The factor of store `s`'s demand weight on day `d`: 0 on a missed day,
// 1 - kCannibalDrop at the cannibalised store from the opening, else 1.
double store_plant_factor(const World& world, int s, Date d);

// Describes the two kinds and records the items that fall in the run.
void record_store_plants(SimContext& ctx);

}  // namespace luckyhub::sim
