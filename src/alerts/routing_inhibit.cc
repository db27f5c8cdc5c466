#include "alerts/routing_inhibit.h"

namespace luckyhub::alerts {
namespace {

std::string value_of(const Labels& labels, const std::string& name) {
  const auto it = labels.find(name);
  return it == labels.end() ? "" : it->second;
}

}  // namespace

bool inhibited(const std::string& fingerprint, const Labels& labels, const std::vector<InhibitRule>& rules,
               const std::vector<FiringAlert>& firing) {
  for (const InhibitRule& rule : rules) {
    if (!matches_all(rule.target, labels)) continue;
    for (const FiringAlert& source : firing) {
      if (source.fingerprint == fingerprint || !matches_all(rule.source, source.labels)) continue;
      bool same = true;
      for (const std::string& name : rule.equal) same = same && value_of(source.labels, name) == value_of(labels, name);
      if (same) return true;
    }
  }
  return false;
}

}  // namespace luckyhub::alerts
