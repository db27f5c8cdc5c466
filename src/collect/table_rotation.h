// Which tables a table cycle reads by name so that every table is read again
// within a bounded number of cycles: a cursor walks the tables in name order,
// picking the next ones not already current this cycle, ceil(n / cycles) of
// them per cycle. The cursor passes at least that many tables each cycle, so
// it passes every table at least once every `cycles` cycles, and a table is
// current when it does (read by name then, or already current).
#pragma once

#include <cstddef>
#include <vector>

namespace luckyhub::collect {

struct RotationStep {
  std::vector<size_t> read;  // indexes of the tables to read by name, in order
  size_t next_start = 0;     // where the next cycle's walk starts
};

// `current[i]`: table i (in name order) is current this cycle without being
// picked. REQUIRES: cycles >= 1; start <= current.size() (start == size wraps to 0).
RotationStep rotate(const std::vector<bool>& current, size_t start, size_t cycles);

}  // namespace luckyhub::collect
