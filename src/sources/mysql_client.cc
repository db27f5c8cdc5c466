#include "sources/mysql_client.h"

#include <cstdlib>
#include <cstring>

#include "core/error.h"
#include "sources/auth_error.h"

namespace luckyhub {
namespace {

// The in-memory "file" LOAD DATA LOCAL reads through the connector's
// local-infile callbacks.
struct InfileCursor {
  std::string_view data;
  size_t offset = 0;
};

int infile_init(void** state, const char*, void* userdata) {
  *state = userdata;
  return 0;
}

int infile_read(void* state, char* buffer, unsigned int size) {
  auto* cursor = static_cast<InfileCursor*>(state);
  const size_t n = std::min<size_t>(size, cursor->data.size() - cursor->offset);
  std::memcpy(buffer, cursor->data.data() + cursor->offset, n);
  cursor->offset += n;
  return static_cast<int>(n);
}

void infile_end(void*) {}

int infile_error(void*, char* message, unsigned int size) {
  std::snprintf(message, size, "in-memory load failed");
  return 2000;  // CR_UNKNOWN_ERROR
}

}  // namespace

MysqlConnection::MysqlConnection(const Instance& instance, const Credentials& account,
                                 MysqlTimeouts timeouts)
    : label_(instance.label()) {
  mysql_ = mysql_init(nullptr);
  if (mysql_ == nullptr) throw Error("mysql " + label_ + ": out of memory");
  const unsigned connect_s = timeouts.connect_s, read_s = timeouts.read_s, write_s = timeouts.write_s;
  const unsigned local_infile = 1;
  mysql_optionsv(mysql_, MYSQL_OPT_CONNECT_TIMEOUT, &connect_s);
  mysql_optionsv(mysql_, MYSQL_OPT_READ_TIMEOUT, &read_s);
  mysql_optionsv(mysql_, MYSQL_OPT_WRITE_TIMEOUT, &write_s);
  mysql_optionsv(mysql_, MYSQL_OPT_LOCAL_INFILE, &local_infile);
  mysql_optionsv(mysql_, MYSQL_SET_CHARSET_NAME, "utf8mb4");
  if (mysql_real_connect(mysql_, instance.host.c_str(), account.user.c_str(),
                         account.password.value().c_str(), nullptr,
                         static_cast<unsigned>(instance.port), nullptr,
                         CLIENT_MULTI_STATEMENTS) == nullptr) {
    const std::string reason = mysql_error(mysql_);
    const unsigned code = mysql_errno(mysql_);
    mysql_close(mysql_);
    mysql_ = nullptr;
    const std::string message = "mysql " + label_ + ": cannot connect as " + account.user + ": " + reason;
    // ER_ACCESS_DENIED_ERROR, ER_ACCESS_DENIED_NO_PASSWORD_ERROR: the server refused the login.
    if (code == 1045 || code == 1698) throw AuthError(message);
    throw Error(message);
  }
  // Sources store UTC; a server-side long-running read must not be cut off
  // while the reader is busy writing the warehouse.
  run("SET time_zone = '+00:00', net_write_timeout = 600, net_read_timeout = 600");
}

int MysqlConnection::socket() const { return mysql_ != nullptr ? static_cast<int>(mysql_get_socket(mysql_)) : -1; }

MysqlConnection::~MysqlConnection() {
  if (mysql_ != nullptr) mysql_close(mysql_);
}

void MysqlConnection::fail(const std::string& doing) {
  last_errno_ = mysql_errno(mysql_);
  throw Error("mysql " + label_ + ": " + doing + ": " + mysql_error(mysql_));
}

void MysqlConnection::run(std::string_view sql) {
  last_errno_ = 0;
  if (mysql_real_query(mysql_, sql.data(), static_cast<unsigned long>(sql.size())) != 0) {
    // The statement's first word says what failed; values are never echoed
    // (the server's message names the table or the problem).
    // (Leading blanks skipped: a statement starting with a newline has a
    // first word too, not an empty slot.)
    const size_t start = std::min(sql.find_first_not_of(" \t\r\n"), sql.size());
    const std::string_view word = sql.substr(start, std::min<size_t>(sql.find_first_of(" \t\r\n", start), start + 20) - start);
    fail(word.empty() ? std::string("query") : std::string(word));
  }
}

void MysqlConnection::execute(std::string_view sql, const std::vector<SqlValue>& params) {
  run(params.empty() ? std::string(sql) : bind(sql, params));
  // Drain every result of a multi-statement text, so the next call starts clean.
  for (;;) {
    if (MYSQL_RES* r = mysql_store_result(mysql_)) mysql_free_result(r);
    const int more = mysql_next_result(mysql_);
    if (more > 0) fail("statement failed");
    if (more < 0) break;
  }
}

namespace {

SqlValue typed_cell(const MYSQL_FIELD& field, const char* text, unsigned long length) {
  std::string value(text, length);
  switch (field.type) {
    case MYSQL_TYPE_TINY:
    case MYSQL_TYPE_SHORT:
    case MYSQL_TYPE_INT24:
    case MYSQL_TYPE_LONG:
    case MYSQL_TYPE_LONGLONG:
      return static_cast<int64_t>(std::strtoll(value.c_str(), nullptr, 10));
    case MYSQL_TYPE_NEWDECIMAL:
    case MYSQL_TYPE_DECIMAL:
      if (field.decimals == 0 && length <= 18) return static_cast<int64_t>(std::strtoll(value.c_str(), nullptr, 10));
      return value;
    case MYSQL_TYPE_DOUBLE:
    case MYSQL_TYPE_FLOAT:
      return std::strtod(value.c_str(), nullptr);
    default:
      return value;
  }
}

}  // namespace

ResultSet MysqlConnection::query(std::string_view sql, const std::vector<SqlValue>& params, bool typed) {
  run(params.empty() ? std::string(sql) : bind(sql, params));
  MYSQL_RES* r = mysql_store_result(mysql_);
  if (r == nullptr) {
    if (mysql_errno(mysql_) != 0) fail("reading result");
    return {};
  }
  ResultSet out;
  const unsigned n = mysql_num_fields(r);
  MYSQL_FIELD* fields = mysql_fetch_fields(r);
  for (unsigned i = 0; i < n; ++i) out.columns.emplace_back(fields[i].name);
  while (MYSQL_ROW row = mysql_fetch_row(r)) {
    const unsigned long* lengths = mysql_fetch_lengths(r);
    std::vector<SqlValue> values(n);
    for (unsigned i = 0; i < n; ++i) {
      if (row[i] != nullptr) values[i] = typed ? typed_cell(fields[i], row[i], lengths[i]) : std::string(row[i], lengths[i]);
    }
    out.rows.push_back(std::move(values));
  }
  mysql_free_result(r);
  return out;
}

MysqlConnection::Stream MysqlConnection::stream(std::string_view sql, const std::vector<SqlValue>& params) {
  run(params.empty() ? std::string(sql) : bind(sql, params));
  MYSQL_RES* r = mysql_use_result(mysql_);
  if (r == nullptr) fail("reading rows");
  return Stream(*this, r);
}

MysqlConnection::Stream::Stream(MysqlConnection& owner, MYSQL_RES* result)
    : owner_(&owner), result_(result), columns_(static_cast<int>(mysql_num_fields(result))) {}

MysqlConnection::Stream::Stream(Stream&& other) noexcept
    : owner_(other.owner_), result_(other.result_), columns_(other.columns_) {
  other.result_ = nullptr;
}

MysqlConnection::Stream::~Stream() {
  // Frees the result; with use_result this reads (and drops) unread rows.
  if (result_ != nullptr) mysql_free_result(result_);
}

bool MysqlConnection::Stream::next() {
  row_ = mysql_fetch_row(result_);
  if (row_ == nullptr) {
    if (mysql_errno(owner_->mysql_) != 0) owner_->fail("reading rows");
    return false;
  }
  lengths_ = mysql_fetch_lengths(result_);
  return true;
}

void MysqlConnection::load_data(std::string_view statement, std::string_view data,
                                const std::string& table) {
  InfileCursor cursor{data};
  mysql_set_local_infile_handler(mysql_, infile_init, infile_read, infile_end, infile_error, &cursor);
  run(statement);
  const unsigned warnings = mysql_warning_count(mysql_);
  if (warnings > 0) {
    // LOAD DATA turns bad values into warnings and changed data; loading is
    // exact or it fails.
    const ResultSet w = query("SHOW WARNINGS LIMIT 1");
    throw Error("mysql " + label_ + ": loading " + table + ": " +
                (w.empty() ? std::to_string(warnings) + " warnings" : w.text_at(0, 2)));
  }
}

std::string MysqlConnection::bind(std::string_view sql, const std::vector<SqlValue>& params) {
  std::string out;
  size_t next = 0;
  char quote = 0;
  for (char c : sql) {
    if (quote != 0) {
      if (c == quote) quote = 0;
      out.push_back(c);
    } else if (c == '\'' || c == '"' || c == '`') {
      quote = c;
      out.push_back(c);
    } else if (c == '?') {
      if (next >= params.size()) throw Error("internal error: too few values for the SQL's placeholders");
      const SqlValue& v = params[next++];
      if (const auto* i = std::get_if<int64_t>(&v)) {
        out += std::to_string(*i);
      } else if (const auto* d = std::get_if<double>(&v)) {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%.17g", *d);
        out += buffer;
      } else if (const auto* s = std::get_if<std::string>(&v)) {
        std::string escaped(s->size() * 2 + 1, '\0');
        escaped.resize(mysql_real_escape_string(mysql_, escaped.data(), s->data(),
                                                static_cast<unsigned long>(s->size())));
        out += "'" + escaped + "'";
      } else {
        out += "NULL";
      }
    } else {
      out.push_back(c);
    }
  }
  if (next != params.size()) throw Error("internal error: too many values for the SQL's placeholders");
  return out;
}

std::string MysqlConnection::quote_identifier(std::string_view name) {
  bool ok = !name.empty() && name.size() <= 64;
  for (char c : name) {
    ok = ok && (std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_');
  }
  if (!ok) throw Error("'" + std::string(name) + "' is not a valid MySQL identifier");
  return "`" + std::string(name) + "`";
}

}  // namespace luckyhub
