// Redis: INFO (memory, clients, keyspace hits/misses, evictions, expiries,
// ops/s, role and replication, the keyspace per database) and DBSIZE, over
// hiredis with connect and read timeouts. Authenticates with AUTH when the
// fleet file gives a password (AUTH user password for a user other than
// "default").
#include <hiredis/hiredis.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <memory>

#include "collect/metric_source.h"
#include "core/error.h"

namespace luckyhub::collect {
namespace {

struct ContextDeleter {
  void operator()(redisContext* c) const { redisFree(c); }
};
struct ReplyDeleter {
  void operator()(redisReply* r) const { freeReplyObject(r); }
};
using ReplyPtr = std::unique_ptr<redisReply, ReplyDeleter>;

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

class RedisSource : public MetricSource {
 public:
  explicit RedisSource(const Instance& instance) : instance_(instance) {}

  Scrape scrape(const ScrapeRequest& request) override {
    return timed_scrape(
        [&](Scrape& s) {
          if (!context_) connect(request);
          parse_info(command("INFO")->str, s);
          // maxclients is a config value, not in INFO before Redis 7.
          if (ReplyPtr r = command("CONFIG GET maxclients", /*may_fail=*/true);
              r && r->type == REDIS_REPLY_ARRAY && r->elements == 2) {
            s.samples.push_back({"max_connections", "", std::stod(r->element[1]->str)});
          }
          const ReplyPtr size = command("DBSIZE");
          s.samples.push_back({"dbsize_keys", "", static_cast<double>(size->integer)});
          s.tables_read = true;  // the keyspace's databases are complete every scrape
        },
        [&] { context_.reset(); });
  }

 private:
  [[noreturn]] void fail(const std::string& doing, const char* reason) {
    throw Error(instance_.label() + ": " + doing + ": " + reason);
  }

  void connect(const ScrapeRequest& request) {
    const timeval connect_timeout{request.connect_timeout_s, 0};
    context_.reset(redisConnectWithTimeout(instance_.host.c_str(), instance_.port, connect_timeout));
    if (!context_) fail("cannot connect", "out of memory");
    if (context_->err) fail("cannot connect", context_->errstr);
    const timeval read_timeout{request.read_timeout_s, 0};
    if (redisSetTimeout(context_.get(), read_timeout) != REDIS_OK) fail("cannot set timeout", context_->errstr);
    const std::string& password = instance_.reader.password.value();
    if (password.empty()) return;
    ReplyPtr r;
    if (instance_.reader.user.empty() || instance_.reader.user == "default") {
      r.reset(static_cast<redisReply*>(redisCommand(context_.get(), "AUTH %b", password.data(), password.size())));
    } else {
      const std::string& user = instance_.reader.user;
      r.reset(static_cast<redisReply*>(redisCommand(context_.get(), "AUTH %b %b", user.data(), user.size(),
                                                    password.data(), password.size())));
    }
    if (!r) fail("cannot authenticate", context_->errstr);
    // The server's error ("WRONGPASS invalid username-password pair") holds no secret.
    if (r->type == REDIS_REPLY_ERROR) fail("cannot authenticate as " + instance_.reader.user, r->str);
  }

  ReplyPtr command(const char* text, bool may_fail = false) {
    ReplyPtr r(static_cast<redisReply*>(redisCommand(context_.get(), text)));
    if (!r) {
      // hiredis reports its read timeout as the socket's EAGAIN.
      const bool timed_out = context_->err == REDIS_ERR_IO && std::string(context_->errstr) == std::strerror(EAGAIN);
      fail(text, timed_out ? "no answer within the read timeout" : context_->errstr);
    }
    if (r->type == REDIS_REPLY_ERROR) {
      if (may_fail) return nullptr;
      fail(text, r->str);
    }
    return r;
  }

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
  std::unique_ptr<redisContext, ContextDeleter> context_;
};

}  // namespace

std::unique_ptr<MetricSource> make_redis_source(const Instance& instance) {
  return std::make_unique<RedisSource>(instance);
}

}  // namespace luckyhub::collect
