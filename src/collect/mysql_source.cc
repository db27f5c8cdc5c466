// MySQL/MariaDB: SHOW GLOBAL STATUS and VARIABLES every scrape, the
// processlist, and on the slower cadence the table statistics (sizes, rows,
// AUTO_INCREMENT headroom: mysql_tables.h), on a connection and deadline of
// their own.
//
// The monitoring account needs PROCESS to see other users' sessions
// (docs/health.md); without it the processlist shows only its own, and the
// connection counts still come from the status counters.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>

#include "collect/deadline.h"
#include "collect/metric_source.h"
#include "collect/mysql_tables.h"
#include "collect/query_mask.h"
#include "core/error.h"
#include "sources/mysql_client.h"

namespace luckyhub::collect {
namespace {

constexpr size_t kQueryChars = 300;

// Status counters and gauges read every scrape, by their stored metric name.
const std::map<std::string, std::string>& status_metrics() {
  static const std::map<std::string, std::string> m = {
      {"Threads_connected", "connections"},
      {"Threads_running", "threads_running"},
      {"Slow_queries", "slow_queries_total"},
      {"Questions", "questions_total"},
      {"Aborted_connects", "aborted_connects_total"},
      {"Uptime", "uptime_seconds"},
      {"Innodb_buffer_pool_pages_total", "innodb_buffer_pool_pages"},
      {"Innodb_buffer_pool_pages_free", "innodb_buffer_pool_pages_free"},
      {"Innodb_buffer_pool_read_requests", "innodb_buffer_pool_read_requests_total"},
      {"Innodb_buffer_pool_reads", "innodb_buffer_pool_disk_reads_total"},
  };
  return m;
}

const std::map<std::string, std::string>& variable_metrics() {
  static const std::map<std::string, std::string> m = {
      {"max_connections", "max_connections"},
      {"innodb_buffer_pool_size", "innodb_buffer_pool_size_bytes"},
      {"long_query_time", "long_query_time_seconds"},
  };
  return m;
}

std::string in_list(const std::map<std::string, std::string>& names) {
  std::string list;
  for (const auto& [name, metric] : names) list += (list.empty() ? "'" : ", '") + name + "'";
  return list;
}

}  // namespace

// The largest value an integer column type holds ("int(10) unsigned",
// "bigint unsigned", "smallint(6)"); 0 when the type is not an integer.
double integer_type_max(std::string_view column_type) {
  const bool is_unsigned = column_type.find("unsigned") != std::string_view::npos;
  auto starts = [&](std::string_view p) { return column_type.substr(0, p.size()) == p; };
  int bits = 0;
  if (starts("tinyint")) bits = 8;
  else if (starts("smallint")) bits = 16;
  else if (starts("mediumint")) bits = 24;
  else if (starts("int") || starts("integer")) bits = 32;
  else if (starts("bigint")) bits = 64;
  if (bits == 0) return 0;
  return is_unsigned ? std::ldexp(1.0, bits) - 1 : std::ldexp(1.0, bits - 1) - 1;
}

namespace {

class MysqlSource : public MetricSource {
 public:
  explicit MysqlSource(const Instance& instance) : instance_(instance) {}

  Scrape scrape(const ScrapeRequest& request) override {
    Scrape s = timed_scrape(
        instance_, request.scrape_timeout_s,
        [&](Scrape& out) {
          if (!connection_) {
            MysqlTimeouts t{.connect_s = request.connect_timeout_s, .read_s = request.read_timeout_s,
                            .write_s = request.read_timeout_s};
            connection_ = std::make_unique<MysqlConnection>(instance_, instance_.reader, t);
            fd_ = connection_->socket();
          }
          read_status(out);
          read_processlist(out, request);
          read_databases(out);
        },
        [&] {
          fd_ = -1;
          connection_.reset();
        },
        [&] { interrupt_socket(fd_); });
    // Table statistics only of an instance that answers, after its cheap
    // metrics and on their own deadline: their failure is theirs.
    if (s.up && request.tables) {
      const auto started = std::chrono::steady_clock::now();
      read_tables(s, request);
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      s.samples.push_back({"table_statistics_seconds", "", seconds});
      s.duration_s += seconds;
    }
    return s;
  }

 private:
  // SHOW GLOBAL STATUS and VARIABLES name their columns Variable_name and
  // Value (MySQL and MariaDB alike).
  void read_status(Scrape& s) {
    const ResultSet status = connection_->query("SHOW GLOBAL STATUS WHERE Variable_name IN (" +
                                                in_list(status_metrics()) + ")");
    for (const Row row : status) {
      s.samples.push_back(
          {status_metrics().at(row.text("Variable_name")), "", row.number("Value")});
    }
    const ResultSet vars = connection_->query("SHOW GLOBAL VARIABLES WHERE Variable_name IN (" +
                                              in_list(variable_metrics()) + ")");
    for (const Row row : vars) {
      s.samples.push_back(
          {variable_metrics().at(row.text("Variable_name")), "", row.number("Value")});
    }
  }

  void read_processlist(Scrape& s, const ScrapeRequest& request) {
    const ResultSet p = connection_->query(R"(
        SELECT ID AS id, COALESCE(USER, '') AS user_name, COALESCE(DB, '') AS db_name,
               COALESCE(COMMAND, '') AS command, COALESCE(STATE, '') AS state, TIME AS seconds,
               LEFT(COALESCE(INFO, ''), 4000) AS query_text
        FROM information_schema.PROCESSLIST WHERE ID <> CONNECTION_ID())");
    std::map<std::string, double> by_user, by_command, by_state;
    double long_queries = 0;
    for (const Row row : p) {
      Session session{.id = row.integer("id"),
                      .user = row.text("user_name"),
                      .database = row.text("db_name"),
                      .command = row.text("command"),
                      .state = row.text("state"),
                      .seconds = row.number("seconds"),
                      .query = mask_query(row.text("query_text"), kQueryChars)};
      by_user[session.user] += 1;
      by_command[session.command] += 1;
      by_state[session.state] += 1;
      if (session.command == "Query" && session.seconds >= request.long_query_s) long_queries += 1;
      s.sessions.push_back(std::move(session));
    }
    for (const auto& [user, n] : by_user) s.samples.push_back({"connections_by_user", user, n});
    for (const auto& [command, n] : by_command) s.samples.push_back({"connections_by_command", command, n});
    for (const auto& [state, n] : by_state) s.samples.push_back({"connections_by_state", state, n});
    s.samples.push_back({"long_queries", "", long_queries});
  }

  void read_databases(Scrape& s) {
    const ResultSet dbs = connection_->query(R"(
        SELECT SCHEMA_NAME AS database_name FROM information_schema.SCHEMATA
        WHERE SCHEMA_NAME NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys'))");
    for (const Row row : dbs) s.objects.push_back({"database", row.text("database_name")});
  }

  // Table statistics on a connection of their own, under their own deadline
  // (the client shuts the socket down past it; MariaDB's max_statement_time
  // or MySQL's MAX_EXECUTION_TIME stops the server's work too). A failure
  // leaves the instance up and says "table statistics failed: ...".
  void read_tables(Scrape& s, const ScrapeRequest& request) {
    bool late = false;
    try {
      const bool fresh = !tables_connection_;
      if (fresh) {
        const int read_s = std::max(1, static_cast<int>(std::ceil(request.table_timeout_s)));
        MysqlTimeouts t{.connect_s = request.connect_timeout_s, .read_s = read_s, .write_s = read_s};
        tables_connection_ = std::make_unique<MysqlConnection>(instance_, instance_.reader, t);
        tables_fd_ = tables_connection_->socket();
      }
      run_with_deadline(request.table_timeout_s, [this] { interrupt_socket(tables_fd_); }, late, [&] {
        if (fresh) tables_.connected(*tables_connection_);
        add_tables(s, tables_.read(*tables_connection_, request.table_timeout_s, std::chrono::steady_clock::now()));
      });
    } catch (const std::exception& e) {
      // The server's own limit may come first: MariaDB's ER_STATEMENT_TIMEOUT, MySQL's ER_QUERY_TIMEOUT.
      const unsigned code = tables_connection_ ? tables_connection_->last_errno() : 0;
      late = late || code == 1969 || code == 3024;
      tables_fd_ = -1;
      tables_connection_.reset();
      char seconds[32];
      std::snprintf(seconds, sizeof seconds, "%g", request.table_timeout_s);
      s.tables_error = "table statistics failed: " +
                       (late ? instance_.label() + ": no complete answer within their deadline of " + seconds + " s"
                             : std::string(e.what()));
    }
  }

  static void add_tables(Scrape& s, const std::vector<TableFigures>& tables) {
    double data_bytes = 0, index_bytes = 0;
    for (const TableFigures& t : tables) {
      s.objects.push_back({"table", t.object});
      s.samples.push_back({"table_data_bytes", t.object, t.data_bytes});
      s.samples.push_back({"table_index_bytes", t.object, t.index_bytes});
      s.samples.push_back({"table_rows", t.object, t.rows});
      if (t.auto_increment_used_ratio) s.samples.push_back({"auto_increment_used_ratio", t.object, *t.auto_increment_used_ratio});
      data_bytes += t.data_bytes;
      index_bytes += t.index_bytes;
    }
    s.samples.push_back({"data_bytes", "", data_bytes});
    s.samples.push_back({"index_bytes", "", index_bytes});
    s.samples.push_back({"tables", "", static_cast<double>(tables.size())});
    s.tables_read = true;
  }

  const Instance& instance_;
  std::unique_ptr<MysqlConnection> connection_;
  std::atomic<int> fd_{-1};
  std::unique_ptr<MysqlConnection> tables_connection_;
  std::atomic<int> tables_fd_{-1};
  MysqlTables tables_{instance_.label()};
};

}  // namespace

std::unique_ptr<MetricSource> make_mysql_source(const Instance& instance) {
  return std::make_unique<MysqlSource>(instance);
}

}  // namespace luckyhub::collect
