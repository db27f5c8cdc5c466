// Allocation-free text for the marketing tables' hot loops (tens of millions
// of rows): UTC DATETIME text and decimal numbers written into small stack
// buffers, identical to Timestamp::str() and std::to_string.
#pragma once

#include <cstdint>
#include <string_view>

namespace luckyhub::sim {

// 'YYYY-MM-DD HH:MM:SS' of a UTC instant in seconds since the epoch.
class UtcText {
 public:
  std::string_view operator()(int64_t seconds) {
    int64_t days = seconds / 86400;
    int64_t rem = seconds % 86400;
    if (rem < 0) {
      rem += 86400;
      --days;
    }
    if (days != cached_day_) fill_date(days);
    put2(buf_ + 11, static_cast<int>(rem / 3600));
    put2(buf_ + 14, static_cast<int>(rem / 60 % 60));
    put2(buf_ + 17, static_cast<int>(rem % 60));
    return std::string_view(buf_, 19);
  }

 private:
  static void put2(char* p, int v) {
    p[0] = static_cast<char>('0' + v / 10);
    p[1] = static_cast<char>('0' + v % 10);
  }
  void fill_date(int64_t days) {
    cached_day_ = days;
    // civil_from_days (H. Hinnant).
    int64_t z = days + 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const int y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
    buf_[0] = static_cast<char>('0' + y / 1000);
    buf_[1] = static_cast<char>('0' + y / 100 % 10);
    put2(buf_ + 2, y % 100);
    put2(buf_ + 5, m);
    put2(buf_ + 8, d);
  }
  char buf_[20] = "0000-00-00 00:00:00";
  int64_t cached_day_ = INT64_MIN;
};

// Decimal text of a non-negative integer with an optional prefix ("C123").
class NumberText {
 public:
  std::string_view operator()(std::string_view prefix, uint64_t value) {
    char* end = buf_ + sizeof(buf_);
    char* p = end;
    do {
      *--p = static_cast<char>('0' + value % 10);
      value /= 10;
    } while (value);
    for (size_t i = prefix.size(); i > 0; --i) *--p = prefix[i - 1];
    return std::string_view(p, static_cast<size_t>(end - p));
  }

 private:
  char buf_[48];
};

}  // namespace luckyhub::sim
