#include "cli/series_file.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <set>

#include "core/calendar.h"
#include "core/csv_fields.h"
#include "core/error.h"

namespace luckyhub::cli {
namespace {

struct Columns {
  int series = -1, key = -1, value = -1;
  bool dated = false;
  size_t count = 0;
};

Columns header_columns(const std::string& path, const std::string& line) {
  Columns c;
  const std::vector<std::string> names = split_csv_fields(line);
  c.count = names.size();
  for (size_t i = 0; i < names.size(); ++i) {
    std::string name = names[i];
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char ch) { return std::tolower(ch); });
    const int at = static_cast<int>(i);
    if (name == "series") c.series = at;
    if (name == "value") c.value = at;
    if (name == "date" || name == "t") {
      if (c.key >= 0) throw Error(path + ":1: both date and t columns; give one");
      c.key = at;
      c.dated = name == "date";
    }
  }
  if (c.value < 0 || c.key < 0)
    throw Error(path + ":1: the header needs a value column and a date or t column (got '" + trim_csv_field(line) + "')");
  return c;
}

double parse_value(const std::string& text) {
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v))
    throw Error("value '" + text + "' is not a number");
  return v;
}

int64_t parse_key(const std::string& text, bool dated) {
  if (dated) return Date::parse(text).days;
  int64_t t = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), t);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size())
    throw Error("t '" + text + "' is not an integer");
  return t;
}

}  // namespace

SeriesFile read_series_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw Error(path + ": cannot open");
  SeriesFile file{.path = path};
  std::string line;
  if (!std::getline(in, line) || trim_csv_field(line).empty()) throw Error(path + ": empty, want a header line");
  const Columns c = header_columns(path, line);
  file.dated = c.dated;
  std::set<std::pair<std::string, int64_t>> seen;
  for (int number = 2; std::getline(in, line); ++number) {
    if (trim_csv_field(line).empty()) continue;
    const std::vector<std::string> fields = split_csv_fields(line);
    const std::string where = path + ":" + std::to_string(number) + ": ";
    if (fields.size() != c.count)
      throw Error(where + std::to_string(fields.size()) + " fields where the header has " + std::to_string(c.count));
    SeriesPoint p{.line = number};
    try {
      p.t = parse_key(fields[c.key], c.dated);
      p.value = parse_value(fields[c.value]);
    } catch (const Error& e) {
      throw Error(where + e.what());
    }
    const std::string name = c.series >= 0 ? fields[c.series] : "";
    if (!seen.insert({name, p.t}).second)
      throw Error(where + (c.dated ? "date " : "t ") + fields[c.key] + (name.empty() ? "" : " of series " + name) +
                  " given twice");
    file.series[name].push_back(p);
  }
  for (auto& [name, points] : file.series)
    std::sort(points.begin(), points.end(), [](const SeriesPoint& a, const SeriesPoint& b) { return a.t < b.t; });
  return file;
}

}  // namespace luckyhub::cli
