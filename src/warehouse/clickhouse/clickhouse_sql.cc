#include "warehouse/clickhouse/clickhouse_sql.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/error.h"

namespace luckyhub::clickhouse {
namespace {

// The escapes ClickHouse reads in both string literals and TabSeparated fields;
// `quote` is escaped too (a NUL quote: none, as in TabSeparated).
void append_escaped(std::string& out, std::string_view text, char quote) {
  for (const char c : text) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case '\0': out += "\\0"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c == quote) out += '\\';
        out += c;
    }
  }
}

std::string unescape_tsv(std::string_view field) {
  if (field.find('\\') == std::string_view::npos) return std::string(field);
  std::string out;
  out.reserve(field.size());
  for (size_t i = 0; i < field.size(); ++i) {
    if (field[i] != '\\' || i + 1 == field.size()) {
      out += field[i];
      continue;
    }
    const char c = field[++i];
    switch (c) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case '0': out += '\0'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      default: out += c;  // \\, \', and any other escaped character as itself
    }
  }
  return out;
}

// `out` is cleared and refilled, so one vector serves every line.
void split_fields(std::string_view line, std::vector<std::string_view>& out) {
  out.clear();
  size_t start = 0;
  for (;;) {
    const size_t tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
    if (tab == std::string_view::npos) return;
    start = tab + 1;
  }
}

enum class CellKind { kInt, kDouble, kText };

CellKind kind_of(std::string_view type) {
  if (type.starts_with("Nullable(")) type = type.substr(9, type.size() - 10);
  if (type.starts_with("LowCardinality(")) type = type.substr(15, type.size() - 16);
  if (type.starts_with("Int") || type.starts_with("UInt")) return CellKind::kInt;
  if (type.starts_with("Float")) return CellKind::kDouble;
  return CellKind::kText;
}

SqlValue cell(std::string_view field, CellKind kind) {
  if (field == "\\N") return std::monostate{};
  switch (kind) {
    case CellKind::kInt: {
      int64_t value = 0;
      std::from_chars(field.data(), field.data() + field.size(), value);
      return value;
    }
    case CellKind::kDouble: {
      if (field == "nan" || field == "-nan") return std::nan("");
      if (field == "inf" || field == "+inf") return HUGE_VAL;
      if (field == "-inf") return -HUGE_VAL;
      return std::strtod(std::string(field).c_str(), nullptr);
    }
    case CellKind::kText: return unescape_tsv(field);
  }
  return std::monostate{};
}

}  // namespace

std::string quote_string(std::string_view text) {
  std::string out = "'";
  out.reserve(text.size() + 2);
  append_escaped(out, text, '\'');
  return out + "'";
}

std::string literal(const SqlValue& value) {
  if (std::holds_alternative<std::monostate>(value)) return "NULL";
  if (const auto* i = std::get_if<int64_t>(&value)) {
    // The most negative Int64 has no positive literal to negate.
    if (*i == INT64_MIN) return "toInt64('-9223372036854775808')";
    return std::to_string(*i);
  }
  if (const auto* d = std::get_if<double>(&value)) {
    if (!std::isfinite(*d)) throw Error("cannot bind a non-finite number to a ClickHouse query");
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", *d);
    std::string text = buf;
    // A literal with a point or exponent is Float64, never an integer type.
    if (text.find_first_of(".e") == std::string::npos) text += ".0";
    return "toFloat64(" + text + ")";
  }
  return quote_string(std::get<std::string>(value));
}

std::string bind(std::string_view sql, const std::vector<SqlValue>& params) {
  std::string out;
  out.reserve(sql.size() + 32 * params.size());
  size_t next = 0;
  for (size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (c == '\'' || c == '"' || c == '`') {  // a quoted literal or identifier, copied as is
      size_t j = i + 1;
      for (; j < sql.size(); ++j) {
        if (sql[j] == '\\') ++j;
        else if (sql[j] == c) {
          if (j + 1 < sql.size() && sql[j + 1] == c) ++j;  // a doubled quote
          else break;
        }
      }
      if (j >= sql.size()) throw Error("unterminated quote in SQL: " + std::string(sql.substr(i, 40)));
      out.append(sql.substr(i, j - i + 1));
      i = j;
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      const size_t end = sql.find('\n', i);
      const size_t stop = end == std::string_view::npos ? sql.size() : end;
      out.append(sql.substr(i, stop - i));
      i = stop - 1;
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      const size_t end = sql.find("*/", i + 2);
      if (end == std::string_view::npos) throw Error("unterminated comment in SQL");
      out.append(sql.substr(i, end + 2 - i));
      i = end + 1;
    } else if (c == '?') {
      if (next >= params.size()) {
        throw Error("SQL has more '?' placeholders than the " + std::to_string(params.size()) + " parameters given");
      }
      out += literal(params[next++]);
    } else {
      out += c;
    }
  }
  if (next != params.size()) {
    throw Error("SQL has " + std::to_string(next) + " '?' placeholders but " + std::to_string(params.size()) +
                " parameters were given");
  }
  return out;
}

void require_identifier(std::string_view name, std::string_view what) {
  bool ok = !name.empty() && name.size() <= 64 && !(name[0] >= '0' && name[0] <= '9');
  for (const char c : name) {
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_');
  }
  if (!ok) {
    throw Error(std::string(what) + " name '" + std::string(name.substr(0, 80)) +
                "' is not a plain identifier (letters, digits and '_', not starting with a digit)");
  }
}

void append_tsv_field(std::string& out, std::string_view text) { append_escaped(out, text, '\0'); }

void TsvResultParser::feed(std::string_view piece) {
  if (!partial_.empty()) {  // the line cut at the end of the last piece
    const size_t end = piece.find('\n');
    if (end == std::string_view::npos) {
      partial_.append(piece);
      return;
    }
    partial_.append(piece.substr(0, end));
    line(partial_);
    partial_.clear();
    piece.remove_prefix(end + 1);
  }
  for (size_t end; (end = piece.find('\n')) != std::string_view::npos; piece.remove_prefix(end + 1)) {
    line(piece.substr(0, end));
  }
  partial_.assign(piece);
}

ResultSet TsvResultParser::finish() {
  if (!partial_.empty()) line(partial_);
  partial_.clear();
  return std::move(result_);
}

void TsvResultParser::line(std::string_view text) {
  split_fields(text, fields_);
  if (line_no_ == 0) {
    for (const std::string_view f : fields_) result_.columns.push_back(unescape_tsv(f));
  } else if (line_no_ == 1) {
    if (fields_.size() != result_.columns.size()) {
      throw Error("ClickHouse result has " + std::to_string(result_.columns.size()) + " column names but " +
                  std::to_string(fields_.size()) + " types");
    }
    for (const std::string_view f : fields_) kinds_.push_back(static_cast<int>(kind_of(unescape_tsv(f))));
  } else {
    if (fields_.size() != kinds_.size()) {
      throw Error("ClickHouse result row " + std::to_string(line_no_ - 1) + " has " + std::to_string(fields_.size()) +
                  " fields, expected " + std::to_string(kinds_.size()));
    }
    std::vector<SqlValue>& row = result_.rows.emplace_back();
    row.reserve(fields_.size());
    for (size_t c = 0; c < fields_.size(); ++c) row.push_back(cell(fields_[c], static_cast<CellKind>(kinds_[c])));
  }
  ++line_no_;
}

ResultSet parse_tsv_with_names_and_types(std::string_view body) {
  TsvResultParser parser;
  parser.feed(body);
  return parser.finish();
}

}  // namespace luckyhub::clickhouse
