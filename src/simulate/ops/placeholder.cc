// Placeholder until the ops generators land; replaced by them.
#include "simulate/generators.h"

namespace luckyhub::sim {

void build_ops_world(SimContext&) {}
std::unique_ptr<OrderObserver> make_ops_observer(SimContext&) { return nullptr; }
void generate_ops(SimContext&) {}

}  // namespace luckyhub::sim
