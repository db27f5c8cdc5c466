#include "core/calendar.h"

#include <cstdio>

#include "core/error.h"

namespace luckyhub {
namespace {

// Days from 1970-01-01 to a proleptic Gregorian date, counting in 400-year
// eras that start on March 1 so that the leap day falls at the end of a year.
int32_t days_from_civil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int year_of_era = y - era * 400;
  const int month_from_march = m > 2 ? m - 3 : m + 9;
  const int day_of_year = (153 * month_from_march + 2) / 5 + d - 1;
  const int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

void civil_from_days(int32_t z, int& y, int& m, int& d) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int day_of_era = z - era * 146097;
  const int year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int month_from_march = (5 * day_of_year + 2) / 153;
  d = day_of_year - (153 * month_from_march + 2) / 5 + 1;
  m = month_from_march < 10 ? month_from_march + 3 : month_from_march - 9;
  y = year_of_era + era * 400 + (m <= 2 ? 1 : 0);
}

int days_in_month(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

// The n-th (1-based) Sunday of a month.
Date nth_sunday(int year, int month, int n) {
  const Date first = Date::from_ymd(year, month, 1);
  const int to_sunday = (6 - first.weekday() + 7) % 7;
  return first + to_sunday + 7 * (n - 1);
}

bool parse_int(std::string_view text, size_t pos, size_t len, int& out) {
  if (pos + len > text.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + len; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    v = v * 10 + (text[i] - '0');
  }
  out = v;
  return true;
}

constexpr int kStandardOffset = -5 * 3600;
constexpr int kDaylightOffset = -4 * 3600;

}  // namespace

Date Date::from_ymd(int year, int month, int day) {
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) {
    throw Error("invalid date " + std::to_string(year) + "-" + std::to_string(month) + "-" +
                std::to_string(day));
  }
  return Date{days_from_civil(year, month, day)};
}

Date Date::parse(std::string_view text) {
  int y, m, d;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !parse_int(text, 0, 4, y) ||
      !parse_int(text, 5, 2, m) || !parse_int(text, 8, 2, d)) {
    throw Error("not a date (want YYYY-MM-DD): '" + std::string(text) + "'");
  }
  if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))  // quoted as given: '2026-13-01'
    throw Error("invalid date '" + std::string(text) + "'");
  return from_ymd(y, m, d);
}

void Date::to_ymd(int& year, int& month, int& day) const { civil_from_days(days, year, month, day); }
int Date::year() const { int y, m, d; to_ymd(y, m, d); return y; }
int Date::month() const { int y, m, d; to_ymd(y, m, d); return m; }
int Date::day_of_month() const { int y, m, d; to_ymd(y, m, d); return d; }
int Date::weekday() const {
  // 1970-01-01 was a Thursday (ISO 3).
  const int w = (days + 3) % 7;
  return w < 0 ? w + 7 : w;
}

std::string Date::str() const {
  int y, m, d;
  to_ymd(y, m, d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

std::string Date::month_str() const { return str().substr(0, 7); }

Timestamp Timestamp::from_utc(Date date, int hour, int minute, int second) {
  return Timestamp{static_cast<int64_t>(date.days) * 86400 + hour * 3600 + minute * 60 + second};
}

Timestamp Timestamp::parse(std::string_view text) {
  int h, mi, s;
  if (text.size() != 19 || (text[10] != ' ' && text[10] != 'T') || text[13] != ':' ||
      text[16] != ':' || !parse_int(text, 11, 2, h) || !parse_int(text, 14, 2, mi) ||
      !parse_int(text, 17, 2, s) || h > 23 || mi > 59 || s > 59) {
    throw Error("not a timestamp (want YYYY-MM-DD HH:MM:SS): '" + std::string(text) + "'");
  }
  return from_utc(Date::parse(text.substr(0, 10)), h, mi, s);
}

Date Timestamp::utc_date() const {
  int64_t d = seconds / 86400;
  if (seconds % 86400 < 0) --d;
  return Date{static_cast<int32_t>(d)};
}

std::string Timestamp::str() const {
  const Date d = utc_date();
  const int64_t in_day = seconds - static_cast<int64_t>(d.days) * 86400;
  char buf[16];
  std::snprintf(buf, sizeof buf, " %02d:%02d:%02d", static_cast<int>(in_day / 3600),
                static_cast<int>(in_day / 60 % 60), static_cast<int>(in_day % 60));
  return d.str() + buf;
}

int new_york_offset_seconds(Timestamp utc) {
  const int year = utc.utc_date().year();
  // DST starts at 02:00 EST (07:00 UTC) and ends at 02:00 EDT (06:00 UTC).
  const Timestamp start = Timestamp::from_utc(nth_sunday(year, 3, 2), 7, 0, 0);
  const Timestamp end = Timestamp::from_utc(nth_sunday(year, 11, 1), 6, 0, 0);
  return utc >= start && utc < end ? kDaylightOffset : kStandardOffset;
}

Date new_york_date(Timestamp utc) {
  return Timestamp{utc.seconds + new_york_offset_seconds(utc)}.utc_date();
}

int new_york_hour(Timestamp utc) {
  const Timestamp local{utc.seconds + new_york_offset_seconds(utc)};
  return static_cast<int>((local.seconds - static_cast<int64_t>(local.utc_date().days) * 86400) /
                          3600);
}

Timestamp new_york_to_utc(Date date, int hour, int minute, int second) {
  const Timestamp wall = Timestamp::from_utc(date, hour, minute, second);
  const Timestamp as_daylight{wall.seconds - kDaylightOffset};
  if (new_york_offset_seconds(as_daylight) == kDaylightOffset) return as_daylight;
  return Timestamp{wall.seconds - kStandardOffset};
}

}  // namespace luckyhub
