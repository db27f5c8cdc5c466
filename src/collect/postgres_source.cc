// PostgreSQL: pg_stat_activity (connections by state, the longest
// transaction and query), max_connections, pg_database_size of every
// database, and on the slower cadence the sizes of the tables of the
// database it connects to (the fleet file's instance has no database list:
// it connects to "postgres"; other databases' tables need an instance each).
//
// libpq's calls block without a read timeout, so queries are sent with the
// asynchronous API and waited for with poll() against a deadline. Results
// are read by column name (core/sql_result.h), every cell as libpq's text.
#include <libpq-fe.h>
#include <poll.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <memory>

#include "collect/deadline.h"
#include "collect/metric_source.h"
#include "collect/query_mask.h"
#include "core/error.h"
#include "core/sql_result.h"
#include "sources/auth_error.h"

namespace luckyhub::collect {
namespace {

constexpr size_t kPostgresQueryChars = 300;

struct ConnDeleter {
  void operator()(PGconn* c) const { PQfinish(c); }
};
struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

std::string first_line(const char* message) {
  std::string s = message ? message : "";
  if (const size_t nl = s.find('\n'); nl != std::string::npos) s.resize(nl);
  return s;
}

// The server refused the login (SQLSTATE class 28, which libpq gives a
// failed connection only as text): a wrong password, a role that does not
// exist, no pg_hba.conf line letting it in.
bool refused_login(const std::string& reason) {
  const bool unknown_role = reason.find("role \"") != std::string::npos && reason.find("does not exist") != std::string::npos;
  return unknown_role || reason.find("authentication failed") != std::string::npos ||
         reason.find("no pg_hba.conf entry") != std::string::npos ||
         reason.find("no password supplied") != std::string::npos;
}

// libpq's result as text cells (NULL as NULL), named by its columns.
ResultSet to_result_set(const PGresult* r) {
  ResultSet out;
  for (int col = 0; col < PQnfields(r); ++col) out.columns.emplace_back(PQfname(r, col));
  for (int row = 0; row < PQntuples(r); ++row) {
    std::vector<SqlValue>& cells = out.rows.emplace_back();
    for (int col = 0; col < PQnfields(r); ++col) {
      const bool null = PQgetisnull(r, row, col);
      cells.push_back(null ? SqlValue{} : SqlValue{std::string(PQgetvalue(r, row, col))});
    }
  }
  return out;
}

class PostgresSource : public MetricSource {
 public:
  explicit PostgresSource(const Instance& instance) : instance_(instance) {}

  Scrape scrape(const ScrapeRequest& request) override {
    return timed_scrape(
        instance_, request.scrape_timeout_s,
        [&](Scrape& s) {
          if (!conn_) {
            connect(request);
            fd_ = PQsocket(conn_.get());
          }
          read_activity(s, request);
          if (request.tables) read_tables(s, request);
        },
        [&] {
          fd_ = -1;
          conn_.reset();
        },
        [&] { interrupt_socket(fd_); });
  }

 private:
  [[noreturn]] void fail(const std::string& doing, const std::string& reason) {
    throw Error(instance_.label() + ": " + doing + ": " + reason);
  }

  void connect(const ScrapeRequest& request) {
    const std::string port = std::to_string(instance_.port);
    const std::string timeout = std::to_string(request.connect_timeout_s);
    // Keywords, not a conninfo string: the password is never spliced into text.
    const char* keys[] = {"host", "port", "user", "password", "dbname", "connect_timeout",
                          "application_name", nullptr};
    const char* values[] = {instance_.host.c_str(), port.c_str(), instance_.reader.user.c_str(),
                            instance_.reader.password.value().c_str(), "postgres", timeout.c_str(),
                            "luckyhub-collect", nullptr};
    conn_.reset(PQconnectdbParams(keys, values, 0));
    if (!conn_ || PQstatus(conn_.get()) != CONNECTION_OK) {
      // libpq's messages name host, user and reason, never the password.
      const std::string reason = conn_ ? first_line(PQerrorMessage(conn_.get())) : "out of memory";
      const bool refused = conn_ && (PQconnectionNeedsPassword(conn_.get()) || refused_login(reason));
      conn_.reset();
      if (refused) throw AuthError(instance_.label() + ": cannot log in: " + reason);
      fail("cannot connect", reason);
    }
  }

  // Runs one query, waiting at most the read timeout for its result.
  ResultSet query(const char* sql, const ScrapeRequest& request) {
    PGconn* c = conn_.get();
    if (!PQsendQuery(c, sql)) fail("query", first_line(PQerrorMessage(c)));
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(request.read_timeout_s);
    ResultPtr last;
    for (;;) {
      while (!PQisBusy(c)) {
        ResultPtr r(PQgetResult(c));
        if (!r) {
          if (!last) fail("query", "no result");
          if (PQresultStatus(last.get()) != PGRES_TUPLES_OK) {
            fail("query", first_line(PQresultErrorMessage(last.get())));
          }
          return to_result_set(last.get());
        }
        last = std::move(r);
      }
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) fail("query", "no answer within " + std::to_string(request.read_timeout_s) + " s");
      pollfd p{PQsocket(c), POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left.count())) < 0) fail("query", "poll failed");
      if (!PQconsumeInput(c)) fail("query", first_line(PQerrorMessage(c)));
    }
  }

  void read_activity(Scrape& s, const ScrapeRequest& request) {
    const ResultSet max =
        query("SELECT setting FROM pg_settings WHERE name = 'max_connections'", request);
    s.samples.push_back({"max_connections", "", max.empty() ? 0 : max.row(0).number("setting")});
    const ResultSet a = query(R"(
        SELECT pid, COALESCE(usename, '') AS user_name, COALESCE(datname, '') AS database_name,
               COALESCE(state, '') AS session_state,
               COALESCE(EXTRACT(EPOCH FROM now() - query_start), 0) AS query_seconds,
               COALESCE(EXTRACT(EPOCH FROM now() - xact_start), 0) AS transaction_seconds,
               LEFT(COALESCE(query, ''), 4000) AS query_text
        FROM pg_stat_activity
        WHERE backend_type = 'client backend' AND pid <> pg_backend_pid())", request);
    double connections = 0, longest_xact = 0, longest_query = 0, long_queries = 0, idle_in_xact = 0;
    std::map<std::string, double> by_state, by_user;
    for (const Row row : a) {
      Session session{.id = row.integer("pid"),
                      .user = row.text("user_name"),
                      .database = row.text("database_name"),
                      .state = row.text("session_state"),
                      .seconds = row.number("query_seconds"),
                      .query = mask_query(row.text("query_text"), kPostgresQueryChars)};
      session.command = session.state == "active" ? "Query" : "Sleep";
      connections += 1;
      by_state[session.state] += 1;
      by_user[session.user] += 1;
      longest_xact = std::max(longest_xact, row.number("transaction_seconds"));
      if (session.state == "idle in transaction") idle_in_xact += 1;
      if (session.state == "active") {
        longest_query = std::max(longest_query, session.seconds);
        if (session.seconds >= request.long_query_s) long_queries += 1;
      }
      s.sessions.push_back(std::move(session));
    }
    s.samples.push_back({"connections", "", connections + 1});  // with this one
    s.samples.push_back({"longest_transaction_seconds", "", longest_xact});
    s.samples.push_back({"longest_query_seconds", "", longest_query});
    s.samples.push_back({"idle_in_transaction", "", idle_in_xact});
    s.samples.push_back({"long_queries", "", long_queries});
    for (const auto& [state, n] : by_state) s.samples.push_back({"connections_by_state", state, n});
    for (const auto& [user, n] : by_user) s.samples.push_back({"connections_by_user", user, n});
    const ResultSet dbs = query(R"(
        SELECT datname AS database_name, pg_database_size(datname) AS database_bytes FROM pg_database
        WHERE datallowconn AND NOT datistemplate ORDER BY datname)", request);
    double total = 0;
    for (const Row row : dbs) {
      const std::string name = row.text("database_name");
      s.objects.push_back({"database", name});
      s.samples.push_back({"database_bytes", name, row.number("database_bytes")});
      total += row.number("database_bytes");
    }
    s.samples.push_back({"data_bytes", "", total});
  }

  void read_tables(Scrape& s, const ScrapeRequest& request) {
    const ResultSet t = query(R"(
        SELECT n.nspname || '.' || c.relname AS table_name, pg_table_size(c.oid) AS data_bytes,
               pg_indexes_size(c.oid) AS index_bytes, GREATEST(c.reltuples, 0) AS table_rows
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
          AND n.nspname NOT LIKE 'pg_toast%')", request);
    for (const Row row : t) {
      const std::string name = "postgres." + row.text("table_name");
      s.objects.push_back({"table", name});
      s.samples.push_back({"table_data_bytes", name, row.number("data_bytes")});
      s.samples.push_back({"table_index_bytes", name, row.number("index_bytes")});
      s.samples.push_back({"table_rows", name, row.number("table_rows")});
    }
    s.tables_read = true;
  }

  const Instance& instance_;
  std::unique_ptr<PGconn, ConnDeleter> conn_;
  std::atomic<int> fd_{-1};
};

}  // namespace

std::unique_ptr<MetricSource> make_postgres_source(const Instance& instance) {
  return std::make_unique<PostgresSource>(instance);
}

}  // namespace luckyhub::collect
