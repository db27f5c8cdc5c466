// A table panel's column by id, for the tools' tests: its index in every row.
#pragma once

#include <cstddef>
#include <string>

#include "report/report.h"

namespace luckyhub::testing {

// Throws Error naming the panel when it has no such column.
size_t column(const Panel& panel, const std::string& id);

}  // namespace luckyhub::testing
