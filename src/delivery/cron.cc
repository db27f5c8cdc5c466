#include "delivery/cron.h"

#include <date/date.h>
#include <date/tz.h>

#include <algorithm>
#include <cctype>
#include <sstream>
#include <vector>

#include "core/error.h"

namespace luckyhub::delivery {
namespace {

struct Field {
  const char* name;
  int lo, hi;
  const char* const* names;  // names[i] is value lo+i, or nullptr
};

constexpr const char* kMonthNames[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                       "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
constexpr const char* kWeekdayNames[] = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

constexpr Field kFields[5] = {
    {"minute", 0, 59, nullptr},
    {"hour", 0, 23, nullptr},
    {"day-of-month", 1, 31, nullptr},
    {"month", 1, 12, kMonthNames},
    {"day-of-week", 0, 7, kWeekdayNames},  // 7 is Sunday as well
};

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  out.push_back(cur);
  return out;
}

class FieldParser {
 public:
  FieldParser(const std::string& cron, const Field& f) : cron_(cron), f_(f) {}

  [[noreturn]] void fail(const std::string& reason) const {
    throw Error("cron '" + cron_ + "': " + f_.name + " " + reason);
  }

  int value(const std::string& token) const {
    if (token.empty()) fail("has an empty value");
    if (std::isalpha(static_cast<unsigned char>(token[0]))) {
      std::string upper;
      for (char c : token) upper.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
      if (f_.names != nullptr) {
        const int count = f_.names == kMonthNames ? 12 : 7;
        for (int i = 0; i < count; ++i) {
          if (upper == f_.names[i]) return f_.lo + i;
        }
      }
      fail("'" + token + "' is not a " +
           (f_.names == kMonthNames ? std::string("month name (JAN..DEC)")
            : f_.names != nullptr   ? std::string("weekday name (SUN..SAT)")
                                    : std::string("number")));
    }
    int v = 0;
    for (char c : token) {
      if (!std::isdigit(static_cast<unsigned char>(c))) fail("'" + token + "' is not a number");
      v = v * 10 + (c - '0');
      if (v > 1000) break;
    }
    if (v < f_.lo || v > f_.hi) {
      fail(token + " is out of range " + std::to_string(f_.lo) + "-" + std::to_string(f_.hi));
    }
    return v;
  }

  // Sets the values the field selects; returns whether it is a bare '*'.
  bool parse(const std::string& text, std::vector<bool>& set) const {
    if (text == "*") {
      for (int v = f_.lo; v <= f_.hi; ++v) set[v] = true;
      return true;
    }
    for (const std::string& item : split(text, ',')) {
      if (item.empty()) fail("has an empty list item in '" + text + "'");
      std::string range = item;
      int step = 1;
      if (const size_t slash = item.find('/'); slash != std::string::npos) {
        range = item.substr(0, slash);
        const std::string s = item.substr(slash + 1);
        if (s.empty() || !std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }) ||
            s.size() > 4 || std::stoi(s) == 0) {
          fail("step '" + s + "' in '" + item + "' must be a positive number");
        }
        step = std::stoi(s);
      }
      int lo = 0, hi = 0;
      if (range == "*") {
        lo = f_.lo;
        hi = f_.hi;
      } else if (const size_t dash = range.find('-'); dash != std::string::npos) {
        lo = value(range.substr(0, dash));
        hi = value(range.substr(dash + 1));
        if (hi < lo) fail("range '" + range + "' runs backwards");
      } else {
        lo = value(range);
        hi = item.find('/') != std::string::npos ? f_.hi : lo;  // "a/n": from a to the end
      }
      for (int v = lo; v <= hi; v += step) set[v] = true;
    }
    return false;
  }

 private:
  const std::string& cron_;
  const Field& f_;
};

std::string expand_macro(const std::string& text) {
  std::string lower;
  for (char c : text) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (lower == "@hourly") return "0 * * * *";
  if (lower == "@daily" || lower == "@midnight") return "0 0 * * *";
  if (lower == "@weekly") return "0 0 * * 0";
  if (lower == "@monthly") return "0 0 1 * *";
  if (lower == "@yearly" || lower == "@annually") return "0 0 1 1 *";
  throw Error("cron '" + text + "': unknown macro (use @hourly, @daily, @weekly, @monthly or @yearly)");
}

}  // namespace

CronSpec CronSpec::parse(const std::string& text) {
  CronSpec spec;
  spec.text_ = text;
  std::string fields_text = text;
  while (!fields_text.empty() && std::isspace(static_cast<unsigned char>(fields_text.back()))) fields_text.pop_back();
  while (!fields_text.empty() && std::isspace(static_cast<unsigned char>(fields_text.front()))) fields_text.erase(0, 1);
  if (!fields_text.empty() && fields_text[0] == '@') fields_text = expand_macro(fields_text);
  std::istringstream in(fields_text);
  std::vector<std::string> fields;
  for (std::string f; in >> f;) fields.push_back(f);
  if (fields.size() != 5) {
    throw Error("cron '" + text + "': needs 5 fields (minute hour day-of-month month day-of-week), has " +
                std::to_string(fields.size()));
  }
  std::vector<bool> sets[5];
  bool any[5];
  for (int i = 0; i < 5; ++i) {
    sets[i].assign(kFields[i].hi + 1, false);
    any[i] = FieldParser(text, kFields[i]).parse(fields[i], sets[i]);
  }
  for (int v = 0; v < 60; ++v) spec.minutes_[v] = sets[0][v];
  for (int v = 0; v < 24; ++v) spec.hours_[v] = sets[1][v];
  for (int v = 1; v <= 31; ++v) spec.days_[v] = sets[2][v];
  for (int v = 1; v <= 12; ++v) spec.months_[v] = sets[3][v];
  for (int v = 0; v <= 7; ++v) {
    if (sets[4][v]) spec.weekdays_[v % 7] = true;
  }
  spec.days_any_ = any[2];
  spec.weekdays_any_ = any[4];
  return spec;
}

std::optional<Instant> CronSpec::next_fire(Instant after, const date::time_zone& zone) const {
  using namespace std::chrono;
  const date::local_seconds local_after = zone.to_local(after);
  date::local_days day = date::floor<date::days>(local_after);
  // A day before: the first occurrence of an ambiguous hour maps before the
  // local date of `after` only by hours, never a day, but a clear margin costs nothing.
  day -= date::days{1};
  const date::local_days last = day + date::days{366 * 8 + 2};
  for (; day <= last; day += date::days{1}) {
    const date::year_month_day ymd{day};
    if (!months_[static_cast<unsigned>(ymd.month())]) continue;
    const bool dom = days_[static_cast<unsigned>(ymd.day())];
    const bool dow = weekdays_[date::weekday{day}.c_encoding()];
    bool match;
    if (days_any_ && weekdays_any_) {
      match = true;
    } else if (days_any_) {
      match = dow;
    } else if (weekdays_any_) {
      match = dom;
    } else {
      match = dom || dow;
    }
    if (!match) continue;
    for (int h = 0; h < 24; ++h) {
      if (!hours_[h]) continue;
      for (int m = 0; m < 60; ++m) {
        if (!minutes_[m]) continue;
        const date::local_seconds lt = day + hours{h} + minutes{m};
        const date::local_info info = zone.get_info(lt);
        Instant at;
        switch (info.result) {
          case date::local_info::unique:
            at = Instant{lt.time_since_epoch()} - info.first.offset;
            break;
          case date::local_info::nonexistent:
            at = info.second.begin;  // the first instant after the gap
            break;
          default:  // ambiguous: the first occurrence only
            at = Instant{lt.time_since_epoch()} - info.first.offset;
            break;
        }
        if (at > after) return at;
      }
    }
  }
  return std::nullopt;
}

const date::time_zone& find_zone(const std::string& name) {
  try {
    const date::time_zone* zone = date::locate_zone(name);
    if (zone != nullptr) return *zone;
  } catch (const std::exception&) {
  }
  throw Error("unknown time zone '" + name + "' (an IANA name such as America/New_York)");
}

std::string format_utc(Instant t) { return date::format("%Y-%m-%dT%H:%M:%SZ", t); }

std::string format_local(Instant t, const date::time_zone& zone) {
  return date::format("%Y-%m-%d %H:%M %Z", date::make_zoned(&zone, t));
}

Instant parse_utc(const std::string& text) {
  std::string s = text;
  if (s.size() > 10 && s[10] == ' ') s[10] = 'T';
  if (!s.empty() && s.back() == 'Z') s.pop_back();
  std::istringstream in(s);
  Instant t;
  in >> date::parse("%Y-%m-%dT%H:%M:%S", t);
  if (in.fail()) throw Error("'" + text + "' is not a UTC time like 2026-03-08T14:00:00Z");
  return t;
}

}  // namespace luckyhub::delivery
