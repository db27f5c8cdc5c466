// Redis topology against real servers, started once for the suite: a master
// with a replica (replicaof), a Sentinel watching the master, and a
// three-master cluster whose slots the test assigns (CLUSTER ADDSLOTSRANGE,
// CLUSTER MEET). The collector's Redis source discovers exactly that; a
// collect --once writes it to the warehouse and redis-console shows each
// instance's role and replicas.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <functional>
#include <memory>
#include <thread>

#include "collect/collector.h"
#include "collect/metric_source.h"
#include "collect/redis_connection.h"
#include "integration/health_servers.h"
#include "support/panel_columns.h"
#include "support/shared_sim.h"
#include "tools/registry.h"
#include "warehouse/warehouse.h"

namespace luckyhub::testing {
namespace {

constexpr int64_t kMaxMemory = 64 << 20;
const int64_t kSlots[3][2] = {{0, 5460}, {5461, 10922}, {10923, 16383}};

Instance instance_at(const std::string& name, int port) {
  Instance in;
  in.kind = InstanceKind::kRedis;
  in.name = name;
  in.host = "127.0.0.1";
  in.port = port;
  in.reader.user = "default";
  in.reader.password_ref = "none";
  return in;
}

std::string address(const RedisServer& s) { return "127.0.0.1:" + std::to_string(s.port()); }

void wait_for(const std::string& what, const std::function<bool()>& done) {
  for (int i = 0; i < 200; ++i) {
    if (done()) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  throw std::runtime_error("timed out waiting for " + what);
}

class RedisTopologyIntegration : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(temp_dir());
    master_ = new RedisServer(*dir_ + "/master", kMaxMemory, false);
    replica_ = new RedisServer(*dir_ + "/replica", kMaxMemory, false,
                               "replicaof 127.0.0.1 " + std::to_string(master_->port()));
    sentinel_ = new RedisServer(
        *dir_ + "/sentinel", kMaxMemory, false,
        "sentinel monitor cache 127.0.0.1 " + std::to_string(master_->port()) + " 1",
        /*sentinel=*/true);
    for (int i = 0; i < 3; ++i) {
      // The bus port given: port + 10000, its default, may be taken or past 65535.
      bus_port_[i] = free_port();
      cluster_[i] = new RedisServer(
          *dir_ + "/node" + std::to_string(i), kMaxMemory, false,
          "cluster-enabled yes\ncluster-config-file nodes.conf\ncluster-node-timeout 2000\n"
          "cluster-port " +
              std::to_string(bus_port_[i]));
    }
    for (int i = 0; i < 3; ++i) {
      const Instance in = instance_at("node", cluster_[i]->port());
      collect::RedisConnection c(in, 2, 2);
      c.command(
          {"CLUSTER", "ADDSLOTSRANGE", std::to_string(kSlots[i][0]), std::to_string(kSlots[i][1])});
      if (i > 0) {
        c.command({"CLUSTER", "MEET", "127.0.0.1", std::to_string(cluster_[0]->port()),
                   std::to_string(bus_port_[0])});
      }
    }
    const Instance master = instance_at("master", master_->port());
    wait_for("the replica to be online", [&] {
      collect::RedisConnection c(master, 2, 2);
      return std::string(c.command({"INFO", "replication"})->str).find("state=online") !=
             std::string::npos;
    });
    const Instance sentinel = instance_at("sentinel", sentinel_->port());
    wait_for("the Sentinel to find the replica", [&] {
      collect::RedisConnection c(sentinel, 2, 2);
      return c.command({"SENTINEL", "REPLICAS", "cache"})->elements == 1;
    });
    for (int i = 0; i < 3; ++i) {
      const Instance node = instance_at("node", cluster_[i]->port());
      wait_for("the cluster to be ok", [&] {
        collect::RedisConnection c(node, 2, 2);
        return std::string(c.command({"CLUSTER", "INFO"})->str).find("cluster_state:ok") !=
                   std::string::npos &&
               std::string(c.command({"CLUSTER", "INFO"})->str).find("cluster_known_nodes:3") !=
                   std::string::npos;
      });
    }
  }
  static void TearDownTestSuite() {
    for (RedisServer* s : {master_, replica_, sentinel_, cluster_[0], cluster_[1], cluster_[2]})
      delete s;
  }

  static collect::RedisTopology discover(const RedisServer& s) {
    const Instance in = instance_at("x", s.port());
    const collect::Scrape scrape = collect::make_redis_source(in)->scrape({});
    EXPECT_TRUE(scrape.up) << scrape.error;
    EXPECT_TRUE(scrape.redis_topology.has_value());
    return scrape.redis_topology.value_or(collect::RedisTopology{});
  }

  static std::string* dir_;
  static RedisServer *master_, *replica_, *sentinel_;
  static RedisServer* cluster_[3];
  static int bus_port_[3];
};

std::string* RedisTopologyIntegration::dir_;
RedisServer *RedisTopologyIntegration::master_, *RedisTopologyIntegration::replica_,
    *RedisTopologyIntegration::sentinel_;
RedisServer* RedisTopologyIntegration::cluster_[3];
int RedisTopologyIntegration::bus_port_[3];

TEST_F(RedisTopologyIntegration, MasterAndReplica) {
  const collect::RedisTopology m = discover(*master_);
  EXPECT_EQ(m.role, "master");
  EXPECT_FALSE(m.cluster);
  ASSERT_EQ(m.peers.size(), 1u);
  EXPECT_EQ(m.peers[0].relation, "replica");
  EXPECT_EQ(m.peers[0].address, address(*replica_));
  EXPECT_EQ(m.peers[0].link, "online");
  EXPECT_GE(m.peers[0].offset, 0);
  EXPECT_GE(m.peers[0].lag_s, 0);
  EXPECT_TRUE(m.problems.empty()) << m.problems.front();

  const collect::RedisTopology r = discover(*replica_);
  EXPECT_EQ(r.role, "replica");
  EXPECT_EQ(r.master, address(*master_));
  EXPECT_EQ(r.master_link, "up");
  EXPECT_TRUE(r.peers.empty());
}

TEST_F(RedisTopologyIntegration, SentinelWatchesTheMasterAndItsReplica) {
  const collect::RedisTopology s = discover(*sentinel_);
  EXPECT_EQ(s.role, "sentinel");
  ASSERT_EQ(s.peers.size(), 2u);
  EXPECT_EQ(s.peers[0].relation, "monitored_master");
  EXPECT_EQ(s.peers[0].name, "cache");
  EXPECT_EQ(s.peers[0].address, address(*master_));
  EXPECT_EQ(s.peers[1].relation, "monitored_replica");
  EXPECT_EQ(s.peers[1].address, address(*replica_));
  EXPECT_EQ(s.peers[1].master, address(*master_));
  EXPECT_TRUE(s.problems.empty()) << s.problems.front();
}

TEST_F(RedisTopologyIntegration, ClusterNodesAndTheirSlots) {
  for (int i = 0; i < 3; ++i) {
    const collect::RedisTopology t = discover(*cluster_[i]);
    EXPECT_EQ(t.role, "master");
    EXPECT_TRUE(t.cluster);
    EXPECT_EQ(t.slots, std::to_string(kSlots[i][0]) + "-" + std::to_string(kSlots[i][1]));
    std::map<std::string, std::string> others, expected;
    for (const collect::RedisPeer& p : t.peers) {
      EXPECT_EQ(p.relation, "cluster_node");
      EXPECT_EQ(p.role, "master");
      EXPECT_EQ(p.link, "connected");
      others[p.address] = p.slots;
    }
    for (int j = 0; j < 3; ++j) {
      if (j != i)
        expected[address(*cluster_[j])] =
            std::to_string(kSlots[j][0]) + "-" + std::to_string(kSlots[j][1]);
    }
    EXPECT_EQ(others, expected) << "node " << i;
    EXPECT_TRUE(t.problems.empty()) << t.problems.front();
  }
}

TEST_F(RedisTopologyIntegration, CollectStoresItAndTheConsoleShowsIt) {
  const std::string fleet = *dir_ + "/fleet.toml";
  {
    std::ofstream out(fleet);
    auto entry = [&](const std::string& name, const RedisServer& s) {
      out << "[[instance]]\nname = \"" << name
          << "\"\nkind = \"redis\"\nhost = \"127.0.0.1\"\nport = " << s.port() << "\n\n";
    };
    entry("cache-master", *master_);
    entry("cache-replica", *replica_);
    entry("cache-sentinel", *sentinel_);
    for (int i = 0; i < 3; ++i) entry("node" + std::to_string(i), *cluster_[i]);
  }
  collect::CollectOptions o;
  o.fleet = fleet;
  o.warehouse = *dir_ + "/topology.db";
  o.once = true;
  o.connect_timeout_s = 2;
  o.read_timeout_s = 2;
  collect::collect(o);
  auto wh = open_warehouse(o.warehouse);
  const Report r = run_tool(ToolRegistry::instance().get("redis-console"), *wh, {});
  const Panel* p = r.panel("topology");
  ASSERT_NE(p, nullptr);
  std::map<std::string, std::vector<std::string>>
      rows;  // instance -> role, master, replicas, slots, nodes, watches
  for (const auto& row : p->table.rows) {
    auto text = [&](const char* id) { return std::get<std::string>(row[column(*p, id)]); };
    const Cell nodes = row[column(*p, "cluster_nodes")];
    rows[text("instance")] = {
        text("role"),
        text("master"),
        text("replicas").substr(0, text("replicas").find(' ')),
        text("slots"),
        std::holds_alternative<int64_t>(nodes) ? std::to_string(std::get<int64_t>(nodes)) : "",
        text("watches")};
  }
  using Row = std::vector<std::string>;
  EXPECT_EQ(rows["cache-master"], (Row{"master", "", address(*replica_), "", "", ""}));
  EXPECT_EQ(rows["cache-replica"], (Row{"replica", address(*master_), "", "", "", ""}));
  EXPECT_EQ(rows["cache-sentinel"],
            (Row{"sentinel", "", "", "", "", "cache at " + address(*master_)}));
  EXPECT_EQ(rows["node1"], (Row{"master", "", "", "5461-10922", "3", ""}));
  EXPECT_EQ(rows.size(), 6u);
  const Report page = run_tool(ToolRegistry::instance().get("redis-console"), *wh,
                               {{"instance", "cache-sentinel"}});
  ASSERT_NE(page.panel("topology"), nullptr);
  EXPECT_EQ(page.panel("topology")->table.rows.size(), 3u);  // itself, the master, the replica
}

}  // namespace
}  // namespace luckyhub::testing
