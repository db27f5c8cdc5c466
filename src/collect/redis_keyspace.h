// Keyspace analysis of one Redis instance, safe on a production server
// (docs/redis-console.md), on database 0, in two phases:
//   1. a census: SCAN with a bounded COUNT once around the cursor space (never
//      KEYS), counting every key's namespace and keeping, per namespace, the
//      keys of smallest seeded hash (a random sample of it);
//   2. a stratified inspection of those samples with pipelined TYPE, PTTL,
//      MEMORY USAGE key SAMPLES n and, under an LFU maxmemory-policy,
//      OBJECT FREQ: a pilot of equal size per namespace, then the rest of
//      the budget in proportion to each namespace's spread of key sizes.
// Small string keys are read with GET and, when they hold an integer, read
// again at the end to measure how fast the counter moves.
//
// The census may use half of either budget (commands, time); the analysis
// stops at whichever comes first: every key inspected, the command budget,
// or the time budget. Every command it sends counts against the budget
// (INFO, CONFIG GET, DBSIZE and each SCAN too), and it never sends more than
// the budget. From what it saw: estimates per namespace (keyspace_model.h;
// key counts exact when the census completed), TTL histograms, the biggest
// keys, the hottest keys and example keys per namespace (those without a
// TTL, the one with the longest TTL).
#pragma once

#include <cstdint>
#include <array>
#include <map>
#include <string>
#include <vector>

#include "health/keyspace_model.h"

namespace luckyhub::collect {

// Declared in collect/redis_connection.h, which only the files that talk to
// Redis include: hiredis reaches no reader of an analysis.
class RedisConnection;

struct KeyspaceOptions {
  health::NamespaceRules namespaces;
  health::ServiceMap services;
  int scan_count = 250;          // SCAN's COUNT hint (about 0.5 ms a call)
  int64_t max_commands = 50000;  // per instance per analysis
  double max_seconds = 5;        // time spent scanning and inspecting
  int memory_samples = 5;        // MEMORY USAGE ... SAMPLES n
  int top_keys = 20;             // big keys and hot keys kept
  int max_counters = 2000;       // integer string keys re-read for their rate
  int counter_gap_ms = 1000;     // at least this long between a counter's two reads
  int examples = 3;              // keys without TTL kept per namespace
  uint64_t seed = 0;             // where SCAN starts; 0 starts at cursor 0
};

struct NamespaceSummary {
  std::string service;
  health::NamespaceTally tally;
  health::Estimate keys, memory_bytes;
};

// A key ranked hot: by its LFU counter or by the rate its integer value changes.
struct HotKey {
  std::string key, ns, source;  // source: "lfu" or "counter"
  int freq = -1;
  double ops_per_second = 0;
};

struct KeyspaceAnalysis {
  int64_t dbsize = 0;
  int64_t keys_sampled = 0;
  int64_t commands = 0;
  double seconds = 0;
  // "complete", "commands", "time", or "memory" (more keys than the census
  // may hold names of: 400,000 in all)
  std::string stopped_by;
  std::string maxmemory_policy;
  bool lfu = false;
  double used_memory_bytes = 0;
  // The other clients' commands per second while the analysis ran (its own
  // commands left out): what a hot key's rate is compared with.
  double ops_per_second = 0;
  std::map<std::string, NamespaceSummary> namespaces;
  health::TtlHistogram ttl{};
  std::vector<health::KeySample> big_keys;  // the largest first
  std::vector<HotKey> hot_keys;     // LFU ones by freq, then counters by rate
  std::map<std::string, std::vector<health::KeySample>> examples;  // per namespace
  // Sampled keys by OBJECT FREQ (0-255, under an LFU policy): what a hot
  // key's counter is compared with (health::lfu_median).
  std::array<int64_t, 256> freq_counts{};

  double sample_fraction() const {
    return dbsize > 0 ? static_cast<double>(keys_sampled) / dbsize : 1;
  }
};

// Adds an inspected key (its ns set) to the namespace tallies, TTL
// histograms and example keys: the sampler's bookkeeping, shared with the
// simulator's summaries. Leaves keys_sampled, big and hot keys to the caller.
void tally_key(KeyspaceAnalysis& a, const health::KeySample& s, int max_examples);

// Analyses database 0 over `connection`. REQUIRES: options validated
// (validate_keyspace_options). Throws Error when the connection fails.
KeyspaceAnalysis analyze_keyspace(RedisConnection& connection, const KeyspaceOptions& options);

// The reference a sampled analysis is checked against: a full SCAN and one
// MEMORY USAGE key SAMPLES memory_samples per key, summed by namespace (key
// counts and memory exact, errors 0; no TTLs, no budget: it issues about
// DBSIZE commands, for an off-peak check or a benchmark, never for collect).
KeyspaceAnalysis exact_keyspace(RedisConnection& connection, const KeyspaceOptions& options);

// Throws Error naming the setting that is out of range.
void validate_keyspace_options(const KeyspaceOptions& options);

}  // namespace luckyhub::collect
