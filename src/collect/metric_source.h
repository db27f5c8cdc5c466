// What a collector reads from one monitored instance in one scrape, and the
// interface every reader implements (MySQL/MariaDB, Redis, PostgreSQL; a
// node-exporter or CloudWatch reader is one more MetricSource).
//
// Metric names are Prometheus-style snake_case with the unit last
// ("used_memory_bytes", "connections"); an instance-level sample has an empty
// object, a table's sample names it as "schema.table". Counters the server
// only gives as totals since start are reported as `*_total`; the collector
// turns them into per-interval deltas.
//
// A source owns its connection and keeps it between scrapes (reconnecting
// after a failure). Not thread-safe: the collector gives one source to one
// worker at a time.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "collect/redis_topology.h"
#include "sources/fleet.h"

namespace luckyhub::collect {

struct Sample {
  std::string metric;
  std::string object;  // "" for the instance; "schema.table", "db0", a user, ...
  double value = 0;
};

// A live session on the instance, for the processlist snapshot.
struct Session {
  int64_t id = 0;
  std::string user, database, command, state;
  double seconds = 0;
  std::string query;  // literals masked, truncated (query_mask.h)
};

// A database or table the instance holds, for auto-discovery.
struct ObjectName {
  std::string kind;  // "database" or "table"
  std::string name;  // "luckyus_sales_order" or "luckyus_sales_order.t_order"
};

struct ScrapeRequest {
  bool tables = false;  // also read per-table statistics (the slower cadence)
  int connect_timeout_s = 3;
  int read_timeout_s = 5;
  // The whole scrape of the cheap metrics (connect, every query, every read)
  // ends by then: past it the connection is shut down and the instance is
  // down with a message saying so. 0: no deadline beyond each read's.
  double scrape_timeout_s = 0;
  // The table statistics' own deadline (a separate query on its own
  // connection): past it they fail as such while the instance stays up.
  double table_timeout_s = 30;
  double long_query_s = 10;  // sessions running longer are "long queries"
};

struct Scrape {
  bool up = false;
  bool auth_failed = false;  // not up because the server refused the login (not "down")
  double duration_s = 0;
  std::string error;  // why it is down; names the instance, never a secret
  std::vector<Sample> samples;
  std::vector<Session> sessions;
  std::vector<ObjectName> objects;  // complete only when `tables_read`
  bool tables_read = false;
  // Table statistics were asked for and failed: "table statistics failed:
  // ..." naming the instance. The instance is still up with its cheap metrics.
  std::string tables_error;
  // Redis: its role, master, replicas, cluster nodes or watched masters (redis_topology.h).
  std::optional<RedisTopology> redis_topology;
};

class MetricSource {
 public:
  virtual ~MetricSource() = default;
  // Reads the instance. Never throws: a failure is a Scrape with up = false.
  virtual Scrape scrape(const ScrapeRequest& request) = 0;
};

// The common frame of every scrape: runs `read`, timing it; an exception
// becomes a Scrape with up = false and its message, after `reset` (which
// drops the connection, so the next scrape reconnects); an AuthError also
// sets auth_failed.
Scrape timed_scrape(const std::function<void(Scrape&)>& read, const std::function<void()>& reset);
// The same with a deadline for the whole of `read` (deadline_s > 0): past it
// `interrupt` runs on another thread (it shuts down the socket `read` is
// blocked on), and the scrape is down with "<instance>: no complete answer
// within the scrape deadline of N s".
Scrape timed_scrape(const Instance& instance, double deadline_s, const std::function<void(Scrape&)>& read,
                    const std::function<void()>& reset, const std::function<void()>& interrupt);

// The source for an instance of the fleet file, by its kind.
std::unique_ptr<MetricSource> make_source(const Instance& instance);

// The largest value of a MySQL integer column type ("int(10) unsigned",
// "bigint", "smallint(6)"): the limit of an AUTO_INCREMENT key. 0 when the
// type is not an integer type.
double integer_type_max(std::string_view column_type);

std::unique_ptr<MetricSource> make_mysql_source(const Instance& instance);
std::unique_ptr<MetricSource> make_redis_source(const Instance& instance);
std::unique_ptr<MetricSource> make_postgres_source(const Instance& instance);

}  // namespace luckyhub::collect
