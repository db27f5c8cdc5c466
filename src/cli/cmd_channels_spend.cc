// `luckyhub channels-spend FILE.csv --warehouse W`: enters marketing spend per
// acquisition channel and month for the channels tool's CAC
// (tools/channels/channels_spend.h has the format). A bad row refuses the
// whole file with FILE:LINE: reason, and nothing is written.
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/commands.h"
#include "core/error.h"
#include "tools/channels/channels_spend.h"
#include "warehouse/warehouse.h"

namespace luckyhub::cli {

void add_channels_spend(CLI::App& app) {
  auto* cmd = app.add_subcommand("channels-spend",
                                 "Enter marketing spend per acquisition channel and month (CSV: channel,month,spend)");
  struct Options {
    std::string file, warehouse;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("file", o->file, "CSV file: channel,month,spend (ios|android|delivery|other, YYYY-MM, dollars)")
      ->required();
  cmd->add_option("--warehouse", o->warehouse, "Warehouse: a SQLite file or a clickhouse:// location")->required();
  cmd->callback([o] {
    std::ifstream in(o->file, std::ios::binary);
    if (!in) throw Error(o->file + ": cannot be read");
    std::ostringstream text;
    text << in.rdbuf();
    const std::vector<channels::SpendRow> rows = channels::parse_spend(text.str(), o->file);
    auto warehouse = open_warehouse(o->warehouse);
    channels::save_spend(*warehouse, rows);
    std::cout << "channels-spend: " << rows.size() << " channel-months entered into " << warehouse->location() << "\n";
  });
}

}  // namespace luckyhub::cli
