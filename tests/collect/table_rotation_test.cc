#include "collect/table_rotation.h"

#include <gtest/gtest.h>

#include <random>

#include "collect/innodb_statistics.h"

namespace luckyhub::collect {
namespace {

TEST(TableRotation, ReadsEveryTableWithinCyclesWhenNoneIsCurrent) {
  const std::vector<bool> current(10, false);
  std::vector<int> reads(10, 0);
  size_t start = 0;
  for (int cycle = 0; cycle < 4; ++cycle) {
    const RotationStep step = rotate(current, start, 4);
    EXPECT_EQ(step.read.size(), 3u);  // ceil(10 / 4)
    for (const size_t i : step.read) reads[i] += 1;
    start = step.next_start;
  }
  // 12 reads: every table once, the first two a second time.
  EXPECT_EQ(reads, (std::vector<int>{2, 2, 1, 1, 1, 1, 1, 1, 1, 1}));
}

TEST(TableRotation, SkipsCurrentTablesWithoutCountingThem) {
  // Tables 0-3 are current: the slice of 2 is tables 4 and 5, and the
  // cursor has passed all six.
  const RotationStep step = rotate({true, true, true, true, false, false, false, false}, 0, 4);
  EXPECT_EQ(step.read, (std::vector<size_t>{4, 5}));
  EXPECT_EQ(step.next_start, 6u);
  // All current: nothing read, the cursor back where it started.
  const RotationStep none = rotate({true, true, true}, 1, 2);
  EXPECT_TRUE(none.read.empty());
  EXPECT_EQ(none.next_start, 1u);
}

TEST(TableRotation, WrapsAroundTheEnd) {
  const RotationStep step = rotate(std::vector<bool>(5, false), 4, 2);  // slice 3
  EXPECT_EQ(step.read, (std::vector<size_t>{4, 0, 1}));
  EXPECT_EQ(step.next_start, 2u);
}

// The promise: whatever is current when, no table goes more than `cycles`
// cycles without being current or read.
TEST(TableRotation, NoTableWaitsLongerThanTheBound) {
  constexpr size_t kTables = 37, kCycles = 6;
  std::mt19937 random(7);
  std::bernoulli_distribution in_cache(0.4);
  std::vector<int> last_fresh(kTables, -1);
  size_t start = 0;
  for (int cycle = 0; cycle < 200; ++cycle) {
    std::vector<bool> current(kTables);
    for (size_t i = 0; i < kTables; ++i) current[i] = in_cache(random);
    const RotationStep step = rotate(current, start, kCycles);
    std::vector<bool> fresh = current;
    for (const size_t i : step.read) {
      EXPECT_FALSE(current[i]) << "a current table is read again";
      fresh[i] = true;
    }
    for (size_t i = 0; i < kTables; ++i) {
      if (fresh[i]) last_fresh[i] = cycle;
      EXPECT_LT(cycle - last_fresh[i], static_cast<int>(kCycles)) << "table " << i << " at cycle " << cycle;
    }
    start = step.next_start;
  }
}

// The names as MariaDB 10.11's INNODB_SYS_TABLESTATS shows them (read from
// a server: `sem/t@002d1` for the table sem.`t-1`).
TEST(InnodbDictionaryName, EncodesAsciiPunctuationAndRefusesTheRest) {
  EXPECT_EQ(innodb_dictionary_name({"many_tables", "t_1"}), "many_tables/t_1");
  EXPECT_EQ(innodb_dictionary_name({"sem", "t-1"}), "sem/t@002d1");
  EXPECT_EQ(innodb_dictionary_name({"sem", "t$d"}), "sem/t@0024d");
  EXPECT_EQ(innodb_dictionary_name({"my-db", "T9"}), "my@002ddb/T9");
  EXPECT_EQ(innodb_dictionary_name({"sem", "Tab_\xc3\x9c"}), "");  // Ü: MariaDB writes "Tab_@1O"
}

}  // namespace
}  // namespace luckyhub::collect
