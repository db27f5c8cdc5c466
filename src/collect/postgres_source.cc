// PostgreSQL: pg_stat_activity (connections by state, the longest
// transaction and query), max_connections, pg_database_size of every
// database, and on the slower cadence the sizes of the tables of the
// database it connects to (the fleet file's instance has no database list:
// it connects to "postgres"; other databases' tables need an instance each).
//
// libpq's calls block without a read timeout, so queries are sent with the
// asynchronous API and waited for with poll() against a deadline.
#include <libpq-fe.h>
#include <poll.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>

#include "collect/metric_source.h"
#include "collect/query_mask.h"
#include "core/error.h"

namespace luckyhub::collect {
namespace {

constexpr size_t kQueryChars = 300;

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

class PostgresSource : public MetricSource {
 public:
  explicit PostgresSource(const Instance& instance) : instance_(instance) {}

  Scrape scrape(const ScrapeRequest& request) override {
    return timed_scrape(
        [&](Scrape& s) {
          if (!conn_) connect(request);
          read_activity(s, request);
          if (request.tables) read_tables(s, request);
        },
        [&] { conn_.reset(); });
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
      conn_.reset();
      fail("cannot connect", reason);
    }
  }

  // Runs one query, waiting at most the read timeout for its result.
  ResultPtr query(const char* sql, const ScrapeRequest& request) {
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
          return last;
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

  static double num(PGresult* r, int row, int col) {
    return PQgetisnull(r, row, col) ? 0 : std::stod(PQgetvalue(r, row, col));
  }

  void read_activity(Scrape& s, const ScrapeRequest& request) {
    ResultPtr max = query("SELECT setting FROM pg_settings WHERE name = 'max_connections'", request);
    s.samples.push_back({"max_connections", "", num(max.get(), 0, 0)});
    ResultPtr a = query(R"(
        SELECT pid, COALESCE(usename, ''), COALESCE(datname, ''), COALESCE(state, ''),
               COALESCE(wait_event_type, ''),
               COALESCE(EXTRACT(EPOCH FROM now() - query_start), 0),
               COALESCE(EXTRACT(EPOCH FROM now() - xact_start), 0), LEFT(COALESCE(query, ''), 4000)
        FROM pg_stat_activity
        WHERE backend_type = 'client backend' AND pid <> pg_backend_pid())", request);
    double connections = 0, longest_xact = 0, longest_query = 0, long_queries = 0, idle_in_xact = 0;
    std::map<std::string, double> by_state, by_user;
    for (int row = 0; row < PQntuples(a.get()); ++row) {
      Session session{static_cast<int64_t>(num(a.get(), row, 0)), PQgetvalue(a.get(), row, 1),
                      PQgetvalue(a.get(), row, 2), "", PQgetvalue(a.get(), row, 3),
                      num(a.get(), row, 5), mask_query(PQgetvalue(a.get(), row, 7), kQueryChars)};
      session.command = session.state == "active" ? "Query" : "Sleep";
      connections += 1;
      by_state[session.state] += 1;
      by_user[session.user] += 1;
      longest_xact = std::max(longest_xact, num(a.get(), row, 6));
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
    ResultPtr dbs = query(R"(
        SELECT datname, pg_database_size(datname) FROM pg_database
        WHERE datallowconn AND NOT datistemplate ORDER BY datname)", request);
    double total = 0;
    for (int row = 0; row < PQntuples(dbs.get()); ++row) {
      const std::string name = PQgetvalue(dbs.get(), row, 0);
      s.objects.push_back({"database", name});
      s.samples.push_back({"database_bytes", name, num(dbs.get(), row, 1)});
      total += num(dbs.get(), row, 1);
    }
    s.samples.push_back({"data_bytes", "", total});
  }

  void read_tables(Scrape& s, const ScrapeRequest& request) {
    ResultPtr t = query(R"(
        SELECT n.nspname || '.' || c.relname, pg_table_size(c.oid), pg_indexes_size(c.oid),
               GREATEST(c.reltuples, 0)
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
          AND n.nspname NOT LIKE 'pg_toast%')", request);
    for (int row = 0; row < PQntuples(t.get()); ++row) {
      const std::string name = std::string("postgres.") + PQgetvalue(t.get(), row, 0);
      s.objects.push_back({"table", name});
      s.samples.push_back({"table_data_bytes", name, num(t.get(), row, 1)});
      s.samples.push_back({"table_index_bytes", name, num(t.get(), row, 2)});
      s.samples.push_back({"table_rows", name, num(t.get(), row, 3)});
    }
    s.tables_read = true;
  }

  const Instance& instance_;
  std::unique_ptr<PGconn, ConnDeleter> conn_;
};

}  // namespace

std::unique_ptr<MetricSource> make_postgres_source(const Instance& instance) {
  return std::make_unique<PostgresSource>(instance);
}

}  // namespace luckyhub::collect
