// A command that enters a CSV file into a warehouse's entered tables
// (channels' marketing spend, inventory's thresholds): FILE and --warehouse,
// the file read whole ("FILE: cannot be read"), `enter` parsing and saving it
// and returning what it entered ("12 channel-months"), printed as
// "NAME: WHAT entered into LOCATION".
#pragma once

#include <functional>
#include <string>

#include <CLI/CLI.hpp>

#include "warehouse/warehouse.h"

namespace luckyhub::cli {

using EnterFile = std::function<std::string(Warehouse& warehouse, const std::string& text, const std::string& file)>;
void add_entry_command(CLI::App& app, const std::string& name, const std::string& description,
                       const std::string& file_help, EnterFile enter);

}  // namespace luckyhub::cli
