#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "core/error.h"
#include "calibration/calibration.h"

namespace luckyhub::cli {

void add_calibration(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "calibration",
      "Check a simulated warehouse against every calibration figure of docs/simulator/calibration.md (scaled to its "
      "--scale); exit 1 when one is off");
  auto warehouse_path = std::make_shared<std::string>();
  cmd->add_option("--warehouse", *warehouse_path, "Warehouse made by 'simulate' (SQLite file or clickhouse:// location)")->required();
  cmd->callback([warehouse_path] {
    auto warehouse = open_warehouse(*warehouse_path);
    int off = 0;
    std::printf("%-46s %18s %16s %16s  %s\n", "figure", "calibration.md", "expected", "measured", "");
    for (const calibration::FigureCheck& c : calibration::check_calibration(*warehouse)) {
      const char* verdict = !c.checked ? "(not at this scale)" : c.ok ? "ok" : "OFF";
      if (c.checked && !c.ok) ++off;
      std::printf("%-46s %18s %16.6g %16.6g  %s\n", c.name.c_str(), c.expected_text.c_str(),
                  c.expected, c.measured, verdict);
    }
    std::fflush(stdout);  // the table before the error line
    if (off > 0) throw Error(std::to_string(off) + " calibration figures are off");
  });
}

}  // namespace luckyhub::cli
