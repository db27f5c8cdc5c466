// One colour for a health condition, in every tool and in the log: an alert
// rule's severity decides it. critical is red, warning yellow, info none. A
// value read against a rule takes the rule's colour past its threshold and is
// green below it; a value not measured (negative) has no colour. fleet-health,
// redis-console and the collector's events all go through here, so the same
// condition is never yellow in one place and red in another.
#pragma once

#include <string_view>

#include "alerts/rules.h"
#include "report/report.h"

namespace luckyhub::health {

Status severity_status(std::string_view severity);

// The colour of `value` against `rule` (its threshold and severity).
Status measured_status(const alerts::Rule& rule, double value);

// The first rule of `kind` in `rules`, or nullptr.
const alerts::Rule* rule_of_kind(const alerts::RuleSet& rules, alerts::RuleKind kind);

// 0 none or green, 1 yellow, 2 red: the order of badness.
int status_level(Status s);
Status worse(Status a, Status b);
// "RED", "YELLOW" or "GREEN" (none reads as green: nothing is wrong).
const char* status_word(Status s);

}  // namespace luckyhub::health
