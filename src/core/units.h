// Quantities as people read them, in reports, logs and event details:
// bytes in binary units with three significant digits (48 B, 1.50 KiB,
// 78.1 MiB, 512 GiB), durations in days, hours, minutes and seconds (0.25 s,
// 42 s, 6m 9s, 3h 2m, 4d 3h), and a count with its noun in the right number
// ("1 database", "2 databases"). The dashboard's web/src/format.ts follows
// the same rules.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace luckyhub {

std::string format_bytes(double bytes);
std::string format_duration(double seconds);
// `plural` defaults to the singular with an "s".
std::string count_of(int64_t n, std::string_view singular, std::string_view plural = {});

}  // namespace luckyhub
