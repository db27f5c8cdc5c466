#include "collect/table_rotation.h"

namespace luckyhub::collect {

RotationStep rotate(const std::vector<bool>& current, size_t start, size_t cycles) {
  RotationStep step;
  const size_t n = current.size();
  if (n == 0) return step;
  const size_t slice = (n + cycles - 1) / cycles;
  size_t i = start % n;
  for (size_t walked = 0; walked < n && step.read.size() < slice; ++walked, i = (i + 1) % n) {
    if (!current[i]) step.read.push_back(i);
  }
  step.next_start = i;
  return step;
}

}  // namespace luckyhub::collect
