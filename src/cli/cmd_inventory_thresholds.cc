// `luckyhub inventory-thresholds FILE.csv --warehouse W`: enters a days-of-
// supply threshold per goods for the inventory tool's reorder alerts
// (tools/inventory/inventory_thresholds.h has the format). A bad row refuses
// the whole file with FILE:LINE: reason, and nothing is written.
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "core/error.h"
#include "tools/inventory/inventory_thresholds.h"
#include "warehouse/warehouse.h"

namespace luckyhub::cli {

void add_inventory_thresholds(CLI::App& app) {
  auto* cmd = app.add_subcommand("inventory-thresholds",
                                 "Enter days-of-supply thresholds per goods (CSV: goods_id,days_of_supply)");
  struct Options {
    std::string file, warehouse;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("file", o->file, "CSV file: goods_id,days_of_supply (a t_mdm_goods id; days 0-365, 0 = the default)")
      ->required();
  cmd->add_option("--warehouse", o->warehouse, "Warehouse: a SQLite file or a clickhouse:// location")->required();
  cmd->callback([o] {
    std::ifstream in(o->file, std::ios::binary);
    if (!in) throw Error(o->file + ": cannot be read");
    std::ostringstream text;
    text << in.rdbuf();
    auto warehouse = open_warehouse(o->warehouse);
    const std::vector<inventory::ThresholdRow> rows = inventory::parse_thresholds(*warehouse, text.str(), o->file);
    inventory::save_thresholds(*warehouse, rows);
    std::cout << "inventory-thresholds: " << rows.size() << " goods entered into " << warehouse->location() << "\n";
  });
}

}  // namespace luckyhub::cli
