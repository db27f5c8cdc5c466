#include "core/calendar.h"

#include <gtest/gtest.h>

#include "core/error.h"

namespace luckyhub {

TEST(Date, ConvertsCivilDates) {
  EXPECT_EQ(Date::from_ymd(1970, 1, 1).days, 0);
  EXPECT_EQ(Date::from_ymd(2000, 3, 1).days, 11017);
  EXPECT_EQ(Date::parse("2026-02-13").str(), "2026-02-13");
  EXPECT_EQ(Date::parse("2024-02-29").str(), "2024-02-29");
  EXPECT_EQ((Date::parse("2026-03-01") - 1).str(), "2026-02-28");
  EXPECT_EQ(Date::parse("2026-02-13").month_str(), "2026-02");
  EXPECT_THROW(Date::parse("2025-02-29"), Error);
  EXPECT_THROW(Date::parse("2025-13-01"), Error);
  EXPECT_THROW(Date::parse("20250101"), Error);
}

TEST(Date, KnowsWeekdays) {
  EXPECT_EQ(Date::parse("2026-02-09").weekday(), 0);  // Monday
  EXPECT_EQ(Date::parse("2026-02-13").weekday(), 4);  // Friday
  EXPECT_EQ(Date::parse("2026-02-07").weekday(), 5);  // Saturday
  EXPECT_EQ(Date::parse("1969-12-31").weekday(), 2);  // Wednesday, before the epoch
}

TEST(Timestamp, ParsesAndFormats) {
  const Timestamp t = Timestamp::parse("2025-11-02 05:59:59");
  EXPECT_EQ(t.str(), "2025-11-02 05:59:59");
  EXPECT_EQ((t + 1).str(), "2025-11-02 06:00:00");
  EXPECT_THROW(Timestamp::parse("2025-11-02 24:00:00"), Error);
  EXPECT_THROW(Timestamp::parse("2025-11-02"), Error);
}

// 2025: DST began Sunday March 9 at 07:00 UTC and ended Sunday November 2 at 06:00 UTC.
TEST(NewYork, OffsetFollowsDaylightSavingTime) {
  EXPECT_EQ(new_york_offset_seconds(Timestamp::parse("2025-03-09 06:59:59")), -5 * 3600);
  EXPECT_EQ(new_york_offset_seconds(Timestamp::parse("2025-03-09 07:00:00")), -4 * 3600);
  EXPECT_EQ(new_york_offset_seconds(Timestamp::parse("2025-11-02 05:59:59")), -4 * 3600);
  EXPECT_EQ(new_york_offset_seconds(Timestamp::parse("2025-11-02 06:00:00")), -5 * 3600);
  EXPECT_EQ(new_york_offset_seconds(Timestamp::parse("2026-01-15 12:00:00")), -5 * 3600);
  EXPECT_EQ(new_york_offset_seconds(Timestamp::parse("2026-03-08 07:00:00")), -4 * 3600);
}

TEST(NewYork, BusinessDayOfLateEveningOrders) {
  // 03:30 UTC is still the previous evening in New York, in summer and winter.
  EXPECT_EQ(new_york_date(Timestamp::parse("2025-07-01 03:30:00")).str(), "2025-06-30");
  EXPECT_EQ(new_york_date(Timestamp::parse("2026-01-10 04:59:59")).str(), "2026-01-09");
  EXPECT_EQ(new_york_date(Timestamp::parse("2026-01-10 05:00:00")).str(), "2026-01-10");
  // 04:30 UTC: 00:30 EDT on Nov 2 before the change, a new day.
  EXPECT_EQ(new_york_date(Timestamp::parse("2025-11-02 04:30:00")).str(), "2025-11-02");
  EXPECT_EQ(new_york_hour(Timestamp::parse("2025-11-02 05:30:00")), 1);  // 01:30 EDT
  EXPECT_EQ(new_york_hour(Timestamp::parse("2025-11-02 06:30:00")), 1);  // 01:30 EST again
  EXPECT_EQ(new_york_hour(Timestamp::parse("2025-07-04 16:00:00")), 12);
}

TEST(NewYork, WallClockToUtc) {
  EXPECT_EQ(new_york_to_utc(Date::parse("2025-07-04"), 12, 0, 0).str(), "2025-07-04 16:00:00");
  EXPECT_EQ(new_york_to_utc(Date::parse("2026-02-09"), 7, 30, 0).str(), "2026-02-09 12:30:00");
  // 02:30 does not exist on 2025-03-09: taken at standard time.
  EXPECT_EQ(new_york_to_utc(Date::parse("2025-03-09"), 2, 30, 0).str(), "2025-03-09 07:30:00");
  // 01:30 happens twice on 2025-11-02: the first (daylight) one.
  EXPECT_EQ(new_york_to_utc(Date::parse("2025-11-02"), 1, 30, 0).str(), "2025-11-02 05:30:00");
  // A whole DST-change day is 23 or 25 hours long.
  EXPECT_EQ(new_york_to_utc(Date::parse("2025-03-10"), 0, 0, 0) -
                new_york_to_utc(Date::parse("2025-03-09"), 0, 0, 0), 23 * 3600);
  EXPECT_EQ(new_york_to_utc(Date::parse("2025-11-03"), 0, 0, 0) -
                new_york_to_utc(Date::parse("2025-11-02"), 0, 0, 0), 25 * 3600);
}

}  // namespace luckyhub
