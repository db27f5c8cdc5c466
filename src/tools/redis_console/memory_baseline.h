// Memory anomaly detection for redis-console: does an instance's used memory
// depart from its own baseline? The baseline of an hour is the median of the
// same hour of day on the previous `baseline_days` days, its spread their
// median absolute deviation (MAD): a daily cycle is its own baseline, and one
// odd day neither moves the median nor widens the spread much.
//
// An hour departs when |value - median| > max(k x 1.4826 x MAD,
// min_share x median) (1.4826 x MAD estimates a normal series' standard
// deviation; the floor keeps a very flat series' hourly noise from counting).
// An instance is flagged when its last `consecutive_hours` hourly points all
// depart on the same side. Pure functions of the series: the caller reads the
// hourly averages (health__samples, step 3600) and passes them in time order.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace luckyhub::redis_console {

struct BaselineRules {
  int baseline_days = 7;        // same hour on this many previous days
  double k = 4;                 // robust deviations a value may stray
  double min_share = 0.05;      // ... but never less than this share of the median
  int consecutive_hours = 3;    // the last this-many hours must all depart
  int min_baseline_points = 3;  // an hour with fewer same-hour points has no baseline
};

struct HourValue {
  int64_t ts = 0;  // unix seconds, a whole hour
  double value = 0;
};

// One hour against its baseline.
struct BaselineHour {
  int64_t ts = 0;
  double value = 0;
  bool has_baseline = false;
  double median = 0, low = 0, high = 0;  // the band: median -/+ the allowed departure
  double robust_sigma = 0;               // 1.4826 x MAD
  int side = 0;                          // +1 above the band, -1 below, 0 inside (or no baseline)
};

struct MemoryAnomaly {
  bool flagged = false;
  int side = 0;       // +1 grown, -1 shrunk
  int64_t since = 0;  // the first hour of the trailing run of departures
  int hours = 0;      // that run's length
  double latest = 0, median = 0;
  double departure = 0;                     // latest - median (bytes)
  double departure_share = 0;               // departure / median
  std::optional<double> robust_deviations;  // departure / (1.4826 x MAD); none when MAD is 0
};

// Every hour of `series` (time order, one point per hour at most) against its
// baseline. Hours without enough history have has_baseline false.
std::vector<BaselineHour> against_baseline(const std::vector<HourValue>& series,
                                           const BaselineRules& rules);

// The verdict on the latest hours of `hours` (against_baseline's output).
MemoryAnomaly judge_memory(const std::vector<BaselineHour>& hours, const BaselineRules& rules);

}  // namespace luckyhub::redis_console
