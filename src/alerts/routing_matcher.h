// A label matcher, as Alertmanager's: `name=value`, `name!=value`, `name=~regex`,
// `name!~regex` (the regex anchored: it must match the whole value). A label
// an alert does not have matches as "". Routes, inhibition rules and
// silences select alerts with lists of them (all must match).
#pragma once

#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "alerts/labels.h"

namespace luckyhub::alerts {

enum class MatchOp { kEqual, kNotEqual, kRegex, kNotRegex };

struct Matcher {
  std::string name;
  MatchOp op = MatchOp::kEqual;
  std::string value;
  std::shared_ptr<const std::regex> regex;  // kRegex, kNotRegex

  bool matches(const Labels& labels) const;
  std::string str() const;  // "severity=~\"warning|critical\""
};

// Throws Error on an empty or invalid label name or a regex that does not compile.
Matcher make_matcher(const std::string& name, MatchOp op, const std::string& value);
// "name=value", "name!=value", "name=~regex", "name!~regex" (the value may be
// double-quoted). Throws Error naming what is wrong.
Matcher parse_matcher(const std::string& text);

bool matches_all(const std::vector<Matcher>& matchers, const Labels& labels);

}  // namespace luckyhub::alerts
