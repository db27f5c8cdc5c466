// Dates and times. Timestamps in the sources are UTC ('YYYY-MM-DD HH:MM:SS');
// business days are store-local, America/New_York, with US daylight saving
// time (second Sunday of March 02:00 local to first Sunday of November 02:00
// local, the rule in force since 2007).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace luckyhub {

// A calendar day, counted in days since 1970-01-01.
struct Date {
  int32_t days = 0;

  static Date from_ymd(int year, int month, int day);
  // Parses 'YYYY-MM-DD'; throws Error otherwise.
  static Date parse(std::string_view text);

  void to_ymd(int& year, int& month, int& day) const;
  int year() const;
  int month() const;
  int day_of_month() const;
  // 0 = Monday … 6 = Sunday (ISO order).
  int weekday() const;
  std::string str() const;  // 'YYYY-MM-DD'
  std::string month_str() const;  // 'YYYY-MM'

  Date operator+(int n) const { return Date{days + n}; }
  Date operator-(int n) const { return Date{days - n}; }
  int operator-(Date o) const { return days - o.days; }
  Date& operator++() { ++days; return *this; }
  auto operator<=>(const Date&) const = default;
};

// A UTC instant with one-second resolution, in seconds since the epoch.
struct Timestamp {
  int64_t seconds = 0;

  static Timestamp from_utc(Date date, int hour, int minute, int second);
  // Parses 'YYYY-MM-DD HH:MM:SS' (or 'YYYY-MM-DDTHH:MM:SS'), taken as UTC.
  static Timestamp parse(std::string_view text);

  Date utc_date() const;
  std::string str() const;  // 'YYYY-MM-DD HH:MM:SS'

  Timestamp operator+(int64_t s) const { return Timestamp{seconds + s}; }
  int64_t operator-(Timestamp o) const { return seconds - o.seconds; }
  auto operator<=>(const Timestamp&) const = default;
};

// New York's offset from UTC at an instant, in seconds (-18000 or -14400).
int new_york_offset_seconds(Timestamp utc);

// The New York calendar day an instant falls on.
Date new_york_date(Timestamp utc);

// The hour of day (0..23) in New York.
int new_york_hour(Timestamp utc);

// The UTC instant of a New York wall-clock time. Wall times skipped by the
// spring-forward gap are taken at the standard-time offset; times repeated in
// the autumn are taken at their first (daylight) occurrence.
Timestamp new_york_to_utc(Date date, int hour, int minute, int second);

}  // namespace luckyhub
