// The panels of the machines report: the fleet's (machines_panels.cc,
// machines_fleet_panels.cc) and one device's drill-down (machines_device.cc),
// each from the analysis' structs.
#pragma once

#include "report/cells.h"
#include "report/report.h"
#include "tools/machines/machines.h"

namespace luckyhub::machines {

// The drill-down link of a device: its page.
inline std::string device_link() { return "/tools/machines?device={device_id}"; }
// The store's code (t_shop_info.shop_no), its id when it has none.
std::string store_of(const FleetData& data, int64_t shop_id);

Panel summary_panel(const FleetData& data, const std::vector<Assessed>& fleet, const Scope& scope);
Panel alerts_panel(const std::vector<alerts::Signal>& signals);
Panel map_panel(const FleetData& data, const std::vector<Assessed>& fleet);
Panel devices_panel(const FleetData& data, const std::vector<Assessed>& fleet);
Panel velocity_panel(const FleetData& data, const std::vector<Assessed>& fleet, const Scope& scope);
Panel outages_panel(const FleetData& data, const std::vector<Assessed>& fleet, const Scope& scope);
Panel maintenance_panel(const FleetData& data, const std::vector<Assessed>& fleet, const Scope& scope);
Panel types_panel(const std::vector<Assessed>& fleet);
Panel formulas_panel(const FleetData& data, const std::vector<Assessed>& fleet);

// The device page: the device's tiles, daily cups, error and maintenance
// logs, outages, formulas. Throws Error when the device is not in t_device.
std::vector<Panel> device_panels(Warehouse& wh, const FleetData& data, const std::vector<Assessed>& fleet,
                                 const Scope& scope);

}  // namespace luckyhub::machines
