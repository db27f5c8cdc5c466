#include "core/sql_result.h"

#include <cmath>
#include <cstdlib>
#include <limits>

#include "core/error.h"

namespace luckyhub {
namespace {

// A double as an integer, truncated toward zero; NaN as 0 and what is beyond
// int64_t's range as its nearest end (the bare cast is undefined there).
int64_t saturated_int(double d) {
  if (std::isnan(d)) return 0;
  if (d >= 9223372036854775808.0) return std::numeric_limits<int64_t>::max();
  if (d < -9223372036854775808.0) return std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(d);
}

}  // namespace

int64_t sql_int(const SqlValue& v) {
  if (const auto* i = std::get_if<int64_t>(&v)) return *i;
  if (const auto* d = std::get_if<double>(&v)) return saturated_int(*d);
  if (const auto* s = std::get_if<std::string>(&v)) return std::strtoll(s->c_str(), nullptr, 10);
  return 0;
}

double sql_double(const SqlValue& v) {
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* i = std::get_if<int64_t>(&v)) return static_cast<double>(*i);
  if (const auto* s = std::get_if<std::string>(&v)) return std::strtod(s->c_str(), nullptr);
  return 0.0;
}

std::string sql_text(const SqlValue& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* i = std::get_if<int64_t>(&v)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&v)) return std::to_string(*d);
  return "";
}

int ResultSet::column(std::string_view name) const {
  for (const auto& [seen, index] : resolved_) {
    if (seen == name) return index;
  }
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i] == name) {
      resolved_.emplace_back(name, static_cast<int>(i));
      return static_cast<int>(i);
    }
  }
  std::string have;
  for (const std::string& c : columns) have += (have.empty() ? "" : ", ") + c;
  throw Error("query result has no column '" + std::string(name) + "' (its columns: " + have + ")");
}

bool ResultSet::is_null(size_t row, int col) const {
  return std::holds_alternative<std::monostate>(rows.at(row).at(static_cast<size_t>(col)));
}
int64_t ResultSet::int_at(size_t row, int col) const { return sql_int(rows.at(row).at(static_cast<size_t>(col))); }
double ResultSet::double_at(size_t row, int col) const {
  return sql_double(rows.at(row).at(static_cast<size_t>(col)));
}
std::string ResultSet::text_at(size_t row, int col) const {
  return sql_text(rows.at(row).at(static_cast<size_t>(col)));
}

const SqlValue& Row::cell(std::string_view column) const {
  return result_->rows.at(index_).at(static_cast<size_t>(result_->column(column)));
}
bool Row::is_null(std::string_view column) const { return std::holds_alternative<std::monostate>(cell(column)); }
int64_t Row::integer(std::string_view column) const { return sql_int(cell(column)); }
double Row::number(std::string_view column) const { return sql_double(cell(column)); }
std::string Row::text(std::string_view column) const { return sql_text(cell(column)); }

}  // namespace luckyhub
