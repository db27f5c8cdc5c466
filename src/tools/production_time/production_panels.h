// The panels of the production-time report (production_panels.cc,
// production_panels_more.cc), each from the analysis' plain structs.
#pragma once

#include "report/report.h"
#include "tools/production_time/production.h"

namespace luckyhub::production {

Panel summary_panel(const ProductionData& data, const std::vector<StoreHour>& cells);
Panel stores_panel(const ProductionData& data);
Panel store_distribution_panel(const ProductionData& data);
Panel products_panel(const ProductionData& data);
Panel product_distribution_panel(const ProductionData& data);
// Violins of the same products: kernel densities over a shared grid of seconds
// (a series each, drawn "violin").
Panel product_violin_panel(const ProductionData& data);
// Mean seconds (queue = false) or mean tickets in production (true) per weekday x hour.
Panel week_hour_panel(const ProductionData& data, bool queue);
Panel bottlenecks_panel(const std::vector<StoreHour>& cells, const Scope& scope);
Panel outliers_panel(const ProductionData& data);
Panel machine_types_panel(const ProductionData& data);
Panel devices_panel(const ProductionData& data, const Scope& scope);
Panel steps_panel(const ProductionData& data);

}  // namespace luckyhub::production
