// staffing's historical no-show rates and the shrinkage they feed.
//
// From the stores' rota and attendance (opshop.t_shop_staff_shift): over the
// `no_show_days` New York business days before as-of, per store and weekday,
// scheduled = shifts worked (status 2) + shifts missed (status 3), and
//   no-show rate = 1 - worked / scheduled.
// The shrinkage a store's day is planned with is, when `shrinkage_from` is
// "history": the store's rate on that weekday if the weekday has at least
// `no_show_min_shifts` scheduled shifts, else the store's rate over every
// weekday if it has that many, else the `shrinkage` parameter; a rate is
// capped at kMaxShrinkage (the parameter's own bound). With "parameter", or
// without the table, every day takes the parameter. Each day says which.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>

#include "core/calendar.h"
#include "report/report.h"
#include "tools/registry.h"
#include "warehouse/warehouse.h"

namespace luckyhub::staffing {

inline constexpr double kMaxShrinkage = 0.9;
inline constexpr const char* kShiftTable = "opshop__t_shop_staff_shift";

struct ShiftCount {
  int64_t scheduled = 0, worked = 0;
  double rate() const { return scheduled > 0 ? 1 - static_cast<double>(worked) / static_cast<double>(scheduled) : 0.0; }
};

// One store's history: per weekday (0 Monday .. 6 Sunday) and in all.
struct NoShowHistory {
  std::array<ShiftCount, 7> by_weekday{};
  ShiftCount all;
};

// shop_id -> history. Empty without the table.
using NoShowRates = std::map<int64_t, NoShowHistory>;
NoShowRates read_no_show(Warehouse& wh, Date as_of, int days);

enum class ShrinkageSource { kWeekday, kStore, kParameter };
const char* to_string(ShrinkageSource source);

struct DayShrinkage {
  double value = 0;
  ShrinkageSource source = ShrinkageSource::kParameter;
};
using WeekShrinkage = std::array<DayShrinkage, 7>;  // Monday first

// The shrinkage of each weekday of a store, as the header says. `history`
// null: no history (the parameter every day).
WeekShrinkage shrinkage_of(const NoShowHistory* history, double parameter, int64_t min_shifts, bool from_history);

// The "no_show" panel: per store, its rate in all and per weekday, the
// shifts behind it and the shrinkage each weekday was planned with.
Panel no_show_panel(const NoShowRates& rates, const std::map<int64_t, WeekShrinkage>& used,
                    const std::map<int64_t, std::string>& names, const Params& params);
// The "no_show_map" panel: a heatmap of the rates, store by weekday: every
// store's, or `only`'s alone when it is not 0 (a
// store's page: a store manager's copy shows no other store, and a heat map's
// rows carry names, not the shop_id server/store_rows.h narrows tables by).
Panel no_show_heatmap(const NoShowRates& rates, const std::map<int64_t, std::string>& names, int64_t only = 0);

}  // namespace luckyhub::staffing
