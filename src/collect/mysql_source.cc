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
  void read_status(Scrape& s) {
    const ResultSet status = connection_->query("SHOW GLOBAL STATUS WHERE Variable_name IN (" +
                                                in_list(status_metrics()) + ")");
    for (size_t r = 0; r < status.size(); ++r) {
      s.samples.push_back({status_metrics().at(status.text_at(r, 0)), "", status.double_at(r, 1)});
    }
    const ResultSet vars = connection_->query("SHOW GLOBAL VARIABLES WHERE Variable_name IN (" +
                                              in_list(variable_metrics()) + ")");
    for (size_t r = 0; r < vars.size(); ++r) {
      s.samples.push_back({variable_metrics().at(vars.text_at(r, 0)), "", vars.double_at(r, 1)});
    }
  }

  void read_processlist(Scrape& s, const ScrapeRequest& request) {
    const ResultSet p = connection_->query(R"(
        SELECT ID, COALESCE(USER, ''), COALESCE(DB, ''), COALESCE(COMMAND, ''), COALESCE(STATE, ''),
               TIME, LEFT(COALESCE(INFO, ''), 4000)
        FROM information_schema.PROCESSLIST WHERE ID <> CONNECTION_ID())");
    std::map<std::string, double> by_user, by_command, by_state;
    double long_queries = 0;
    for (size_t r = 0; r < p.size(); ++r) {
      Session session{p.int_at(r, 0), p.text_at(r, 1), p.text_at(r, 2), p.text_at(r, 3), p.text_at(r, 4),
                      p.double_at(r, 5), mask_query(p.text_at(r, 6), kQueryChars)};
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
        SELECT SCHEMA_NAME FROM information_schema.SCHEMATA
        WHERE SCHEMA_NAME NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys'))");
    for (size_t r = 0; r < dbs.size(); ++r) s.objects.push_back({"database", dbs.text_at(r, 0)});
  }

  // One query for every table: sizes, rows, AUTO_INCREMENT and, for tables
  // that have one, the type of the auto-increment column.
  void read_tables(Scrape& s) {
    const ResultSet t = connection_->query(R"(
        SELECT t.TABLE_SCHEMA, t.TABLE_NAME, COALESCE(t.DATA_LENGTH, 0), COALESCE(t.INDEX_LENGTH, 0),
               COALESCE(t.TABLE_ROWS, 0), t.AUTO_INCREMENT, c.COLUMN_TYPE
        FROM information_schema.TABLES t
        LEFT JOIN information_schema.COLUMNS c
          ON t.AUTO_INCREMENT IS NOT NULL AND c.TABLE_SCHEMA = t.TABLE_SCHEMA
             AND c.TABLE_NAME = t.TABLE_NAME AND c.EXTRA LIKE '%auto_increment%'
        WHERE t.TABLE_TYPE = 'BASE TABLE'
          AND t.TABLE_SCHEMA NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys'))");
    double data_bytes = 0, index_bytes = 0;
    for (size_t r = 0; r < t.size(); ++r) {
      const std::string name = t.text_at(r, 0) + "." + t.text_at(r, 1);
      s.objects.push_back({"table", name});
      s.samples.push_back({"table_data_bytes", name, t.double_at(r, 2)});
      s.samples.push_back({"table_index_bytes", name, t.double_at(r, 3)});
      s.samples.push_back({"table_rows", name, t.double_at(r, 4)});
      data_bytes += t.double_at(r, 2);
      index_bytes += t.double_at(r, 3);
      const double type_max = t.is_null(r, 6) ? 0 : integer_type_max(t.text_at(r, 6));
      if (!t.is_null(r, 5) && type_max > 0) {
        // AUTO_INCREMENT is the next value: the used part of the range is one less.
        s.samples.push_back({"auto_increment_used_ratio", name, (t.double_at(r, 5) - 1) / type_max});
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
