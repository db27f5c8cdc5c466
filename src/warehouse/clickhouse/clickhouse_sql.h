// The text ClickHouse and luckyhub exchange: SQL literals, '?' placeholders
// bound into a statement, identifiers checked before they are spliced into
// DDL, and the TabSeparated format both ways (rows going in, results coming
// back with their names and types). Pure functions: no server needed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "warehouse/warehouse.h"

namespace luckyhub::clickhouse {

// A ClickHouse string literal of any bytes: quoted, with backslash, quote and
// control characters escaped, so that the server reads back exactly `text`.
std::string quote_string(std::string_view text);

// A literal of a bound value: NULL, an integer, a double (finite only: throws
// Error otherwise) or a quoted string.
std::string literal(const SqlValue& value);

// Replaces each '?' placeholder of `sql` with the literal of the matching
// parameter. Question marks inside string literals, quoted identifiers and
// comments are left alone. Throws Error when the counts differ.
std::string bind(std::string_view sql, const std::vector<SqlValue>& params);

// Throws Error unless `name` is a plain identifier ([A-Za-z_][A-Za-z0-9_]*,
// at most 64 characters); `what` names it in the message ("database").
void require_identifier(std::string_view name, std::string_view what);

// Appends `text` as one TabSeparated field (backslash escapes).
void append_tsv_field(std::string& out, std::string_view text);

// Parses a TabSeparatedWithNamesAndTypes result: names, then types, then rows.
// Integer types become int64, Float types double, \N NULL, the rest text.
ResultSet parse_tsv_with_names_and_types(std::string_view body);

// The same, as the result arrives, in pieces cut anywhere: only the line cut
// at the end of a piece is kept between pieces, so a large result never sits
// in memory twice (its text and its rows). Throws Error as the rows come.
class TsvResultParser {
 public:
  void feed(std::string_view piece);
  ResultSet finish();

 private:
  void line(std::string_view text);

  ResultSet result_;
  std::vector<int> kinds_;  // of the columns
  std::vector<std::string_view> fields_;
  std::string partial_;
  size_t line_no_ = 0;
};

}  // namespace luckyhub::clickhouse
