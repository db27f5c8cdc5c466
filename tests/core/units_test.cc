// Bytes, durations and counted nouns as people read them (core/units.h).
#include "core/units.h"

#include <gtest/gtest.h>

namespace luckyhub {
namespace {

TEST(Units, BytesInBinaryUnitsWithThreeSignificantDigits) {
  EXPECT_EQ(format_bytes(0), "0 B");
  EXPECT_EQ(format_bytes(48), "48 B");
  EXPECT_EQ(format_bytes(1023), "1023 B");
  EXPECT_EQ(format_bytes(1536), "1.50 KiB");
  EXPECT_EQ(format_bytes(81920000), "78.1 MiB");    // the "81920000.00 bytes" of the issue
  EXPECT_EQ(format_bytes(64.0 * 1024 * 1024), "64.0 MiB");  // a 64 MiB maxmemory, not "0.06 GiB"
  EXPECT_EQ(format_bytes(512.0 * 1024 * 1024 * 1024), "512 GiB");
  EXPECT_EQ(format_bytes(1.5 * 1024 * 1024 * 1024 * 1024), "1.50 TiB");
  EXPECT_EQ(format_bytes(-2048), "-2.00 KiB");  // a table that shrank
}

TEST(Units, DurationsInDaysHoursMinutesSeconds) {
  EXPECT_EQ(format_duration(0.05), "0.05 s");
  EXPECT_EQ(format_duration(9.5), "9.50 s");
  EXPECT_EQ(format_duration(42.4), "42 s");
  EXPECT_EQ(format_duration(369), "6m 9s");  // the uptime the issue saw as "369.00 s"
  EXPECT_EQ(format_duration(59.7), "1m 0s");
  EXPECT_EQ(format_duration(3 * 3600 + 2 * 60 + 5), "3h 2m");
  EXPECT_EQ(format_duration(4 * 86400 + 3 * 3600 + 59 * 60), "4d 3h");
}

TEST(Units, CountsHaveTheRightNumber) {
  EXPECT_EQ(count_of(1, "database"), "1 database");
  EXPECT_EQ(count_of(2, "database"), "2 databases");
  EXPECT_EQ(count_of(0, "table"), "0 tables");
  EXPECT_EQ(count_of(1, "key", "keys"), "1 key");
  EXPECT_EQ(count_of(3, "entry", "entries"), "3 entries");
}

}  // namespace
}  // namespace luckyhub
