// What a Redis server sends the collector, decoded (collect/redis_info.h),
// including what fuzz/redis_values.cc found: an INFO value that is not a
// number threw std::invalid_argument out of the scrape (std::stod), and
// CONFIG GET's reply was read as a C string even when its value was nil.
#include "collect/redis_info.h"

#include <gtest/gtest.h>

namespace luckyhub::collect {
namespace {

double sample(const Scrape& s, const std::string& metric, const std::string& object = "") {
  for (const Sample& x : s.samples) {
    if (x.metric == metric && x.object == object) return x.value;
  }
  return -1;
}

TEST(RedisInfo, TheCatalogsMetricsAndEachDatabase) {
  Scrape s;
  parse_redis_info("# Memory\r\nused_memory:1048576\r\nmaxmemory:0\r\n# Replication\r\nrole:slave\r\n"
                   "master_link_status:up\r\n# Keyspace\r\ndb0:keys=12,expires=3,avg_ttl=0\r\ndb3:keys=5\r\n",
                   s);
  EXPECT_EQ(sample(s, "used_memory_bytes"), 1048576);
  EXPECT_EQ(sample(s, "maxmemory_bytes"), 0);
  EXPECT_EQ(sample(s, "is_replica"), 1);
  EXPECT_EQ(sample(s, "replication_link_up"), 1);
  EXPECT_EQ(sample(s, "db_keys", "db0"), 12);
  EXPECT_EQ(sample(s, "db_expiring_keys", "db0"), 3);
  EXPECT_EQ(sample(s, "db_keys", "db3"), 5);
  EXPECT_EQ(sample(s, "db_expiring_keys", "db3"), -1);
  ASSERT_EQ(s.objects.size(), 2u);
}

// fuzz/corpus/redis_values/crash-2c0c…: a value that is not a number.
TEST(RedisInfo, AValueThatIsNotANumberGivesNoSampleAndNoException) {
  Scrape s;
  EXPECT_NO_THROW(parse_redis_info("used_memory:abc\r\nconnected_clients:\r\nkeyspace_hits:12x\r\n"
                                   "evicted_keys: 4\r\nexpired_keys:nan\r\ndb0:keys=,expires=3\r\n"
                                   "db1:keys=7,expires=many\r\nblocked_clients:2\r\n",
                                   s));
  EXPECT_EQ(sample(s, "used_memory_bytes"), -1);
  EXPECT_EQ(sample(s, "connected_clients"), -1);
  EXPECT_EQ(sample(s, "keyspace_hits_total"), -1);
  EXPECT_EQ(sample(s, "evicted_keys_total"), -1);
  EXPECT_EQ(sample(s, "expired_keys_total"), -1);
  EXPECT_EQ(sample(s, "db_keys", "db0"), -1);
  EXPECT_EQ(sample(s, "db_keys", "db1"), 7);
  EXPECT_EQ(sample(s, "db_expiring_keys", "db1"), -1);
  EXPECT_EQ(sample(s, "blocked_clients"), 2);
  ASSERT_EQ(s.objects.size(), 1u);
  EXPECT_EQ(s.objects[0].name, "db1");
}

TEST(RedisInfo, ConfigGetIsANumberOnlyWhenItsValueIsOne) {
  const auto pair = [](ReplyValue value) {
    ReplyValue r{.kind = ReplyValue::Kind::kArray};
    r.items = {ReplyValue{.kind = ReplyValue::Kind::kString, .text = "maxclients"}, std::move(value)};
    return r;
  };
  EXPECT_EQ(config_get_number(pair({.kind = ReplyValue::Kind::kString, .text = "10000"})), 10000);
  EXPECT_EQ(config_get_number(pair({.kind = ReplyValue::Kind::kNil})), std::nullopt);
  EXPECT_EQ(config_get_number(pair({.kind = ReplyValue::Kind::kString, .text = "lots"})), std::nullopt);
  EXPECT_EQ(config_get_number(pair({.kind = ReplyValue::Kind::kInteger, .integer = 5})), std::nullopt);
  EXPECT_EQ(config_get_number({.kind = ReplyValue::Kind::kArray}), std::nullopt);
  EXPECT_EQ(config_get_number({.kind = ReplyValue::Kind::kError, .text = "ERR unknown"}), std::nullopt);
}

}  // namespace
}  // namespace luckyhub::collect
