#include "warehouse/schema.h"

#include <algorithm>
#include <cctype>
#include <sstream>

#include "core/error.h"

namespace luckyhub {
namespace {

std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool is_identifier(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) ||
          c == '_')) {
      return false;
    }
  }
  return true;
}

// Splits "(a, b)" into {"a", "b"}.
std::vector<std::string> parse_column_list(std::string_view text, const std::string& where) {
  const size_t open = text.find('(');
  const size_t close = text.rfind(')');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open) {
    throw Error(where + ": expected a column list in parentheses");
  }
  std::vector<std::string> columns;
  std::stringstream list(std::string(text.substr(open + 1, close - open - 1)));
  std::string item;
  while (std::getline(list, item, ',')) {
    std::string name = trim(item);
    if (!is_identifier(name)) throw Error(where + ": bad column name '" + name + "'");
    columns.push_back(name);
  }
  return columns;
}

// The text of a COMMENT '…' clause, or "".
std::string comment_of(std::string_view line) {
  const size_t at = line.find("COMMENT");
  if (at == std::string_view::npos) return "";
  const size_t open = line.find('\'', at);
  const size_t close = line.rfind('\'');
  if (open == std::string_view::npos || close <= open) return "";
  return std::string(line.substr(open + 1, close - open - 1));
}

ColumnDef parse_column(const std::string& line, const std::string& where) {
  std::istringstream words(line);
  ColumnDef column;
  std::string type;
  words >> column.name >> type;
  if (!is_identifier(column.name)) throw Error(where + ": bad column name '" + column.name + "'");
  column.mysql_type = type;
  const std::string base = type.substr(0, type.find('('));
  if (base == "TINYINT" || base == "SMALLINT" || base == "INT" || base == "BIGINT") {
    column.type = ColumnType::kInt;
  } else if (base == "DECIMAL") {
    column.type = ColumnType::kDecimal;
    const size_t comma = type.find(',');
    if (comma == std::string::npos) throw Error(where + ": DECIMAL needs (precision,scale)");
    column.scale = std::stoi(type.substr(comma + 1));
  } else if (base == "VARCHAR" || base == "CHAR" || base == "TEXT") {
    column.type = ColumnType::kText;
  } else if (base == "JSON") {
    column.type = ColumnType::kJson;
  } else if (base == "DATE") {
    column.type = ColumnType::kDate;
  } else if (base == "DATETIME") {
    column.type = ColumnType::kDateTime;
  } else if (base == "DOUBLE") {
    column.type = ColumnType::kDouble;
  } else {
    throw Error(where + ": unsupported column type '" + type + "'");
  }
  const std::string before_comment = line.substr(0, line.find("COMMENT"));
  if (before_comment.find(" UNSIGNED") != std::string::npos) column.mysql_type += " UNSIGNED";
  column.nullable = before_comment.find("NOT NULL") == std::string::npos;
  column.auto_increment = before_comment.find("AUTO_INCREMENT") != std::string::npos;
  column.comment = comment_of(line);
  return column;
}

void parse_file(const SchemaFile& file, std::vector<TableDef>& out) {
  std::istringstream in(file.sql);
  std::string raw;
  int line_no = 0;
  TableDef* table = nullptr;
  while (std::getline(in, raw)) {
    ++line_no;
    const std::string where = "schema/" + file.database + ".sql:" + std::to_string(line_no);
    std::string line = trim(raw);
    if (line.empty() || starts_with(line, "--")) continue;
    if (table == nullptr) {
      if (starts_with(line, "CREATE TABLE ")) {
        std::string name = trim(line.substr(13));
        if (name.empty() || name.back() != '(') throw Error(where + ": expected 'CREATE TABLE name ('");
        name = trim(name.substr(0, name.size() - 1));
        if (!is_identifier(name)) throw Error(where + ": bad table name '" + name + "'");
        out.push_back(TableDef{file.database, name, "", {}, {}, {}});
        table = &out.back();
      }
      continue;  // CREATE DATABASE, USE and other statements carry no columns
    }
    if (starts_with(line, ")")) {
      table->comment = comment_of(line);
      if (table->columns.empty()) throw Error(where + ": table " + table->name + " has no columns");
      table = nullptr;
      continue;
    }
    if (!line.empty() && line.back() == ',') line.pop_back();
    if (starts_with(line, "PRIMARY KEY")) {
      table->primary_key = parse_column_list(line, where);
    } else if (starts_with(line, "UNIQUE KEY ") || starts_with(line, "KEY ") ||
               starts_with(line, "INDEX ")) {
      IndexDef index;
      index.unique = starts_with(line, "UNIQUE");
      std::istringstream words(line.substr(index.unique ? 11 : line.find(' ') + 1));
      words >> index.name;
      index.columns = parse_column_list(line, where);
      index.comment = comment_of(line);
      table->indexes.push_back(index);
    } else {
      table->columns.push_back(parse_column(line, where));
    }
  }
  if (table != nullptr) throw Error("schema/" + file.database + ".sql: table " + table->name + " is not closed");
}

}  // namespace

bool IndexDef::in_warehouse() const {
  return !columns.empty() && columns[0] != "update_time" && !starts_with(comment, "oltp");
}

std::string TableDef::warehouse_name() const {
  std::string db = database;
  if (starts_with(db, "luckyus_")) db = db.substr(8);
  return db + "__" + name;
}

std::string TableDef::qualified_name() const { return database + "." + name; }

int TableDef::column_index(std::string_view column_name) const {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].name == column_name) return static_cast<int>(i);
  }
  throw Error("table " + qualified_name() + " has no column '" + std::string(column_name) + "'");
}

const ColumnDef& TableDef::column(std::string_view column_name) const {
  return columns[static_cast<size_t>(column_index(column_name))];
}

bool TableDef::has_column(std::string_view column_name) const {
  return std::any_of(columns.begin(), columns.end(),
                     [&](const ColumnDef& c) { return c.name == column_name; });
}

std::map<int64_t, std::string> code_meanings(const ColumnDef& column) {
  std::map<int64_t, std::string> codes;
  const std::string& text = column.comment;
  const size_t colon = text.find(':');
  std::stringstream list(text.substr(colon == std::string::npos ? 0 : colon + 1));
  std::string item;
  while (std::getline(list, item, ',')) {
    const std::string entry = trim(item);
    size_t digits = 0;
    if (!entry.empty() && entry[0] == '-') digits = 1;
    while (digits < entry.size() && std::isdigit(static_cast<unsigned char>(entry[digits]))) ++digits;
    if (digits == 0 || digits >= entry.size() || entry[digits] != ' ') continue;
    codes[std::stoll(entry.substr(0, digits))] = trim(entry.substr(digits + 1));
  }
  return codes;
}

SchemaCatalog SchemaCatalog::parse(const std::vector<SchemaFile>& files) {
  SchemaCatalog catalog;
  for (const SchemaFile& file : files) parse_file(file, catalog.tables_);
  return catalog;
}

const SchemaCatalog& SchemaCatalog::builtin() {
  static const SchemaCatalog catalog = parse(embedded_schema_files());
  return catalog;
}

std::vector<std::string> SchemaCatalog::databases() const {
  std::vector<std::string> names;
  for (const TableDef& t : tables_) {
    if (std::find(names.begin(), names.end(), t.database) == names.end()) names.push_back(t.database);
  }
  return names;
}

const TableDef* SchemaCatalog::find(std::string_view database, std::string_view name) const {
  for (const TableDef& t : tables_) {
    if (t.database == database && t.name == name) return &t;
  }
  return nullptr;
}

const TableDef& SchemaCatalog::table(std::string_view database, std::string_view name) const {
  const TableDef* t = find(database, name);
  if (t == nullptr) {
    throw Error("unknown table " + std::string(database) + "." + std::string(name));
  }
  return *t;
}

const TableDef* SchemaCatalog::find_by_warehouse_name(std::string_view warehouse_name) const {
  for (const TableDef& t : tables_) {
    if (t.warehouse_name() == warehouse_name) return &t;
  }
  return nullptr;
}

}  // namespace luckyhub
