#include "alerts/routing_matcher.h"

#include <cctype>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace luckyhub::alerts {
namespace {

bool valid_name(const std::string& name) {
  if (name.empty() || name.size() > 100 || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
  for (const char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  return true;
}

const char* op_text(MatchOp op) {
  switch (op) {
    case MatchOp::kEqual: return "=";
    case MatchOp::kNotEqual: return "!=";
    case MatchOp::kRegex: return "=~";
    case MatchOp::kNotRegex: return "!~";
  }
  return "?";
}

}  // namespace

bool Matcher::matches(const Labels& labels) const {
  const auto it = labels.find(name);
  const std::string& v = it == labels.end() ? std::string() : it->second;
  switch (op) {
    case MatchOp::kEqual: return v == value;
    case MatchOp::kNotEqual: return v != value;
    case MatchOp::kRegex: return std::regex_match(v, *regex);
    case MatchOp::kNotRegex: return !std::regex_match(v, *regex);
  }
  return false;
}

std::string Matcher::str() const { return name + op_text(op) + nlohmann::json(value).dump(); }

Matcher make_matcher(const std::string& name, MatchOp op, const std::string& value) {
  if (!valid_name(name)) throw Error("matcher: '" + name + "' is not a label name (letters, digits, _)");
  if (value.size() > 1000) throw Error("matcher " + name + ": the value is over 1000 characters");
  Matcher m{name, op, value, nullptr};
  if (op == MatchOp::kRegex || op == MatchOp::kNotRegex) {
    try {
      m.regex = std::make_shared<const std::regex>(value, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
      throw Error("matcher " + name + ": '" + value + "' is not a regular expression (" + e.what() + ")");
    }
  }
  return m;
}

Matcher parse_matcher(const std::string& text) {
  size_t pos = 0;
  while (pos < text.size() && (std::isalnum(static_cast<unsigned char>(text[pos])) || text[pos] == '_')) ++pos;
  const std::string name = text.substr(0, pos);
  const std::string rest = text.substr(pos);
  MatchOp op;
  size_t len = 2;
  if (rest.rfind("=~", 0) == 0) {
    op = MatchOp::kRegex;
  } else if (rest.rfind("!~", 0) == 0) {
    op = MatchOp::kNotRegex;
  } else if (rest.rfind("!=", 0) == 0) {
    op = MatchOp::kNotEqual;
  } else if (rest.rfind("=", 0) == 0) {
    op = MatchOp::kEqual, len = 1;
  } else {
    throw Error("matcher '" + text + "' is not name=value, name!=value, name=~regex or name!~regex");
  }
  std::string value = rest.substr(len);
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
    try {
      value = nlohmann::json::parse(value).get<std::string>();
    } catch (const nlohmann::json::exception&) {
      throw Error("matcher '" + text + "': the quoted value is not a valid string");
    }
  }
  return make_matcher(name, op, value);
}

bool matches_all(const std::vector<Matcher>& matchers, const Labels& labels) {
  for (const Matcher& m : matchers)
    if (!m.matches(labels)) return false;
  return true;
}

}  // namespace luckyhub::alerts
