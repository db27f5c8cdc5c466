#include "health/severity.h"

namespace luckyhub::health {

Status severity_status(std::string_view severity) {
  return severity == "critical" ? Status::kRed : severity == "warning" ? Status::kYellow : Status::kNone;
}

Status measured_status(const alerts::Rule& rule, double value) {
  if (value < 0) return Status::kNone;
  if (value <= rule.threshold) return Status::kGreen;
  const Status s = severity_status(rule.severity);
  return s == Status::kNone ? Status::kGreen : s;
}

const alerts::Rule* rule_of_kind(const alerts::RuleSet& rules, alerts::RuleKind kind) {
  for (const alerts::Rule& r : rules.rules) {
    if (r.kind == kind) return &r;
  }
  return nullptr;
}

int status_level(Status s) { return s == Status::kRed ? 2 : s == Status::kYellow ? 1 : 0; }

Status worse(Status a, Status b) { return status_level(b) > status_level(a) ? b : a; }

const char* status_word(Status s) { return s == Status::kRed ? "RED" : s == Status::kYellow ? "YELLOW" : "GREEN"; }

}  // namespace luckyhub::health
