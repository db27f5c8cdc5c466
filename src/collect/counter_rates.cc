#include "collect/counter_rates.h"

namespace luckyhub::collect {

CounterRates counter_rates(CounterTotals& totals, const std::string& instance, int64_t now,
                           const std::vector<Sample>& samples) {
  static const std::string kSuffix = "_total";
  CounterRates out;
  for (const Sample& x : samples) {
    if (!x.object.empty() || x.metric.size() <= kSuffix.size() ||
        x.metric.compare(x.metric.size() - kSuffix.size(), kSuffix.size(), kSuffix) != 0) {
      continue;
    }
    const auto key = std::make_pair(instance, x.metric);
    const auto it = totals.find(key);
    if (it != totals.end() && x.value >= it->second.first && now > it->second.second) {
      const std::string base = x.metric.substr(0, x.metric.size() - kSuffix.size());
      const double delta = x.value - it->second.first;
      out.delta[base] = delta;
      out.samples.push_back({base, "", delta});
      out.samples.push_back({base + "_per_second", "", delta / static_cast<double>(now - it->second.second)});
    }
    totals[key] = {x.value, now};
  }
  return out;
}

}  // namespace luckyhub::collect
