// Counters as rates. A `*_total` sample of the instance itself (no object)
// is a counter that only grows: from its second scrape on it gives its delta
// since the previous scrape (the metric without `_total`) and that delta per
// second (`..._per_second`). A counter that went back (a restart, a reboot)
// or a scrape not later than the previous one gives neither, and its new
// value becomes the baseline.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "collect/metric_source.h"

namespace luckyhub::collect {

// (instance, counter metric) -> (its last value, when it was read, unix seconds).
using CounterTotals = std::map<std::pair<std::string, std::string>, std::pair<double, int64_t>>;

struct CounterRates {
  std::vector<Sample> samples;          // base and base_per_second of each usable counter
  std::map<std::string, double> delta;  // base -> delta, for ratios of two counters
};

// The rates of `instance`'s counters in `samples` read at `now`; updates
// `totals` with every counter read.
CounterRates counter_rates(CounterTotals& totals, const std::string& instance, int64_t now,
                           const std::vector<Sample>& samples);

}  // namespace luckyhub::collect
