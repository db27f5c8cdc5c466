// The reference a sampled keyspace analysis is checked against
// (redis_keyspace.h, exact_keyspace): a full SCAN and one MEMORY USAGE per
// key, summed by namespace.
#include <chrono>
#include <string>
#include <vector>

#include "collect/redis_connection.h"
#include "collect/redis_keyspace.h"
#include "core/error.h"

namespace luckyhub::collect {

KeyspaceAnalysis exact_keyspace(RedisConnection& connection, const KeyspaceOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const int64_t base = connection.commands_sent();
  KeyspaceAnalysis a;
  a.dbsize = connection.command({"DBSIZE"})->integer;
  const std::string count = std::to_string(options.scan_count);
  const std::string samples = std::to_string(options.memory_samples);
  std::string cursor = "0";
  do {
    const ReplyPtr r = connection.command({"SCAN", cursor, "COUNT", count});
    if (r->type != REDIS_REPLY_ARRAY || r->elements != 2)
      throw Error(connection.instance().label() + ": SCAN: unexpected reply");
    cursor = r->element[0]->str;
    std::vector<RedisConnection::Command> batch;
    for (size_t i = 0; i < r->element[1]->elements; ++i) {
      const redisReply* k = r->element[1]->element[i];
      batch.push_back({"MEMORY", "USAGE", std::string(k->str, k->len), "SAMPLES", samples});
    }
    const std::vector<ReplyPtr> usage = connection.pipeline(batch);
    for (size_t i = 0; i < batch.size(); ++i) {
      if (usage[i]->type != REDIS_REPLY_INTEGER) continue;  // gone since the SCAN
      const std::string& key = batch[i][2];
      NamespaceSummary& n = a.namespaces[options.namespaces.namespace_of(key)];
      const double bytes = static_cast<double>(usage[i]->integer);
      n.tally.keys += 1;
      n.tally.memory += bytes;
      n.tally.memory_squares += bytes * bytes;
      a.keys_sampled += 1;
    }
  } while (cursor != "0");
  for (auto& [ns, n] : a.namespaces) {
    n.service = options.services.service_of(ns);
    n.keys = {static_cast<double>(n.tally.keys), 0};
    n.memory_bytes = {n.tally.memory, 0};
  }
  a.stopped_by = "complete";
  a.commands = connection.commands_sent() - base;
  a.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return a;
}

}  // namespace luckyhub::collect
