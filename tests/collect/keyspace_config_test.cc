// The keyspace file of `luckyhub collect --keyspace-config`, as examples:
// every section parsed, errors with their line, the deployed file equal to
// the simulator's policy.
#include "collect/keyspace_config.h"

#include <gtest/gtest.h>

#include <string>

#include "core/error.h"
#include "simulate/health/redis_model.h"

namespace luckyhub::collect {
namespace {

TEST(KeyspaceConfigFile, ParsesEverySection) {
  const KeyspaceConfig c = parse_keyspace_config(R"(
[namespaces]
delimiter = "/"
depth = 3
[budget]
scan_count = 200
max_commands = 20000
max_seconds = 3
[[service]]
pattern = "order/*"
name = "order-service"
[[ttl]]
pattern = "session"
max_ttl_s = 604800
[[ttl]]
pattern = "store/*"
must_expire = false
)",
                                                 "k.toml");
  EXPECT_EQ(c.options.namespaces.delimiter, "/");
  EXPECT_EQ(c.options.namespaces.depth, 3);
  EXPECT_EQ(c.options.scan_count, 200);
  EXPECT_EQ(c.options.max_commands, 20000);
  EXPECT_DOUBLE_EQ(c.options.max_seconds, 3);
  EXPECT_EQ(c.options.services.service_of("order/cache"), "order-service");
  ASSERT_EQ(c.policy.size(), 2u);
  EXPECT_TRUE(c.policy[0].must_expire);
  EXPECT_EQ(c.policy[0].max_ttl_s, 604800);
  EXPECT_FALSE(c.policy[1].must_expire);
}

TEST(KeyspaceConfigFile, RejectsWithTheLine) {
  auto message = [](const std::string& text) {
    try {
      parse_keyspace_config(text, "k.toml");
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message("[budget]\nscan_count = 5\n"),
            "k.toml:2: scan_count must be an integer from 10 to 1000");
  EXPECT_EQ(message("[budget]\nkeys = 1\n"), "k.toml:2: unknown key 'keys' in [budget]");
  EXPECT_EQ(message("[[ttl]]\npattern = \"a*b\"\n"),
            "k.toml:2: pattern may hold '*' only at its end");
  EXPECT_EQ(message("[[ttl]]\nmust_expire = true\n"), "k.toml:1: [[ttl]] needs pattern");
  EXPECT_EQ(message("[namespaces]\ndelimiter = \"\"\n"),
            "k.toml:2: delimiter must be a non-empty string");
  EXPECT_EQ(message("colour = 1\n"), "k.toml:1: unknown key 'colour' in the keyspace file");
}

// deploy/redis-keyspace.toml is the simulator's Luckin policy, as a file.
TEST(KeyspaceConfigFile, DeployFileIsTheSimulatedPolicy) {
  const KeyspaceConfig file =
      load_keyspace_config(std::string(LUCKYHUB_SOURCE_DIR) + "/deploy/redis-keyspace.toml");
  const KeyspaceConfig sim = sim::luckin_keyspace_config();
  ASSERT_EQ(file.policy.size(), sim.policy.size());
  for (size_t i = 0; i < sim.policy.size(); ++i) {
    EXPECT_EQ(file.policy[i].pattern, sim.policy[i].pattern);
    EXPECT_EQ(file.policy[i].must_expire, sim.policy[i].must_expire);
    EXPECT_EQ(file.policy[i].max_ttl_s, sim.policy[i].max_ttl_s);
  }
  EXPECT_EQ(file.options.services.patterns, sim.options.services.patterns);
}

}  // namespace
}  // namespace luckyhub::collect
