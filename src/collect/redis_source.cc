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

namespace luckyhub::collect {
namespace {

// INFO fields kept as they are, by stored metric name.
const std::map<std::string, std::string>& info_metrics() {
  static const std::map<std::string, std::string> m = {
      {"used_memory", "used_memory_bytes"},
      {"maxmemory", "maxmemory_bytes"},
      {"connected_clients", "connected_clients"},
      {"blocked_clients", "blocked_clients"},
      {"keyspace_hits", "keyspace_hits_total"},
      {"keyspace_misses", "keyspace_misses_total"},
      {"evicted_keys", "evicted_keys_total"},
      {"expired_keys", "expired_keys_total"},
      {"instantaneous_ops_per_sec", "ops_per_second"},
      {"connected_slaves", "connected_replicas"},
      {"uptime_in_seconds", "uptime_seconds"},
      {"maxclients", "max_connections"},
  };
  return m;
}

ReplyValue to_value(const redisReply* r) {
  ReplyValue v;
  switch (r->type) {
    case REDIS_REPLY_STRING:
    case REDIS_REPLY_STATUS:
      v.kind = ReplyValue::Kind::kString;
      v.text.assign(r->str, r->len);
      break;
    case REDIS_REPLY_ERROR:
      v.kind = ReplyValue::Kind::kError;
      v.text.assign(r->str, r->len);
      break;
    case REDIS_REPLY_INTEGER:
      v.kind = ReplyValue::Kind::kInteger;
      v.integer = r->integer;
      break;
    case REDIS_REPLY_ARRAY:
      v.kind = ReplyValue::Kind::kArray;
      for (size_t i = 0; i < r->elements; ++i) v.items.push_back(to_value(r->element[i]));
      break;
    default:
      break;  // nil
  }
  return v;
}

// A command the reader account may be refused: its reply, or a problem noted.
std::optional<ReplyValue> optional_reply(RedisConnection& c, const RedisConnection::Command& args,
                                         RedisTopology& t) {
  if (ReplyPtr r = c.command(args, /*may_fail=*/true)) return to_value(r.get());
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
          parse_info(info, s);
          s.redis_topology = read_topology(*connection_, info_fields(info));
          const bool sentinel = s.redis_topology->role == "sentinel";
          // maxclients is a config value, not in INFO before Redis 7.
          if (ReplyPtr r = connection_->command({"CONFIG", "GET", "maxclients"}, /*may_fail=*/true);
              r && r->type == REDIS_REPLY_ARRAY && r->elements == 2) {
            s.samples.push_back({"max_connections", "", std::stod(r->element[1]->str)});
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
  void parse_info(const std::string& info, Scrape& s) {
    size_t pos = 0;
    while (pos < info.size()) {
      size_t end = info.find('\n', pos);
      if (end == std::string::npos) end = info.size();
      std::string line = info.substr(pos, end - pos);
      pos = end + 1;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      const size_t colon = line.find(':');
      if (line.empty() || line[0] == '#' || colon == std::string::npos) continue;
      const std::string key = line.substr(0, colon), value = line.substr(colon + 1);
      if (key == "role") {
        s.samples.push_back({"is_replica", "", value == "slave" || value == "replica" ? 1.0 : 0.0});
      } else if (key == "master_link_status") {
        s.samples.push_back({"replication_link_up", "", value == "up" ? 1.0 : 0.0});
      } else if (key.rfind("db", 0) == 0 && value.rfind("keys=", 0) == 0) {
        // db0:keys=12,expires=3,avg_ttl=0
        s.objects.push_back({"database", key});
        s.samples.push_back({"db_keys", key, std::stod(value.substr(5))});
        if (const size_t e = value.find("expires="); e != std::string::npos) {
          s.samples.push_back({"db_expiring_keys", key, std::stod(value.substr(e + 8))});
        }
      } else if (auto it = info_metrics().find(key); it != info_metrics().end() && key != "maxclients") {
        s.samples.push_back({it->second, "", std::stod(value)});
      }
    }
  }

  const Instance& instance_;
  std::unique_ptr<RedisConnection> connection_;
  std::atomic<int> fd_{-1};
};

}  // namespace

std::unique_ptr<MetricSource> make_redis_source(const Instance& instance) {
  return std::make_unique<RedisSource>(instance);
}

}  // namespace luckyhub::collect
