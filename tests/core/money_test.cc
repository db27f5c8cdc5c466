#include "core/money.h"

#include <gtest/gtest.h>

#include "core/error.h"

namespace luckyhub {

TEST(ParseDecimal, ReadsExactCents) {
  EXPECT_EQ(parse_decimal("4.49", 2), 449);
  EXPECT_EQ(parse_decimal("0.07", 2), 7);
  EXPECT_EQ(parse_decimal("12.5", 2), 1250);
  EXPECT_EQ(parse_decimal("3", 2), 300);
  EXPECT_EQ(parse_decimal("-0.01", 2), -1);
  EXPECT_EQ(parse_decimal("+10.00", 2), 1000);
  EXPECT_EQ(parse_decimal(".5", 2), 50);
  // The classic double trap: 0.1 + 0.2 and 1.005 stay exact.
  EXPECT_EQ(parse_decimal("1.005", 3), 1005);
  EXPECT_EQ(parse_decimal("0.08875", 5), 8875);
  EXPECT_EQ(parse_decimal("92233720368547758.07", 2), 9223372036854775807LL);
}

TEST(ParseDecimal, AcceptsTrailingZerosBeyondScale) {
  EXPECT_EQ(parse_decimal("1.2300", 2), 123);
}

TEST(ParseDecimal, RejectsWhatWouldLoseMoney) {
  EXPECT_THROW(parse_decimal("1.234", 2), Error);
  EXPECT_THROW(parse_decimal("", 2), Error);
  EXPECT_THROW(parse_decimal("1,5", 2), Error);
  EXPECT_THROW(parse_decimal("1.2.3", 2), Error);
  EXPECT_THROW(parse_decimal("abc", 2), Error);
  EXPECT_THROW(parse_decimal("-", 2), Error);
  EXPECT_THROW(parse_decimal("1e5", 2), Error);
  EXPECT_THROW(parse_decimal("99999999999999999999", 2), Error);
}

TEST(FormatDecimal, RoundTrips) {
  EXPECT_EQ(format_decimal(449, 2), "4.49");
  EXPECT_EQ(format_decimal(7, 2), "0.07");
  EXPECT_EQ(format_decimal(-1, 2), "-0.01");
  EXPECT_EQ(format_decimal(8875, 5), "0.08875");
  EXPECT_EQ(format_decimal(42, 0), "42");
  for (const char* text : {"0.00", "1.23", "-45.60", "123456789.01"}) {
    EXPECT_EQ(format_decimal(parse_decimal(text, 2), 2), text);
  }
}

TEST(FormatMoney, UsesSymbolAndSeparators) {
  EXPECT_EQ(format_money(Cents(227111000), "USD"), "$2,271,110.00");
  EXPECT_EQ(format_money(Cents(-5), "USD"), "-$0.05");
  EXPECT_EQ(format_money(Cents(123456), "NZD"), "1,234.56 NZD");
}

TEST(MulDivRound, RoundsHalfAwayFromZero) {
  EXPECT_EQ(mul_div_round(449, 8875, 100000), 40);   // 39.84875 -> 40
  EXPECT_EQ(mul_div_round(100, 1, 8), 13);           // 12.5 -> 13
  EXPECT_EQ(mul_div_round(-100, 1, 8), -13);
  EXPECT_EQ(mul_div_round(100, 1, 3), 33);
  EXPECT_THROW(mul_div_round(1, 1, 0), Error);
}

}  // namespace luckyhub
