// The figures of docs/simulator/calibration.md as checks against a warehouse: each
// figure is one SQL question, its value at scale 1, and a tolerance. At scale 1
// every check must pass; at other scales transactional counts are scaled,
// owned counts stay fixed, and calendar-driven ones are checked only at scale 1.
// `luckyhub calibration` prints the table; tests run it at a small scale.
//
// Calibration reads a finished warehouse, as the tools do: it asks its
// questions through the warehouse interface with the tools' own definitions
// (domain/: a paid order, the payment-fee scan), never through a tool.
#pragma once

#include <string>
#include <vector>

#include "warehouse/warehouse.h"

namespace luckyhub::calibration {

enum class FigureKind {
  kOwned,     // a count of owned things: exact at every scale
  kScaled,    // a transactional volume: target x scale
  kCalendar,  // volume driven by stores x days x items, or with a floor at small scales
              // (every supplier orders at least a few times): checked at scale 1 only
  kShape,     // a ratio, mean or price: the same at every scale
};

struct FigureCheck {
  std::string name;
  std::string expected_text;  // how calibration.md states it
  double expected = 0;        // at this warehouse's scale
  double measured = 0;
  bool checked = true;        // false: not checkable at this scale
  bool ok = false;
};

// Runs every figure against the warehouse, at the scale recorded in it.
std::vector<FigureCheck> check_calibration(Warehouse& warehouse);

}  // namespace luckyhub::calibration
