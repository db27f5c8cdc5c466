// Placeholder until the sales generators land; replaced by them.
#include "simulate/generators.h"

namespace luckyhub::sim {

void build_sales_world(SimContext& ctx) { ctx.world.start = Date::from_ymd(2025, 6, 30); }
void generate_sales(SimContext&, const std::vector<OrderObserver*>&) {}

}  // namespace luckyhub::sim
