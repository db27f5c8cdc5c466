// The Prometheus text exposition format (version 0.0.4) as a node exporter
// answers /metrics: the collector's host metrics read it (host_metrics.h).
// Outside input: a malformed sample line is an Error naming its line.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace luckyhub::collect {

// One sample of the exposition.
struct PromSample {
  std::string name;
  std::map<std::string, std::string> labels;  // values unescaped
  double value = 0;                           // NaN and ±Inf as such
};

// Parses an exposition: # HELP / # TYPE / other comments are skipped, label
// values may hold \" \\ \n escapes and commas or braces, a value may be NaN,
// +Inf or -Inf and be followed by a timestamp, the last line may lack its
// newline, CRLF is accepted. Throws Error("line N: reason") on a malformed
// sample line.
std::vector<PromSample> parse_prometheus_text(std::string_view text);

}  // namespace luckyhub::collect
