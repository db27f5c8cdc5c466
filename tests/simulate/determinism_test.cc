// The same seed and scale give byte-identical warehouse and manifest files;
// another seed gives other data.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "simulate/simulate.h"
#include "support/shared_sim.h"
#include "warehouse/warehouse.h"

namespace luckyhub {
namespace {

std::string bytes_of(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

sim::SimulateOptions options(const std::string& dir, uint64_t seed) {
  sim::SimulateOptions o;
  o.config.scale = 0.01;
  o.config.seed = seed;
  o.warehouse = dir + "/w.db";
  o.truth = dir + "/truth.json";
  return o;
}

TEST(Determinism, SameSeedSameBytes) {
  const std::string a = testing::temp_dir(), b = testing::temp_dir(), c = testing::temp_dir();
  sim::simulate(options(a, 11));
  sim::simulate(options(b, 11));
  sim::simulate(options(c, 12));
  const std::string wa = bytes_of(a + "/w.db"), wb = bytes_of(b + "/w.db"), wc = bytes_of(c + "/w.db");
  ASSERT_GT(wa.size(), 100000u);
  EXPECT_TRUE(wa == wb) << "warehouse files differ for the same seed";
  EXPECT_EQ(bytes_of(a + "/truth.json"), bytes_of(b + "/truth.json"));
  EXPECT_FALSE(wa == wc) << "another seed gave the same warehouse";

  // Not only the recorded seed differs: the orders themselves do.
  const char* kOrders = "SELECT COUNT(*), SUM(pay_money), SUM(shop_id * id) FROM sales_order__t_order";
  const ResultSet ra = open_warehouse(a + "/w.db")->query(kOrders);
  const ResultSet rc = open_warehouse(c + "/w.db")->query(kOrders);
  ASSERT_EQ(ra.size(), 1u);
  ASSERT_GT(ra.int_at(0, 0), 100);
  EXPECT_TRUE(ra.int_at(0, 1) != rc.int_at(0, 1) || ra.int_at(0, 2) != rc.int_at(0, 2))
      << "another seed gave the same orders";
}

}  // namespace
}  // namespace luckyhub
