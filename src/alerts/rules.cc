#include "alerts/rules.h"

#define TOML_HEADER_ONLY 0
#define TOML_SHARED_LIB 1
#include <toml++/toml.h>

#include <cstdio>

#include "core/error.h"

namespace luckyhub::alerts {
namespace {

struct KindInfo {
  RuleKind kind;
  const char* name;
};
constexpr KindInfo kKinds[] = {
    {RuleKind::kInstanceDown, "instance_down"}, {RuleKind::kAuthFailed, "auth_failed"},
    {RuleKind::kConnections, "connections"},
    {RuleKind::kRedisMemory, "redis_memory"},   {RuleKind::kSlowQueries, "slow_queries"},
    {RuleKind::kTableGrowth, "table_growth"},   {RuleKind::kAutoIncrement, "auto_increment"},
};

std::string percent(double ratio) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f%%", ratio * 100);
  return text;
}

// "90s", "5m", "1h", "0" -> seconds; -1 when malformed.
int64_t parse_duration(const std::string& text) {
  if (text.empty()) return -1;
  size_t used = 0;
  int64_t n = 0;
  try {
    n = std::stoll(text, &used);
  } catch (const std::exception&) {
    return -1;
  }
  if (n < 0) return -1;
  const std::string unit = text.substr(used);
  if (unit.empty() || unit == "s") return n;
  if (unit == "m") return n * 60;
  if (unit == "h") return n * 3600;
  if (unit == "d") return n * 86400;
  return -1;
}

[[noreturn]] void fail(const std::string& path, const toml::node& node, const std::string& reason) {
  throw Error(path + ":" + std::to_string(node.source().begin.line) + ": " + reason);
}

}  // namespace

const char* kind_name(RuleKind kind) {
  if (kind == RuleKind::kTool) return "tool";
  for (const KindInfo& k : kKinds) {
    if (k.kind == kind) return k.name;
  }
  return "?";
}

RuleSet RuleSet::defaults() {
  RuleSet s;
  s.rules = {
      {"InstanceDown", RuleKind::kInstanceDown, 0, 120, "critical"},
      {"AuthFailed", RuleKind::kAuthFailed, 0, 0, "critical"},
      {"ConnectionsNearMax", RuleKind::kConnections, 0.80, 120, "warning"},
      {"RedisMemoryHigh", RuleKind::kRedisMemory, 0.85, 120, "warning"},
      {"SlowQueries", RuleKind::kSlowQueries, 10, 0, "warning"},
      {"TableGrowthWeekOverWeek", RuleKind::kTableGrowth, 0.20, 0, "warning", 1 << 20},
      {"AutoIncrementNearLimit", RuleKind::kAutoIncrement, 0.80, 0, "critical"},
  };
  return s;
}

const Rule* RuleSet::find(const std::string& name) const {
  for (const Rule& r : rules) {
    if (r.name == name) return &r;
  }
  return nullptr;
}

RuleSet RuleSet::load(const std::string& path) {
  toml::table root;
  try {
    root = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    throw Error(path + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description()));
  }
  RuleSet set;
  for (const auto& [key, node] : root) {
    if (key.str() != "rule" && key.str() != "webhook") {
      fail(path, node, "unknown key '" + std::string(key.str()) + "' (only [[rule]] and [[webhook]])");
    }
  }
  if (const toml::array* hooks = root["webhook"].as_array()) {
    for (const toml::node& node : *hooks) {
      const toml::table* t = node.as_table();
      if (t == nullptr) fail(path, node, "webhook must be a table ([[webhook]])");
      for (const auto& [key, value] : *t) {
        if (key.str() != "url") fail(path, value, "unknown key '" + std::string(key.str()) + "' in [[webhook]]");
      }
      const auto url = (*t)["url"].value<std::string>();
      if (!url || url->rfind("http://", 0) != 0) fail(path, node, "webhook needs url = \"http://host:port/path\"");
      set.webhooks.push_back(*url);
    }
  }
  const toml::array* rules = root["rule"].as_array();
  if (rules == nullptr) {
    set.rules = defaults().rules;  // a file with only webhooks keeps the default rules
    return set;
  }
  for (const toml::node& node : *rules) {
    const toml::table* t = node.as_table();
    if (t == nullptr) fail(path, node, "rule must be a table ([[rule]])");
    for (const auto& [key, value] : *t) {
      static const std::set<std::string> kKeys = {"name", "kind", "threshold", "for", "severity", "min_bytes"};
      if (!kKeys.count(std::string(key.str()))) {
        fail(path, value, "unknown key '" + std::string(key.str()) + "' in [[rule]]");
      }
    }
    Rule r;
    const auto name = (*t)["name"].value<std::string>();
    if (!name || name->empty()) fail(path, node, "rule has no name");
    r.name = *name;
    const std::string what = "rule " + r.name;
    const std::string kind = (*t)["kind"].value<std::string>().value_or("");
    bool known = false;
    for (const KindInfo& k : kKinds) {
      if (kind == k.name) r.kind = k.kind, known = true;
    }
    if (!known) {
      fail(path, node, what + ": kind '" + kind +
                           "' is not instance_down, auth_failed, connections, redis_memory, slow_queries, table_growth or "
                           "auto_increment");
    }
    const auto threshold = (*t)["threshold"].value<double>();
    if (r.kind != RuleKind::kInstanceDown && r.kind != RuleKind::kAuthFailed && !threshold) fail(path, node, what + " needs a threshold");
    r.threshold = threshold.value_or(0);
    if (r.threshold < 0) fail(path, node, what + ": threshold must not be negative");
    const std::string for_text = (*t)["for"].value<std::string>().value_or("0s");
    r.for_s = parse_duration(for_text);
    if (r.for_s < 0) fail(path, node, what + ": for = '" + for_text + "' is not a duration like \"90s\", \"5m\", \"1h\"");
    r.severity = (*t)["severity"].value<std::string>().value_or("warning");
    if (r.severity != "info" && r.severity != "warning" && r.severity != "critical") {
      fail(path, node, what + ": severity must be info, warning or critical");
    }
    r.min_bytes = (*t)["min_bytes"].value<double>().value_or(r.kind == RuleKind::kTableGrowth ? 1 << 20 : 0);
    if (set.find(r.name)) fail(path, node, "duplicate rule name '" + r.name + "'");
    set.rules.push_back(r);
  }
  return set;
}

double InstanceSnapshot::value(const std::string& metric, const std::string& object, double missing) const {
  const auto it = values.find({metric, object});
  return it == values.end() ? missing : it->second;
}

Evaluation evaluate(const RuleSet& rules, const std::vector<InstanceSnapshot>& snapshots) {
  Evaluation out;
  for (const InstanceSnapshot& s : snapshots) {
    for (const Rule& rule : rules.rules) {
      auto fire = [&](const std::string& object, double value, const std::string& summary) {
        out.active.push_back({rule.name, s.instance, object, value, rule.threshold, summary});
      };
      if (rule.kind == RuleKind::kTool) continue;  // not judged on scrapes
      if (rule.kind == RuleKind::kInstanceDown) {
        out.evaluated.insert({rule.name, s.instance});
        if (!s.up && !s.auth_failed) fire("", 1, s.instance + " is down: " + s.error);
        continue;
      }
      if (rule.kind == RuleKind::kAuthFailed) {
        out.evaluated.insert({rule.name, s.instance});
        if (!s.up && s.auth_failed) fire("", 1, s.instance + " refused the login: " + s.error);
        continue;
      }
      if (!s.up || (rule.per_table() && !s.tables_read)) continue;
      out.evaluated.insert({rule.name, s.instance});
      switch (rule.kind) {
        case RuleKind::kConnections: {
          const double used = s.value("connections", "", -1), max = s.value("max_connections", "", 0);
          if (used >= 0 && max > 0 && used / max > rule.threshold) {
            fire("", used / max, s.instance + ": " + std::to_string(static_cast<int64_t>(used)) + " of " +
                                     std::to_string(static_cast<int64_t>(max)) + " connections (" +
                                     percent(used / max) + ")");
          }
          break;
        }
        case RuleKind::kRedisMemory: {
          const double used = s.value("used_memory_bytes"), max = s.value("maxmemory_bytes", "", 0);
          if (s.kind == InstanceKind::kRedis && max > 0 && used / max > rule.threshold) {
            fire("", used / max, s.instance + ": memory at " + percent(used / max) + " of maxmemory");
          }
          break;
        }
        case RuleKind::kSlowQueries: {
          const double slow = s.value("slow_queries");
          if (slow > rule.threshold) {
            fire("", slow, s.instance + ": " + std::to_string(static_cast<int64_t>(slow)) + " slow queries in the last interval");
          }
          break;
        }
        case RuleKind::kTableGrowth:
          for (const auto& [table, before] : s.table_bytes_week_ago) {
            const double now = s.value("table_bytes", table, -1);
            if (now < 0 || before < rule.min_bytes || before <= 0) continue;
            const double growth = now / before - 1;
            if (growth > rule.threshold) {
              fire(table, growth, s.instance + ": " + table + " grew " + percent(growth) + " in 7 days");
            }
          }
          break;
        case RuleKind::kAutoIncrement:
          for (const auto& [key, ratio] : s.values) {
            if (key.first == "auto_increment_used_ratio" && ratio > rule.threshold) {
              fire(key.second, ratio, s.instance + ": " + key.second + " AUTO_INCREMENT used " + percent(ratio) +
                                          " of its column type's range");
            }
          }
          break;
        case RuleKind::kInstanceDown:
        case RuleKind::kAuthFailed:
        case RuleKind::kTool: break;
      }
    }
  }
  return out;
}

}  // namespace luckyhub::alerts
