#include "alerts/tool_alerts.h"

#include <set>

#include "core/error.h"

namespace luckyhub::alerts {

ToolAlertRegistry& ToolAlertRegistry::instance() {
  static ToolAlertRegistry registry;
  return registry;
}

void ToolAlertRegistry::add(ToolAlertSource source) {
  for (const ToolAlertRule& rule : source.rules)
    for (const ToolAlertSource& s : sources_)
      for (const ToolAlertRule& r : s.rules)
        if (r.name == rule.name) throw Error("alert rule " + rule.name + " registered by " + s.tool + " and " + source.tool);
  sources_.push_back(std::move(source));
}

RuleSet ToolAlertRegistry::rules() const {
  RuleSet set;
  for (const ToolAlertSource& s : sources_)
    for (const ToolAlertRule& r : s.rules)
      set.rules.push_back({.name = r.name, .kind = RuleKind::kTool, .for_s = r.for_s, .severity = r.severity});
  return set;
}

ToolAlertRun run_tool_alerts(Warehouse& warehouse, AlertTracker& tracker, int64_t now) {
  ToolAlertRun run;
  Evaluation evaluation;
  std::set<std::string> judged;  // rules of the sources that evaluated
  for (const ToolAlertSource& source : ToolAlertRegistry::instance().sources()) {
    std::vector<Signal> signals;
    try {
      signals = source.signals(warehouse);
    } catch (const std::exception& e) {
      run.errors.push_back(source.tool + ": " + e.what());
      continue;
    }
    for (const ToolAlertRule& r : source.rules) judged.insert(r.name);
    for (Signal& s : signals) {
      evaluation.evaluated.insert({s.rule, s.instance});
      evaluation.active.push_back(std::move(s));
    }
  }
  for (const auto& [key, alert] : tracker.alerts())
    if (judged.count(key.rule)) evaluation.evaluated.insert({key.rule, key.instance});
  run.active = evaluation.active.size();
  run.transitions = tracker.update(now, evaluation);
  return run;
}

}  // namespace luckyhub::alerts
