#include "cli/entry_command.h"

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/commands.h"
#include "core/error.h"

namespace luckyhub::cli {

void add_entry_command(CLI::App& app, const std::string& name, const std::string& description,
                       const std::string& file_help, EnterFile enter) {
  auto* cmd = app.add_subcommand(name, description);
  struct Options {
    std::string file, warehouse;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("file", o->file, file_help)->required();
  cmd->add_option("--warehouse", o->warehouse, "Warehouse: a SQLite file or a clickhouse:// location")->required();
  cmd->callback([o, name, enter] {
    std::ifstream in(o->file, std::ios::binary);
    if (!in) throw Error(o->file + ": cannot be read");
    std::ostringstream text;
    text << in.rdbuf();
    auto warehouse = open_warehouse(o->warehouse);
    const std::string entered = enter(*warehouse, text.str(), o->file);
    std::cout << name << ": " << entered << " entered into " << warehouse->location() << "\n";
  });
}

}  // namespace luckyhub::cli
