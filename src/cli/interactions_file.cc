#include "cli/interactions_file.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>

#include "core/calendar.h"
#include "core/csv_fields.h"
#include "core/error.h"

namespace luckyhub::cli {
namespace {

double parse_weight(const std::string& text) {
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v) || v <= 0)
    throw Error("weight '" + text + "' is not a positive number");
  return v;
}

int64_t parse_time(const std::string& text) {
  int64_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (!text.empty() && ec == std::errc() && end == text.data() + text.size()) return v;
  if (text.size() >= 10) {
    try {
      return Date::parse(std::string_view(text).substr(0, 10)).days;
    } catch (const Error&) {
    }
  }
  throw Error("timestamp '" + text + "' is neither an integer nor a date YYYY-MM-DD");
}

}  // namespace

InteractionsFile read_interactions(const std::string& path, Catalogue& catalogue) {
  std::ifstream in(path);
  if (!in) throw Error(path + ": cannot open");
  std::string line;
  if (!std::getline(in, line) || trim_csv_field(line).empty()) throw Error(path + ": empty, want a header line");
  const char delimiter = line.find('\t') != std::string::npos ? '\t' : ',';
  const std::vector<std::string> header = split_csv_fields(line, delimiter);
  const int user = csv_column(path, header, "user");
  const int item = csv_column(path, header, "item");
  const auto optional = [&](const char* name) {
    return std::find(header.begin(), header.end(), name) == header.end() ? -1 : csv_column(path, header, name);
  };
  const int weight = optional("weight"), time = optional("timestamp");
  const size_t needed = static_cast<size_t>(std::max({user, item, weight, time})) + 1;
  InteractionsFile out{.has_time = time >= 0};
  for (int number = 2; std::getline(in, line); ++number) {
    if (trim_csv_field(line).empty()) continue;
    const std::vector<std::string> fields = split_csv_fields(line, delimiter);
    const std::string where = path + ":" + std::to_string(number) + ": ";
    if (fields.size() < needed)
      throw Error(where + std::to_string(fields.size()) + " fields, the named columns need " + std::to_string(needed));
    if (fields[user].empty()) throw Error(where + "empty user");
    if (fields[item].empty()) throw Error(where + "empty item");
    recommend::Event e{.user = catalogue.user(fields[user]), .item = catalogue.item(fields[item])};
    try {
      if (weight >= 0) e.weight = parse_weight(fields[weight]);
      if (time >= 0) e.time = parse_time(fields[time]);
    } catch (const Error& err) {
      throw Error(where + err.what());
    }
    out.events.push_back(e);
  }
  if (out.events.empty()) throw Error(path + ": no interactions after the header");
  return out;
}

}  // namespace luckyhub::cli
