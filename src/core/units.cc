#include "core/units.h"

#include <cmath>
#include <cstdio>

namespace luckyhub {

std::string format_bytes(double bytes) {
  static constexpr const char* kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
  const char* sign = bytes < 0 ? "-" : "";
  double v = std::fabs(bytes);
  size_t i = 0;
  while (v >= 1024 && i + 1 < std::size(kUnits)) {
    v /= 1024;
    ++i;
  }
  char buf[48];
  if (i == 0) {
    std::snprintf(buf, sizeof buf, "%s%.0f B", sign, v);
  } else {
    // Three significant digits; a value that rounds up to 1024 stays in its unit ("1024 KiB" is rare and true).
    std::snprintf(buf, sizeof buf, v < 9.995 ? "%s%.2f %s" : v < 99.95 ? "%s%.1f %s" : "%s%.0f %s", sign, v, kUnits[i]);
  }
  return buf;
}

std::string format_duration(double seconds) {
  char buf[48];
  const char* sign = seconds < 0 ? "-" : "";
  const double s = std::fabs(seconds);
  if (s < 9.995) {
    std::snprintf(buf, sizeof buf, "%s%.2f s", sign, s);
    return buf;
  }
  if (s < 59.5) {
    std::snprintf(buf, sizeof buf, "%s%.0f s", sign, s);
    return buf;
  }
  const auto whole = static_cast<int64_t>(std::llround(s));
  const int64_t d = whole / 86400, h = whole % 86400 / 3600, m = whole % 3600 / 60, sec = whole % 60;
  const auto ll = [](int64_t v) { return static_cast<long long>(v); };
  if (d > 0) {
    std::snprintf(buf, sizeof buf, "%s%lldd %lldh", sign, ll(d), ll(h));
  } else if (h > 0) {
    std::snprintf(buf, sizeof buf, "%s%lldh %lldm", sign, ll(h), ll(m));
  } else {
    std::snprintf(buf, sizeof buf, "%s%lldm %llds", sign, ll(m), ll(sec));
  }
  return buf;
}

std::string count_of(int64_t n, std::string_view singular, std::string_view plural) {
  std::string out = std::to_string(n) + " ";
  if (n == 1) return out + std::string(singular);
  return out + (plural.empty() ? std::string(singular) + "s" : std::string(plural));
}

}  // namespace luckyhub
