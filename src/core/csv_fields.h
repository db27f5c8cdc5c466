// One line of a plain CSV file (no quoted commas): its fields, each trimmed of
// blanks, a carriage return and surrounding double quotes. The plain-file
// inputs of luckyhub (model series, marketing spend) share it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace luckyhub {

std::string trim_csv_field(std::string_view field);
std::vector<std::string> split_csv_fields(std::string_view line);

}  // namespace luckyhub
