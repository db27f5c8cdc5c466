// `luckyhub redis-scan`: the collector's keyspace analysis of a fleet's Redis
// instances, printed instead of stored (for a look at one instance, and for
// bench/redis.sh, which compares a budgeted analysis with an unbudgeted one).
// `luckyhub redis-fill`: fills a Redis instance of a fleet file with Luckin's
// simulated keyspace (simulate/health/redis_fill.h).
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "collect/keyspace_config.h"
#include "collect/redis_connection.h"
#include "collect/redis_keyspace.h"
#include "core/error.h"
#include "simulate/health/redis_fill.h"
#include "sources/fleet.h"

namespace luckyhub::cli {
namespace {

struct ScanFlags {
  std::string fleet, instance, config;
  int64_t max_commands = 0;
  double max_seconds = 0;
  std::string format = "text";
  int timeout_s = 10;
  bool exact = false;
};

std::vector<const Instance*> redis_instances(const Fleet& fleet, const std::string& only) {
  std::vector<const Instance*> out;
  for (const Instance& in : fleet.instances) {
    if (in.kind == InstanceKind::kRedis && (only.empty() || in.name == only)) out.push_back(&in);
  }
  if (out.empty())
    throw Error(only.empty() ? "the fleet file lists no Redis instance"
                             : "no Redis instance '" + only + "' in the fleet file");
  return out;
}

nlohmann::json to_json(const collect::KeyspaceAnalysis& a) {
  nlohmann::json j = {{"dbsize", a.dbsize},
                      {"keys_sampled", a.keys_sampled},
                      {"commands", a.commands},
                      {"seconds", a.seconds},
                      {"stopped_by", a.stopped_by},
                      {"maxmemory_policy", a.maxmemory_policy},
                      {"ops_per_second", a.ops_per_second},
                      {"namespaces", nlohmann::json::object()},
                      {"hot_keys", nlohmann::json::array()},
                      {"big_keys", nlohmann::json::array()}};
  for (const auto& [ns, n] : a.namespaces) {
    j["namespaces"][ns] = {{"service", n.service},
                           {"keys_sampled", n.tally.keys},
                           {"keys", n.keys.value},
                           {"keys_error95", n.keys.error95},
                           {"memory_bytes", n.memory_bytes.value},
                           {"memory_error95", n.memory_bytes.error95},
                           {"ttl", n.tally.ttl},
                           {"max_ttl_ms", n.tally.max_ttl_ms}};
  }
  for (const collect::HotKey& h : a.hot_keys) {
    j["hot_keys"].push_back({{"key", h.key},
                             {"source", h.source},
                             {"freq", h.freq},
                             {"ops_per_second", h.ops_per_second}});
  }
  for (const health::KeySample& b : a.big_keys) {
    j["big_keys"].push_back({{"key", b.key}, {"type", b.type}, {"memory_bytes", b.memory_bytes}});
  }
  return j;
}

void scan(const ScanFlags& f) {
  if (f.format != "text" && f.format != "json") throw Error("--format must be text or json");
  const Fleet fleet = load_fleet(f.fleet);
  collect::KeyspaceConfig config =
      f.config.empty() ? collect::KeyspaceConfig{} : collect::load_keyspace_config(f.config);
  if (f.max_commands > 0) config.options.max_commands = f.max_commands;
  if (f.max_seconds > 0) config.options.max_seconds = f.max_seconds;
  collect::validate_keyspace_options(config.options);
  nlohmann::json out = nlohmann::json::object();
  for (const Instance* in : redis_instances(fleet, f.instance)) {
    collect::RedisConnection connection(*in, f.timeout_s, f.timeout_s);
    const collect::KeyspaceAnalysis a = f.exact
                                            ? collect::exact_keyspace(connection, config.options)
                                            : collect::analyze_keyspace(connection, config.options);
    if (f.format == "json") {
      out[in->name] = to_json(a);
      continue;
    }
    std::printf("%s: %lld keys, %lld sampled (%.2f%%), %lld commands, %.3f s, stopped by %s\n",
                in->name.c_str(), static_cast<long long>(a.dbsize),
                static_cast<long long>(a.keys_sampled), 100 * a.sample_fraction(),
                static_cast<long long>(a.commands), a.seconds, a.stopped_by.c_str());
    for (const auto& [ns, n] : a.namespaces) {
      std::printf("  %-24s %-18s keys %12.0f ± %-10.0f memory %14.0f ± %.0f bytes\n", ns.c_str(),
                  n.service.c_str(), n.keys.value, n.keys.error95, n.memory_bytes.value,
                  n.memory_bytes.error95);
    }
  }
  if (f.format == "json") std::printf("%s\n", out.dump(1).c_str());
}

}  // namespace

void add_redis(CLI::App& app) {
  auto* scan_cmd = app.add_subcommand("redis-scan",
                                      "Analyse the keyspace of a fleet's Redis instances as "
                                      "'collect' does (SCAN with a budget, sampled TYPE, PTTL, "
                                      "MEMORY USAGE, OBJECT FREQ) and print the estimates per "
                                      "namespace instead of storing them (docs/redis-console.md).");
  auto f = std::make_shared<ScanFlags>();
  scan_cmd->add_option("--fleet", f->fleet, "Fleet file (docs/fleet.md)")->required();
  scan_cmd->add_option("--instance", f->instance, "Only this Redis instance");
  scan_cmd->add_option("--keyspace-config", f->config, "Keyspace file (docs/redis-console.md)");
  scan_cmd
      ->add_option("--max-commands", f->max_commands,
                   "Command budget per instance (overrides the keyspace file)")
      ->check(CLI::Range(int64_t{100}, int64_t{1'000'000'000}));
  scan_cmd
      ->add_option("--max-seconds", f->max_seconds,
                   "Time budget per instance (overrides the keyspace file)")
      ->check(CLI::Range(0.01, 600.0));
  scan_cmd->add_flag("--exact", f->exact,
                     "No sampling: a full SCAN and a MEMORY USAGE of every key, memory by "
                     "namespace exact (about one command per key: off-peak only; no budget)");
  scan_cmd->add_option("--format", f->format, "text or json")->capture_default_str();
  scan_cmd->add_option("--timeout", f->timeout_s, "Connect and read timeout, seconds")
      ->check(CLI::Range(1, 600));
  scan_cmd->callback([f] { scan(*f); });

  auto* fill_cmd = app.add_subcommand("redis-fill",
                                      "Fill a Redis instance of a fleet file (with its loader "
                                      "account) with Luckin's simulated keyspace: sessions, "
                                      "order caches, coupon stock, menu cache, rate limits ..., "
                                      "planting TTL violations and hot keys "
                                      "(docs/redis-console.md). Deterministic by seed.");
  auto fleet = std::make_shared<std::string>();
  auto instance = std::make_shared<std::string>();
  auto o = std::make_shared<sim::FillOptions>();
  fill_cmd->add_option("--fleet", *fleet, "Fleet file (docs/fleet.md)")->required();
  fill_cmd->add_option("--instance", *instance, "The Redis instance to fill")->required();
  fill_cmd->add_option("--keys", o->keys, "Keys to write")
      ->check(CLI::Range(int64_t{2}, int64_t{100'000'000}))
      ->capture_default_str();
  fill_cmd->add_option("--seed", o->seed, "Random seed")->capture_default_str();
  fill_cmd->add_option("--min-ttl", o->min_ttl_s, "Raise every TTL to at least this many seconds")
      ->check(CLI::Range(int64_t{0}, int64_t{31'536'000}));
  fill_cmd->add_option("--lfu-hits", o->lfu_hits, "GETs on the hot menu key afterwards")
      ->check(CLI::Range(int64_t{0}, int64_t{100'000'000}));
  fill_cmd->callback([fleet, instance, o] {
    const Fleet loaded = load_fleet(*fleet);
    const Instance* in = redis_instances(loaded, *instance).front();
    collect::RedisConnection connection(*in, 10, 60, /*as_loader=*/in->loader.has_value());
    const sim::FillResult r = sim::fill_redis(connection, *o);
    std::printf("redis-fill: %s: %lld keys with %lld commands in %.2f s\n", in->name.c_str(),
                static_cast<long long>(r.keys), static_cast<long long>(r.commands), r.seconds);
  });
}

}  // namespace luckyhub::cli
