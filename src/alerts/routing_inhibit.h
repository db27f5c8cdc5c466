// Inhibition, as Alertmanager's: while an alert matching a rule's source
// matchers fires, the alerts matching its target matchers whose `equal`
// labels have the same values as the source's are not notified (an instance
// down silences that instance's other alerts). An alert never inhibits itself.
#pragma once

#include <string>
#include <vector>

#include "alerts/routing_matcher.h"

namespace luckyhub::alerts {

struct InhibitRule {
  std::vector<Matcher> source, target;
  std::vector<std::string> equal;
};

struct FiringAlert {
  std::string fingerprint;
  Labels labels;
};

// Whether the alert (its fingerprint and labels) is inhibited by one of `firing`.
bool inhibited(const std::string& fingerprint, const Labels& labels, const std::vector<InhibitRule>& rules,
               const std::vector<FiringAlert>& firing);

}  // namespace luckyhub::alerts
