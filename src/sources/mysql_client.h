// A MySQL/MariaDB connection over MariaDB Connector/C (libmariadb), for
// reading sources (sync) and loading them (simulate --fleet).
//
// Errors are luckyhub::Error naming the instance ("db1 (127.0.0.1:3306)") and
// the server's reason; they never contain the password (the connector's own
// messages do not either: "using password: YES").
//
// Values go into SQL as '?' placeholders, replaced by escaped literals on the
// client (placeholders inside quoted literals are left alone). Identifiers are
// not values: quote_identifier() validates and quotes them.
//
// Not thread-safe: one connection per thread at a time. A Stream holds the
// connection until it is finished or destroyed; nothing else may run on the
// connection meanwhile.
#pragma once

#include <mariadb/mysql.h>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "sources/fleet.h"
#include "core/sql_result.h"

namespace luckyhub {

struct MysqlTimeouts {
  int connect_s = 5;
  int read_s = 600;  // a long scan's rows can come slowly while the reader writes
  int write_s = 600;
};

class MysqlConnection {
 public:
  // Connects to `instance` as `account`; throws Error when it cannot.
  MysqlConnection(const Instance& instance, const Credentials& account, MysqlTimeouts timeouts = {});
  ~MysqlConnection();
  MysqlConnection(const MysqlConnection&) = delete;
  MysqlConnection& operator=(const MysqlConnection&) = delete;

  const std::string& label() const { return label_; }
  // Runs statements that return no rows (several, ';'-separated, allowed).
  void execute(std::string_view sql, const std::vector<SqlValue>& params = {});
  // A small, fully read result; every cell is text or NULL — or, typed, as
  // the warehouse engines give it: integers (and DECIMALs without a fraction,
  // such as sums of integers) as int64_t, DOUBLE and FLOAT as double.
  ResultSet query(std::string_view sql, const std::vector<SqlValue>& params = {}, bool typed = false);
  // The connection's socket (-1 when none): a watchdog may shut it down to end
  // a read that takes too long (collect/deadline.h).
  int socket() const;
  // The server's error number of the last failed call (0 when none).
  unsigned last_errno() const { return last_errno_; }

  // Rows read one at a time from the server (mysql_use_result): memory stays
  // flat however large the result.
  class Stream {
   public:
    Stream(Stream&&) noexcept;
    ~Stream();
    // Advances to the next row; false at the end. Throws Error on a broken read.
    bool next();
    int columns() const { return columns_; }
    bool is_null(int col) const { return row_[col] == nullptr; }
    std::string_view text(int col) const { return {row_[col], lengths_[col]}; }

   private:
    friend class MysqlConnection;
    Stream(MysqlConnection& owner, MYSQL_RES* result);
    MysqlConnection* owner_;
    MYSQL_RES* result_;
    MYSQL_ROW row_ = nullptr;
    unsigned long* lengths_ = nullptr;
    int columns_ = 0;
  };
  Stream stream(std::string_view sql, const std::vector<SqlValue>& params = {});

  // LOAD DATA LOCAL INFILE from memory: `statement` is the full LOAD DATA
  // statement (its file name is ignored); `data` is what the file would hold;
  // `table` names the target in errors. A value the server had to change
  // (a warning) is an error: loading is exact or it fails.
  void load_data(std::string_view statement, std::string_view data, const std::string& table);

  // SQL with '?' replaced by escaped literals.
  std::string bind(std::string_view sql, const std::vector<SqlValue>& params);
  // `name` backquoted; throws Error unless it is a plain [a-z0-9_] identifier.
  static std::string quote_identifier(std::string_view name);

 private:
  [[noreturn]] void fail(const std::string& doing);
  void run(std::string_view sql);

  MYSQL* mysql_ = nullptr;
  std::string label_;
  unsigned last_errno_ = 0;
};

}  // namespace luckyhub
