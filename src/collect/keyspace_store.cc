#include "collect/keyspace_store.h"

#include "health/keyspace_history.h"

namespace luckyhub::collect {
namespace {

void key_row(RowSink& s, const std::string& instance, int64_t ts, const char* kind,
             const std::string& name, const std::string& ns, const std::string& type,
             int64_t memory, int64_t ttl_ms, int freq, double ops) {
  s.set_text(s.col("instance"), instance);
  s.set_int(s.col("ts"), ts);
  s.set_text(s.col("kind"), kind);
  s.set_text(s.col("name"), name);
  s.set_text(s.col("namespace"), ns);
  s.set_text(s.col("type"), type);
  s.set_int(s.col("memory_bytes"), memory);
  s.set_int(s.col("ttl_ms"), ttl_ms);
  s.set_int(s.col("freq"), freq);
  s.set_double(s.col("ops_per_second"), ops);
  s.end_row();
}

}  // namespace

void write_keyspace_rows(KeyspaceSinks& sinks, const std::string& instance, int64_t ts,
                         const KeyspaceAnalysis& a, int64_t budget_commands, bool simulated) {
  RowSink& s = *sinks.scans;
  s.set_text(s.col("instance"), instance);
  s.set_int(s.col("ts"), ts);
  s.set_int(s.col("dbsize"), a.dbsize);
  s.set_int(s.col("keys_sampled"), a.keys_sampled);
  s.set_int(s.col("commands"), a.commands);
  s.set_int(s.col("budget_commands"), budget_commands);
  s.set_double(s.col("seconds"), a.seconds);
  s.set_text(s.col("stopped_by"), a.stopped_by);
  s.set_text(s.col("maxmemory_policy"), a.maxmemory_policy);
  s.set_int(s.col("lfu_median"), health::lfu_median(a.freq_counts));
  s.set_double(s.col("used_memory_bytes"), a.used_memory_bytes);
  s.set_double(s.col("ops_per_second"), a.ops_per_second);
  s.set_int(s.col("simulated"), simulated ? 1 : 0);
  s.end_row();
  RowSink& k = *sinks.keyspace;
  for (const auto& [ns, n] : a.namespaces) {
    k.set_text(k.col("instance"), instance);
    k.set_int(k.col("ts"), ts);
    k.set_text(k.col("namespace"), ns);
    k.set_text(k.col("service"), n.service);
    k.set_int(k.col("keys_sampled"), n.tally.keys);
    k.set_double(k.col("keys_estimate"), n.keys.value);
    k.set_double(k.col("keys_error95"), n.keys.error95);
    k.set_double(k.col("memory_bytes_estimate"), n.memory_bytes.value);
    k.set_double(k.col("memory_bytes_error95"), n.memory_bytes.error95);
    k.set_int(k.col("max_ttl_ms"), n.tally.max_ttl_ms);
    for (int b = 0; b < health::kTtlBuckets; ++b)
      k.set_int(k.col(health::kTtlBucketColumns[b]), n.tally.ttl[b]);
    k.end_row();
  }
  RowSink& r = *sinks.keys;
  for (const health::KeySample& b : a.big_keys) {
    key_row(r, instance, ts, "big", b.key, b.ns, b.type, b.memory_bytes, b.pttl_ms, b.freq, 0);
  }
  for (const HotKey& h : a.hot_keys) {
    key_row(r, instance, ts, h.source == "lfu" ? "hot_lfu" : "hot_counter", h.key, h.ns, "", -1, -1,
            h.freq, h.ops_per_second);
  }
  for (const auto& [ns, list] : a.examples) {
    for (const health::KeySample& e : list)
      key_row(r, instance, ts, "example", e.key, ns, e.type, e.memory_bytes, e.pttl_ms, e.freq, 0);
  }
}

void write_policy_rows(RowSink& s, const std::vector<health::TtlRule>& policy) {
  for (size_t i = 0; i < policy.size(); ++i) {
    s.set_int(s.col("position"), static_cast<int64_t>(i));
    s.set_text(s.col("pattern"), policy[i].pattern);
    s.set_int(s.col("must_expire"), policy[i].must_expire ? 1 : 0);
    s.set_int(s.col("max_ttl_s"), policy[i].max_ttl_s);
    s.end_row();
  }
}

}  // namespace luckyhub::collect
