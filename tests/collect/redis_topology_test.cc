// The topology parsers (collect/redis_topology.h) on replies as Redis 7 sends
// them, and on malformed ones: a bad line or element is skipped and named in
// `problems`, the rest still read.
#include "collect/redis_topology.h"

#include <gtest/gtest.h>

namespace luckyhub::collect {
namespace {

ReplyValue str(const std::string& s) { return {.kind = ReplyValue::Kind::kString, .text = s}; }
ReplyValue num(int64_t v) { return {.kind = ReplyValue::Kind::kInteger, .integer = v}; }
ReplyValue arr(std::vector<ReplyValue> items) {
  return {.kind = ReplyValue::Kind::kArray, .items = std::move(items)};
}
ReplyValue fields(const std::vector<std::string>& kv) {
  std::vector<ReplyValue> items;
  for (const std::string& s : kv) items.push_back(str(s));
  return arr(items);
}

TEST(RedisTopology, MasterWithReplicasFromRoleAndInfo) {
  RedisTopology t;
  apply_role(arr({str("master"), num(3129659),
                  arr({arr({str("127.0.0.1"), str("9001"), str("3129242")}),
                       arr({str("127.0.0.1"), str("9002"), str("3129543")})})}),
             t);
  apply_info(info_fields("# Replication\r\nrole:master\r\nconnected_slaves:2\r\n"
                         "slave0:ip=127.0.0.1,port=9001,state=online,offset=3129242,lag=0\r\n"
                         "slave1:ip=127.0.0.1,port=9002,state=wait_bgsave,offset=3129543,lag=7\r\n"
                         "master_repl_offset:3129659\r\n# Cluster\r\ncluster_enabled:0\r\n"),
             t);
  EXPECT_EQ(t.role, "master");
  EXPECT_EQ(t.offset, 3129659);
  EXPECT_FALSE(t.cluster);
  ASSERT_EQ(t.peers.size(), 2u);
  EXPECT_EQ(t.peers[0].address, "127.0.0.1:9001");
  EXPECT_EQ(t.peers[0].link, "online");
  EXPECT_EQ(t.peers[0].lag_s, 0);
  EXPECT_EQ(t.peers[1].offset, 3129543);
  EXPECT_EQ(t.peers[1].link, "wait_bgsave");
  EXPECT_EQ(t.peers[1].lag_s, 7);
  EXPECT_TRUE(t.problems.empty());
}

TEST(RedisTopology, Replica) {
  RedisTopology t;
  apply_role(arr({str("slave"), str("10.0.0.5"), num(6379), str("connected"), num(42)}), t);
  apply_info(
      info_fields("role:slave\nmaster_host:10.0.0.5\nmaster_port:6379\nmaster_link_status:up\n"),
      t);
  EXPECT_EQ(t.role, "replica");
  EXPECT_EQ(t.master, "10.0.0.5:6379");
  EXPECT_EQ(t.master_link, "up");
  EXPECT_EQ(t.offset, 42);
  // Without ROLE (refused), INFO alone says as much.
  RedisTopology info_only;
  apply_info(
      info_fields("role:slave\nmaster_host:10.0.0.5\nmaster_port:6379\nmaster_link_status:down\n"
                  "master_repl_offset:7\n"),
      info_only);
  EXPECT_EQ(info_only.role, "replica");
  EXPECT_EQ(info_only.master, "10.0.0.5:6379");
  EXPECT_EQ(info_only.master_link, "down");
  EXPECT_EQ(info_only.offset, 7);
}

TEST(RedisTopology, MalformedRoleAndInfoAreNamedNotGuessed) {
  RedisTopology t;
  apply_role(str("OK"), t);
  apply_role(arr({}), t);
  apply_role(arr({str("slave"), str("10.0.0.5")}), t);  // no port
  apply_role(arr({str("slave"), str("h"), str("99999"), str("connected"), num(1)}),
             t);  // port out of range
  apply_role(arr({str("leader")}), t);
  EXPECT_EQ(t.problems.size(), 5u);
  EXPECT_TRUE(t.master.empty());
  RedisTopology m;
  apply_role(arr({str("master"), num(1),
                  arr({str("x"), arr({str("127.0.0.1")}), arr({str("h"), str("70000")}),
                       arr({str("127.0.0.1"), num(6380), str("12")})})}),
             m);
  ASSERT_EQ(m.peers.size(),
            1u);  // only the well-formed replica; a port given as an integer is fine
  EXPECT_EQ(m.peers[0].address, "127.0.0.1:6380");
  EXPECT_EQ(m.peers[0].offset, 12);
  EXPECT_EQ(m.problems.size(), 3u);
  apply_info(
      info_fields(
          "role:master\nslave0:ip=,port=1\nslave1:port=abc\nslavery:ip=1.2.3.4,port=1\n:novalue\n"
          "no colon line\nslave2:ip=127.0.0.1,port=6380,state=online,offset=x,lag=\n"),
      m);
  EXPECT_EQ(m.problems.size(), 5u);  // slave0 and slave1; "slavery" is not a replica line
  ASSERT_EQ(m.peers.size(), 1u);
  EXPECT_EQ(m.peers[0].link, "online");
  EXPECT_EQ(m.peers[0].offset, 12);  // a bad offset leaves the known one
  EXPECT_EQ(m.peers[0].lag_s, -1);
}

const char* kNodes =
    "e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 127.0.0.1:30001@40001 myself,master - 0 0 1 "
    "connected 0-5460\n"
    "67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1 127.0.0.1:30002@40002,node-2 master - 0 "
    "1426238316232 2 connected "
    "5461-10922 [5461->-e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca]\n"
    "292f8b365bb7edb5e285caf0b7e6ddc7265d2f4f 127.0.0.1:30003@40003 master,fail? - 0 1426238318243 "
    "3 connected "
    "10923-16383\n"
    "07c37dfeb235213a872192d90877d0cd55635b91 127.0.0.1:30004@40004 slave "
    "e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 0 "
    "1426238317239 4 connected\n";

TEST(RedisTopology, ClusterNodes) {
  RedisTopology t;
  apply_info(info_fields("role:master\ncluster_enabled:1\n"), t);
  apply_cluster_nodes(kNodes, t);
  EXPECT_TRUE(t.cluster);
  EXPECT_EQ(t.slots, "0-5460");
  ASSERT_EQ(t.peers.size(), 3u);
  EXPECT_EQ(t.peers[0].address, "127.0.0.1:30002");
  EXPECT_EQ(t.peers[0].slots, "5461-10922");  // the migrating slot is not its
  EXPECT_EQ(t.peers[1].link, "connected,fail");
  EXPECT_EQ(t.peers[2].role, "replica");
  EXPECT_EQ(t.peers[2].master, "127.0.0.1:30001");
  EXPECT_TRUE(t.problems.empty());
}

TEST(RedisTopology, MalformedClusterLines) {
  RedisTopology t;
  apply_cluster_nodes(
      "garbage\n"
      "e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 127.0.0.1:30001 myself,master - 0 0 1\n"  // 7
                                                                                          // fields
      "zzz1eecce10fd6bb5eb35b9f99a514335d9ba9ca 127.0.0.1:30001 master - 0 0 1 connected\n"  // not
                                                                                             // hex
      "67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1 nohost master - 0 0 2 connected\n"
      "292f8b365bb7edb5e285caf0b7e6ddc7265d2f4f 127.0.0.1:30003@1 slave notanid 0 0 3 connected\n"
      "07c37dfeb235213a872192d90877d0cd55635b91 127.0.0.1:30004 master - 0 0 4 connected 0-99999 7 "
      "x-1 9-8\n"
      "\n",
      t);
  EXPECT_EQ(t.problems.size(), 8u) << ::testing::PrintToString(t.problems);
  ASSERT_EQ(t.peers.size(), 1u);  // the last line, keeping only its valid slot
  EXPECT_EQ(t.peers[0].slots, "7");
}

TEST(RedisTopology, Sentinel) {
  RedisTopology t;
  apply_role(arr({str("sentinel"), arr({str("cache")})}), t);
  apply_info(
      info_fields(
          "# Sentinel\nsentinel_masters:1\nmaster0:name=cache,status=ok,address=127.0.0.1:6379\n"),
      t);
  const auto masters =
      apply_sentinel_masters(arr({fields({"name", "cache", "ip", "127.0.0.1", "port", "6379",
                                          "flags", "master", "num-slaves", "1"}),
                                  fields({"name", "odd"}),      // no address
                                  fields({"name", "x", "ip"}),  // odd length
                                  str("not a map")}),
                             t);
  EXPECT_EQ(t.role, "sentinel");
  ASSERT_EQ(masters.size(), 1u);
  EXPECT_EQ(masters[0], (std::pair<std::string, std::string>{"cache", "127.0.0.1:6379"}));
  apply_sentinel_replicas("cache", "127.0.0.1:6379",
                          arr({fields({"name", "127.0.0.1:6380", "ip", "127.0.0.1", "port", "6380",
                                       "flags", "slave", "slave-repl-offset", "1234"}),
                               fields({"ip", "127.0.0.1", "port", "0"})}),
                          t);
  apply_sentinel_replicas("cache", "127.0.0.1:6379", num(3), t);
  ASSERT_EQ(t.peers.size(), 2u);
  EXPECT_EQ(t.peers[0].relation, "monitored_master");
  EXPECT_EQ(t.peers[0].name, "cache");
  EXPECT_EQ(t.peers[1].relation, "monitored_replica");
  EXPECT_EQ(t.peers[1].master, "127.0.0.1:6379");
  EXPECT_EQ(t.peers[1].offset, 1234);
  EXPECT_EQ(t.problems.size(), 5u);
}

}  // namespace
}  // namespace luckyhub::collect
