// The health trend: one metric history panel of an instance, as both IT
// tools draw it (fleet-health's server detail, redis-console's instance
// view), read from health__samples (schema.h).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "report/report.h"
#include "warehouse/warehouse.h"

namespace luckyhub::health {

// A sample time as the health panels show it: "2026-02-12 14:05" (UTC).
std::string utc_text(int64_t unix_s);

// One timeseries panel of `instance`'s last `days` before `now`: each
// (metric, label) series at hourly resolution for a week or less, daily
// beyond (raw samples while no hour has been averaged yet); a point where a
// metric has no sample is empty.
Panel trend_panel(Warehouse& wh, int64_t now, const std::string& instance, int days,
                  const std::string& id, const std::string& title,
                  const std::vector<std::pair<std::string, std::string>>& metrics,
                  const std::string& unit, ValueType type = ValueType::kNumber);

}  // namespace luckyhub::health
