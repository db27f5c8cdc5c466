#include "alerts/labels.h"

#include <cstdio>

#include "alerts/tool_alerts.h"
#include "tools/registry.h"

namespace luckyhub::alerts {
namespace {

// "Shop 12" or "12" -> "12".
std::string store_id(const std::string& instance) {
  const std::string prefix = "Shop ";
  return instance.rfind(prefix, 0) == 0 ? instance.substr(prefix.size()) : instance;
}

}  // namespace

Labels alert_labels(const AlertRecord& a) {
  Labels labels = {{"alertname", a.key.rule}, {"severity", a.severity}, {"instance", a.key.instance},
                   {"service", "luckyhub"}, {"tool", "fleet-health"}};
  if (!a.key.object.empty()) labels["object"] = a.key.object;
  const ToolAlertRule* rule = nullptr;
  for (const ToolAlertSource& s : ToolAlertRegistry::instance().sources())
    for (const ToolAlertRule& r : s.rules)
      if (r.name == a.key.rule) rule = &r, labels["tool"] = s.tool;
  if (rule != nullptr && rule->about_store) labels["store"] = store_id(a.key.instance);
  const Tool* tool = ToolRegistry::instance().find(labels["tool"]);
  labels["department"] = tool ? tool->department : "it";
  return labels;
}

std::string fingerprint(const AlertKey& key) {
  uint64_t h = 1469598103934665603ull;
  for (const std::string* part : {&key.rule, &key.instance, &key.object}) {
    for (const char c : *part) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    h = (h ^ 0xff) * 1099511628211ull;
  }
  char text[20];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(h));
  return text;
}

}  // namespace luckyhub::alerts
