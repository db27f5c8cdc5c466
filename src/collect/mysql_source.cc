// MySQL/MariaDB: SHOW GLOBAL STATUS and VARIABLES every scrape, the
// processlist, and on the slower cadence information_schema.TABLES with the
// AUTO_INCREMENT column's type (its maximum is the headroom's limit).
//
// The monitoring account needs PROCESS to see other users' sessions
// (docs/health.md); without it the processlist shows only its own, and the
// connection counts still come from the status counters.
#include <cmath>
#include <map>

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
    return timed_scrape(
        [&](Scrape& s) {
          if (!connection_) {
            MysqlTimeouts t{.connect_s = request.connect_timeout_s, .read_s = request.read_timeout_s,
                            .write_s = request.read_timeout_s};
            connection_ = std::make_unique<MysqlConnection>(instance_, instance_.reader, t);
          }
          read_status(s);
          read_processlist(s, request);
          read_databases(s);
          if (request.tables) read_tables(s);
        },
        [&] { connection_.reset(); });
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

  // One query for every table: sizes, rows, AUTO_INCREMENT and, for tables
  // that have one, the type of the auto-increment column.
  void read_tables(Scrape& s) {
    const ResultSet t = connection_->query(R"(
        SELECT t.TABLE_SCHEMA AS schema_name, t.TABLE_NAME AS table_name,
               COALESCE(t.DATA_LENGTH, 0) AS data_bytes, COALESCE(t.INDEX_LENGTH, 0) AS index_bytes,
               COALESCE(t.TABLE_ROWS, 0) AS table_rows, t.AUTO_INCREMENT AS next_auto_increment,
               c.COLUMN_TYPE AS auto_increment_type
        FROM information_schema.TABLES t
        LEFT JOIN information_schema.COLUMNS c
          ON t.AUTO_INCREMENT IS NOT NULL AND c.TABLE_SCHEMA = t.TABLE_SCHEMA
             AND c.TABLE_NAME = t.TABLE_NAME AND c.EXTRA LIKE '%auto_increment%'
        WHERE t.TABLE_TYPE = 'BASE TABLE'
          AND t.TABLE_SCHEMA NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys'))");
    double data_bytes = 0, index_bytes = 0;
    for (const Row row : t) {
      const std::string name = row.text("schema_name") + "." + row.text("table_name");
      s.objects.push_back({"table", name});
      s.samples.push_back({"table_data_bytes", name, row.number("data_bytes")});
      s.samples.push_back({"table_index_bytes", name, row.number("index_bytes")});
      s.samples.push_back({"table_rows", name, row.number("table_rows")});
      data_bytes += row.number("data_bytes");
      index_bytes += row.number("index_bytes");
      const double type_max = row.is_null("auto_increment_type")
                                  ? 0
                                  : integer_type_max(row.text("auto_increment_type"));
      if (!row.is_null("next_auto_increment") && type_max > 0) {
        // AUTO_INCREMENT is the next value: the used part of the range is one less.
        s.samples.push_back({"auto_increment_used_ratio", name,
                             (row.number("next_auto_increment") - 1) / type_max});
      }
    }
    s.samples.push_back({"data_bytes", "", data_bytes});
    s.samples.push_back({"index_bytes", "", index_bytes});
    s.samples.push_back({"tables", "", static_cast<double>(t.size())});
    s.tables_read = true;
  }

  const Instance& instance_;
  std::unique_ptr<MysqlConnection> connection_;
};

}  // namespace

std::unique_ptr<MetricSource> make_mysql_source(const Instance& instance) {
  return std::make_unique<MysqlSource>(instance);
}

}  // namespace luckyhub::collect
