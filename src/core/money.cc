#include "core/money.h"

#include <cstdlib>

#include "core/error.h"

namespace luckyhub {

int64_t parse_decimal(std::string_view text, int scale) {
  const std::string shown(text);
  if (text.empty()) throw Error("not a decimal: empty text");
  bool negative = false;
  size_t i = 0;
  if (text[0] == '-' || text[0] == '+') {
    negative = text[0] == '-';
    ++i;
  }
  int64_t whole = 0;
  int64_t fraction = 0;
  int fraction_digits = 0;
  bool seen_digit = false;
  bool seen_point = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.') {
      if (seen_point) throw Error("not a decimal: '" + shown + "'");
      seen_point = true;
      continue;
    }
    if (c < '0' || c > '9') throw Error("not a decimal: '" + shown + "'");
    seen_digit = true;
    const int digit = c - '0';
    if (!seen_point) {
      if (__builtin_mul_overflow(whole, 10, &whole) || __builtin_add_overflow(whole, digit, &whole)) {
        throw Error("decimal out of range: '" + shown + "'");
      }
    } else if (fraction_digits < scale) {
      fraction = fraction * 10 + digit;
      ++fraction_digits;
    } else if (digit != 0) {
      throw Error("decimal has more than " + std::to_string(scale) +
                  " fractional digits: '" + shown + "'");
    }
  }
  if (!seen_digit) throw Error("not a decimal: '" + shown + "'");
  for (; fraction_digits < scale; ++fraction_digits) fraction *= 10;
  int64_t result = whole;
  for (int s = 0; s < scale; ++s) {
    if (__builtin_mul_overflow(result, 10, &result)) throw Error("decimal out of range: '" + shown + "'");
  }
  if (__builtin_add_overflow(result, fraction, &result)) {
    throw Error("decimal out of range: '" + shown + "'");
  }
  return negative ? -result : result;
}

std::string format_decimal(int64_t scaled, int scale) {
  const bool negative = scaled < 0;
  uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(scaled) : static_cast<uint64_t>(scaled);
  std::string digits = std::to_string(magnitude);
  if (scale > 0) {
    if (static_cast<int>(digits.size()) <= scale) {
      digits.insert(0, static_cast<size_t>(scale + 1 - static_cast<int>(digits.size())), '0');
    }
    digits.insert(digits.size() - static_cast<size_t>(scale), ".");
  }
  return negative ? "-" + digits : digits;
}

std::string format_money(Cents amount, std::string_view currency) {
  std::string text = format_decimal(amount.value < 0 ? -amount.value : amount.value, 2);
  // Thousands separators in the whole part.
  const size_t point = text.find('.');
  for (int pos = static_cast<int>(point) - 3; pos > 0; pos -= 3) text.insert(pos, ",");
  const std::string sign = amount.value < 0 ? "-" : "";
  if (currency == "USD") return sign + "$" + text;
  return sign + text + " " + std::string(currency);
}

int64_t mul_div_round(int64_t value, int64_t numerator, int64_t denominator) {
  if (denominator == 0) throw Error("division by zero in mul_div_round");
  const __int128 product = static_cast<__int128>(value) * numerator;
  __int128 quotient = product / denominator;
  const __int128 remainder = product % denominator;
  const __int128 twice = (remainder < 0 ? -remainder : remainder) * 2;
  const __int128 den = denominator < 0 ? -static_cast<__int128>(denominator) : denominator;
  if (twice >= den) quotient += ((product < 0) != (denominator < 0)) ? -1 : 1;
  return static_cast<int64_t>(quotient);
}

}  // namespace luckyhub
