// The panels of the stores report: the grid's (stores_panels.cc,
// stores_trend_panels.cc) and one store's page (stores_store.cc), each from
// the analysis' structs.
#pragma once

#include "report/cells.h"
#include "report/report.h"
#include "tools/stores/stores.h"

namespace luckyhub::stores {

// The drill-down link of a store: its page.
inline std::string store_link() { return "/tools/stores?store={store_id}"; }
// A store's label: "US0003 Herald Square".
std::string label_of(const Store& s);
// A KPI's value as the grid shows it: the index for orders and revenue, the
// figure for the others (production seconds, uptime share, items, compliance share).
Cell kpi_cell(const Kpis& k, size_t kpi);

// The missed days the analysis finds, kept when the store made no production
// ticket that day either.
std::vector<MissedDay> confirmed_missed_days(Warehouse& wh, const StoreData& data, const Scope& scope);

Panel summary_panel(const std::vector<Kpis>& kpis, const Scope& scope);
Panel alerts_panel(const std::vector<alerts::Signal>& signals);
Panel grid_panel(const std::vector<Kpis>& kpis);
Panel kpi_table_panel(const std::vector<Kpis>& kpis, const Scope& scope);
Panel leaderboard_panel(const std::vector<Rank>& ranks);
// The stores against all stores and against their location peers
// (stores_location.cc): a table with both indexes' lights, and bars with the
// red bound.
Panel location_panel(const std::vector<Kpis>& kpis, const Scope& scope);
Panel location_chart(const std::vector<Kpis>& kpis, const Scope& scope);
Panel trajectory_panel(const std::vector<Trajectory>& trajectories, const Scope& scope);
Panel cannibalisation_panel(const std::vector<Cannibalisation>& rows, const Scope& scope);
Panel missed_days_panel(const StoreData& data, const std::vector<MissedDay>& days);

// The store page: its tiles, hourly orders, production queue depth, machine
// status, stock-out list, trajectory. Throws Error when the store is not one
// of the grid's.
std::vector<Panel> store_panels(Warehouse& wh, const StoreData& data, const std::vector<Kpis>& kpis,
                                const Scope& scope);

}  // namespace luckyhub::stores
