// `luckyhub inventory-thresholds FILE.csv --warehouse W`: enters a days-of-
// supply threshold per goods for the inventory tool's reorder alerts
// (tools/inventory/inventory_thresholds.h has the format). A bad row refuses
// the whole file with FILE:LINE: reason, and nothing is written.
#include "cli/commands.h"
#include "cli/entry_command.h"
#include "tools/inventory/inventory_thresholds.h"

namespace luckyhub::cli {

void add_inventory_thresholds(CLI::App& app) {
  add_entry_command(app, "inventory-thresholds",
                    "Enter days-of-supply thresholds per goods (CSV: goods_id,days_of_supply)",
                    "CSV file: goods_id,days_of_supply (a t_mdm_goods id; days 0-365, 0 = the default)",
                    [](Warehouse& warehouse, const std::string& text, const std::string& file) {
                      const std::vector<inventory::ThresholdRow> rows = inventory::parse_thresholds(warehouse, text, file);
                      inventory::save_thresholds(warehouse, rows);
                      return std::to_string(rows.size()) + " goods";
                    });
}

}  // namespace luckyhub::cli
