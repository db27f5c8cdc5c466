// Money is integer cents everywhere. Decimal text from MySQL (DECIMAL columns)
// is parsed exactly, digit by digit, never through double.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace luckyhub {

// An amount in the smallest unit of its currency (cents for USD and NZD).
struct Cents {
  int64_t value = 0;

  constexpr Cents() = default;
  constexpr explicit Cents(int64_t v) : value(v) {}
  constexpr Cents operator+(Cents o) const { return Cents(value + o.value); }
  constexpr Cents operator-(Cents o) const { return Cents(value - o.value); }
  constexpr Cents& operator+=(Cents o) { value += o.value; return *this; }
  constexpr auto operator<=>(const Cents&) const = default;
};

// Parses a decimal such as "12.5", "-0.07", "3" into an integer scaled by
// 10^scale ("12.5" at scale 2 is 1250). Throws Error on malformed text or on
// more fractional digits than `scale` unless they are zeros ("1.230" at scale 2
// is fine, "1.234" is not: money is never rounded silently).
int64_t parse_decimal(std::string_view text, int scale);

inline Cents parse_cents(std::string_view text) { return Cents(parse_decimal(text, 2)); }

// Formats a scaled integer back to decimal text: format_decimal(1250, 2) == "12.50".
std::string format_decimal(int64_t scaled, int scale);

// "$1,234.56" style, with the currency's symbol for USD and code otherwise.
std::string format_money(Cents amount, std::string_view currency);

// Rounds value * numerator / denominator half away from zero, in integers.
int64_t mul_div_round(int64_t value, int64_t numerator, int64_t denominator);

}  // namespace luckyhub
