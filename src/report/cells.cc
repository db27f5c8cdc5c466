#include "report/cells.h"

#include <cmath>

namespace luckyhub {

Cell rate_cell(std::optional<double> v) {
  if (!v) return std::monostate{};
  return std::round(*v * 10000) / 10000;
}

Cell number_cell(std::optional<double> v) {
  if (!v) return std::monostate{};
  return std::round(*v * 10) / 10;
}

}  // namespace luckyhub
