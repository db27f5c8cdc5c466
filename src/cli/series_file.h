// The plain-file input of `luckyhub model ...`: CSV with a header naming
// `value`, one of `date` (YYYY-MM-DD) or `t` (an integer), and optionally
// `series`; other columns are ignored. A series is its rows in date or t
// order.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace luckyhub::cli {

struct SeriesPoint {
  int64_t t = 0;  // the t column, or the date as days since 1970-01-01
  double value = 0;
  int line = 0;   // in the file, from 1 (the header)
};

struct SeriesFile {
  std::string path;
  bool dated = false;  // keyed by `date` rather than `t`
  // By series name ("" without a series column), each sorted by t.
  std::map<std::string, std::vector<SeriesPoint>> series;
};

// Reads and validates a series file. Throws Error "PATH:LINE: reason" on a
// bad row (missing or extra field, a value that is not a finite number, a bad
// date or t, a series and t given twice), "PATH: reason" on a missing file,
// an empty one or a header without `value` and `date` or `t`.
SeriesFile read_series_file(const std::string& path);

}  // namespace luckyhub::cli
