// What a Redis server sends the collector (collect/redis_info.h,
// collect/redis_topology.h): the input read by hiredis's RESP reader, each
// reply decoded and given to every reply parser (ROLE, SENTINEL MASTERS and
// REPLICAS, CONFIG GET); and the same bytes as INFO text and CLUSTER NODES.
#include <hiredis/hiredis.h>
#include <hiredis/read.h>

#include "collect/redis_info.h"
#include "collect/redis_topology.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace luckyhub::collect;
  redisReader* reader = redisReaderCreate();
  redisReaderFeed(reader, reinterpret_cast<const char*>(data), size);
  for (int replies = 0; replies < 64; ++replies) {
    void* reply = nullptr;
    if (redisReaderGetReply(reader, &reply) != REDIS_OK || reply == nullptr) break;
    const ReplyValue value = reply_value(static_cast<redisReply*>(reply));
    freeReplyObject(reply);
    RedisTopology t;
    apply_role(value, t);
    for (const auto& [name, address] : apply_sentinel_masters(value, t)) apply_sentinel_replicas(name, address, value, t);
    (void)config_get_number(value);
  }
  redisReaderFree(reader);

  const std::string text(luckyhub::fuzz::text_of(data, size));
  luckyhub::collect::Scrape scrape;
  parse_redis_info(text, scrape);
  RedisTopology t;
  apply_info(info_fields(text), t);
  apply_cluster_nodes(text, t);
  return 0;
}
