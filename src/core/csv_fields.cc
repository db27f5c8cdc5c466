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

void read_entered_csv(std::string_view text, const std::string& name, const std::vector<std::string>& header,
                      const std::function<void(const std::vector<std::string>& fields, const std::string& where)>& row) {
  std::string names;
  for (const std::string& h : header) names += (names.empty() ? "" : ",") + h;
  bool seen_header = false, any_row = false;
  size_t from = 0;
  for (int line_no = 1; from <= text.size(); ++line_no) {
    size_t end = text.find('\n', from);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(from, end - from);
    from = end + 1;
    if (trim_csv_field(line).empty()) {
      if (end == text.size()) break;
      continue;
    }
    const std::string where = name + ":" + std::to_string(line_no) + ": ";
    const std::vector<std::string> fields = split_csv_fields(line);
    if (!seen_header) {
      if (fields != header) throw Error(where + "the header must be " + names);
      seen_header = true;
      continue;
    }
    if (fields.size() != header.size()) {
      throw Error(where + "want " + std::to_string(header.size()) + " fields (" + names + "), got " +
                  std::to_string(fields.size()));
    }
    row(fields, where);
    any_row = true;
  }
  if (!seen_header) throw Error(name + ": empty, want the header " + names);
  if (!any_row) throw Error(name + ": no rows after the header");
}

}  // namespace luckyhub
