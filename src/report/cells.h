// Report cells rounded for display, shared by the tools' panels.
#pragma once

#include <optional>

#include "report/report.h"

namespace luckyhub {

// A rate to 4 decimals, a number to 1; an empty cell when there is no value.
Cell rate_cell(std::optional<double> v);
Cell number_cell(std::optional<double> v);

}  // namespace luckyhub
