#include "core/csv_fields.h"

#include <algorithm>

#include "core/error.h"

namespace luckyhub {

std::string trim_csv_field(std::string_view s) {
  const char* blank = " \t\r\"";
  const size_t from = s.find_first_not_of(blank);
  if (from == std::string_view::npos) return "";
  return std::string(s.substr(from, s.find_last_not_of(blank) - from + 1));
}

std::vector<std::string> split_csv_fields(std::string_view line, char delimiter) {
  std::vector<std::string> fields;
  size_t from = 0;
  for (size_t comma; (comma = line.find(delimiter, from)) != std::string_view::npos; from = comma + 1)
    fields.push_back(trim_csv_field(line.substr(from, comma - from)));
  fields.push_back(trim_csv_field(line.substr(from)));
  return fields;
}

int csv_column(const std::string& path, const std::vector<std::string>& header, const std::string& name) {
  const auto it = std::find(header.begin(), header.end(), name);
  if (it == header.end()) {
    std::string names;
    for (const std::string& h : header) names += (names.empty() ? "" : ", ") + h;
    throw Error(path + ":1: no column '" + name + "' in the header (" + names + ")");
  }
  return static_cast<int>(it - header.begin());
}

}  // namespace luckyhub
