#include "simulate/health/redis_fill.h"

#include <chrono>
#include <map>
#include <set>

#include "core/error.h"
#include "core/log.h"
#include "simulate/health/redis_model.h"
#include "simulate/random.h"

namespace luckyhub::sim {
namespace {

constexpr double kMeanBytes = 160;  // value bytes of a key with relative_bytes 1

// Every namespace of every role once, with the weight of its role's share.
std::vector<NamespaceModel> all_namespaces() {
  std::vector<NamespaceModel> out;
  std::set<std::string> seen;
  for (int role = 0; role < 6; ++role) {
    for (NamespaceModel m : role_namespaces(role)) {
      if (!seen.insert(m.ns).second) continue;
      m.weight /= 6;
      out.push_back(m);
    }
  }
  return out;
}

class Filler {
 public:
  Filler(collect::RedisConnection& c, const FillOptions& o)
      : c_(c), o_(o), rng_(o.seed, "redis_fill") {}

  FillResult run() {
    const auto started = std::chrono::steady_clock::now();
    const int64_t base = c_.commands_sent();
    const std::vector<NamespaceModel> models = all_namespaces();
    std::vector<double> weights;
    for (const NamespaceModel& m : models) weights.push_back(m.weight);
    const AliasTable pick(weights);
    std::map<std::string, int64_t> next_id;
    for (int64_t i = 0; i < o_.keys; ++i) {
      const NamespaceModel& m = models[pick.draw(rng_)];
      std::string key = key_name(m, next_id[m.ns]++);
      if (i == 0 && o_.plant) key = kHotCounterKey;
      if (i == 1 && o_.plant) key = kHotMenuKey;
      const NamespaceModel& model = i == 0 && o_.plant   ? stock_model(models)
                                    : i == 1 && o_.plant ? menu_model(models)
                                                         : m;
      write(model, key);
    }
    flush();
    for (int64_t i = 0; i < o_.lfu_hits; ++i) {
      batch_.push_back({"HGET", kHotMenuKey, "f0"});  // a menu entry is a hash
      if (static_cast<int>(batch_.size()) >= o_.pipeline) flush();
    }
    flush();
    FillResult r;
    r.keys = o_.keys;
    r.commands = c_.commands_sent() - base;
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (o_.plant) {
      r.violations = {
          {"session", "no_ttl"}, {"order:cache", "no_ttl"}, {"lock:order", "ttl_too_long"}};
      r.hot_counter_key = kHotCounterKey;
      r.hot_lfu_key = kHotMenuKey;
    }
    return r;
  }

 private:
  static const NamespaceModel& find(const std::vector<NamespaceModel>& models, const char* ns) {
    for (const NamespaceModel& m : models) {
      if (std::string(m.ns) == ns) return m;
    }
    throw Error(std::string("redis fill: no namespace ") + ns);
  }
  const NamespaceModel& stock_model(const std::vector<NamespaceModel>& models) {
    return find(models, "coupon:stock");
  }
  const NamespaceModel& menu_model(const std::vector<NamespaceModel>& models) {
    return find(models, "menu:cache");
  }

  // The TTL of a new key in ms: -1 for none.
  int64_t ttl_ms(const NamespaceModel& m) {
    const std::string ns = m.ns;
    if (o_.plant && ns == "session" && rng_.chance(0.30)) return -1;
    if (o_.plant && ns == "order:cache" && rng_.chance(0.45)) return -1;
    if (o_.plant && ns == "lock:order" && rng_.chance(0.05)) return 14LL * 86400 * 1000;
    if (m.ttl_max_s == 0) return -1;
    const double ttl_s =
        rng_.uniform(static_cast<double>(m.ttl_min_s), static_cast<double>(m.ttl_max_s));
    return static_cast<int64_t>(std::max(ttl_s, static_cast<double>(o_.min_ttl_s)) * 1000);
  }

  std::string value(double bytes) {
    const size_t n = static_cast<size_t>(std::max(1.0, bytes));
    std::string v(n, 'x');
    for (size_t i = 0; i < n; i += 7) v[i] = static_cast<char>('a' + rng_.range(0, 25));
    return v;
  }

  void write(const NamespaceModel& m, const std::string& key) {
    const double bytes = kMeanBytes * m.relative_bytes * rng_.lognormal(-0.15, 0.55);
    const int64_t ttl = ttl_ms(m);
    const std::string type = m.type;
    if (type == "string") {
      if (m.counter) {
        batch_.push_back({"SET", key, std::to_string(rng_.range(0, 5000))});
      } else {
        batch_.push_back({"SET", key, value(bytes)});
      }
    } else {
      const int members = static_cast<int>(std::max<int64_t>(2, std::llround(bytes / 40)));
      collect::RedisConnection::Command cmd;
      if (type == "hash") cmd = {"HSET", key};
      if (type == "zset") cmd = {"ZADD", key};
      if (type == "set") cmd = {"SADD", key};
      if (type == "list") cmd = {"RPUSH", key};
      for (int f = 0; f < members; ++f) {
        if (type == "hash") cmd.push_back("f" + std::to_string(f));
        if (type == "zset") cmd.push_back(std::to_string(rng_.range(0, 1'000'000)));
        cmd.push_back(value(28));
      }
      batch_.push_back(std::move(cmd));
    }
    if (ttl >= 0) batch_.push_back({"PEXPIRE", key, std::to_string(std::max<int64_t>(1000, ttl))});
    if (static_cast<int>(batch_.size()) >= o_.pipeline) flush();
  }

  void flush() {
    if (batch_.empty()) return;
    for (const collect::ReplyPtr& r : c_.pipeline(batch_)) {
      if (r->type == REDIS_REPLY_ERROR)
        throw Error(c_.instance().label() + ": filling: " + std::string(r->str, r->len));
    }
    batch_.clear();
  }

  collect::RedisConnection& c_;
  const FillOptions& o_;
  Rng rng_;
  std::vector<collect::RedisConnection::Command> batch_;
};

}  // namespace

FillResult fill_redis(collect::RedisConnection& connection, const FillOptions& options) {
  if (options.keys < 2) throw Error("redis fill: --keys must be at least 2");
  if (options.pipeline < 1) throw Error("redis fill: the pipeline must hold at least 1 command");
  return Filler(connection, options).run();
}

void fill_fleet_redis(SimContext& ctx, const Fleet& fleet) {
  bool described = false;
  for (const Instance& in : fleet.instances) {
    if (in.kind != InstanceKind::kRedis || !in.loader) continue;
    FillOptions o;
    o.keys = std::max<int64_t>(1000, ctx.scaled(300000));
    o.seed = ctx.config.seed;
    collect::RedisConnection connection(in, 10, 60, /*as_loader=*/true);
    const FillResult r = fill_redis(connection, o);
    log::info("simulate: ", in.label(), ": ", r.keys, " Redis keys in ", r.seconds, " s");
    if (!described) {
      ctx.truth.describe(
          "redis_fleet_ttl_violation", "redis",
          "a namespace written without the TTL its policy requires, or with one too long");
      ctx.truth.describe("redis_fleet_hot_key", "redis",
                         "a key planted to be made hot (a stock counter, a menu entry)");
      described = true;
    }
    for (const FillResult::Violation& v : r.violations) {
      ctx.truth.add_item("redis_fleet_ttl_violation",
                         {{"instance", in.name}, {"namespace", v.ns}, {"problem", v.problem}});
    }
    ctx.truth.add_item("redis_fleet_hot_key",
                       {{"instance", in.name}, {"key", r.hot_counter_key}, {"source", "counter"}});
    ctx.truth.add_item("redis_fleet_hot_key",
                       {{"instance", in.name}, {"key", r.hot_lfu_key}, {"source", "lfu"}});
  }
}

}  // namespace luckyhub::sim
