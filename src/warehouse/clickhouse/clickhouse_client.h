// One keep-alive HTTP connection to one ClickHouse server, speaking its HTTP
// interface: statements in the request body, results as
// TabSeparatedWithNamesAndTypes, bulk inserts as TabSeparated bodies. The
// password goes in a Basic authorization header, never in a URL, a log line
// or a message. Every failure is an Error of one line that names the server
// (user@host:port) and ClickHouse's own reason.
//
// Settings sent with every request make ClickHouse's SQL mean what SQLite's
// does for the SQL the tools write: JOIN without ANY/ALL is ALL (every
// matching row), LEFT JOIN's missing right-hand values are NULL, and on a
// cluster a JOIN or IN over a Distributed table reads it whole (GLOBAL), so
// the answer does not depend on how rows are sharded.
//
// Not thread-safe: one client per thread.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "warehouse/clickhouse/clickhouse_location.h"
#include "warehouse/warehouse.h"

namespace httplib {
class Client;
}

namespace luckyhub::clickhouse {

class Client {
 public:
  // `database` is the default database of the statements ("" for none).
  Client(const Location& location, const Endpoint& endpoint, std::string database);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // Runs a statement that returns nothing (DDL, INSERT ... SELECT).
  void execute(std::string_view sql);
  // Runs a SELECT; '?' placeholders bound to params.
  ResultSet query(std::string_view sql, const std::vector<SqlValue>& params = {});
  // Inserts TabSeparated rows (each line one row, columns in table order).
  void insert_tsv(const std::string& table, std::string_view rows);

  const std::string& database() const { return database_; }
  void set_database(std::string database) { database_ = std::move(database); }
  std::string server() const;  // user@host:port, for messages

 private:
  std::string path(const std::string& query_in_url) const;  // the URL's, with the settings
  std::string post(const std::string& query_in_url, std::string_view body);
  ResultSet query_rows(const std::string& statement);

  const Location& location_;
  Endpoint endpoint_;
  std::string database_;
  std::unique_ptr<httplib::Client> http_;
};

}  // namespace luckyhub::clickhouse
