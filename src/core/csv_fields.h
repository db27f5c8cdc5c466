// One line of a plain CSV file (no quoted commas): its fields, each trimmed of
// blanks, a carriage return and surrounding double quotes. The plain-file
// inputs of luckyhub (model series and transactions, marketing spend,
// interactions, whose tab-separated form splits on '\t') share it.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace luckyhub {

std::string trim_csv_field(std::string_view field);
std::vector<std::string> split_csv_fields(std::string_view line, char delimiter = ',');
// The index of the column `name` in a file's header; throws Error
// "PATH:1: no column 'NAME' in the header (a, b, c)" when there is none.
int csv_column(const std::string& path, const std::vector<std::string>& header, const std::string& name);

// An entered file (marketing spend, days-of-supply thresholds): its first
// non-blank line must be exactly `header`, then each non-blank line is a row
// of as many fields, given to `row` with "NAME:LINE: " to start its errors.
// Throws Error "NAME:LINE: the header must be a,b", "NAME:LINE: want 2
// fields (a,b), got 3", "NAME: empty, want the header a,b" and "NAME: no
// rows after the header".
void read_entered_csv(std::string_view text, const std::string& name, const std::vector<std::string>& header,
                      const std::function<void(const std::vector<std::string>& fields, const std::string& where)>& row);

}  // namespace luckyhub
