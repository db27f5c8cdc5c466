// A result is read by column name: a read means the same whatever the order
// of the SELECT's columns, and a name the SELECT does not have fails loudly,
// naming it and the columns there are, instead of reading another column.
#include "core/sql_result.h"

#include <gtest/gtest.h>

#include <limits>

#include "core/error.h"
#include "support/tiny_warehouse.h"

namespace luckyhub {
namespace {

// What "SELECT channel_id, SUM(fee) AS fee_cents, month ..." gives.
ResultSet fees_per_channel() {
  ResultSet r;
  r.columns = {"channel_id", "fee_cents", "month"};
  r.rows = {{int64_t{53}, int64_t{120}, std::string("2026-01")},
            {int64_t{3}, std::monostate{}, std::string("2026-02")}};
  return r;
}

// The Error a read throws, or "" when it throws none.
template <typename Read>
std::string error_of(Read read) {
  try {
    read();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(Row, ReadsEachCellByItsColumnName) {
  const ResultSet r = fees_per_channel();
  Cents total;
  for (const Row row : r) total += row.cents("fee_cents");
  EXPECT_EQ(total, Cents(120));  // NULL reads as 0
  EXPECT_EQ(r.row(0).integer("channel_id"), 53);
  EXPECT_DOUBLE_EQ(r.row(0).number("fee_cents"), 120.0);
  EXPECT_EQ(r.row(1).text("month"), "2026-02");
  EXPECT_TRUE(r.row(1).is_null("fee_cents"));
  EXPECT_FALSE(r.row(0).is_null("fee_cents"));
}

TEST(Row, AMisspeltColumnFailsNamingItAndTheResultsColumns) {
  const ResultSet r = fees_per_channel();
  const std::string expected =
      "query result has no column 'fees_cents' (its columns: channel_id, fee_cents, month)";
  EXPECT_EQ(error_of([&] { r.row(0).cents("fees_cents"); }), expected);
  EXPECT_EQ(error_of([&] { r.row(0).integer("fees_cents"); }), expected);
  EXPECT_EQ(error_of([&] { r.row(0).number("fees_cents"); }), expected);
  EXPECT_EQ(error_of([&] { r.row(0).text("fees_cents"); }), expected);
  EXPECT_EQ(error_of([&] { r.row(0).is_null("fees_cents"); }), expected);
  // Names resolved before do not hide a misspelt one, and a name is exact.
  EXPECT_EQ(r.row(1).integer("channel_id"), 3);
  EXPECT_NE(error_of([&] { r.row(1).integer("Channel_id"); }), "");
  EXPECT_NE(error_of([&] { r.row(1).integer("channel"); }), "");
}

// A warehouse names a result's columns as the SELECT does: a column by its
// own name (qualified or not), an expression by its AS.
TEST(Row, AWarehouseResultIsNamedAsItsSelectNamesIt) {
  testing::TinyWarehouse tiny("2026-01-01", "2026-02-01");
  tiny.add("luckyus_sales_payment", "t_trade",
           {{"id", int64_t{7}}, {"channel_id", int64_t{53}}, {"amount", int64_t{449}}});
  tiny.add("luckyus_sales_payment", "t_trade",
           {{"id", int64_t{8}}, {"channel_id", int64_t{53}}, {"amount", int64_t{551}}});
  auto wh = tiny.open();
  const ResultSet r = wh->query(
      "SELECT t.channel_id, COUNT(*) AS trades, SUM(t.amount) AS revenue_cents"
      " FROM sales_payment__t_trade t GROUP BY t.channel_id");
  ASSERT_EQ(r.size(), 1u);
  const Row row = r.row(0);
  EXPECT_EQ(row.integer("channel_id"), 53);
  EXPECT_EQ(row.integer("trades"), 2);
  EXPECT_EQ(row.cents("revenue_cents"), Cents(1000));
  EXPECT_EQ(
      error_of([&] { row.cents("revenue"); }),
      "query result has no column 'revenue' (its columns: channel_id, trades, revenue_cents)");
}

// Found by fuzz/clickhouse_tsv.cc (fuzz/corpus/clickhouse_tsv/crash-5694…): a
// double beyond int64_t read as an integer was a cast with undefined
// behaviour; it is the nearest end of the range, NaN is 0.
TEST(SqlValue, ADoubleBeyondInt64ReadsAsTheNearestEnd) {
  EXPECT_EQ(sql_int(SqlValue{1e300}), std::numeric_limits<int64_t>::max());
  EXPECT_EQ(sql_int(SqlValue{9223372036854775808.0}), std::numeric_limits<int64_t>::max());
  EXPECT_EQ(sql_int(SqlValue{-1e300}), std::numeric_limits<int64_t>::min());
  EXPECT_EQ(sql_int(SqlValue{std::numeric_limits<double>::infinity()}), std::numeric_limits<int64_t>::max());
  EXPECT_EQ(sql_int(SqlValue{std::numeric_limits<double>::quiet_NaN()}), 0);
  EXPECT_EQ(sql_int(SqlValue{-2.9}), -2);
  EXPECT_EQ(sql_int(SqlValue{9007199254740992.0}), 9007199254740992);
}

}  // namespace
}  // namespace luckyhub
