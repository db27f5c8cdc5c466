#include "tools/redis_console/memory_baseline.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace luckyhub::redis_console {
namespace {

constexpr int64_t kDayS = 86400;
constexpr double kMadToSigma = 1.4826;

double median_of(std::vector<double> v) {
  const size_t n = v.size();
  std::nth_element(v.begin(), v.begin() + n / 2, v.end());
  const double upper = v[n / 2];
  if (n % 2 == 1) return upper;
  const double lower = *std::max_element(v.begin(), v.begin() + n / 2);
  return (lower + upper) / 2;
}

}  // namespace

std::vector<BaselineHour> against_baseline(const std::vector<HourValue>& series,
                                           const BaselineRules& rules) {
  std::map<int64_t, double> by_ts;
  for (const HourValue& p : series) by_ts[p.ts] = p.value;
  std::vector<BaselineHour> out;
  out.reserve(series.size());
  for (const HourValue& p : series) {
    BaselineHour h{.ts = p.ts, .value = p.value};
    std::vector<double> same_hour;
    for (int d = 1; d <= rules.baseline_days; ++d) {
      if (auto it = by_ts.find(p.ts - d * kDayS); it != by_ts.end())
        same_hour.push_back(it->second);
    }
    if (static_cast<int>(same_hour.size()) >= rules.min_baseline_points) {
      h.has_baseline = true;
      h.median = median_of(same_hour);
      std::vector<double> deviations;
      for (double v : same_hour) deviations.push_back(std::fabs(v - h.median));
      h.robust_sigma = kMadToSigma * median_of(deviations);
      const double allowed =
          std::max(rules.k * h.robust_sigma, rules.min_share * std::fabs(h.median));
      h.low = h.median - allowed;
      h.high = h.median + allowed;
      h.side = p.value > h.high ? 1 : p.value < h.low ? -1 : 0;
    }
    out.push_back(h);
  }
  return out;
}

MemoryAnomaly judge_memory(const std::vector<BaselineHour>& hours, const BaselineRules& rules) {
  MemoryAnomaly a;
  if (hours.empty() || hours.back().side == 0) return a;
  const int side = hours.back().side;
  size_t first = hours.size();
  while (first > 0 && hours[first - 1].side == side) --first;
  a.hours = static_cast<int>(hours.size() - first);
  if (a.hours < rules.consecutive_hours) return MemoryAnomaly{};
  const BaselineHour& last = hours.back();
  a.flagged = true;
  a.side = side;
  a.since = hours[first].ts;
  a.latest = last.value;
  a.median = last.median;
  a.departure = last.value - last.median;
  a.departure_share = last.median != 0 ? a.departure / last.median : 0;
  if (last.robust_sigma > 0) a.robust_deviations = a.departure / last.robust_sigma;
  return a;
}

}  // namespace luckyhub::redis_console
