// The values that cross every SQL boundary of luckyhub — a source server's
// result, a warehouse's, a statement's parameters — below both sources/ and
// warehouse/, which speak them.
//
// A result is read by column name:
//
//   for (const Row row : result) total += row.cents("fee");
//
// A name is resolved against the SELECT's column names once per query (the
// first read of it), and a name the SELECT does not have throws Error naming
// the column and the ones there are: a column added to or removed from a
// SELECT never shifts what another read means.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/money.h"

namespace luckyhub {

// A value bound to a '?' placeholder or read from a result cell.
using SqlValue = std::variant<std::monostate, int64_t, double, std::string>;

// One statement and its values.
struct Query {
  std::string sql;
  std::vector<SqlValue> params;
};

class ResultSet;

// One row of a ResultSet, read by column name. NULL reads as 0 / 0.0 / "";
// a text cell read as a number is converted. Valid while its ResultSet lives.
class Row {
 public:
  Row(const ResultSet& result, size_t index) : result_(&result), index_(index) {}
  size_t index() const { return index_; }
  bool is_null(std::string_view column) const;
  int64_t integer(std::string_view column) const;
  double number(std::string_view column) const;
  std::string text(std::string_view column) const;
  Cents cents(std::string_view column) const { return Cents(integer(column)); }

 private:
  const SqlValue& cell(std::string_view column) const;
  const ResultSet* result_;
  size_t index_;
};

// A materialised query result. Tools aggregate in SQL, so results are small.
class ResultSet {
 public:
  std::vector<std::string> columns;
  std::vector<std::vector<SqlValue>> rows;

  size_t size() const { return rows.size(); }
  bool empty() const { return rows.empty(); }
  Row row(size_t index) const { return Row(*this, index); }
  // The index of a column; throws Error naming it and the result's columns
  // when the SELECT has no such column. Resolved once per name.
  int column(std::string_view name) const;

  // By position: for engine code that builds or copies results whole (its
  // column order is its own SELECT's); tools read by name (Row).
  bool is_null(size_t row, int col) const;
  int64_t int_at(size_t row, int col) const;
  double double_at(size_t row, int col) const;
  std::string text_at(size_t row, int col) const;

  class Iterator {
   public:
    Iterator(const ResultSet& r, size_t i) : r_(&r), i_(i) {}
    Row operator*() const { return Row(*r_, i_); }
    Iterator& operator++() { ++i_; return *this; }
    bool operator!=(const Iterator& o) const { return i_ != o.i_; }
    bool operator==(const Iterator& o) const { return i_ == o.i_; }

   private:
    const ResultSet* r_;
    size_t i_;
  };
  Iterator begin() const { return Iterator(*this, 0); }
  Iterator end() const { return Iterator(*this, rows.size()); }

 private:
  // Names already resolved: a handful per query.
  mutable std::vector<std::pair<std::string, int>> resolved_;
};

// The cell's value as each type (the conversions of Row's readers).
int64_t sql_int(const SqlValue& value);
double sql_double(const SqlValue& value);
std::string sql_text(const SqlValue& value);

}  // namespace luckyhub
