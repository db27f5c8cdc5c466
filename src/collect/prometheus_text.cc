#include "collect/prometheus_text.h"

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <limits>

#include "core/error.h"

namespace luckyhub::collect {
namespace {

bool name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == ':'; }
bool name_char(char c) { return name_start(c) || std::isdigit(static_cast<unsigned char>(c)); }

double parse_value(std::string_view v, size_t line) {
  if (v == "NaN" || v == "nan") return std::numeric_limits<double>::quiet_NaN();
  if (v == "+Inf" || v == "Inf" || v == "+inf" || v == "inf") return std::numeric_limits<double>::infinity();
  if (v == "-Inf" || v == "-inf") return -std::numeric_limits<double>::infinity();
  const std::string text(v);
  char* end = nullptr;
  errno = 0;
  const double x = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size()) {
    throw Error("line " + std::to_string(line) + ": '" + text + "' is not a sample value");
  }
  return x;
}

PromSample parse_sample(std::string_view l, size_t line) {
  const auto fail = [&](const std::string& why) -> Error { return Error("line " + std::to_string(line) + ": " + why); };
  PromSample s;
  size_t i = 0;
  if (i >= l.size() || !name_start(l[i])) throw fail("no metric name");
  while (i < l.size() && name_char(l[i])) ++i;
  s.name = std::string(l.substr(0, i));
  auto skip_blanks = [&] {
    while (i < l.size() && (l[i] == ' ' || l[i] == '\t')) ++i;
  };
  skip_blanks();
  if (i < l.size() && l[i] == '{') {
    ++i;
    for (;;) {
      skip_blanks();
      if (i < l.size() && l[i] == '}') {
        ++i;
        break;
      }
      const size_t start = i;
      if (i >= l.size() || !name_start(l[i])) throw fail("bad label name in " + s.name);
      while (i < l.size() && name_char(l[i])) ++i;
      const std::string label(l.substr(start, i - start));
      skip_blanks();
      if (i >= l.size() || l[i] != '=') throw fail("no '=' after label " + label);
      ++i;
      skip_blanks();
      if (i >= l.size() || l[i] != '"') throw fail("label " + label + " has no quoted value");
      ++i;
      std::string value;
      for (;; ++i) {
        if (i >= l.size()) throw fail("unterminated value of label " + label);
        if (l[i] == '"') break;
        if (l[i] == '\\' && i + 1 < l.size()) {
          ++i;
          value += l[i] == 'n' ? '\n' : l[i];  // \\ and \" as themselves
        } else {
          value += l[i];
        }
      }
      ++i;  // the closing quote
      s.labels[label] = std::move(value);
      skip_blanks();
      if (i < l.size() && l[i] == ',') {
        ++i;
      } else if (i >= l.size() || l[i] != '}') {
        throw fail("expected ',' or '}' after label " + label);
      }
    }
    skip_blanks();
  }
  const size_t start = i;
  while (i < l.size() && l[i] != ' ' && l[i] != '\t') ++i;
  if (start == i) throw fail(s.name + " has no value");
  s.value = parse_value(l.substr(start, i - start), line);
  // An optional timestamp (ms since the epoch) follows; it is not needed.
  return s;
}

}  // namespace

std::vector<PromSample> parse_prometheus_text(std::string_view text) {
  std::vector<PromSample> out;
  size_t pos = 0, line = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view l = text.substr(pos, end - pos);
    pos = end + 1;
    ++line;
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    while (!l.empty() && (l.front() == ' ' || l.front() == '\t')) l.remove_prefix(1);
    while (!l.empty() && (l.back() == ' ' || l.back() == '\t')) l.remove_suffix(1);
    if (l.empty() || l.front() == '#') continue;
    out.push_back(parse_sample(l, line));
  }
  return out;
}

}  // namespace luckyhub::collect
