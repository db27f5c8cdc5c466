#include "health/prometheus.h"

#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "health/history.h"

namespace luckyhub::health {
namespace {

std::string number(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  char text[40];
  std::snprintf(text, sizeof text, "%.17g", v);
  return text;
}

bool is_counter(const std::string& metric) {
  return metric.size() > 6 && metric.compare(metric.size() - 6, 6, "_total") == 0;
}

// A metric name safe for the format ([a-zA-Z_:][a-zA-Z0-9_:]*).
std::string metric_name(const std::string& metric) {
  std::string out = "luckyhub_";
  for (const char c : metric) out += std::isalnum(static_cast<unsigned char>(c)) || c == '_' ? c : '_';
  return out;
}

}  // namespace

std::string escape_label(const std::string& value) {
  std::string out;
  for (const char c : value) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

std::string prometheus_metrics(Warehouse& wh) {
  if (!has_history(wh)) return "# luckyhub: no health history in this warehouse (run luckyhub collect)\n";
  std::map<std::string, std::string> kinds;
  std::string out;
  const std::vector<TargetInfo> targets = load_targets(wh);
  std::set<std::string> down;  // not up: only their up 0 is exported (Prometheus' staleness convention)
  for (const TargetInfo& t : targets) {
    kinds[t.instance] = kind_name(t.kind);
    if (!t.up) down.insert(t.instance);
  }
  auto labels = [&](const std::string& instance, const std::string& object) {
    std::string l = "{instance=\"" + escape_label(instance) + "\",kind=\"" + kinds[instance] + "\"";
    if (!object.empty()) l += ",object=\"" + escape_label(object) + "\"";
    return l + "}";
  };
  // Grouped by metric name, as the format wants one block per metric.
  const ResultSet r = wh.query("SELECT metric, instance, object, value FROM health__latest ORDER BY metric, instance, object");
  std::string current;
  for (const Row row : r) {
    const std::string metric = row.text("metric"), instance = row.text("instance");
    if (!kinds.count(instance) || (down.count(instance) && metric != "up")) continue;
    const std::string name = metric_name(metric);
    if (metric != current) {
      current = metric;
      out += "# HELP " + name + " " + metric + " of each monitored instance, as luckyhub collect last read it\n";
      out += "# TYPE " + name + (is_counter(metric) ? " counter\n" : " gauge\n");
    }
    out += name + labels(instance, row.text("object")) + " " + number(row.number("value")) + "\n";
  }
  out += "# HELP luckyhub_last_scrape_timestamp_seconds When each instance was last scraped\n"
         "# TYPE luckyhub_last_scrape_timestamp_seconds gauge\n";
  for (const TargetInfo& t : targets) {
    out += "luckyhub_last_scrape_timestamp_seconds" + labels(t.instance, "") + " " +
           number(static_cast<double>(t.last_scrape)) + "\n";
  }
  out += "# HELP luckyhub_auth_failed 1 when the instance refused luckyhub's login at the last scrape\n"
         "# TYPE luckyhub_auth_failed gauge\n";
  for (const TargetInfo& t : targets) {
    out += "luckyhub_auth_failed" + labels(t.instance, "") + " " + (t.auth_failed ? "1" : "0") + "\n";
  }
  const ResultSet alerts = wh.query(
      "SELECT rule, instance, object, severity, state FROM health__alerts WHERE state IN ('pending', 'firing') "
      "ORDER BY rule, instance, object");
  out += "# HELP luckyhub_alert Alerts pending or firing (1), as Prometheus' ALERTS series\n"
         "# TYPE luckyhub_alert gauge\n";
  for (const Row row : alerts) {
    out += "luckyhub_alert{alertname=\"" + escape_label(row.text("rule")) + "\",instance=\"" +
           escape_label(row.text("instance")) + "\",object=\"" + escape_label(row.text("object")) +
           "\",severity=\"" + escape_label(row.text("severity")) + "\",state=\"" + row.text("state") + "\"} 1\n";
  }
  return out;
}

}  // namespace luckyhub::health
