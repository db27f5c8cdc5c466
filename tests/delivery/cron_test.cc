// Cron in IANA zones. Every expected instant is written by hand in UTC from
// the zone rules: America/New_York springs forward on 2026-03-08 at 02:00 EST
// (07:00Z) to 03:00 EDT and falls back on 2026-11-01 at 02:00 EDT (06:00Z) to
// 01:00 EST; Europe/London springs forward on 2026-03-29 at 01:00 GMT to
// 02:00 BST.
#include "delivery/cron.h"

#include <gtest/gtest.h>

#include <vector>

#include "core/error.h"

namespace luckyhub::delivery {
namespace {

const date::time_zone& ny() { return find_zone("America/New_York"); }

// The first `n` fire instants after `after`, as UTC text.
std::vector<std::string> fires(const std::string& cron, const std::string& after, const date::time_zone& zone, int n) {
  const CronSpec spec = CronSpec::parse(cron);
  std::vector<std::string> out;
  Instant t = parse_utc(after);
  for (int i = 0; i < n; ++i) {
    const auto next = spec.next_fire(t, zone);
    if (!next) break;
    out.push_back(format_utc(*next));
    t = *next;
  }
  return out;
}

using V = std::vector<std::string>;

TEST(Cron, NineAmNewYorkOnBothSidesOfSpringForward) {
  EXPECT_EQ(fires("0 9 * * *", "2026-03-06T12:00:00Z", ny(), 4),
            (V{"2026-03-06T14:00:00Z", "2026-03-07T14:00:00Z", "2026-03-08T13:00:00Z", "2026-03-09T13:00:00Z"}));
}

TEST(Cron, NineAmNewYorkOnBothSidesOfFallBack) {
  EXPECT_EQ(fires("0 9 * * *", "2026-10-31T00:00:00Z", ny(), 3),
            (V{"2026-10-31T13:00:00Z", "2026-11-01T14:00:00Z", "2026-11-02T14:00:00Z"}));
}

TEST(Cron, ANonexistentLocalTimeFiresOnceAtTheEndOfTheGap) {
  // 02:30 does not exist on 2026-03-08: 03:00 EDT = 07:00Z; the days around are normal.
  EXPECT_EQ(fires("30 2 * * *", "2026-03-07T00:00:00Z", ny(), 3),
            (V{"2026-03-07T07:30:00Z", "2026-03-08T07:00:00Z", "2026-03-09T06:30:00Z"}));
  // Every half hour across the gap: 02:00 and 02:30 both land on 07:00Z, once.
  EXPECT_EQ(fires("*/30 * * * *", "2026-03-08T06:15:00Z", ny(), 4),
            (V{"2026-03-08T06:30:00Z", "2026-03-08T07:00:00Z", "2026-03-08T07:30:00Z", "2026-03-08T08:00:00Z"}));
}

TEST(Cron, AnAmbiguousLocalTimeFiresOnceAtItsFirstOccurrence) {
  // 01:30 happens at 05:30Z (EDT) and 06:30Z (EST) on 2026-11-01: only the first.
  EXPECT_EQ(fires("30 1 * * *", "2026-10-31T12:00:00Z", ny(), 3),
            (V{"2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z", "2026-11-03T06:30:00Z"}));
  // Hourly across the fall-back: 01:00 EDT (05:00Z), then 02:00 EST (07:00Z).
  EXPECT_EQ(fires("0 * * * *", "2026-11-01T04:30:00Z", ny(), 3),
            (V{"2026-11-01T05:00:00Z", "2026-11-01T07:00:00Z", "2026-11-01T08:00:00Z"}));
  // Asked from between the two occurrences, the second is not fired either.
  EXPECT_EQ(fires("30 1 * * *", "2026-11-01T06:00:00Z", ny(), 1), (V{"2026-11-02T06:30:00Z"}));
}

TEST(Cron, LondonSpringForward) {
  const date::time_zone& london = find_zone("Europe/London");
  EXPECT_EQ(fires("0 9 * * *", "2026-03-28T00:00:00Z", london, 3),
            (V{"2026-03-28T09:00:00Z", "2026-03-29T08:00:00Z", "2026-03-30T08:00:00Z"}));
  // 01:30 does not exist on 2026-03-29: the gap ends at 01:00Z (02:00 BST).
  EXPECT_EQ(fires("30 1 * * *", "2026-03-28T12:00:00Z", london, 2),
            (V{"2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z"}));
}

TEST(Cron, WeekdaysMonthsNamesAndMacros) {
  // 2026-03-08 is a Sunday.
  EXPECT_EQ(fires("0 9 * * MON", "2026-03-05T00:00:00Z", ny(), 2), (V{"2026-03-09T13:00:00Z", "2026-03-16T13:00:00Z"}));
  EXPECT_EQ(fires("0 9 * * mon-fri", "2026-03-06T15:00:00Z", ny(), 2), (V{"2026-03-09T13:00:00Z", "2026-03-10T13:00:00Z"}));
  EXPECT_EQ(fires("0 9 * * 7", "2026-03-05T00:00:00Z", ny(), 1), (V{"2026-03-08T13:00:00Z"}));
  EXPECT_EQ(fires("15 6 1 JAN,jul *", "2026-03-05T00:00:00Z", ny(), 2), (V{"2026-07-01T10:15:00Z", "2027-01-01T11:15:00Z"}));
  EXPECT_EQ(fires("@daily", "2026-03-07T12:00:00Z", ny(), 2), (V{"2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z"}));
  EXPECT_EQ(fires("@weekly", "2026-03-05T12:00:00Z", ny(), 1), (V{"2026-03-08T05:00:00Z"}));
  EXPECT_EQ(fires("@hourly", "2026-03-05T12:00:00Z", ny(), 2), (V{"2026-03-05T13:00:00Z", "2026-03-05T14:00:00Z"}));
  // Steps, ranges and "a/n".
  EXPECT_EQ(fires("0-10/5 12 * * *", "2026-01-05T00:00:00Z", ny(), 4),
            (V{"2026-01-05T17:00:00Z", "2026-01-05T17:05:00Z", "2026-01-05T17:10:00Z", "2026-01-06T17:00:00Z"}));
  EXPECT_EQ(fires("50/5 12 * * *", "2026-01-05T00:00:00Z", ny(), 3),
            (V{"2026-01-05T17:50:00Z", "2026-01-05T17:55:00Z", "2026-01-06T17:50:00Z"}));
  // Day-of-month and day-of-week both restricted: either matches (2026-02-13 is a Friday).
  EXPECT_EQ(fires("0 0 13 * FRI", "2026-02-01T12:00:00Z", find_zone("UTC"), 3),
            (V{"2026-02-06T00:00:00Z", "2026-02-13T00:00:00Z", "2026-02-20T00:00:00Z"}));
  // The store grid: every 15 minutes in opening hours.
  EXPECT_EQ(fires("*/15 7-21 * * *", "2026-03-05T02:50:00Z", ny(), 2), (V{"2026-03-05T12:00:00Z", "2026-03-05T12:15:00Z"}));
}

TEST(Cron, NeverFiring) {
  EXPECT_FALSE(CronSpec::parse("0 0 30 2 *").next_fire(parse_utc("2026-01-01T00:00:00Z"), ny()).has_value());
  EXPECT_TRUE(CronSpec::parse("0 0 29 2 *").next_fire(parse_utc("2026-01-01T00:00:00Z"), ny()).has_value());
}

void expect_error(const std::string& cron, const std::string& part) {
  try {
    CronSpec::parse(cron);
    ADD_FAILURE() << cron << " parsed";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
  }
}

TEST(Cron, ClearErrors) {
  expect_error("0 24 * * *", "hour 24 is out of range 0-23");
  expect_error("60 * * * *", "minute 60 is out of range 0-59");
  expect_error("0 0 0 * *", "day-of-month 0 is out of range 1-31");
  expect_error("* * *", "needs 5 fields");
  expect_error("0 9 * * FUNDAY", "not a weekday name");
  expect_error("0 9 * FOO *", "not a month name");
  expect_error("*/0 * * * *", "must be a positive number");
  expect_error("5-1 * * * *", "runs backwards");
  expect_error("@fortnightly", "unknown macro");
  expect_error("1,,2 * * * *", "empty list item");
  expect_error("a * * * *", "not a number");
  EXPECT_THROW(find_zone("America/Nowhere"), Error);
}

TEST(Cron, FormatsInstants) {
  EXPECT_EQ(format_local(parse_utc("2026-03-08T13:00:00Z"), ny()), "2026-03-08 09:00 EDT");
  EXPECT_EQ(format_local(parse_utc("2026-03-07T14:00:00Z"), ny()), "2026-03-07 09:00 EST");
  EXPECT_EQ(format_utc(parse_utc("2026-03-07 14:00:00")), "2026-03-07T14:00:00Z");
  EXPECT_THROW(parse_utc("yesterday"), Error);
}

}  // namespace
}  // namespace luckyhub::delivery
