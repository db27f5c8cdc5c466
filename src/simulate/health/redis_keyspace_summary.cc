#include "simulate/health/redis_keyspace_summary.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "health/schema.h"
#include "collect/keyspace_store.h"
#include "simulate/health/redis_model.h"

namespace luckyhub::sim {
namespace {

constexpr int64_t kBudgetCommands = 50000;  // the collector's defaults
constexpr int64_t kMaxCounters = 2000;
const int64_t kScanCount = collect::KeyspaceOptions{}.scan_count;  // the collector's default (not constexpr: clang 14 rejects its std::string member there)
constexpr double kMemorySigma = 0.55;  // lognormal spread of key sizes within a namespace
constexpr double kDataShare = 0.85;    // of used_memory held by keys (the rest: allocator, buffers)

}  // namespace

collect::KeyspaceAnalysis simulate_keyspace_analysis(Rng& rng, const DemoRedis& in,
                                                     const collect::KeyspaceConfig& config) {
  const int role = role_of(in.number);
  const std::vector<NamespaceModel>& models = role_namespaces(role);
  collect::KeyspaceAnalysis a;
  a.maxmemory_policy = role_policy(role);
  a.lfu = role == 3;
  a.dbsize = std::llround(in.dbsize);
  a.used_memory_bytes = in.used_memory_bytes;
  a.ops_per_second = in.ops_per_second;
  // The census counts every namespace's keys (one SCAN per scan_count keys),
  // on at most half the budget: on a larger instance it covers a share of
  // the keys and is scaled up; then as many keys as the rest of the command
  // budget inspects, each
  // costing its inspection commands and, for a counter, two GETs (INFO,
  // CONFIG, DBSIZE and the last INFO aside). Key sizes spread alike in every
  // namespace, so the sampler's allocation by spread gives each the same
  // share, none more than its keys.
  std::vector<int64_t> population(models.size()), sampled(models.size());
  a.dbsize = 0;
  for (size_t m = 0; m < models.size(); ++m) {
    population[m] = std::llround(models[m].weight * in.dbsize);
    a.dbsize += population[m];
  }
  const int64_t census_scans = std::min(a.dbsize / kScanCount + 1, kBudgetCommands / 2);
  const int64_t censused = std::min(a.dbsize, census_scans * kScanCount);
  double counter_share = 0;
  for (const NamespaceModel& m : models) counter_share += m.counter ? m.weight : 0;
  const double room = static_cast<double>(kBudgetCommands - census_scans - 10);  // spare for rounding
  double n = room / ((a.lfu ? 4 : 3) + 2 * counter_share);
  if (counter_share * n > kMaxCounters) n = (room - 2 * kMaxCounters) / (a.lfu ? 4 : 3);
  std::vector<size_t> order(models.size());
  for (size_t m = 0; m < order.size(); ++m) order[m] = m;
  std::sort(order.begin(), order.end(),
            [&](size_t x, size_t y) { return population[x] < population[y]; });
  int64_t left = std::max<int64_t>(0, static_cast<int64_t>(n));
  for (size_t i = 0; i < order.size(); ++i) {
    const int64_t share = left / static_cast<int64_t>(order.size() - i);
    // A namespace's sample comes from the keys the census saw of it.
    const int64_t seen = censused == a.dbsize
                             ? population[order[i]]
                             : population[order[i]] * censused / std::max<int64_t>(1, a.dbsize);
    sampled[order[i]] = std::min(seen, share);
    left -= sampled[order[i]];
  }
  a.keys_sampled = 0;
  for (int64_t k : sampled) a.keys_sampled += k;
  a.stopped_by = a.keys_sampled == a.dbsize ? "complete" : "commands";
  double relative = 0;
  for (const NamespaceModel& m : models) relative += m.weight * m.relative_bytes;
  const double mean_bytes = in.used_memory_bytes * kDataShare / std::max(1.0, in.dbsize);
  std::vector<collect::HotKey> counters, lfu;
  int64_t counter_reads = 0;
  for (size_t m = 0; m < models.size(); ++m) {
    const NamespaceModel& model = models[m];
    const int64_t keys = sampled[m];
    if (keys == 0) continue;  // a namespace without keys is not listed
    const std::string ns = model.ns;
    collect::NamespaceSummary& summary = a.namespaces[ns];
    summary.service = config.options.services.service_of(ns);
    const PlantedKeyspace* planted = nullptr;
    for (const PlantedKeyspace& p : planted_keyspace()) {
      if (p.instance_number == in.number && p.ns == ns) planted = &p;
    }
    const double ns_mean = mean_bytes * model.relative_bytes / relative;
    for (int64_t k = 0; k < keys; ++k) {
      health::KeySample s{key_name(model, rng.range(0, 9'999'999)), model.type};
      if (planted && planted->kind == "hot_counter" && k == 0) s.key = planted->key;
      if (planted && planted->kind == "hot_lfu" && k == 0) s.key = planted->key;
      s.ns = ns;
      s.memory_bytes = std::max<int64_t>(
          48,
          std::llround(ns_mean * rng.lognormal(-kMemorySigma * kMemorySigma / 2, kMemorySigma)));
      if (model.ttl_max_s > 0) {
        const double ttl_s =
            rng.uniform(static_cast<double>(model.ttl_min_s), static_cast<double>(model.ttl_max_s));
        s.pttl_ms = std::llround(rng.uniform(0, ttl_s) * 1000);
      }
      if (planted && planted->kind == "no_ttl" && rng.chance(planted->share)) s.pttl_ms = -1;
      if (planted && planted->kind == "ttl_too_long" && rng.chance(0.05)) {
        s.pttl_ms =
            std::llround(rng.uniform(0.5, 1.0) * static_cast<double>(planted->ttl_s) * 1000);
      }
      if (a.lfu) {
        s.freq = static_cast<int>(rng.range(0, 120));
        if (planted && planted->kind == "hot_lfu" && k == 0) s.freq = 250;
        lfu.push_back({s.key, ns, "lfu", s.freq, 0});
      }
      if (model.counter && counter_reads < kMaxCounters) {
        ++counter_reads;
        double rate = rng.uniform(0.01, 3.0);
        if (planted && planted->kind == "hot_counter" && k == 0)
          rate = std::round(0.7 * in.ops_per_second);
        counters.push_back({s.key, ns, "counter", -1, rate});
      }
      collect::tally_key(a, s, 3);
      a.big_keys.push_back(std::move(s));
    }
    const int64_t counted = censused == a.dbsize
                                ? population[m]
                                : population[m] * censused / std::max<int64_t>(1, a.dbsize);
    const health::StratumEstimate e = health::estimate_stratum(
        {counted, keys, keys, summary.tally.memory, summary.tally.memory_squares}, censused,
        a.dbsize);
    summary.keys = e.keys;
    summary.memory_bytes = e.memory_bytes;
  }
  const int per_key = a.lfu ? 4 : 3;
  a.commands = 3 + census_scans + a.keys_sampled * per_key + 2 * counter_reads + 1;
  a.seconds = 0.05 + static_cast<double>(a.commands) / 150000.0;
  auto top = [](auto& v, size_t n, auto more) {
    std::sort(v.begin(), v.end(), more);
    if (v.size() > n) v.resize(n);
  };
  top(a.big_keys, 20, [](const health::KeySample& x, const health::KeySample& y) {
    return x.memory_bytes > y.memory_bytes;
  });
  top(lfu, 20, [](const collect::HotKey& x, const collect::HotKey& y) {
    return x.freq > y.freq || (x.freq == y.freq && x.key < y.key);
  });
  top(counters, 20, [](const collect::HotKey& x, const collect::HotKey& y) {
    return x.ops_per_second > y.ops_per_second;
  });
  a.hot_keys = lfu;
  a.hot_keys.insert(a.hot_keys.end(), counters.begin(), counters.end());
  return a;
}

void generate_keyspace_summary(SimContext& ctx, WarehouseWriter& writer,
                               const std::vector<DemoRedis>& instances, int64_t now) {
  Rng rng = ctx.rng("redis_keyspace");
  const collect::KeyspaceConfig config = luckin_keyspace_config();
  collect::KeyspaceSinks sinks{writer.open_sink(health::table("keyspace_scans")),
                               writer.open_sink(health::table("keyspace")),
                               writer.open_sink(health::table("redis_keys"))};
  for (const DemoRedis& in : instances) {
    collect::write_keyspace_rows(sinks, in.name, now, simulate_keyspace_analysis(rng, in, config), kBudgetCommands,
                                 /*simulated=*/true);
  }
  std::unique_ptr<RowSink> policy = writer.open_sink(health::table("redis_policy"));
  collect::write_policy_rows(*policy, config.policy);
  for (RowSink* s : {sinks.scans.get(), sinks.keyspace.get(), sinks.keys.get(), policy.get()})
    s->finish();

  const char* table = "health__keyspace";
  ctx.truth.describe(
      "redis_ttl_violation", table,
      "a namespace breaking the TTL policy: keys without TTL, or a TTL over its maximum");
  ctx.truth.describe("redis_hot_key", table,
                     "a key taking most of an instance's traffic (thundering-herd risk)");
  for (const PlantedKeyspace& p : planted_keyspace()) {
    char name[16];
    std::snprintf(name, sizeof name, "redis-%02d", p.instance_number);
    if (p.kind == "no_ttl" || p.kind == "ttl_too_long") {
      ctx.truth.add_item("redis_ttl_violation",
                         {{"instance", name}, {"namespace", p.ns}, {"problem", p.kind}});
    } else {
      ctx.truth.add_item("redis_hot_key", {{"instance", name},
                                           {"key", p.key},
                                           {"source", p.kind == "hot_lfu" ? "lfu" : "counter"}});
    }
  }
}

}  // namespace luckyhub::sim
