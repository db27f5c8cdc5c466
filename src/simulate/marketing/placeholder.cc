// Placeholder until the marketing generators land; replaced by them.
#include "simulate/generators.h"

namespace luckyhub::sim {

void build_marketing_world(SimContext&) {}
std::unique_ptr<OrderObserver> make_marketing_observer(SimContext&) { return nullptr; }
void generate_marketing(SimContext&) {}

}  // namespace luckyhub::sim
