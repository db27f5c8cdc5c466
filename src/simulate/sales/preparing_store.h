// What the simulator plants for the recommendations tool's new-store menu
// (Tool 11): a store signed but not yet open at the as-of date — Astor Place
// (US0011), a flagship with seating a street from Broadway & 8th St (US0001,
// also a flagship), opening kPreparingDays after as-of. It is a row of
// t_shop_info (status 1 preparing, its open_date ahead) and nothing else: no
// customer calls it home, no order, schedule, machine or forecast names it,
// so no other generator's draw moves. Recorded in the manifest as
// `store_preparing` (items {shop_id, shop_no, opens, shop_type, zip_code,
// beside_shop_id}).
#pragma once

#include "simulate/context.h"

namespace luckyhub::sim {

inline constexpr int kPreparingDays = 21;

// Adds the store to world.sales.preparing (after the stores: shop_id
// stores.size() + 1) and records it. REQUIRES: build_stores has run.
void plan_preparing_store(SimContext& ctx);

}  // namespace luckyhub::sim
