// `luckyhub channels-spend FILE.csv --warehouse W`: enters marketing spend per
// acquisition channel and month for the channels tool's CAC
// (tools/channels/channels_spend.h has the format). A bad row refuses the
// whole file with FILE:LINE: reason, and nothing is written.
#include "cli/commands.h"
#include "cli/entry_command.h"
#include "tools/channels/channels_spend.h"

namespace luckyhub::cli {

void add_channels_spend(CLI::App& app) {
  add_entry_command(app, "channels-spend",
                    "Enter marketing spend per acquisition channel and month (CSV: channel,month,spend)",
                    "CSV file: channel,month,spend (ios|android|delivery|other, YYYY-MM, dollars)",
                    [](Warehouse& warehouse, const std::string& text, const std::string& file) {
                      const std::vector<channels::SpendRow> rows = channels::parse_spend(text, file);
                      channels::save_spend(warehouse, rows);
                      return std::to_string(rows.size()) + " channel-months";
                    });
}

}  // namespace luckyhub::cli
