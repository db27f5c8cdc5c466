// Redis: INFO (memory, clients, keyspace hits/misses, evictions, expiries,
// ops/s, role and replication, the keyspace per database) and DBSIZE, over
// hiredis with connect and read timeouts; and the topology (redis_topology.h):
// ROLE, CLUSTER NODES on a cluster-enabled instance, SENTINEL MASTERS and
// SENTINEL REPLICAS on a Sentinel (which has no keyspace: no DBSIZE). Authenticates with AUTH when the
// fleet file gives a password (AUTH user password for a user other than
// "default").
#include <atomic>
#include <map>
#include <memory>

#include "collect/deadline.h"
#include "collect/metric_source.h"
#include "collect/redis_connection.h"
#include "collect/redis_info.h"

namespace luckyhub::collect {
namespace {

// A command the reader account may be refused: its reply, or a problem noted.
std::optional<ReplyValue> optional_reply(RedisConnection& c, const RedisConnection::Command& args,
                                         RedisTopology& t) {
  if (ReplyPtr r = c.command(args, /*may_fail=*/true)) return reply_value(r.get());
  t.problems.push_back(args[0] + (args.size() > 1 ? " " + args[1] : "") +
                       " was refused (docs/redis-console.md: the reader account's ACL)");
  return std::nullopt;
}

RedisTopology read_topology(RedisConnection& c, const std::map<std::string, std::string>& info) {
  RedisTopology t;
  if (auto role = optional_reply(c, {"ROLE"}, t)) apply_role(*role, t);
  apply_info(info, t);
  if (t.cluster) {
    if (auto nodes = optional_reply(c, {"CLUSTER", "NODES"}, t); nodes && nodes->kind == ReplyValue::Kind::kString) {
      apply_cluster_nodes(nodes->text, t);
    }
  }
  if (t.role == "sentinel") {
    if (auto masters = optional_reply(c, {"SENTINEL", "MASTERS"}, t)) {
      for (const auto& [name, address] : apply_sentinel_masters(*masters, t)) {
        if (auto replicas = optional_reply(c, {"SENTINEL", "REPLICAS", name}, t)) {
          apply_sentinel_replicas(name, address, *replicas, t);
        }
      }
    }
  }
  return t;
}

class RedisSource : public MetricSource {
 public:
  explicit RedisSource(const Instance& instance) : instance_(instance) {}

  Scrape scrape(const ScrapeRequest& request) override {
    return timed_scrape(
        instance_, request.scrape_timeout_s,
        [&](Scrape& s) {
          if (!connection_) {
            connection_ = std::make_unique<RedisConnection>(instance_, request.connect_timeout_s, request.read_timeout_s);
            fd_ = connection_->socket();
          }
          const std::string info = connection_->command({"INFO"})->str;
          parse_redis_info(info, s);
          s.redis_topology = read_topology(*connection_, info_fields(info));
          const bool sentinel = s.redis_topology->role == "sentinel";
          // maxclients is a config value, not in INFO before Redis 7.
          if (ReplyPtr r = connection_->command({"CONFIG", "GET", "maxclients"}, /*may_fail=*/true)) {
            if (const auto max = config_get_number(reply_value(r.get()))) s.samples.push_back({"max_connections", "", *max});
          }
          if (!sentinel) {
            const ReplyPtr size = connection_->command({"DBSIZE"});
            s.samples.push_back({"dbsize_keys", "", static_cast<double>(size->integer)});
          }
          s.tables_read = true;  // the keyspace's databases are complete every scrape
        },
        [&] {
          fd_ = -1;
          connection_.reset();
        },
        [&] { interrupt_socket(fd_); });
  }

 private:
  const Instance& instance_;
  std::unique_ptr<RedisConnection> connection_;
  std::atomic<int> fd_{-1};
};

}  // namespace

std::unique_ptr<MetricSource> make_redis_source(const Instance& instance) {
  return std::make_unique<RedisSource>(instance);
}

}  // namespace luckyhub::collect
