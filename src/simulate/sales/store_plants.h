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
//  - a location type: the kiosks (shop_type 3) are the stores that are not
//    flagships whose demand weight is at most kKioskMaxWeight (Gramercy,
//    Columbia University, Penn Station, all in New York): the stores that
//    already sell least, alike. Only the label is planted: it is given after
//    the weights are set and nothing is drawn from it (the flagships, whose
//    type staffing's shifts and recommendations' store menu read, keep
//    theirs), so no order, item or customer moves. Against every store the
//    kiosks read low; against each other as usual.
//
// All go to the manifest: "store_cannibalisation" (items {opened_shop_id,
// shop_id, opened, drop}), "store_closed_day" (items {shop_id, day}) and
// "store_location_type" (items {city, shop_type, max_weight, shop_ids}).
#pragma once

#include "simulate/sales/sales_internal.h"

namespace luckyhub::sim {

inline constexpr double kCannibalDrop = 0.2;
inline constexpr int kFlagshipType = 2;
inline constexpr int kKioskType = 3;
inline constexpr double kKioskMaxWeight = 0.85;

// The factor of store `s`'s demand weight on day `d`: 0 on a missed day,
// 1 - kCannibalDrop at the cannibalised store from the opening, else 1.
double store_plant_factor(const World& world, int s, Date d);

// Gives the kiosk type to the stores that are not flagships with a demand
// weight of at most kKioskMaxWeight, the pickup type (1) to the other ones.
// REQUIRES: build_stores has run; nothing has been drawn from the types.
void plant_location_type(SalesWorld& sales);

// Describes the three kinds and records the items that fall in the run.
void record_store_plants(SimContext& ctx);

}  // namespace luckyhub::sim
