// The operations and supply-chain section of the simulated world: machines,
// formulas, goods, suppliers. Owned by simulate/ops/.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/calendar.h"

namespace luckyhub::sim {

struct OpsWorld {};

}  // namespace luckyhub::sim
