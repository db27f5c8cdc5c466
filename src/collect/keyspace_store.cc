#include "collect/keyspace_store.h"

#include <map>
#include <set>

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
    static const char* kColumns[kTtlBuckets] = {"ttl_none",  "ttl_lt_1m", "ttl_lt_1h",
                                                "ttl_lt_1d", "ttl_lt_7d", "ttl_ge_7d"};
    for (int b = 0; b < kTtlBuckets; ++b) k.set_int(k.col(kColumns[b]), n.tally.ttl[b]);
    k.end_row();
  }
  RowSink& r = *sinks.keys;
  for (const KeySample& b : a.big_keys) {
    key_row(r, instance, ts, "big", b.key, b.ns, b.type, b.memory_bytes, b.pttl_ms, b.freq, 0);
  }
  for (const HotKey& h : a.hot_keys) {
    key_row(r, instance, ts, h.source == "lfu" ? "hot_lfu" : "hot_counter", h.key, h.ns, "", -1, -1,
            h.freq, h.ops_per_second);
  }
  for (const auto& [ns, list] : a.examples) {
    for (const KeySample& e : list)
      key_row(r, instance, ts, "example", e.key, ns, e.type, e.memory_bytes, e.pttl_ms, e.freq, 0);
  }
}

void write_policy_rows(RowSink& s, const std::vector<TtlRule>& policy) {
  for (size_t i = 0; i < policy.size(); ++i) {
    s.set_int(s.col("position"), static_cast<int64_t>(i));
    s.set_text(s.col("pattern"), policy[i].pattern);
    s.set_int(s.col("must_expire"), policy[i].must_expire ? 1 : 0);
    s.set_int(s.col("max_ttl_s"), policy[i].max_ttl_s);
    s.end_row();
  }
}

std::map<std::string, std::vector<NamespaceTtl>> load_namespace_ttls(
    Warehouse& wh, const std::map<std::string, int64_t>& scan_ts) {
  std::map<std::string, std::vector<NamespaceTtl>> out;
  if (scan_ts.empty()) return out;
  // Two queries for every instance (one per instance was a round trip each,
  // 156 for 78 instances): the rows of the scans' times, of which each
  // instance keeps its own scan's.
  std::set<int64_t> times;
  for (const auto& [instance, ts] : scan_ts) times.insert(ts);
  std::string in_times;
  std::vector<SqlValue> params;
  for (const int64_t ts : times) {
    in_times += params.empty() ? "?" : ", ?";
    params.push_back(ts);
  }
  auto own_scan = [&](const ResultSet& r, size_t i) {
    const auto it = scan_ts.find(r.text_at(i, 0));
    return it != scan_ts.end() && it->second == r.int_at(i, 1);
  };
  const ResultSet r = wh.query(R"(
      SELECT instance, ts, namespace, keys_sampled, ttl_none, max_ttl_ms, keys_estimate,
             ttl_none, ttl_lt_1m, ttl_lt_1h, ttl_lt_1d, ttl_lt_7d, ttl_ge_7d
      FROM health__keyspace WHERE ts IN ()" + in_times + ") ORDER BY instance, namespace",
                               params);
  std::map<std::pair<std::string, std::string>, size_t> index;  // instance, namespace
  for (size_t i = 0; i < r.size(); ++i) {
    if (!own_scan(r, i)) continue;
    NamespaceTtl n{r.text_at(i, 2), r.int_at(i, 3), r.int_at(i, 4), r.int_at(i, 5), r.double_at(i, 6)};
    for (int b = 0; b < kTtlBuckets; ++b) n.ttl[b] = r.int_at(i, 7 + b);
    std::vector<NamespaceTtl>& list = out[r.text_at(i, 0)];
    index[{r.text_at(i, 0), n.ns}] = list.size();
    list.push_back(std::move(n));
  }
  const ResultSet e = wh.query(R"(
      SELECT instance, ts, namespace, name, type, memory_bytes, ttl_ms FROM health__redis_keys
      WHERE kind = 'example' AND ts IN ()" + in_times + ") ORDER BY instance, namespace, name",
                               params);
  for (size_t i = 0; i < e.size(); ++i) {
    if (!own_scan(e, i)) continue;
    const auto it = index.find({e.text_at(i, 0), e.text_at(i, 2)});
    if (it == index.end()) continue;
    out[e.text_at(i, 0)][it->second].examples.push_back(
        {e.text_at(i, 3), e.text_at(i, 4), e.int_at(i, 6), e.int_at(i, 5)});
  }
  return out;
}

std::vector<TtlRule> load_policy(Warehouse& wh) {
  const ResultSet r = wh.query(
      "SELECT pattern, must_expire, max_ttl_s FROM health__redis_policy ORDER BY position");
  std::vector<TtlRule> out;
  for (size_t i = 0; i < r.size(); ++i)
    out.push_back({r.text_at(i, 0), r.int_at(i, 1) == 1, r.int_at(i, 2)});
  return out;
}

}  // namespace luckyhub::collect
