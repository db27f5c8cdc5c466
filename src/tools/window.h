// The period a report covers: New York business days [from, to). Tools that
// take a period declare window_params() and read it with report_window(),
// which defaults to the whole of the warehouse's data (meta start .. as_of).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.h"
#include "tools/registry.h"
#include "warehouse/warehouse.h"

namespace luckyhub {

struct Window {
  Date from;  // first business day, inclusive
  Date to;    // last business day, exclusive
  // The window covers a large share of the data (a quarter of its days or
  // more): its ranges are read by scanning, not through an index.
  bool wide = false;
  int days() const { return to - from; }
  // The UTC instants bounding the window, as warehouse DATETIME text, so that
  // SQL compares raw timestamps (and can use indexes) instead of converting rows.
  std::string utc_from() const { return new_york_to_utc(from, 0, 0, 0).str(); }
  std::string utc_to() const { return new_york_to_utc(to, 0, 0, 0).str(); }
  // "column >= ? AND column < ?", to be bound to utc_from() and utc_to() (a
  // DATETIME column) or to from and to (a business-day DATE column).
  std::string range(const Dialect& dialect, std::string_view column) const;
};

// The "from" and "to" parameters.
std::vector<ParamSpec> window_params();

// Throws Error when to is not after from.
Window report_window(Warehouse& warehouse, const Params& params);

}  // namespace luckyhub
