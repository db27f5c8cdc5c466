#include "health/keyspace_history.h"

#include <set>
#include <utility>

namespace luckyhub::health {

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
  auto own_scan = [&](const Row& row) {
    const auto it = scan_ts.find(row.text("instance"));
    return it != scan_ts.end() && it->second == row.integer("ts");
  };
  const ResultSet r = wh.query(R"(
      SELECT instance, ts, namespace, keys_sampled, max_ttl_ms, keys_estimate,
             ttl_none, ttl_lt_1m, ttl_lt_1h, ttl_lt_1d, ttl_lt_7d, ttl_ge_7d
      FROM health__keyspace WHERE ts IN ()" + in_times +
                                   ") ORDER BY instance, namespace",
                               params);
  std::map<std::pair<std::string, std::string>, size_t> index;  // instance, namespace
  for (const Row row : r) {
    if (!own_scan(row)) continue;
    NamespaceTtl n{row.text("namespace"), row.integer("keys_sampled"), row.integer("ttl_none"),
                   row.integer("max_ttl_ms"), row.number("keys_estimate")};
    for (int b = 0; b < kTtlBuckets; ++b) n.ttl[b] = row.integer(kTtlBucketColumns[b]);
    std::vector<NamespaceTtl>& list = out[row.text("instance")];
    index[{row.text("instance"), n.ns}] = list.size();
    list.push_back(std::move(n));
  }
  const ResultSet e = wh.query(R"(
      SELECT instance, ts, namespace, name, type, memory_bytes, ttl_ms FROM health__redis_keys
      WHERE kind = 'example' AND ts IN ()" + in_times + ") ORDER BY instance, namespace, name",
                               params);
  for (const Row row : e) {
    if (!own_scan(row)) continue;
    const auto it = index.find({row.text("instance"), row.text("namespace")});
    if (it == index.end()) continue;
    out[row.text("instance")][it->second].examples.push_back(
        {row.text("name"), row.text("type"), row.integer("ttl_ms"), row.integer("memory_bytes")});
  }
  return out;
}

std::vector<TtlRule> load_policy(Warehouse& wh) {
  const ResultSet r = wh.query(
      "SELECT pattern, must_expire, max_ttl_s FROM health__redis_policy ORDER BY position");
  std::vector<TtlRule> out;
  for (const Row row : r) {
    out.push_back({row.text("pattern"), row.integer("must_expire") == 1, row.integer("max_ttl_s")});
  }
  return out;
}

}  // namespace luckyhub::health
