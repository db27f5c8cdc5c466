// What a Redis server sends the collector (collect/redis_info.h,
// collect/redis_topology.h): the input read by hiredis's RESP reader, each
// reply decoded and given to every reply parser (ROLE, SENTINEL MASTERS and
// REPLICAS, CONFIG GET); and the same bytes as INFO text and CLUSTER NODES.
#include <hiredis/hiredis.h>
#include <hiredis/read.h>

#include <cctype>

#include "collect/redis_info.h"
#include "collect/redis_topology.h"
#include "fuzz_support.h"

namespace {

// hiredis 0.14 (Debian 12's) allocates a declared array's table of pointers
// before its elements arrive: "*300000000" is a 2.4 GB calloc, lazily
// committed, that only a server sending that many elements fills (and 0.14
// has no reader limit to set). Past libFuzzer's malloc limit that is
// reported as out-of-memory, which is hiredis's behaviour, not luckyhub's:
// inputs declaring more than a million elements are left out of the RESP
// part (BENCHMARKS.md, "Fuzzing").
bool declares_huge_array(std::string_view text) {
  for (size_t at = text.find('*'); at != std::string_view::npos; at = text.find('*', at + 1)) {
    size_t digits = 0;
    while (at + 1 + digits < text.size() && std::isdigit(static_cast<unsigned char>(text[at + 1 + digits]))) ++digits;
    if (digits > 6) return true;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace luckyhub::collect;
  if (!declares_huge_array(luckyhub::fuzz::text_of(data, size))) {
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
  }

  const std::string text(luckyhub::fuzz::text_of(data, size));
  luckyhub::collect::Scrape scrape;
  parse_redis_info(text, scrape);
  RedisTopology t;
  apply_info(info_fields(text), t);
  apply_cluster_nodes(text, t);
  return 0;
}
