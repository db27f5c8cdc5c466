// Cron expressions with an IANA time zone: when a schedule fires.
//
// A CronSpec is the classic five fields, "minute hour day-of-month month
// day-of-week", each a '*', a number, a range "a-b", a step "*/n" or "a-b/n"
// or "a/n" (from a to the field's end), or a comma-separated list of those.
// Months may be named JAN..DEC and weekdays SUN..SAT (any case); weekday 7 is
// Sunday too. As in Vixie cron, when both day-of-month and day-of-week are
// restricted (neither is '*'), a day matches if EITHER does. The macros
// @hourly, @daily (@midnight), @weekly (Sunday 00:00), @monthly, @yearly
// (@annually) stand for their usual five fields.
//
// Fields are read as LOCAL wall-clock time in the schedule's zone, and
// next_fire() turns them into UTC instants, DST-safe:
//   - a local time that exists once fires at that instant: "0 9 * * *" in
//     America/New_York is 14:00 UTC in winter and 13:00 UTC in summer;
//   - a local time that does not exist (02:30 on a spring-forward day) fires
//     once, at the first instant after the gap (03:00 EDT = the transition);
//     several such times (an every-minute schedule) fire only once there;
//   - a local time that exists twice (01:30 on a fall-back day) fires once,
//     at its first occurrence (the daylight-time one).
//
// Thread safety: a CronSpec is immutable after parse().
#pragma once

#include <bitset>
#include <chrono>
#include <optional>
#include <string>

namespace date {
class time_zone;
}

namespace luckyhub::delivery {

using Instant = std::chrono::sys_seconds;

class CronSpec {
 public:
  // Throws Error naming the field and the reason: "cron '0 25 * * *': hour
  // 25 is out of range 0-23".
  static CronSpec parse(const std::string& text);

  // The first instant strictly after `after` at which the schedule fires in
  // `zone`; nullopt when it never fires within the next eight years (a
  // day-of-month no selected month has, such as "0 0 30 2 *").
  std::optional<Instant> next_fire(Instant after, const date::time_zone& zone) const;

  const std::string& text() const { return text_; }

 private:
  std::string text_;
  std::bitset<60> minutes_;
  std::bitset<24> hours_;
  std::bitset<32> days_;     // 1..31
  std::bitset<13> months_;   // 1..12
  std::bitset<7> weekdays_;  // 0 = Sunday
  bool days_any_ = true, weekdays_any_ = true;
};

// The zone of an IANA name ("America/New_York"), from the system's tzdata.
// Throws Error for an unknown name.
const date::time_zone& find_zone(const std::string& name);

// "2026-03-08T14:00:00Z".
std::string format_utc(Instant t);
// "2026-03-08 09:00 EDT" in `zone`.
std::string format_local(Instant t, const date::time_zone& zone);
// Parses "2026-03-08T14:00:00Z" (also with a space instead of 'T'); throws Error.
Instant parse_utc(const std::string& text);

}  // namespace luckyhub::delivery
