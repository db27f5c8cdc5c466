#include "collect/query_mask.h"
#include "collect/metric_source.h"

#include <gtest/gtest.h>

namespace luckyhub::collect {
namespace {

TEST(QueryMask, ReplacesStringAndNumberLiterals) {
  EXPECT_EQ(mask_query("SELECT * FROM t WHERE phone = '555-1234' AND id IN (1, 2)", 200),
            "SELECT * FROM t WHERE phone = ? AND id IN (?, ?)");
  EXPECT_EQ(mask_query("UPDATE t_user SET name=\"O\\\"Brien\", score = 3.5e2 WHERE id=0x1F", 200),
            "UPDATE t_user SET name=?, score = ? WHERE id=?");
  EXPECT_EQ(mask_query("SELECT 'it''s' FROM dual", 200), "SELECT ? FROM dual");
}

TEST(QueryMask, KeepsIdentifiersWithDigitsAndQuotedNames) {
  EXPECT_EQ(mask_query("SELECT c1 FROM t_order2 JOIN `tbl 9` ON x2 = 7", 200),
            "SELECT c1 FROM t_order2 JOIN `tbl 9` ON x2 = ?");
}

TEST(QueryMask, CollapsesWhitespaceAndTruncates) {
  EXPECT_EQ(mask_query("  SELECT\n\t a\n  FROM   t  ", 200), "SELECT a FROM t");
  const std::string cut = mask_query("SELECT aaaaaaaaaa, bbbbbbbbbb, cccccccccc FROM t WHERE x = 'secret'", 20);
  EXPECT_EQ(cut, "SELECT aaaaaaaaaa, b...");
  EXPECT_EQ(mask_query("", 10), "");
}

TEST(QueryMask, UnterminatedLiteralLeaksNothing) {
  EXPECT_EQ(mask_query("SELECT * FROM t WHERE card = '4111 1111", 200), "SELECT * FROM t WHERE card = ?");
}

TEST(IntegerTypeMax, KnowsTheIntegerTypes) {
  EXPECT_EQ(integer_type_max("int(11)"), 2147483647.0);
  EXPECT_EQ(integer_type_max("int(10) unsigned"), 4294967295.0);
  EXPECT_EQ(integer_type_max("tinyint(4)"), 127.0);
  EXPECT_EQ(integer_type_max("smallint unsigned"), 65535.0);
  EXPECT_EQ(integer_type_max("mediumint(9)"), 8388607.0);
  EXPECT_DOUBLE_EQ(integer_type_max("bigint(20) unsigned"), 18446744073709551615.0);
  EXPECT_EQ(integer_type_max("varchar(32)"), 0.0);
}

}  // namespace
}  // namespace luckyhub::collect
