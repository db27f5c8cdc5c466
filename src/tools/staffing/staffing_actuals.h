// The actual staff per store and hour that store managers enter on the
// staffing page: an entered table of the warehouse (staffing__actual_staff,
// Warehouse::entered_table: kept beside the loaded data on SQLite and
// ClickHouse alike), never in the source databases. One PUT replaces a
// store's week (server: PUT /api/staffing/actual): it appends the whole week
// (all 168 hours, null where not entered) under a new version, and readers
// take each store's latest version of the week.
//
// Body: {"store": 3, "week": "2026-02-09", "staff": [[...24 values...] x 7]},
// Monday first, each value a whole number of people 0..kMaxStaff or null
// (not entered). Validation refuses, naming the thing: a store that is not a
// US store of the warehouse, a week that is not a Monday or lies outside the
// warehouse's data and forecasts, a negative, fractional or too large value,
// a grid that is not 7 x 24. Nothing is written unless all of it is valid.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.h"
#include "tools/staffing/staffing.h"
#include "warehouse/warehouse.h"

namespace luckyhub::staffing {

inline constexpr int kMaxStaff = 99;
inline constexpr size_t kMaxBodyBytes = 16 * 1024;

struct ActualWeek {
  int64_t shop_id = 0;
  Date week;
  std::vector<std::optional<int>> staff;  // 7 x 24, day-major
};

// Parses and validates a body against the warehouse. Throws Error with a
// one-line message naming what is wrong.
ActualWeek parse_actual_week(Warehouse& wh, std::string_view body);

// Replaces the store's week in the warehouse, atomically.
void save_actual_week(Warehouse& wh, const ActualWeek& week);

// Every store's entered staff for the week; empty when none was entered.
ActualStaff read_actual_staff(Warehouse& wh, Date week);

}  // namespace luckyhub::staffing
