// The inventory report's stock panels with the goods master data and the
// days-of-supply thresholds (inventory_stock_panels.cc); the other panels
// are in inventory_report.cc.
#pragma once

#include "report/report.h"
#include "tools/inventory/inventory.h"

namespace luckyhub::inventory {

// Every SKU-store with its goods's master data (t_mdm_goods: number,
// category, unit, shelf life), on hand, demand, days of supply and threshold.
Panel stock_table(const Inventory& inv);

// A reorder alert per SKU-store under its days-of-supply threshold, the
// fewest days of supply first.
Panel low_supply_alerts(const Inventory& inv, const Settings& s);

}  // namespace luckyhub::inventory
