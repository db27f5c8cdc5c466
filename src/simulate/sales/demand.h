// Order volumes per store and New York business day (demand.cc).
#pragma once

#include <cstdint>
#include <vector>

#include "simulate/sales/sales_internal.h"

namespace luckyhub::sim {

inline constexpr int kFirstHour = 7;   // stores take orders 7:00 ..
inline constexpr int kLastHour = 19;   // .. 19:59 local

struct DemandPlan {
  std::vector<Date> days;                         // [start, end)
  std::vector<std::vector<int64_t>> paid_usd;     // [day][production store]
  std::vector<std::vector<int64_t>> unpaid_usd;   // [day][production store]
  std::vector<int64_t> paid_nz, unpaid_nz;        // [day], at the test store
  std::vector<Date> pinned;                       // days whose count is a catalog figure
};

DemandPlan plan_demand(SimContext& ctx);

// Relative order intensity of a local hour (0 outside trading hours).
double hour_weight(bool weekend, int hour);

}  // namespace luckyhub::sim
