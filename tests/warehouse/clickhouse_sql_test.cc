// The ClickHouse backend's text handling without a server: literals,
// placeholders, identifiers, TabSeparated results, the location's parsing.
// (tests/clickhouse/ runs the same against real servers.)
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include <sys/stat.h>

#include "core/error.h"
#include "support/shared_sim.h"
#include "warehouse/clickhouse/clickhouse_location.h"
#include "warehouse/clickhouse/clickhouse_sql.h"

namespace luckyhub::clickhouse {
namespace {

TEST(ClickHouseSql, QuotesEveryByteThatCouldEndOrBendALiteral) {
  EXPECT_EQ(quote_string("it's"), R"('it\'s')");
  EXPECT_EQ(quote_string(R"(a\b)"), R"('a\\b')");
  EXPECT_EQ(quote_string(R"(\')"), R"('\\\'')");
  EXPECT_EQ(quote_string(std::string("a\0b\n\t", 5)), R"('a\0b\n\t')");
  EXPECT_EQ(quote_string("x'; DROP TABLE t; --"), R"('x\'; DROP TABLE t; --')");
}

TEST(ClickHouseSql, LiteralsKeepTheirTypes) {
  EXPECT_EQ(literal(SqlValue{}), "NULL");
  EXPECT_EQ(literal(SqlValue{int64_t{-42}}), "-42");
  EXPECT_EQ(literal(SqlValue{INT64_MIN}), "toInt64('-9223372036854775808')");
  EXPECT_EQ(literal(SqlValue{2.0}), "toFloat64(2.0)");
  EXPECT_EQ(literal(SqlValue{0.1}), "toFloat64(0.10000000000000001)");
  EXPECT_THROW(literal(SqlValue{1.0 / 0.0}), Error);
}

TEST(ClickHouseSql, BindsPlaceholdersOutsideQuotesAndComments) {
  EXPECT_EQ(bind("SELECT ?, '?', `a?`, \"b?\" -- ?\n, ? /* ? */", {int64_t{1}, std::string("x'?")}),
            "SELECT 1, '?', `a?`, \"b?\" -- ?\n, 'x\\'?' /* ? */");
  EXPECT_EQ(bind(R"(SELECT 'it\'s ?', ?)", {int64_t{7}}), R"(SELECT 'it\'s ?', 7)");
  EXPECT_EQ(bind("SELECT 'a''?', ?", {int64_t{7}}), "SELECT 'a''?', 7");
  // A bound string's own '?' is never taken for a placeholder.
  EXPECT_EQ(bind("SELECT ?, ?", {std::string("?"), int64_t{2}}), "SELECT '?', 2");
}

TEST(ClickHouseSql, PlaceholderCountMustMatch) {
  EXPECT_THROW(bind("SELECT ?, ?", {int64_t{1}}), Error);
  EXPECT_THROW(bind("SELECT ?", {int64_t{1}, int64_t{2}}), Error);
  EXPECT_THROW(bind("SELECT 'open", {}), Error);
}

TEST(ClickHouseSql, IdentifiersArePlain) {
  EXPECT_NO_THROW(require_identifier("luckyhub_2", "database"));
  for (const char* bad : {"", "1abc", "a-b", "a b", "a;DROP", "a.b", "`x`"}) {
    EXPECT_THROW(require_identifier(bad, "database"), Error) << bad;
  }
}

TEST(ClickHouseSql, ParsesTypedTabSeparatedResults) {
  const ResultSet r = parse_tsv_with_names_and_types(
      "n\tx\ts\tm\nUInt64\tNullable(Float64)\tString\tNullable(Int64)\n"
      "3\t0.5\ta\\tb\\\\c\\'\t\\N\n18446744073\t\\N\t\t-7\n");
  ASSERT_EQ(r.columns, (std::vector<std::string>{"n", "x", "s", "m"}));
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r.int_at(0, 0), 3);
  EXPECT_DOUBLE_EQ(r.double_at(0, 1), 0.5);
  EXPECT_EQ(r.text_at(0, 2), "a\tb\\c'");
  EXPECT_TRUE(r.is_null(0, 3));
  EXPECT_EQ(r.int_at(1, 0), 18446744073);
  EXPECT_TRUE(r.is_null(1, 1));
  EXPECT_EQ(r.text_at(1, 2), "");
  EXPECT_FALSE(r.is_null(1, 2));
  EXPECT_EQ(r.int_at(1, 3), -7);
  EXPECT_THROW(parse_tsv_with_names_and_types("a\nInt64\n1\t2\n"), Error);
}

// Found by fuzz/clickhouse_tsv.cc (fuzz/corpus/clickhouse_tsv/crash-4c32…):
// more names than types made rows shorter than the columns, and a read of the
// last column past its row.
TEST(ClickHouseSql, AsManyTypesAsNamesOrAnError) {
  EXPECT_THROW(parse_tsv_with_names_and_types("a\tb\tc\nInt64\tString\n1\tx\n"), Error);
  EXPECT_THROW(parse_tsv_with_names_and_types("a\nInt64\tString\n1\tx\n"), Error);
  EXPECT_EQ(parse_tsv_with_names_and_types("a\tb\nInt64\tString\n1\tx\n").size(), 1u);
}

// A result parsed as it arrives, cut at every possible place into two or
// three pieces, gives the rows of the whole; with a row consumer, the rows go
// to it in order and the result keeps none.
TEST(ClickHouseSql, ParsesAResultCutAnywhere) {
  const std::string body =
      "id\tname\nInt64\tNullable(String)\n1\ta\\tb\n22\t\\N\n333\tlast line without a newline";
  const ResultSet whole = parse_tsv_with_names_and_types(body);
  ASSERT_EQ(whole.size(), 3u);
  EXPECT_EQ(whole.text_at(0, 1), "a\tb");
  EXPECT_EQ(whole.text_at(2, 1), "last line without a newline");
  for (size_t cut = 0; cut <= body.size(); ++cut) {
    for (size_t second : {cut, (cut + body.size()) / 2}) {
      TsvResultParser parser;
      parser.feed(std::string_view(body).substr(0, cut));
      parser.feed(std::string_view(body).substr(cut, second - cut));
      parser.feed(std::string_view(body).substr(second));
      const ResultSet r = parser.finish();
      ASSERT_EQ(r.columns, whole.columns) << "cut at " << cut << ", " << second;
      ASSERT_EQ(r.rows, whole.rows) << "cut at " << cut << ", " << second;
    }
  }
}

TEST(ClickHouseSql, TabSeparatedFieldsEscapeControlCharacters) {
  std::string out;
  append_tsv_field(out, std::string("a\tb\nc\\d'", 8));
  EXPECT_EQ(out, "a\\tb\\nc\\\\d'");
}

TEST(ClickHouseLocation, ParsesUserHostPortDatabaseAndCluster) {
  const Location l = parse_location("clickhouse://reader@db.example:9123/wh?cluster=c2&shards=h1:8123,h2:8124");
  EXPECT_EQ(l.user, "reader");
  EXPECT_EQ(l.endpoint.host, "db.example");
  EXPECT_EQ(l.endpoint.port, 9123);
  EXPECT_EQ(l.database, "wh");
  EXPECT_EQ(l.cluster, "c2");
  ASSERT_EQ(l.shards.size(), 2u);
  EXPECT_EQ(l.shards[1].str(), "h2:8124");
  EXPECT_EQ(l.display(), "clickhouse://reader@db.example:9123/wh?cluster=c2");
  EXPECT_EQ(parse_location("clickhouse://u@h/d").endpoint.port, 8123);
}

TEST(ClickHouseLocation, RejectsMalformedLocationsWithoutEchoingAPassword) {
  try {
    parse_location("clickhouse://u:hunter2-secret@h:8123/d");
    FAIL() << "a password in the location must be refused";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()).find("hunter2-secret"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("LUCKYHUB_CLICKHOUSE_PASSWORD"), std::string::npos) << e.what();
  }
  for (const char* bad : {"clickhouse://h:8123/d", "clickhouse://u@h:port/d", "clickhouse://u@h:8123/d;x",
                          "clickhouse://u@h:8123/d?cluster=a'b", "clickhouse://u@h:8123/d?colour=red",
                          "clickhouse://u@h:8123/d?shards=h:1", "clickhouse://u@h:99999/d"}) {
    EXPECT_THROW(parse_location(bad), Error) << bad;
  }
}

TEST(ClickHouseLocation, PasswordComesFromTheEnvironmentOrAnOwnerOnlyFile) {
  ::setenv(kPasswordEnv, "from-env", 1);
  EXPECT_EQ(parse_location("clickhouse://u@h:1/d").password, "from-env");
  const std::string file = testing::temp_dir() + "/secret";
  std::ofstream(file) << "from-file\n";
  ::chmod(file.c_str(), 0644);
  EXPECT_THROW(parse_location("clickhouse://u@h:1/d?password_file=" + file), Error);
  ::chmod(file.c_str(), 0600);
  EXPECT_EQ(parse_location("clickhouse://u@h:1/d?password_file=" + file).password, "from-file");
  ::unsetenv(kPasswordEnv);
  EXPECT_EQ(parse_location("clickhouse://u@h:1/d").password, "");
}

}  // namespace
}  // namespace luckyhub::clickhouse
