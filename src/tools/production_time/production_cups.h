// Per-cup times of the production-time tool: each cup's making time, from
// its own start to its own done (opproduction.t_commodity, status 30, with
// the machine that made it, device_no), where the rest of the tool times
// whole tickets or items from the ticket's acceptance.
//
//  - By product and by device: cups, p50 and p95 (nearest rank) of the
//    making time, cups over 30 minutes left out as outliers.
//  - A device's share of slow cups: its cups over the fleet's p95 of every
//    cup in the scope, over its cups.
//  - A device's time against the fleet on the same products:
//    Σ_p seconds(d, p) / Σ_p cups(d, p) x mean(p), mean(p) being the
//    product's mean cup time over every device (efficiency_scores' score,
//    inverted; products made on one device only compare nothing). A device
//    with at least `min_cups` cups is slow when this is at least
//    `slow_cup_ratio`. Tickets do not show it: a slow machine's cups end
//    when the ticket would have anyway, started earlier.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/production_time.h"
#include "report/report.h"
#include "tools/production_time/production.h"
#include "warehouse/warehouse.h"

namespace luckyhub::production {

// The derived table: every finished LKUS cup made on a machine (id,
// device_no, commodity_id, shop_id, start_time, seconds start -> done).
inline constexpr std::string_view kCupTimes = "production__cup_time";

struct CupScope {
  double slow_ratio = 1.25;  // slow_cup_ratio
  int64_t min_cups = 30;
};

struct CupDevice {
  std::string device_no, machine_type;
  int64_t shop_id = 0;
  production_time::Histogram times = production_time::Histogram();
  int64_t slow_cups = 0;          // over the fleet's p95
  std::optional<double> vs_fleet; // seconds / expected on the same products
  bool slow = false;
};

struct CupData {
  std::map<int64_t, production_time::Histogram> products;
  production_time::Histogram fleet;
  std::vector<CupDevice> devices;  // by device_no
};

CupData read_cups(Warehouse& wh, const Scope& scope, const CupScope& cups);

Panel cup_products_panel(const CupData& data, const ProductionData& names);
Panel cup_devices_panel(const CupData& data, const CupScope& scope);
// Bars: each device's time against the fleet, slowest first.
Panel cup_devices_chart(const CupData& data, const CupScope& scope);

}  // namespace luckyhub::production
