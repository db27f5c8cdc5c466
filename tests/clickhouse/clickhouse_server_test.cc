// The ClickHouse backend against a real server (scripts/clickhouse-up single,
// started by the CTest fixture 'clickhouse'): values survive the trip whole,
// bad credentials and dead servers give one clean line without the secret,
// and a failed or refused load leaves the warehouse as it was.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/error.h"
#include "support/shared_sim.h"
#include "warehouse/clickhouse/clickhouse_client.h"
#include "warehouse/clickhouse/clickhouse_warehouse.h"

namespace luckyhub {
namespace {

const std::string kSingle = LUCKYHUB_TEST_CLICKHOUSE_SINGLE;

std::string location(const std::string& database) { return testing::clickhouse_location_in(kSingle, database); }

std::string secret() {
  std::ifstream in(kSingle + "/secret");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A connection for statements the Warehouse interface does not run (DDL).
struct Admin {
  clickhouse::Location loc = clickhouse::parse_location(location("default"));
  clickhouse::Client client{loc, loc.endpoint, ""};
};

// The error message of running `f`, or "" when it did not throw.
template <typename F>
std::string error_of(F f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

// A warehouse with one table of three rows, committed.
void build_tiny(const std::string& where, int64_t first_id) {
  auto writer = create_warehouse(where);
  const TableDef& shop = SchemaCatalog::builtin().table("luckyus_opshop", "t_shop_info");
  writer->create_table(shop);
  auto sink = writer->open_sink(shop);
  for (int64_t id = first_id; id < first_id + 3; ++id) {
    sink->set_int(sink->col("id"), id);
    sink->set_text(sink->col("tenant"), "LKUS");
    sink->end_row();
  }
  sink->finish();
  writer->commit();
}

int64_t first_shop(const std::string& where) {
  return open_warehouse(where)->query("SELECT MIN(id) FROM opshop__t_shop_info").int_at(0, 0);
}

TEST(ClickHouseServer, HostileStringsComeBackByteForByte) {
  auto wh = open_warehouse(location("luckyhub"));
  const std::vector<std::string> hostile = {
      "'", "''", "\\", "\\'", "'; DROP DATABASE luckyhub; --", "?", "?\?'?", std::string("a\0b", 3),
      "\n\t\r\b\f", "\\N", "NULL", "caf\xc3\xa9 \xe2\x98\x95", "\x01\x7f", "' OR '1'='1", "/* ? */", "-- ?"};
  for (const std::string& s : hostile) {
    const ResultSet r = wh->query("SELECT ? AS s, length(?) AS n, ? = ? AS same", {s, s, s, std::string(s)});
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r.text_at(0, 0), s);
    EXPECT_EQ(r.int_at(0, 1), static_cast<int64_t>(s.size()));
    EXPECT_EQ(r.int_at(0, 2), 1);
  }
  EXPECT_EQ(wh->query("SELECT ? + ?", {int64_t{INT64_MIN}, int64_t{1}}).int_at(0, 0), INT64_MIN + 1);
  EXPECT_TRUE(wh->query("SELECT ? IS NULL", {SqlValue{}}).int_at(0, 0));
}

TEST(ClickHouseServer, WrongPasswordIsOneLineWithoutTheSecret) {
  const std::string wrong = "not-the-Pa55word-8f3e";
  ::setenv(clickhouse::kPasswordEnv, wrong.c_str(), 1);
  std::string url = location("luckyhub");
  url = url.substr(0, url.find('?'));  // password from the environment
  const std::string message = error_of([&] { open_warehouse(url); });
  ::unsetenv(clickhouse::kPasswordEnv);
  EXPECT_NE(message.find("luckyhub@127.0.0.1"), std::string::npos) << message;
  EXPECT_NE(message.find("assword"), std::string::npos) << message;
  EXPECT_EQ(message.find(wrong), std::string::npos) << message;
  EXPECT_EQ(message.find(secret()), std::string::npos) << message;
  EXPECT_EQ(message.find('\n'), std::string::npos) << message;

  // The same through the command line: one line on stderr, exit code 1.
  std::string out, err;
  const int code = testing::run_luckyhub("report payment-fees --warehouse '" + url + "'", &out, &err);
  EXPECT_NE(code, 0);
  EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << err;
  EXPECT_EQ(err.find(secret()), std::string::npos) << err;
}

TEST(ClickHouseServer, UnreachableServerIsNamed) {
  const std::string message = error_of([] { open_warehouse("clickhouse://luckyhub@127.0.0.1:1/luckyhub"); });
  EXPECT_NE(message.find("cannot reach ClickHouse at luckyhub@127.0.0.1:1"), std::string::npos) << message;
}

TEST(ClickHouseServer, MissingWarehouseSaysHowToBuildOne) {
  const std::string message = error_of([] { open_warehouse(location("no_such_warehouse")); });
  EXPECT_NE(message.find("does not exist"), std::string::npos) << message;
}

TEST(ClickHouseServer, ALoadThatIsNotCommittedLeavesThePreviousOne) {
  const std::string where = location("atomic_" + std::to_string(::getpid()));
  build_tiny(where, 100);
  {
    auto writer = create_warehouse(where);
    const TableDef& shop = SchemaCatalog::builtin().table("luckyus_opshop", "t_shop_info");
    writer->create_table(shop);
    auto sink = writer->open_sink(shop);
    sink->set_int(sink->col("id"), 1);
    sink->end_row();
    sink->finish();
    // destroyed without commit(): a crash or an error half-way
  }
  EXPECT_EQ(first_shop(where), 100);
  build_tiny(where, 200);  // a committed load replaces it
  EXPECT_EQ(first_shop(where), 200);
  // Only the current generation's database is left.
  auto wh = open_warehouse(where);
  const std::string prefix = "atomic_" + std::to_string(::getpid()) + "__";
  EXPECT_EQ(wh->query("SELECT COUNT(*) FROM system.databases WHERE startsWith(name, ?)", {prefix}).int_at(0, 0), 1);
}

TEST(ClickHouseServer, AnOpenReaderFollowsANewLoad) {
  const std::string where = location("follow_" + std::to_string(::getpid()));
  build_tiny(where, 100);
  auto reader = open_warehouse(where);
  EXPECT_EQ(reader->query("SELECT MIN(id) FROM opshop__t_shop_info").int_at(0, 0), 100);
  build_tiny(where, 300);  // drops the generation the reader had
  EXPECT_EQ(reader->query("SELECT MIN(id) FROM opshop__t_shop_info").int_at(0, 0), 300);
  EXPECT_EQ(reader->query_all({{"SELECT MAX(id) FROM opshop__t_shop_info", {}}}).at(0).int_at(0, 0), 302);
}

TEST(ClickHouseServer, ATableWithAnUnexpectedSchemaIsRefusedByName) {
  const std::string where = location("altered_" + std::to_string(::getpid()));
  build_tiny(where, 1);
  auto* wh = dynamic_cast<clickhouse::ClickHouseWarehouse*>(open_warehouse(where).release());
  ASSERT_NE(wh, nullptr);
  const std::string generation = wh->generation();
  delete wh;
  Admin().client.execute("ALTER TABLE " + generation + ".opshop__t_shop_info MODIFY COLUMN tenant Nullable(Int64)");
  const std::string message = error_of([&] { open_warehouse(where); });
  EXPECT_NE(message.find("opshop__t_shop_info.tenant is Nullable(Int64)"), std::string::npos) << message;
}

TEST(ClickHouseServer, SomeoneElsesDatabaseIsLeftAlone) {
  const std::string database = "foreign_" + std::to_string(::getpid());
  Admin admin;
  admin.client.execute("CREATE DATABASE " + database);
  admin.client.execute("CREATE TABLE " + database + "._luckyhub_generations (x UInt8) ENGINE = Memory");
  admin.client.execute("INSERT INTO " + database + "._luckyhub_generations VALUES (7)");
  const std::string message = error_of([&] { create_warehouse(location(database)); });
  EXPECT_NE(message.find("unexpected schema"), std::string::npos) << message;
  EXPECT_EQ(admin.client.query("SELECT x FROM " + database + "._luckyhub_generations").int_at(0, 0), 7);
  EXPECT_NE(error_of([&] { open_warehouse(location(database)); }).find("does not exist"), std::string::npos);
}

}  // namespace
}  // namespace luckyhub
