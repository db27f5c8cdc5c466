// Days-of-supply thresholds per SKU for the inventory tool's reorder alerts.
// Not in any source database: supply planning enters them, as a CSV file
// (`luckyhub inventory-thresholds FILE.csv`) or a CSV body (PUT
// /api/inventory/thresholds), into an entered table of the warehouse
// (inventory__thresholds, see Warehouse::entered_table), appended under a new
// version on each entry; the reader takes each goods's latest value. An entry
// changes only the goods it names; a SKU without one takes the report's
// `supply_days` parameter.
//
// The file: a header `goods_id,days_of_supply`, then one row per goods:
// goods_id a t_mdm_goods id (LKUS), days_of_supply a number of days from 0 to
// 365 with at most one decimal; 0 removes the goods's own threshold (back to
// the default). docs/inventory-thresholds.example.csv. A bad row refuses the
// whole entry with "NAME:LINE: reason"; nothing is written unless every row is
// valid. A goods may appear once.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "warehouse/warehouse.h"

namespace luckyhub::inventory {

inline constexpr size_t kMaxThresholdBytes = 256 * 1024;
inline constexpr int64_t kMaxThresholdTenths = 3650;  // 365 days

struct ThresholdRow {
  int64_t goods_id = 0;
  int64_t tenths = 0;  // days of supply × 10; 0: back to the default
};

// Parses a thresholds CSV; `name` prefixes the error messages (a path,
// "body"). Each goods_id must be a goods of t_mdm_goods in `warehouse`.
std::vector<ThresholdRow> parse_thresholds(Warehouse& warehouse, std::string_view text, const std::string& name);
// The same against a set of goods ids (the parse alone, without a warehouse: fuzz/).
std::vector<ThresholdRow> parse_thresholds(std::string_view text, const std::string& name, const std::set<int64_t>& goods);

// Appends the rows under a new version, atomically.
void save_thresholds(Warehouse& warehouse, const std::vector<ThresholdRow>& rows);

// Each goods's own threshold in days (its latest entry, when not 0); empty
// when nothing was entered.
std::map<int64_t, double> read_thresholds(Warehouse& warehouse);

}  // namespace luckyhub::inventory
