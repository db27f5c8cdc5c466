// MySQL/MariaDB: SHOW GLOBAL STATUS and VARIABLES every scrape, the
// processlist, and on the slower cadence information_schema.TABLES, on a
// connection and deadline of their own, with the AUTO_INCREMENT column's type
// (its maximum is the headroom's limit) kept from discovery.
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
      if (!tables_connection_) {
        const int read_s = std::max(1, static_cast<int>(std::ceil(request.table_timeout_s)));
        MysqlTimeouts t{.connect_s = request.connect_timeout_s, .read_s = read_s, .write_s = read_s};
        tables_connection_ = std::make_unique<MysqlConnection>(instance_, instance_.reader, t);
        tables_fd_ = tables_connection_->socket();
        const ResultSet v = tables_connection_->query("SELECT VERSION() AS version");
        mariadb_ = !v.empty() && v.row(0).text("version").find("MariaDB") != std::string::npos;
      }
      run_with_deadline(request.table_timeout_s, [this] { interrupt_socket(tables_fd_); }, late,
                        [&] { read_table_rows(s, request); });
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

  // The statement with the server-side limit of `seconds` on its execution.
  std::string limited(const std::string& select, double seconds) const {
    char limit[64];
    if (mariadb_) {
      std::snprintf(limit, sizeof limit, "SET STATEMENT max_statement_time = %.3f FOR ", seconds);
      return limit + select;
    }
    std::snprintf(limit, sizeof limit, "SELECT /*+ MAX_EXECUTION_TIME(%lld) */ ",
                  static_cast<long long>(std::ceil(seconds * 1000)));
    return limit + select.substr(std::string("SELECT ").size());
  }

  // Sizes, rows and AUTO_INCREMENT of every table from information_schema.TABLES
  // alone; the auto-increment column's type (the headroom's limit) comes from
  // COLUMNS only for tables not seen before or re-created (another
  // CREATE_TIME: an ALTER that changes a column type rebuilds the table), and
  // for all of them once a day. Nothing is added to `s` unless all of it was read.
  void read_table_rows(Scrape& s, const ScrapeRequest& request) {
    const ResultSet t = tables_connection_->query(limited(R"(SELECT
               TABLE_SCHEMA AS schema_name, TABLE_NAME AS table_name,
               COALESCE(DATA_LENGTH, 0) AS data_bytes, COALESCE(INDEX_LENGTH, 0) AS index_bytes,
               COALESCE(TABLE_ROWS, 0) AS table_rows, AUTO_INCREMENT AS next_auto_increment,
               COALESCE(CAST(CREATE_TIME AS CHAR), '') AS created
        FROM information_schema.TABLES
        WHERE TABLE_TYPE = 'BASE TABLE'
          AND TABLE_SCHEMA NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys'))",
                                                      request.table_timeout_s));
    const auto now = std::chrono::steady_clock::now();
    const bool refresh_all = types_.empty() || now - types_read_ >= std::chrono::hours(24);
    std::vector<std::pair<std::string, std::string>> stale;  // (schema, table) whose type to read
    for (const Row row : t) {
      if (row.is_null("next_auto_increment")) continue;
      const auto it = types_.find(row.text("schema_name") + "." + row.text("table_name"));
      if (refresh_all || it == types_.end() || it->second.created != row.text("created")) {
        stale.push_back({row.text("schema_name"), row.text("table_name")});
      }
    }
    std::map<std::string, double> fresh;  // schema.table -> the type's maximum
    if (refresh_all || stale.size() > kTypesPerTable) {
      // One pass over COLUMNS (the first table cycle, then daily).
      const ResultSet c = tables_connection_->query(limited(R"(SELECT
                 TABLE_SCHEMA AS schema_name, TABLE_NAME AS table_name, COLUMN_TYPE AS column_type
          FROM information_schema.COLUMNS
          WHERE EXTRA LIKE '%auto_increment%'
            AND TABLE_SCHEMA NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys'))",
                                                        request.table_timeout_s));
      for (const Row row : c) {
        fresh[row.text("schema_name") + "." + row.text("table_name")] = integer_type_max(row.text("column_type"));
      }
    } else {
      // A few new or re-created tables: looked up by name (the server opens only them).
      for (const auto& [schema, table] : stale) {
        const ResultSet c = tables_connection_->query(
            limited(R"(SELECT COLUMN_TYPE AS column_type FROM information_schema.COLUMNS
                       WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND EXTRA LIKE '%auto_increment%')",
                    request.table_timeout_s),
            {schema, table});
        fresh[schema + "." + table] = c.empty() ? 0 : integer_type_max(c.row(0).text("column_type"));
      }
    }
    if (refresh_all) {
      types_.clear();
      types_read_ = now;
    }
    std::vector<Sample> samples;
    std::vector<ObjectName> objects;
    double data_bytes = 0, index_bytes = 0;
    for (const Row row : t) {
      const std::string name = row.text("schema_name") + "." + row.text("table_name");
      objects.push_back({"table", name});
      samples.push_back({"table_data_bytes", name, row.number("data_bytes")});
      samples.push_back({"table_index_bytes", name, row.number("index_bytes")});
      samples.push_back({"table_rows", name, row.number("table_rows")});
      data_bytes += row.number("data_bytes");
      index_bytes += row.number("index_bytes");
      if (row.is_null("next_auto_increment")) continue;
      if (const auto f = fresh.find(name); f != fresh.end() || !types_.count(name)) {
        types_[name] = {row.text("created"), f != fresh.end() ? f->second : 0};
      }
      const double type_max = types_[name].type_max;
      if (type_max > 0) {
        // AUTO_INCREMENT is the next value: the used part of the range is one less.
        samples.push_back({"auto_increment_used_ratio", name, (row.number("next_auto_increment") - 1) / type_max});
      }
    }
    s.samples.insert(s.samples.end(), samples.begin(), samples.end());
    s.objects.insert(s.objects.end(), objects.begin(), objects.end());
    s.samples.push_back({"data_bytes", "", data_bytes});
    s.samples.push_back({"index_bytes", "", index_bytes});
    s.samples.push_back({"tables", "", static_cast<double>(t.size())});
    s.tables_read = true;
  }

  // More new or re-created tables than this in one cycle: one pass over COLUMNS.
  static constexpr size_t kTypesPerTable = 20;

  struct AutoIncrementType {
    std::string created;  // the table's CREATE_TIME when the type was read
    double type_max = 0;  // 0: no integer auto-increment column
  };

  const Instance& instance_;
  std::unique_ptr<MysqlConnection> connection_;
  std::atomic<int> fd_{-1};
  std::unique_ptr<MysqlConnection> tables_connection_;
  std::atomic<int> tables_fd_{-1};
  bool mariadb_ = true;
  std::map<std::string, AutoIncrementType> types_;  // schema.table -> its auto-increment column's type
  std::chrono::steady_clock::time_point types_read_{};
};

}  // namespace

std::unique_ptr<MetricSource> make_mysql_source(const Instance& instance) {
  return std::make_unique<MysqlSource>(instance);
}

}  // namespace luckyhub::collect
